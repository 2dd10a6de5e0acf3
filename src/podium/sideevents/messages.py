"""Translated sentences for the core's refusals (the core speaks English and codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from podium.core import sideevents as core
from podium.sideevents.models import Status

ACTION_LABELS = {
    "review": gettext_lazy("Take under review"),
    "approve": gettext_lazy("Approve"),
    "decline": gettext_lazy("Decline"),
    "withdraw": gettext_lazy("Withdraw"),
    "change": gettext_lazy("Change"),
    "submit": gettext_lazy("Submitted"),
}


def window_label(window: core.Window) -> str:
    kinds = {
        core.WindowKind.BEFORE: _("before the plenary"),
        core.WindowKind.LUNCH: _("lunch break"),
        core.WindowKind.AFTER: _("after the plenary"),
    }
    return (
        f"{window.start:%a %d %b %Y} {window.start:%H:%M}–{window.end:%H:%M} ({kinds[window.kind]})"
    )


def status_label(status: str) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return status


def explain(refusal: core.Refusal) -> str:
    """The refusal as a translated sentence (English from the core when no translation is set)."""
    p = refusal.params
    code = refusal.code
    if code == "bad_times":
        return _("A side event must end after it starts.")
    if code == "outside_windows":
        windows = [window_label(w) for w in p.get("allowed", ())] or p.get("windows") or []
        return _(
            "%(start)s–%(end)s is outside the windows allowed for side events. Allowed windows: %(windows)s."
        ) % {
            "start": f"{p['start']:%a %d %b %H:%M}",
            "end": f"{p['end']:%H:%M}",
            "windows": "; ".join(windows) if windows else _("none"),
        }
    if code == "not_secretariat":
        return _("Only the Office of the President of the General Assembly may do this.")
    if code == "not_organizer":
        return _("Only the organizer of the side event may do this.")
    if code == "illegal_transition":
        return _("A side event that is %(status)s cannot be %(action)s.") % {
            "status": status_label(p["status"]).lower(),
            "action": {
                "review": _("taken under review"),
                "approve": _("approved"),
                "decline": _("declined"),
                "withdraw": _("withdrawn"),
                "change": _("changed"),
            }[p["action"]],
        }
    if code == "reason_required":
        return _("Declining a side event needs a reason.")
    if code == "too_small":
        return _("%(room)s seats %(capacity)s, the event needs %(needed)s.") % p
    if code == "no_interpretation":
        return ngettext(
            "%(room)s has no interpretation into %(languages)s.",
            "%(room)s has no interpretation into %(languages)s.",
            len(p["languages"]),
        ) % {"room": p["room"], "languages": ", ".join(p["languages"])}
    if code == "no_webcast":
        return _("%(room)s cannot webcast.") % p
    if code == "not_entitled":
        return _(
            "Only Member States, observers, UN entities, intergovernmental organizations and "
            "accredited stakeholders may organize side events."
        )
    if code == "not_accredited":
        return _(
            "This stakeholder is not accredited to the session, so it may not organize side events."
        )
    return refusal.message
