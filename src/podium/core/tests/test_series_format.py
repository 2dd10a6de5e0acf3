"""What the series' real sessions need of the session file (issue 14): several moderators on a
panel, people on any segment, the other kinds of segment, who may moderate, and checks that
report every problem once, where it is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from podium.core import programme as core
from podium.core import sessionfile

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"

BASE = """
slug: its5
title: Fifth informal thematic session
time_zone: Europe/Vienna
co_chairs: [{name: Juan José Gómez Camacho, entity: MEX}, {name: Jürg Lauber, entity: CHE}]
panels:
  - number: 1
    title: Panel one
    moderator: {name: M One, entity: FRA}
    experts: [E1]
  - number: 2
    title: Panel two
    moderators:
      - {name: Moderator A, entity: AUT}
      - {name: Moderator B, entity: AUS}
    experts: [E2]
days:
  - date: 2017-09-04
    blocks: ["09:00-09:50", "10:00-13:00", "15:00-18:00"]
    segments:
      - {time: "09:00-09:50", kind: stakeholder_dialogue, title: Stakeholder dialogue}
      - time: "10:00-10:20"
        kind: ceremony
        title: Opening
        speakers:
          - {name: Miroslav Lajčák, title: President of the General Assembly, role: opening}
          - {name: Louise Arbour, title: Secretary-General of the conference, role: issue brief}
      - {time: "10:20-13:00", kind: expert_panel, panel: 1}
      - {time: "13:00-15:00", kind: lunch}
      - {time: "15:00-18:00", kind: expert_panel, panel: 2}
"""


def check(text: str) -> sessionfile.Parsed:
    return sessionfile.check_text(text)


def messages(parsed: sessionfile.Parsed) -> list[str]:
    return [p.format("f") for p in parsed.problems]


def test_two_moderators_people_on_segments_and_a_stakeholder_dialogue() -> None:
    parsed = check(BASE)
    assert parsed.ok, messages(parsed)
    p = parsed.programme
    assert p is not None
    panel2 = p.panel(2)
    assert panel2 is not None
    assert [m.entity for m in panel2.moderators] == ["AUT", "AUS"]
    assert panel2.moderator.entity == "AUT"  # the one-person reading stays
    opening = p.days[0].segments[1]
    assert [s.name for s in opening.speakers] == ["Miroslav Lajčák", "Louise Arbour"]
    assert opening.speakers[0].role == "opening"
    # planned speakers get slots (the console's planned speakers)
    assert [(s.role, s.speaker.name if s.speaker else "") for s in p.slots(opening)] == [
        ("speaker", "Miroslav Lajčák"),
        ("speaker", "Louise Arbour"),
    ]
    # two moderators: the first opens, the second concludes; both are the panel's people
    slots2 = p.slots(p.days[0].segments[4])
    assert slots2[0].speaker == panel2.moderators[0]
    assert slots2[-1].speaker == panel2.moderators[1]
    assert {m.name for m in p.people_of(p.days[0].segments[4])} >= {"Moderator A", "Moderator B"}
    # the summary panel's moderators would be every panel's moderators
    assert [m.entity for m in p.summary_moderators()] == ["FRA", "AUT", "AUS"]


def test_the_round_trip_keeps_moderators_speakers_and_kinds() -> None:
    parsed = check(BASE)
    assert parsed.programme is not None
    again = sessionfile.parse(sessionfile.dump(parsed.programme))
    assert again.problems == [] and again.programme == parsed.programme
    text = sessionfile.dump(parsed.programme)
    assert "moderators:" in text  # panel 2's two
    assert "moderator:" in text  # panel 1's one, in the one-person form
    assert "stakeholder_dialogue" in text and "role: opening" in text


def test_every_new_kind_is_known_and_other_needs_a_title() -> None:
    for kind in ("registration", "ceremony", "stakeholder_dialogue", "concluding_panel"):
        assert kind in core.SEGMENT_KINDS
    text = BASE.replace(
        '- {time: "09:00-09:50", kind: stakeholder_dialogue, title: Stakeholder dialogue}',
        '- {time: "09:00-09:50", kind: other}',
    )
    parsed = check(text)
    assert any("an 'other' segment needs a title" in m for m in messages(parsed))


def test_an_unknown_kind_is_an_error_and_the_segment_still_counts_for_overlaps() -> None:
    text = BASE.replace(
        '- {time: "13:00-15:00", kind: lunch}', '- {time: "12:50-15:00", kind: luncheon}'
    )
    found = messages(check(text))
    assert any("unknown segment kind 'luncheon'" in m for m in found), found
    assert any("overlaps 10:20–13:00" in m for m in found), found


def test_who_may_moderate_is_the_formats_choice() -> None:
    """A/RES/71/280 ¶17: moderators are Member States, unless the format says otherwise (the
    hearing: a UN official; the stocktaking meeting: a co-facilitator)."""
    hearing = BASE.replace(
        "moderator: {name: M One, entity: FRA}", "moderator: {name: K. Gilmore, entity: OHCHR}"
    )
    found = messages(check(hearing))
    assert any("panel 1 must represent a Member State" in m for m in found), found
    allowed = hearing.replace(
        "time_zone: Europe/Vienna",
        "time_zone: Europe/Vienna\nformat: {moderators_may_be: [member_state, un_entity]}",
    )
    parsed = check(allowed)
    assert parsed.ok, messages(parsed)
    assert parsed.programme is not None
    assert parsed.programme.moderators_may_be == ("member_state", "un_entity")
    by_chair = BASE.replace(
        "moderator: {name: M One, entity: FRA}", "moderator: {name: Jürg Lauber, entity: CHE}"
    ).replace(
        "time_zone: Europe/Vienna",
        "time_zone: Europe/Vienna\nformat: {moderators_may_be: [co_chair]}",
    )
    found = messages(check(by_chair))
    assert not any("panel 1 must" in m for m in found), found  # a co-chair moderates panel 1
    assert any("panel 2 must be a co-chair" in m for m in found), found  # AUT/AUS are not
    bad = BASE.replace(
        "time_zone: Europe/Vienna",
        "time_zone: Europe/Vienna\nformat: {moderators_may_be: [anyone]}",
    )
    assert any("unknown kind of moderator 'anyone'" in m for m in messages(check(bad)))


def test_the_stakeholders_line_may_come_first() -> None:
    text = BASE.replace(
        "time_zone: Europe/Vienna",
        "time_zone: Europe/Vienna\nfloor: {rounds: [stakeholders, member-states, panelists]}",
    )
    parsed = check(text)
    assert parsed.ok, messages(parsed)
    assert parsed.programme is not None and parsed.programme.floor.rounds[0] == "stakeholders"


def test_a_day_or_a_block_left_empty_and_a_gap_inside_a_block_are_warned_about() -> None:
    text = (
        BASE.replace(
            '      - {time: "15:00-18:00", kind: expert_panel, panel: 2}',
            '      - {time: "15:30-18:00", kind: expert_panel, panel: 2}',
        )
        + """  - date: 2017-09-05
    blocks: ["10:00-13:00"]
"""
    )
    text = text.replace(
        'blocks: ["09:00-09:50", "10:00-13:00", "15:00-18:00"]',
        'blocks: ["09:00-09:50", "10:00-13:00", "15:00-18:00", "18:30-19:00"]',
    )
    parsed = check(text)
    assert parsed.ok, messages(parsed)  # warnings, not errors
    warnings = [p.message for p in parsed.warnings]
    assert any(
        "15:00–15:30 of the meeting block 15:00–18:00 is left without a segment" in w
        for w in warnings
    ), warnings
    assert any("meeting block 18:30–19:00 on 2017-09-04 has no segment" in w for w in warnings), (
        warnings
    )
    assert any("2017-09-05 has no segment" in w for w in warnings), warnings


def test_one_mistake_gives_one_error_and_a_segment_reports_every_problem() -> None:
    bad_date = BASE.replace("date: 2017-09-04", "date: 2017-09-31")
    found = messages(check(bad_date))
    assert [m for m in found if "error" in m or "warning" not in m] == [
        m for m in found if "bad date '2017-09-31'" in m
    ], found  # not also "the session has no day" nor "panel 1 has no segment"
    two = BASE.replace(
        '- {time: "10:20-13:00", kind: expert_panel, panel: 1}',
        '- {time: "10:20-25:00", kind: expert_panl, panel: one}',
    )
    found = messages(check(two))
    for expected in (
        "bad time '25:00'",
        "unknown segment kind 'expert_panl'",
        "panel must be a whole number",
    ):
        assert any(expected in m for m in found), (expected, found)
    assert not any("panel 1 has no segment" in m for m in found), found


def test_problems_come_in_line_order_warnings_among_errors() -> None:
    text = BASE.replace(
        "date: 2017-09-04", "date: 2017-09-04\n    side_event_windows: ['13:30-14:00']"
    ).replace("experts: [E2]", "experts: [E2]\n    floor: {rounds: [everyone]}")
    parsed = check(text)
    lines = [p.line or 0 for p in parsed.problems]
    assert lines == sorted(lines) and parsed.warnings and parsed.errors


def test_a_panel_with_moderator_and_moderators_is_refused() -> None:
    text = BASE.replace(
        "    moderators:\n", "    moderator: {name: X, entity: AUT}\n    moderators:\n"
    )
    assert any("either moderator (one) or moderators" in m for m in messages(check(text)))


def test_moderators_replace_keeps_equality() -> None:
    panel = core.Panel(1, "P", moderators=(core.Person("A", "FRA"),))
    assert replace(panel) == panel and panel.moderator == core.Person("A", "FRA")
    assert core.Panel(2, "Q").moderator == core.Person()


def test_a_number_written_with_other_digits_is_a_problem_at_its_line_not_a_crash() -> None:
    """A superscript "²" passes str.isdigit() and then breaks int(); 5,000 nines break int() too
    (Python's limit on digits). Both are problems at their line, as any bad value is."""
    text = SEED.read_text(encoding="utf-8")
    for bad in ('"²"', "9" * 5000, '"١"'):
        edited = text.replace("  - number: 1\n", f"  - number: {bad}\n", 1)
        assert edited != text
        parsed = sessionfile.check_text(edited)
        line = edited.splitlines().index(f"  - number: {bad}") + 1
        assert any(p.line == line and "whole number" in p.message for p in parsed.errors), bad
    limit = text.replace("  intervention: 3 ", "  intervention: ² ", 1)
    assert limit != text and sessionfile.check_text(limit).errors


def test_nested_aliases_are_walked_once_when_lines_are_mapped_to_fields() -> None:
    """An alias (*a) is the node it names: walked once, at its own place. Followed each time, a
    "billion laughs" file (levels of ten aliases) is 10^levels nodes to walk as one types on the
    desk, and a line is credited to the deepest path through the aliases instead of its own."""
    levels = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 4))
    bomb = 'slug: x\na0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + levels
    paths = sessionfile.paths_by_line(bomb)
    assert paths[1] == "slug" and paths[2] == "a0.0" and paths[3] == "a1"
