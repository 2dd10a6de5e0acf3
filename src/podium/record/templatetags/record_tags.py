"""Template filters of the record pages."""

from __future__ import annotations

from django import template

from podium.record.labels import column_label

register = template.Library()


@register.filter(name="column_label")
def column_label_filter(name: str) -> str:
    """A statistics column's heading in the reader's language (`total_min` -> "Total (min)")."""
    return column_label(str(name))
