"""A counted message's forms for a page's script, one per plural category of the reader's
language ("1 ошибка", "3 ошибки", "5 ошибок"): the script picks one with `Intl.PluralRules`,
which knows the same CLDR categories as Babel, so Russian's three forms and Arabic's six work
in JavaScript as they do in the server's `ngettext`."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils import translation
from django.utils.translation import ngettext

# integers to try for each category: small ones first, then those only large numbers reach
# (French and Spanish "many": a million)
_SAMPLES = (*range(0, 201), 1000, 1_000_000)


@cache
def _samples(locale: str) -> dict[str, int]:
    """{CLDR plural category: the first integer of that category} in `locale` ("ru", "zh_Hans")."""
    try:
        rule = Locale.parse(locale).plural_form
    except (UnknownLocaleError, ValueError):
        rule = Locale.parse("en").plural_form
    out: dict[str, int] = {}
    for n in _SAMPLES:
        out.setdefault(rule(n), n)
    return out


def plural_forms(singular: str, plural: str) -> dict[str, str]:
    """{CLDR category: the message's translated form for it} in the active language, each with
    its `%(n)s` placeholder kept for the script to fill."""
    locale = translation.to_locale(translation.get_language() or "en")
    return {category: ngettext(singular, plural, n) for category, n in _samples(locale).items()}
