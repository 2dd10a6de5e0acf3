"""A time zone named in the reader's language, from CLDR (Babel): "heure de l'Est
nord-américain" for America/New_York in French. The IANA name stays beside it where the pages
print it, so nobody has to trust a translation to know the zone."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_name
from django.utils import translation


def babel_locale(language: str | None = None) -> Locale:
    code = (language or translation.get_language() or "en").replace("-", "_")
    if code.lower() == "zh_hans":
        code = "zh_Hans"
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def zone_name(zone: str, language: str | None = None) -> str:
    """The zone's long CLDR name in `language` (default: the reader's); the IANA name if CLDR
    has none."""
    if zone in ("UTC", "Etc/UTC", ""):
        return "UTC"
    try:
        return str(get_timezone_name(zone, width="long", locale=babel_locale(language)))
    except (LookupError, ValueError):
        return zone
