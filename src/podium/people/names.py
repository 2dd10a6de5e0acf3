"""Entities' names in the reader's language: the one helper pages, documents and the API use.

The names themselves are the core's (`podium.core.entities.entity_name`, from
`core/data/entity_names.json`: UNTERM short names in the six official languages); this module
only picks the language (the active Django language unless one is given) and falls back to the
row's own name for entities outside the reference data (stakeholders, hand-made entities).
Templates: `{% load people_tags %}{{ entity|entity_name }}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation

from podium.core.entities import LANGUAGES, entity_name, entity_names, official_language


def reader_language(language: str | None = None) -> str:
    """`language` if it is one of the six, else the active language's, else English."""
    return official_language(language) or official_language(translation.get_language()) or "en"


def name_of(entity: Any, language: str | None = None) -> str:
    """The name of an entity (an `Entity` row, a core `EntityRecord`, anything with `code` and
    `name`, a mapping with those keys, or a bare code) in `language`, by default the
    reader's."""
    if entity is None:
        return ""
    if isinstance(entity, str):
        code, stored = entity, ""
    elif isinstance(entity, Mapping):
        code, stored = str(entity.get("code") or ""), str(entity.get("name") or "")
    else:
        code, stored = str(getattr(entity, "code", "") or ""), str(getattr(entity, "name", ""))
    if not code:
        return stored
    return entity_name(code, reader_language(language), stored)


def names_of(entity: Any) -> dict[str, str]:
    """{language: name} in the six official languages."""
    code = str(getattr(entity, "code", entity) or "")
    stored = "" if isinstance(entity, str) else str(getattr(entity, "name", ""))
    if not code:
        return dict.fromkeys(LANGUAGES, stored)
    return entity_names(code, stored)
