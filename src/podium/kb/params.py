"""The knowledge base's query parameters, checked at the boundary: each has a type and a bound,
and a bad one is refused with the parameter's name and the reason (`Refused`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Final

from django.utils.translation import gettext as _

from podium.kb.objectives import all_objectives
from podium.kb.search import MAX_LIMIT, Filters
from podium.people.models import EntityKind
from podium.record.adapters import regional_group_choices
from podium.record.models import LANGUAGES, Contribution

MAX_QUERY: Final = 500
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_CODE = re.compile(r"^[-A-Za-z0-9_.]{1,40}$")
_ALIASES = {"zh-hans": "zh", "zh-cn": "zh", "zh_hans": "zh"}


@dataclass
class Refused(ValueError):
    field: str
    detail: str


def text(params: Any, name: str, required: bool = False, max_length: int = MAX_QUERY) -> str:
    value = str(params.get(name) or "")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n" for c in value):
        raise Refused(name, _("%(field)s holds a control character.") % {"field": name})
    value = " ".join(value.split())
    if required and not value:
        raise Refused(name, _("Give %(field)s: the words to search for.") % {"field": name})
    if len(value) > max_length:
        raise Refused(
            name,
            _("%(field)s is longer than %(max)d characters.") % {"field": name, "max": max_length},
        )
    return value


def _choice(params: Any, name: str, allowed: list[str]) -> str:
    value = str(params.get(name) or "").strip()
    if value and value not in allowed:
        raise Refused(
            name,
            _("unknown %(field)s %(value)s; expected one of %(allowed)s")
            % {"field": name, "value": value[:40], "allowed": ", ".join(allowed)},
        )
    return value


def integer(params: Any, name: str, low: int, high: int, default: int | None) -> int | None:
    raw = str(params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or not low <= int(raw) <= high:
        raise Refused(
            name,
            _("%(field)s must be a whole number from %(low)d to %(high)d.")
            % {"field": name, "low": low, "high": high},
        )
    return int(raw)


def tags() -> list[str]:
    return ["statement", "summary", *Contribution.Kind.values]


def filters(params: Any) -> Filters:
    session = str(params.get("session") or "").strip()
    if session and not _SLUG.match(session):
        raise Refused("session", _("session must be a session's slug."))
    entity = str(params.get("entity") or "").strip()
    if entity and not _CODE.match(entity):
        raise Refused("entity", _("entity must be an entity's code."))
    lang = str(params.get("lang") or "").strip().lower()
    lang = _ALIASES.get(lang, lang)
    lang = _choice({"lang": lang}, "lang", [c for c, _n in LANGUAGES])
    numbers = [o.number for o in all_objectives()]
    return Filters(
        session=session,
        lang=lang,
        tag=_choice(params, "tag", tags()),
        objective=integer(params, "objective", min(numbers), max(numbers), None),
        region=_choice(params, "region", [c for c, _n in regional_group_choices()]),
        category=_choice(params, "category", list(EntityKind.values)),
        entity=entity,
    )


def limit(params: Any, default: int = 20) -> int:
    return integer(params, "limit", 1, MAX_LIMIT, default) or default
