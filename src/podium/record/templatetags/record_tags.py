"""Template filters of the record pages."""

from __future__ import annotations

from django import template

from podium.record.labels import column_label, document_cell, measure_labels, venue_time

register = template.Library()


@register.filter(name="column_label")
def column_label_filter(name: str) -> str:
    """A statistics column's heading in the reader's language (`total_min` -> "Total (min)")."""
    return column_label(str(name))


@register.filter(name="cell")
def cell_filter(value: object, zone: str = "") -> object:
    """A statistics cell as a reader reads it: a measure's name in words, an instant (ISO 8601,
    UTC) as the venue's time; anything else as it is."""
    if isinstance(value, str):
        label = measure_labels().get(value)
        if label is not None:
            return label
        return venue_time(value, zone) or value
    return value


@register.filter(name="document_cell")
def document_cell_filter(value: object) -> object:
    """A statistics cell in the summary's annex (`labels.document_cell`)."""
    return document_cell(value)


@register.filter(name="label_of")
def label_of_filter(labels: object, key: object) -> str:
    """`labels[key]`, "" when absent: `{{ segment_labels|label_of:c.segment_id }}`."""
    return str(labels.get(key, "")) if isinstance(labels, dict) else ""
