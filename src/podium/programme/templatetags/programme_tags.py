"""`{{ person|person }}`: "Name (Entity name)", "Name, function (Entity name)" or "Name"."""

from __future__ import annotations

from django import template

from podium.core import entities
from podium.core.programme import Person
from podium.programme.zones import zone_name

register = template.Library()


@register.filter(name="zone_name")
def zone_name_filter(value: str) -> str:
    """A time zone's name in the reader's language ("heure de l’Est nord-américain")."""
    return zone_name(str(value or ""))


@register.filter(name="person")
def person(value: Person | None) -> str:
    if value is None:
        return ""
    text = value.name
    if value.title:
        text += f", {value.title}"
    if value.entity:
        record = entities.lookup(value.entity)
        text += f" ({record.name if record is not None else value.entity})"
    return text
