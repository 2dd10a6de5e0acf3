"""Headings of the statistics tables in the reader's language (pages, summary annex)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

from podium.core.record import CATEGORY_LABELS
from podium.core.statistics import ROLE_LABELS, Cell, Table
from podium.floor.labels import role_labels

# the core's tables name categories and roles in English words: back to their keys, to translate
_CATEGORY_KEYS = {label: key for key, label in CATEGORY_LABELS.items()}
_ROLE_KEYS = {label: key for key, label in ROLE_LABELS.items()}


def column_labels() -> dict[str, str]:
    """The statistics tables' column headings in the reader's language (the core's columns are
    identifiers, kept as they are in CSV and JSON downloads)."""
    return {
        "category": _("Category"),
        "regional_group": _("Regional group"),
        "gender": _("Gender"),
        "segment": _("Segment"),
        "interventions": _("Interventions"),
        "total_s": _("Total (s)"),
        "total_min": _("Total (min)"),
        "mean_s": _("Mean (s)"),
        "over_limit": _("Over the limit"),
        "over_granted": _("Over the time granted"),
        "overtime_granted_total_s": _("Beyond the time granted, total (s)"),
        "role": _("Role"),
        "overtime_total_s": _("Overtime, total (s)"),
        "overtime_max_s": _("Overtime, longest (s)"),
        "entity": _("Entity"),
        "entity_name": _("Name"),
        "on_behalf_of": _("On behalf of"),
        "requested_at": _("Requested at"),
        "planned_min": _("Planned (min)"),
        "actual_min": _("Actual (min)"),
        "difference_min": _("Difference (min)"),
        "measure": _("Measure"),
        "value": _("Value"),
        "female_interventions": _("Women: interventions"),
        "female_min": _("Women: minutes"),
        "male_interventions": _("Men: interventions"),
        "male_min": _("Men: minutes"),
        "other_interventions": _("Other: interventions"),
        "other_min": _("Other: minutes"),
        "not_declared_interventions": _("Not declared: interventions"),
        "not_declared_min": _("Not declared: minutes"),
    }


def measure_labels() -> dict[str, str]:
    """The totals' measures (`podium.core.statistics.summary_numbers`) in the reader's language;
    downloads keep the identifiers."""
    return {
        "interventions": _("Interventions from the floor"),
        "planned_speakers": _("Turns of planned speakers"),
        "speaking_time_min": _("Speaking time (min)"),
        "entities_heard": _("Delegations heard"),
        "over_limit": _("Interventions over the limit"),
        "overtime_total_min": _("Time over the limit (min)"),
        "over_granted": _("Interventions given extra time"),
        "departed_from_suggested_order": _("Calls out of the suggested order"),
        "requests_not_heard": _("Requests not heard"),
    }


def document_cell(value: object) -> object:
    """A statistics cell as the summary's annex prints it: a measure of the totals in words (as
    the statistics page shows it), anything else as it is."""
    if isinstance(value, str):
        return measure_labels().get(value, value)
    return value


def category_labels() -> dict[str, str]:
    """The record's categories (`podium.core.record.CATEGORIES`) in the reader's language."""
    return {
        "co_chair": _("Co-facilitator"),
        "secretary_general": _("Secretary-General of the conference"),
        "moderator": _("Moderator"),
        "panelist": _("Panelist"),
        "thematic_expert": _("Thematic expert"),
        "member_state": _("Member State"),
        "observer_state": _("Observer State"),
        "group": _("Group of States"),
        "igo": _("Intergovernmental organization"),
        "un_entity": _("UN entity"),
        "stakeholder": _("Stakeholder"),
        "other": _("Other"),
    }


def category_label(key: str) -> str:
    return category_labels().get(key, key.replace("_", " "))


def regional_group_label(code: str) -> str:
    """A UN regional group's name in the reader's language ("none": a State counted in none)."""
    return {
        "AFRICAN": _("African States"),
        "APG": _("Asia-Pacific States"),
        "EEG": _("Eastern European States"),
        "GRULAC": _("Latin American and Caribbean States"),
        "WEOG": _("Western European and other States"),
        "none": _("No regional group"),
    }.get(code, code)


def column_label(name: str) -> str:
    return column_labels().get(name, name)


def role_label(role: str) -> str:
    """A planned speaker's role in words (the floor names them: `podium.floor.labels`)."""
    return role_labels().get(role, role.replace("_", " "))


def gender_label(value: str) -> str:
    """A self-declared gender as the statistics count it, in words."""
    return {
        "female": _("Women"),
        "male": _("Men"),
        "other": _("Other"),
        "not declared": _("Not declared"),
    }.get(value, value)


def venue_time(value: str, zone: str = "") -> str | None:
    """An instant of a table (ISO 8601, UTC) as the venue's time ("22 May 10:26"); None for a
    string that is not one."""
    if len(value) < 19 or value[4:5] != "-" or value[10:11] != "T":
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is not None and zone:
        try:
            when = when.astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):
            pass
    return formats.date_format(when, "j M H:i")


def shown_cell(column: str, value: Cell, zone: str = "") -> Cell:
    """One cell as a reader reads it: a category, role, regional group, gender or measure in
    words of the reader's language, an instant in the venue's time; numbers as they are."""
    if not isinstance(value, str):
        return value
    if column == "category":
        return category_label(_CATEGORY_KEYS.get(value, value))
    if column == "role":
        return role_label(_ROLE_KEYS.get(value, value))
    if column == "regional_group":
        return regional_group_label(value)
    if column == "gender":
        return gender_label(value)
    if column == "measure":
        return measure_labels().get(value, value)
    return venue_time(value, zone) or value


def shown(tables: list[Table], zone: str = "") -> list[Table]:
    """The statistics tables as the page and the summary's annex show them (`shown_cell`); the
    CSV and JSON downloads keep the identifiers and the instants."""
    return [
        replace(
            t,
            rows=tuple(
                tuple(shown_cell(c, v, zone) for c, v in zip(t.columns, row, strict=True))
                for row in t.rows
            ),
        )
        for t in tables
    ]
