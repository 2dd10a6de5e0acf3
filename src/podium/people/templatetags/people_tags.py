"""`{{ entity|entity_name }}`: an entity's name in the reader's language (`people.names`)."""

from __future__ import annotations

from typing import Any

from django import template

from podium.people.names import name_of

register = template.Library()


@register.filter
def entity_name(entity: Any, language: str | None = None) -> str:
    """`{{ entity|entity_name }}` in the active language; `{{ entity|entity_name:"fr" }}` in one."""
    return name_of(entity, language)
