"""The reference data: 193 Member States + 2 observer States, their names, codes and groups."""

from __future__ import annotations

import pycountry
import pytest

from podium.core.entities import REGIONAL_GROUPS, all_entities, counted_group, groups_of, lookup


def test_counts_193_member_states_and_2_observer_states() -> None:
    assert len(all_entities("member-state")) == 193
    observers = all_entities("observer-state")
    assert sorted(e.name for e in observers) == ["Holy See", "State of Palestine"]


def test_regional_group_sizes() -> None:
    sizes = {code: len(lookup(code).members) for code in REGIONAL_GROUPS}  # type: ignore[union-attr]
    # Türkiye is counted in both APG and WEOG; Kiribati in none; the United States observes WEOG.
    assert sizes == {"AFRICAN": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 28}
    assert lookup("WEOG").observers == ("USA",)  # type: ignore[union-attr]
    in_a_group = {m for code in REGIONAL_GROUPS for m in lookup(code).members}  # type: ignore[union-attr]
    assert len(in_a_group) == 193 - 2  # all but Kiribati and the United States


def test_known_exceptions() -> None:
    kiribati = lookup("KIR")
    assert kiribati is not None and kiribati.groups == () and kiribati.election_group is None
    turkiye = lookup("tur")
    assert turkiye is not None
    assert turkiye.name == "Türkiye"
    assert turkiye.groups == ("APG", "WEOG") and turkiye.election_group == "WEOG"
    usa = lookup("USA")
    assert usa is not None and usa.groups == () and usa.observes == ("WEOG",)
    assert usa.election_group == "WEOG"
    israel = lookup("ISR")
    assert israel is not None and israel.groups == ("WEOG",)
    for code in ("VAT", "PSE"):
        record = lookup(code)
        assert record is not None and record.kind == "observer-state" and record.groups == ()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("CIV", "Côte d'Ivoire"),
        ("PRK", "Democratic People's Republic of Korea"),
        ("KOR", "Republic of Korea"),
        ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
        ("USA", "United States of America"),
        ("BOL", "Bolivia (Plurinational State of)"),
        ("VEN", "Venezuela (Bolivarian Republic of)"),
        ("IRN", "Iran (Islamic Republic of)"),
        ("TZA", "United Republic of Tanzania"),
        ("COD", "Democratic Republic of the Congo"),
        ("MDA", "Republic of Moldova"),
        ("VNM", "Viet Nam"),
        ("CZE", "Czechia"),
        ("SWZ", "Eswatini"),
        ("MKD", "North Macedonia"),
        ("NLD", "Netherlands (Kingdom of the)"),
        ("VAT", "Holy See"),
        ("PSE", "State of Palestine"),
    ],
)
def test_un_names(code: str, name: str) -> None:
    record = lookup(code)
    assert record is not None and record.name == name


def test_iso_codes_agree_with_pycountry() -> None:
    for state in all_entities("member-state") + all_entities("observer-state"):
        country = pycountry.countries.get(alpha_3=state.iso3)
        assert country is not None, state.code
        assert (country.alpha_2, country.numeric) == (state.iso2, state.numeric), state.code


def test_single_regional_groups() -> None:
    assert lookup("MEX").groups == ("GRULAC",)  # type: ignore[union-attr]
    assert lookup("NGA").groups == ("AFRICAN",)  # type: ignore[union-attr]
    assert lookup("BGD").groups == ("APG",)  # type: ignore[union-attr]
    assert lookup("DEU").groups == ("WEOG",)  # type: ignore[union-attr]
    assert lookup("RUS").groups == ("EEG",)  # type: ignore[union-attr]
    assert lookup("CYP").groups == ("APG",)  # type: ignore[union-attr]


def test_groups_of_states_and_organizations() -> None:
    g77 = lookup("g77")
    assert g77 is not None and g77.kind == "group" and g77.name == "Group of 77 and China"
    assert len(g77.members) == 134 and "CHN" in g77.members and "MEX" not in g77.members
    eu = lookup("EU")
    assert eu is not None and eu.observer and len(eu.members) == 27 and "DEU" in eu.members
    assert "GBR" not in eu.members
    assert [g.code for g in groups_of("NGA")][:2] == ["AFRICAN", "G77"]
    iom = lookup("IOM")
    assert iom is not None and iom.kind == "igo" and "GMG" in iom.groups
    assert lookup("UNHCR").kind == "un-entity"  # type: ignore[union-attr]
    assert lookup("nope") is None
    assert all_entities("stakeholder") == []
    with pytest.raises(ValueError):
        all_entities("country")
    codes = [e.code.upper() for e in all_entities()]
    assert len(codes) == len(set(codes))


def test_the_group_a_state_is_counted_in() -> None:
    turkiye, kiribati, mexico = lookup("TUR"), lookup("KIR"), lookup("MEX")
    assert turkiye is not None and kiribati is not None and mexico is not None
    assert counted_group(turkiye.election_group, turkiye.groups) == "WEOG"  # not APG, its first
    assert counted_group(kiribati.election_group, kiribati.groups) == ""
    assert counted_group(mexico.election_group, mexico.groups) == "GRULAC"
