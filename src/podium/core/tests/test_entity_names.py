"""Names of States and organizations in the six official languages (`entity_names.json`)."""

from __future__ import annotations

import json

import pycountry
import pytest

from podium.core.data import build_entity_names
from podium.core.entities import (
    LANGUAGES,
    NAMES_FILE,
    REGIONAL_GROUP_NAMES,
    all_entities,
    entity_name,
    entity_names,
    lookup,
    names_source,
    official_language,
    regional_group_name,
)

SOURCE = "UNTERM short names; ISO 3166 / CLDR via pycountry where UNTERM is not recorded here"


def test_every_state_has_six_names_and_english_is_the_uns() -> None:
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    assert tuple(data["languages"]) == LANGUAGES == ("ar", "zh-hans", "en", "fr", "ru", "es")
    states = all_entities("member-state") + all_entities("observer-state")
    assert len(states) == 195
    for state in states:
        six = data["names"][state.code]
        assert set(six) == set(LANGUAGES), state.code
        assert all(v.strip() == v and v for v in six.values()), (state.code, six)
        assert six["en"] == state.name, state.code
        # Not ISO's inverted form ("Korea, Republic of"; "Iran, République islamique d'")
        assert not any(", " in v or "، " in v for v in six.values()), (state.code, six)
    # Every language really is translated: no State keeps its English name in Arabic, Chinese
    # or Russian (scripts of their own).
    for state in states:
        for lang in ("ar", "zh-hans", "ru"):
            assert not data["names"][state.code][lang].isascii(), (state.code, lang)


def test_the_source_is_recorded() -> None:
    assert names_source() == SOURCE
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    assert data["source"] == SOURCE and "build_entity_names.py" in data["generated_by"]


def test_germany_and_turkiye_in_six_languages() -> None:
    assert entity_names("DEU") == {
        "ar": "ألمانيا",
        "zh-hans": "德国",
        "en": "Germany",
        "fr": "Allemagne",
        "ru": "Германия",
        "es": "Alemania",
    }
    assert entity_names("tur") == {
        "ar": "تركيا",
        "zh-hans": "土耳其",
        "en": "Türkiye",
        "fr": "Türkiye",
        "ru": "Турция",
        "es": "Türkiye",
    }


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("CIV", "es", "Côte d'Ivoire"),
        ("PRK", "fr", "République populaire démocratique de Corée"),
        ("KOR", "es", "República de Corea"),
        ("IRN", "fr", "Iran (République islamique d')"),
        ("BOL", "es", "Bolivia (Estado Plurinacional de)"),
        ("VEN", "ru", "Венесуэла (Боливарианская Республика)"),
        ("TZA", "fr", "République-Unie de Tanzanie"),
        ("RUS", "es", "Federación de Rusia"),
        ("SYR", "fr", "République arabe syrienne"),
        ("LAO", "fr", "République démocratique populaire lao"),
        ("MDA", "es", "República de Moldova"),
        ("VNM", "fr", "Viet Nam"),
        ("NLD", "fr", "Pays-Bas (Royaume des)"),
        ("GBR", "zh-hans", "大不列颠及北爱尔兰联合王国"),
        ("USA", "ru", "Соединенные Штаты Америки"),
        ("CZE", "fr", "Tchéquie"),
        ("MKD", "es", "Macedonia del Norte"),
        ("SWZ", "es", "Eswatini"),
        ("FSM", "fr", "Micronésie (États fédérés de)"),
        ("PSE", "es", "Estado de Palestina"),
        ("VAT", "fr", "Saint-Siège"),
        ("VAT", "ru", "Святой Престол"),
    ],
)
def test_the_uns_names_where_iso_differs(code: str, language: str, name: str) -> None:
    assert entity_name(code, language) == name


def test_languages_tags_and_fallbacks() -> None:
    assert official_language("fr-CH") == "fr" and official_language("zh-Hans") == "zh-hans"
    assert official_language("zh_CN") == "zh-hans" and official_language("es-419") == "es"
    assert official_language("zh-hant") is None and official_language("de") is None
    assert entity_name("mex", "fr") == "Mexique"
    assert entity_name("MEX", "de") == "Mexico"  # not one of the six: English
    assert entity_name("MEX", None) == "Mexico"
    # An organization without a recorded translation: its English name in every language.
    undesa = lookup("UNDESA")
    assert undesa is not None
    assert set(entity_names("UNDESA").values()) == {undesa.name}
    assert entity_name("IOM", "fr") == "Organisation internationale pour les migrations"
    assert entity_name("WEOG", "es") == "Grupo de los Estados de Europa Occidental y otros Estados"
    # Outside the reference data: the stored name, else the code.
    assert entity_name("DEMO-NGO", "fr", "Demo NGO") == "Demo NGO"
    assert entity_name("DEMO-NGO", "fr") == "DEMO-NGO"
    assert regional_group_name("GRULAC", "fr") == "États d'Amérique latine et des Caraïbes"
    assert all(regional_group_name(g) == n for g, n in REGIONAL_GROUP_NAMES.items())


def test_every_organization_has_its_english_name() -> None:
    for record in all_entities():
        assert entity_name(record.code, "en") == record.name, record.code


def test_the_file_is_what_its_script_writes() -> None:
    """`build_entity_names.py` regenerates the file exactly (with the pycountry it names)."""
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    if getattr(pycountry, "__version__", "") not in data["generated_by"]:
        pytest.skip("another pycountry than the one the file was written with")
    assert build_entity_names.build() == data
