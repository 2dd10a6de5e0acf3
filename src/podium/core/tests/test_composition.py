"""Panel composition: the Panel Parity Pledge warning and the regional spread."""

from __future__ import annotations

from podium.core.composition import (
    NO_MODERATOR,
    NOT_A_STATE,
    ONE_REGION,
    POSSIBLY_SINGLE_SEX,
    SINGLE_SEX,
    Panel,
    Panelist,
    check_panel,
    check_session,
    region_of,
)


def _panel(*members: Panelist, number: int | None = 1) -> Panel:
    return Panel(number, "Panel", members)


def test_all_male_panel_is_warned() -> None:
    report = check_panel(
        _panel(
            Panelist("A", "moderator", "male", "MEX"),
            Panelist("B", "expert", "male", "IOM"),
            Panelist("C", "expert", "male", "DEU"),
        )
    )
    assert report.single_sex
    assert [(w.code, w.detail) for w in report.warnings] == [(SINGLE_SEX, "male")]
    assert report.genders == {"female": 0, "male": 3, "other": 0, "undeclared": 0}


def test_mixed_panel_is_not_warned_and_undeclared_is_never_guessed() -> None:
    mixed = check_panel(
        _panel(Panelist("A", "moderator", "female", "MEX"), Panelist("B", "expert", "male", "NGA"))
    )
    assert mixed.warnings == ()
    partly = check_panel(
        _panel(Panelist("A", "moderator", "female", "MEX"), Panelist("B", "expert", None, "NGA"))
    )
    assert [w.code for w in partly.warnings] == [POSSIBLY_SINGLE_SEX]
    assert not partly.single_sex


def test_regional_spread_uses_election_groups() -> None:
    assert region_of("TUR") == "WEOG"
    assert region_of("USA") == "WEOG"
    assert region_of("KIR") == "no-group"
    assert region_of("IOM") == NOT_A_STATE
    assert region_of(None) == NOT_A_STATE
    report = check_panel(
        _panel(
            Panelist("A", "moderator", "female", "DEU"),
            Panelist("B", "expert", "male", "FRA"),
            Panelist("C", "expert", "female", "UNHCR"),
        )
    )
    assert report.regions == {"WEOG": 2, NOT_A_STATE: 1}
    assert [(w.code, w.detail) for w in report.warnings] == [(ONE_REGION, "WEOG")]


def test_session_spread_counts_each_person_once_and_missing_moderator() -> None:
    moderator = Panelist("A", "moderator", "female", "BGD")
    panels = [
        _panel(moderator, Panelist("B", "expert", "male", "NGA"), number=1),
        _panel(Panelist("C", "expert", "female", "MEX"), number=2),
        _panel(moderator, Panelist("D", "thematic_expert", "male", None), number=None),
    ]
    report = check_session(panels)
    assert report.regions == {"AFRICAN": 1, "APG": 1, "GRULAC": 1, NOT_A_STATE: 1}
    assert report.genders["female"] == 2 and report.genders["male"] == 2
    assert (NO_MODERATOR, 2) in [(w.code, w.panel) for w in report.warnings]
