"""The six official languages: every message of the interface is translated in Arabic, Chinese,
French, Russian and Spanish (English is the source), none is fuzzy, and the catalogues hold
exactly the messages the code and templates have today (a new string without its translations
fails here)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[2]  # src/podium
LANGUAGES = ("ar", "zh_Hans", "fr", "ru", "es")
IGNORE = ["*/tests/*", "tests/*", "bench/*"]  # as `makemessages` is run (README)


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"))


def _key(e: polib.POEntry) -> tuple[str, str, str]:
    return (e.msgctxt or "", e.msgid, e.msgid_plural or "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang: str) -> None:
    po = catalogue(lang)
    live = [e for e in po if not e.obsolete]
    untranslated = [e.msgid for e in live if not e.translated()]
    fuzzy = [e.msgid for e in live if "fuzzy" in e.flags]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert "fuzzy" not in po.metadata_as_entry().flags
    nplurals = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    for e in live:
        if e.msgid_plural:
            assert len([s for s in e.msgstr_plural.values() if s]) == nplurals, (lang, e.msgid)


def test_the_catalogues_hold_exactly_the_messages_of_the_code(
    tmp_path: Path, settings: Any
) -> None:
    """Extract the messages afresh (Django's makemessages on a copy of the package) and compare
    with the French catalogue; the others must hold the same messages as the French one."""
    copy = tmp_path / "podium"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "tests", "bench")
    )
    out = tmp_path / "out"
    (out / "fr").mkdir(parents=True)
    settings.LOCALE_PATHS = [out]
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["fr"], ignore_patterns=IGNORE, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = {_key(e) for e in polib.pofile(str(out / "fr" / "LC_MESSAGES" / "django.po"))}
    ours = {_key(e) for e in catalogue("fr") if not e.obsolete}
    assert not fresh - ours, f"new messages without translations: {sorted(fresh - ours)[:10]}"
    assert not ours - fresh, f"messages the code no longer has: {sorted(ours - fresh)[:10]}"
    for lang in LANGUAGES:
        assert {_key(e) for e in catalogue(lang) if not e.obsolete} == ours, lang
