"""A session may have no summary panel, one (`summary_panel:`) or several (`summary_panels:`,
numbered, each held by a summary_panel segment that names it with `panel:`)."""

from __future__ import annotations

import yaml

from podium.core import programme as core
from podium.core import sessionfile
from podium.core.tests.test_series_format import BASE

TWO = (
    BASE
    + """
  - date: 2017-09-05
    blocks: ["10:00-13:00", "15:00-18:00"]
    segments:
      - {time: "10:00-13:00", kind: summary_panel, panel: 1}
      - {time: "13:00-15:00", kind: lunch}
      - {time: "15:00-18:00", kind: summary_panel, panel: 2}
summary_panels:
  - number: 1
    title: {en: Morning summary, fr: Synthèse du matin}
    moderators: [{name: M One, entity: FRA}]
    thematic_expert: {name: Expert Morning}
    limits: {summary_moderator: 10}
  - number: 2
    title: Afternoon summary
    moderators: [{name: Moderator A, entity: AUT}, {name: Moderator B, entity: AUS}]
    thematic_expert: {name: Expert Afternoon}
    floor: {intervention: 2}
"""
)


def messages(parsed: sessionfile.Parsed) -> list[str]:
    return [p.format("f") for p in parsed.problems]


def test_two_summary_panels_each_with_its_people_limits_and_floor() -> None:
    parsed = sessionfile.check_text(TWO)
    assert parsed.ok, messages(parsed)
    p = parsed.programme
    assert p is not None
    morning, afternoon = (s for s in p.segments if s.kind == "summary_panel")
    assert p.segment_title(morning) == "Morning summary"
    assert p.segment_title(afternoon) == "Afternoon summary"
    assert [s.speaker.name for s in p.slots(afternoon) if s.speaker] == [
        "Moderator A",
        "Moderator B",
        "Expert Afternoon",
    ]
    assert p.slots(morning)[0].limit == core.Limit(10, 10)  # its own limit…
    assert p.slots(afternoon)[0].limit == core.Limit(15, 15)  # …the other keeps the default
    assert p.floor_options_of(afternoon).intervention == core.Limit(2, 2)
    assert p.floor_options_of(morning).intervention == p.floor.intervention
    assert core.localized(p, "fr").summary_panel(1).title == "Synthèse du matin"  # type: ignore[union-attr]


def test_several_summary_panels_export_and_read_back_the_same() -> None:
    p = sessionfile.parse(TWO).programme
    assert p is not None
    data = sessionfile.to_data(p)
    assert "summary_panel" not in data and [x["number"] for x in data["summary_panels"]] == [1, 2]
    again = sessionfile.parse(yaml.safe_dump(data, allow_unicode=True)).programme
    assert again is not None and sessionfile.to_data(again) == data


def test_one_summary_panel_keeps_the_one_panel_form() -> None:
    one = (
        BASE.replace(
            '      - {time: "15:00-18:00", kind: expert_panel, panel: 2}',
            '      - {time: "15:00-16:00", kind: expert_panel, panel: 2}\n'
            '      - {time: "16:00-18:00", kind: summary_panel}',
        )
        + "summary_panel: {title: The summary, thematic_expert: TBC}\n"
    )
    parsed = sessionfile.check_text(one)
    assert parsed.programme is not None
    assert not [x for x in parsed.problems if x.severity == "error"], messages(parsed)
    data = sessionfile.to_data(parsed.programme)
    assert data["summary_panel"]["title"] == "The summary" and "summary_panels" not in data


def test_a_session_without_summary_panel_passes() -> None:
    parsed = sessionfile.check_text(BASE)
    assert parsed.ok, messages(parsed)
    assert parsed.programme is not None and parsed.programme.summary_panel() is None


def test_what_is_wrong_with_several_summary_panels_is_said_at_its_line() -> None:
    lines = TWO.splitlines()
    bad = TWO.replace(
        '      - {time: "15:00-18:00", kind: summary_panel, panel: 2}',
        '      - {time: "15:00-18:00", kind: summary_panel}',
    )
    found = messages(sessionfile.check_text(bad))
    at = lines.index('      - {time: "15:00-18:00", kind: summary_panel, panel: 2}') + 1
    assert any(m.startswith(f"f:{at}:") and "say which one" in m for m in found), found
    assert any("summary panel 2 is defined but has no segment" in m for m in found), found

    found = messages(
        sessionfile.check_text(
            TWO.replace("kind: summary_panel, panel: 2", "kind: summary_panel, panel: 3")
        )
    )
    assert any("summary panel 3 is not defined under summary_panels" in m for m in found), found

    found = messages(
        sessionfile.check_text(
            TWO.replace(
                "  - number: 2\n    title: Afternoon", "  - number: 1\n    title: Afternoon"
            )
        )
    )
    assert any("summary panel 1 is defined twice" in m for m in found), found

    both = TWO + "summary_panel: {title: X}\n"
    found = messages(sessionfile.check_text(both))
    assert any("either summary_panel (one) or summary_panels (a list)" in m for m in found), found

    no_number = TWO.replace("  - number: 2\n    title: Afternoon", "  - title: Afternoon")
    found = messages(sessionfile.check_text(no_number))
    assert any("a summary panel of summary_panels needs a number" in m for m in found), found
