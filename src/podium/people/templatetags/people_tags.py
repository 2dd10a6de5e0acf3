"""`{{ entity|entity_name }}`: an entity's name in the reader's language (`people.names`);
`{{ entity|flag }}`: a State's flag as an image (`people.flags`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from podium.people.flags import flag_url
from podium.people.names import name_of

register = template.Library()


@register.filter
def entity_name(entity: Any, language: str | None = None) -> str:
    """`{{ entity|entity_name }}` in the active language; `{{ entity|entity_name:"fr" }}` in one."""
    return name_of(entity, language)


@register.filter
def flag(entity: Any, alone: str = "") -> str:
    """`{{ entity|flag }}`: a State's flag as an image (`people.flags`), "" for an entity with
    none. Beside the entity's name, as the pages show it, the image says nothing the name does
    not: `alt=""` (WCAG: a decorative image). `{{ entity|flag:"alone" }}`, for a flag shown
    without the name: the name in the reader's language as its text alternative."""
    url = flag_url(entity)
    if not url:
        return ""
    alt = name_of(entity) if alone else ""
    return format_html(
        '<img class="flag" src="{}" alt="{}" width="20" height="15" decoding="async">', url, alt
    )
