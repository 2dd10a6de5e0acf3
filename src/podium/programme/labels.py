"""Names of the programme's segments in the reader's language (pages, iCalendar)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from podium.core import programme as core

KIND_LABELS = {
    "registration": gettext_lazy("Registration"),
    "ceremony": gettext_lazy("Ceremony"),
    "stakeholder_dialogue": gettext_lazy("Stakeholder dialogue"),
    "concluding_panel": gettext_lazy("Concluding panel"),
    "other": gettext_lazy("Other"),
    "welcome": gettext_lazy("Welcome remarks"),
    "issue_brief": gettext_lazy("Issue brief"),
    "expert_panel": gettext_lazy("Expert panel"),
    "summary_panel": gettext_lazy("Summary panel"),
    "conclusions": gettext_lazy("Conclusions"),
    "closing": gettext_lazy("Closing remarks"),
    "lunch": gettext_lazy("Lunch break"),
    "side_event_window": gettext_lazy("Side-event window"),
}


def segment_title(p: core.Programme, segment: core.Segment) -> str:
    """The segment's title or its panel's, else its kind translated ("Lunch break")."""
    named = p.named_title(segment)
    return str(KIND_LABELS.get(segment.kind, p.segment_title(segment))) if named is None else named


def numbered_title(p: core.Programme, segment: core.Segment) -> str:
    """The title as the Journal prints it: an expert panel's with its number ("Panel 1: …"),
    any other segment's as `segment_title` names it."""
    title = segment_title(p, segment)
    if segment.kind == "expert_panel" and segment.panel_number is not None:
        return gettext("Panel %(number)s: %(title)s") % {
            "number": segment.panel_number,
            "title": title,
        }
    return title


def picker_label(day: int | None, title: str, time: str = "") -> str:
    """How every picker names a segment: the day's number, then its title ("Day 1 · Panel 1:
    Sustainable development…"); the console adds the venue-local start after the day ("Day 1 ·
    10:15 · Panel 1: …"). `title` is the segment's as its page names it (a panel's numbered)."""
    parts = [gettext("Day %(number)s") % {"number": day}] if day is not None else []
    if time:
        parts.append(time)
    parts.append(title)
    return " · ".join(parts)
