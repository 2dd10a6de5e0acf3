"""The programme rules and time budget on the seed session file and broken copies of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.core import programme as core
from podium.core import sessionfile

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def broken(old: str, new: str, count: int = 1) -> tuple[str, int]:
    """The seed with `old` replaced by `new`, and the line where `new` first appears."""
    assert old in SEED_TEXT, old
    text = SEED_TEXT.replace(old, new, count)
    offset = text.index(new)
    return text, text.count("\n", 0, offset) + 1


def errors_at(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in sessionfile.check_text(text).errors:
        out.setdefault(p.line or 0, []).append(p.message)
    return out


def test_seed_is_valid_with_warnings_for_its_own_inconsistencies() -> None:
    parsed = sessionfile.check(SEED)
    assert parsed.ok, [p.format("seed") for p in parsed.errors]
    warnings = [p.message for p in parsed.warnings]
    assert sum("13:15–14:45 differs from the lunch break 13:00–15:00" in w for w in warnings) == 2
    assert any("ends at 17:50 and its block at 18:00" in w for w in warnings)


def test_seed_holds_the_notes_facts() -> None:
    p = sessionfile.check(SEED).programme
    assert p is not None
    assert (p.city, p.time_zone) == ("New York", "America/New_York")
    assert "ECOSOC Chamber" in p.venue
    assert [d.date for d in p.days] == [date(2017, 5, 22), date(2017, 5, 23)]
    assert all(
        [(b.start, b.end) for b in d.blocks] == [(time(10), time(13)), (time(15), time(18))]
        for d in p.days
    )
    assert [x.number for x in p.panels] == [1, 2, 3]
    assert p.panels[1].title == "Human-made crises as drivers of migration"
    assert all(len(x.experts) == 3 for x in p.panels)
    assert p.summary_panel() is not None and len(p.summary_moderators()) == 3
    assert p.floor == core.FloorOptions(
        core.Limit(3, 3), False, ("member-states", "panelists", "stakeholders", "panelists")
    )
    kinds = [s.kind for s in p.days[1].segments]
    assert kinds == ["welcome", "expert_panel", "lunch", "summary_panel", "conclusions", "closing"]


def test_panel_one_budget_matches_the_note() -> None:
    p = sessionfile.check(SEED).programme
    assert p is not None
    panel1 = next(b for b in core.budget(p) if b.panel_number == 1)
    assert panel1.length == 165
    assert panel1.fixed == core.Limit(29, 35)
    assert panel1.floor == core.Limit(130, 136)
    assert panel1.interventions == core.Limit(43, 45)


def test_limits_are_overridable_per_file_and_per_panel() -> None:
    text = SEED_TEXT.replace("  expert: 5-7\n", "  expert: 4-6\n").replace(
        "    experts: [TBC, TBC, TBC]\n  - number: 2",
        "    experts: [TBC, TBC, TBC]\n    floor: {intervention: 2}\n  - number: 2",
    )
    p = sessionfile.check_text(text).programme
    assert p is not None
    panel1 = next(b for b in core.budget(p) if b.panel_number == 1)
    assert panel1.fixed == core.Limit(26, 32)
    assert panel1.interventions == core.Limit(133 // 2, 139 // 2)
    assert p.floor_options(1).intervention == core.Limit(2, 2)
    assert p.floor_options(2).intervention == core.Limit(3, 3)
    assert p.floor_options(summary=True).rounds == p.floor.rounds


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    experts: [TBC, TBC, TBC]\n",
            "    experts: [TBC, TBC, TBC]\n    colour: blue\n",
            "unknown key 'colour'",
        ),
        ('time: "10:15-13:00"', 'time: "10:15-13:70"', "bad time"),
        ("- date: 2017-05-22", "- date: 2017-05-32", "bad date"),
        ('time: "10:15-13:00"', 'time: "10:05-13:00"', "overlaps"),
        ('time: "17:50-18:00"', 'time: "17:50-18:10"', "outside the meeting blocks"),
        (
            'time: "10:15-13:00"\n        kind: expert_panel\n        panel: 1',
            'time: "10:15-10:40"\n        kind: expert_panel\n        panel: 1',
            "need 29–35 min but the segment lasts 25",
        ),
        (
            "    - {name: TBC, entity: FJI}",
            "    - {name: TBC, entity: KEN}",
            "summary panel's moderators must be the panels' moderators",
        ),
        (
            "moderator: {name: TBC, entity: BGD}",
            "moderator: {name: TBC, entity: IOM}",
            "must represent a Member State, but IOM is a igo",
        ),
        (
            "moderator: {name: TBC, entity: BGD}",
            "moderator: {name: TBC, entity: PSE}",
            "but PSE is a observer-state",
        ),
        (
            "moderator: {name: TBC, entity: BGD}",
            "moderator: {name: TBC, entity: XXX}",
            "but XXX is an unknown entity",
        ),
        (
            'side_event_windows: ["13:15-14:45"]',
            'side_event_windows: ["12:30-13:30"]',
            "outside the lunch break",
        ),
        (
            'side_event_windows: ["13:15-14:45"]',
            'side_event_windows: ["21:30-22:30"]',
            "outside the day",
        ),
        (
            "co_chairs:            # the co-facilitators of the intergovernmental negotiations\n  - {name: TBC, entity: MEX}\n  - {name: TBC, entity: CHE}",
            "co_chairs: []",
            "a co-chair is missing",
        ),
        ("time_zone: America/New_York", "time_zone: America/Nowhere", "unknown time zone"),
        ("        panel: 3", "        panel: 7", "panel 7 is not defined"),
    ],
)
def test_each_error_is_reported_at_its_line(old: str, new: str, expected: str) -> None:
    text, line = broken(old, new)
    found = errors_at(text)
    if "unknown key" in expected:
        line += 1
    if "is not defined" in expected:  # reported at the segment, two lines above its panel key
        line -= 2
    assert any(expected in m for m in found.get(line, [])), (line, found)


def test_yaml_syntax_error_has_a_line() -> None:
    text, line = broken("  - number: 2\n", "  - number: 2\n   title: [unclosed\n")
    problems = sessionfile.check_text(text).errors
    assert problems and problems[0].message.startswith("not valid YAML")
    assert problems[0].line is not None and problems[0].line >= line


def test_problem_format_is_file_line_message() -> None:
    text, line = broken('time: "17:50-18:00"', 'time: "17:50-18:10"')
    lines = [p.format("x.yaml") for p in sessionfile.check_text(text).errors]
    assert any(x.startswith(f"x.yaml:{line}: segment 17:50–18:10") for x in lines), lines


GENEVA = (
    """
slug: geneva-four-panels
title: A four-panel, three-day session
series: Test series
venue: Palais des Nations, Room XX
city: Geneva
time_zone: Europe/Zurich
co_chairs: [{name: A. Chair, entity: CHE}, {name: B. Chair, entity: GHA}]
limits: {expert: 4-6}
floor: {intervention: 2, pre_inscribed_list: true, rounds: [member-states, stakeholders]}
panels:
"""
    + "".join(
        f"""  - number: {n}
    title: Panel {n}
    moderator: {{name: M{n}, entity: {code}, gender: f}}
    experts: [E{n}a, E{n}b]
"""
        for n, code in [(1, "FRA"), (2, "KEN"), (3, "BRA"), (4, "IND")]
    )
    + """summary_panel:
  title: Summary
  thematic_expert: T. Expert
days:
  - date: 2026-03-10
    blocks: ["10:00-13:00", "15:00-18:00"]
    segments:
      - {time: "10:00-10:10", kind: welcome}
      - {time: "10:10-13:00", kind: expert_panel, panel: 1}
      - {time: "15:00-18:00", kind: expert_panel, panel: 2}
  - date: 2026-03-11
    blocks: ["10:00-13:00", "15:00-18:00"]
    side_event_windows: ["13:00-15:00", "18:15-19:45"]
    segments:
      - {time: "10:00-13:00", kind: expert_panel, panel: 3}
      - {time: "13:00-15:00", kind: lunch, side_events: true}
      - {time: "15:00-18:00", kind: expert_panel, panel: 4}
  - date: 2026-03-12
    blocks: ["10:00-13:00"]
    segments:
      - {time: "10:00-12:30", kind: summary_panel}
      - {time: "12:30-12:50", kind: conclusions}
      - {time: "12:50-13:00", kind: closing}
"""
)


def test_four_panel_three_day_geneva_session() -> None:
    parsed = sessionfile.check_text(GENEVA)
    assert parsed.ok, [p.format("g") for p in parsed.problems]
    assert parsed.warnings == []
    p = parsed.programme
    assert p is not None and len(p.panels) == 4 and len(p.days) == 3
    assert len(p.summary_moderators()) == 4
    summary = next(b for b in core.budget(p) if b.kind == "summary_panel")
    assert summary.fixed == core.Limit(75, 75)  # four moderators and the thematic expert
    assert summary.interventions == core.Limit(37, 37)  # 75 min left, 2-min interventions
    panel1 = next(b for b in core.budget(p) if b.panel_number == 1)
    assert panel1.fixed == core.Limit(22, 26)
    assert p.floor.pre_inscribed_list is True


# --- round trip over generated programmes ------------------------------------------------

names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s.strip() != "" and s.upper() not in {"TBC", "TBD"})
states = st.sampled_from(["MEX", "CHE", "FRA", "KEN", "BRA", "IND", "FJI", "GHA", "BGD"])
people = st.builds(
    core.Person,
    name=names,
    entity=st.one_of(st.none(), states),
    gender=st.sampled_from([None, "f", "m", "x"]),
)


speakers = st.builds(
    core.Person,
    name=names,
    entity=st.one_of(st.none(), states),
    title=st.one_of(st.none(), names),
    role=st.one_of(st.none(), names),
)


@st.composite
def programmes(draw: st.DrawFn) -> core.Programme:
    n_panels = draw(st.integers(1, 5))
    n_days = draw(st.integers(1, 3))
    panels = tuple(
        core.Panel(
            number=i + 1,
            title=draw(names),
            description=draw(
                st.text(
                    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200
                ).map(str.strip)
            ),
            moderators=tuple(
                core.Person(draw(names), draw(states))
                for _ in range(draw(st.integers(1, 2)) if i == 0 else 1)  # two on panel 1
            ),
            experts=tuple(draw(st.lists(people, max_size=4))),
        )
        for i in range(n_panels)
    )
    # one panel per half day, the summary on the last day's last block
    slots = [(d, b) for d in range(n_days) for b in (0, 1)]
    assume_ok = len(slots) >= n_panels + 1
    if not assume_ok:
        n_days = (n_panels + 2) // 2
        slots = [(d, b) for d in range(n_days) for b in (0, 1)]
    days = []
    index = 0
    for d in range(n_days):
        segs = []
        for b in (0, 1):
            start = time(10) if b == 0 else time(15)
            end = time(13) if b == 0 else time(18)
            if index < n_panels:
                segs.append(core.Segment("expert_panel", start, end, panel_number=index + 1))
            elif index == n_panels:
                segs.append(
                    core.Segment("summary_panel", start, time(end.hour - 1), title=draw(names))
                )
                segs.append(
                    core.Segment(
                        "closing",
                        time(end.hour - 1),
                        end,
                        speakers=tuple(draw(st.lists(speakers, max_size=2))),
                    )
                )
            index += 1
            if b == 0:
                segs.append(
                    core.Segment("lunch", time(13), time(15), side_events=draw(st.booleans()))
                )
        days.append(
            core.Day(
                date(2030, 1, 7 + d),
                (core.Block(time(10), time(13)), core.Block(time(15), time(18))),
                tuple(segs),
            )
        )
    limits = tuple(
        draw(
            st.dictionaries(
                st.sampled_from(sorted(core.DEFAULT_LIMITS)),
                st.integers(1, 9).map(lambda m: core.Limit(m, m + 1)),
                max_size=3,
            )
        ).items()
    )
    limits = tuple(sorted(limits))
    return core.Programme(
        slug=draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        title=draw(names),
        time_zone=draw(
            st.sampled_from(["America/New_York", "Europe/Zurich", "Asia/Bangkok", "UTC"])
        ),
        days=tuple(days),
        theme=draw(
            st.text(
                alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80
            ).map(str.strip)
        ),
        venue=draw(names),
        city=draw(names),
        co_chairs=tuple(draw(st.lists(people, min_size=1, max_size=2))),
        panels=panels,
        summary_panels=(core.SummaryPanel(title=draw(names), thematic_expert=draw(people)),),
        limits=limits,
        floor=core.FloorOptions(
            core.Limit(draw(st.integers(1, 4)), 4),
            draw(st.booleans()),
            tuple(draw(st.lists(st.sampled_from(core.ROUND_KINDS), max_size=4))),
        ),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_dump_then_parse_gives_the_same_programme(p: core.Programme) -> None:
    parsed = sessionfile.parse(sessionfile.dump(p))
    assert parsed.problems == []
    assert parsed.programme == replace(p)


def test_zone_named_falls_back_to_utc_for_empty_or_unknown_names() -> None:
    assert core.zone_named("America/Santiago").key == "America/Santiago"
    assert core.zone_named("").key == "UTC"
    assert core.zone_named(None).key == "UTC"
    assert core.zone_named("Not/AZone").key == "UTC"


def test_placeholder_names_are_not_people() -> None:
    assert all(core.is_placeholder(n) for n in ("TBC", " tbd ", "", None))
    assert not core.is_placeholder("Ana Pérez")
    assert core.Person().is_tbc and not core.Person(name="Ana Pérez").is_tbc


def test_a_segment_without_a_title_of_its_own_or_of_a_panel_is_named_by_its_kind() -> None:
    p = sessionfile.check(SEED).programme
    assert p is not None
    lunch = next(s for s in p.segments if s.kind == "lunch")
    panel = next(s for s in p.segments if s.kind == "expert_panel")
    untitled = replace(lunch, title="")
    assert p.named_title(untitled) is None and p.segment_title(untitled) == "Lunch"
    first_panel = p.panel(1)
    assert first_panel is not None and panel.panel_number == 1
    assert p.named_title(panel) == p.segment_title(panel) == first_panel.title


def test_a_session_file_may_give_the_observers_a_round_of_their_own() -> None:
    old = "rounds: [member-states, panelists, stakeholders, panelists]"
    parsed = sessionfile.check_text(
        SEED_TEXT.replace(old, "rounds: [member-states, observers, stakeholders]")
    )
    assert not parsed.errors, parsed.errors
    assert parsed.programme is not None
    assert parsed.programme.floor.rounds == ("member-states", "observers", "stakeholders")


def test_a_time_zone_is_one_of_the_databases_names() -> None:
    """ "America" is a directory of the zone database: it was an IsADirectoryError, not a problem
    at its line."""
    text, line = broken("time_zone: America/New_York", "time_zone: America")
    assert any("unknown time zone" in m for m in errors_at(text)[line])
    assert core.known_zone("America") is None and core.known_zone("x" * 300) is None
    assert core.known_zone("Europe/Geneva") is None  # not a name either (Europe/Zurich is)
    assert str(core.known_zone("Europe/Zurich")) == "Europe/Zurich"
