"""The floor's words that other apps show too: the roles speakers are called in."""

from __future__ import annotations

from django.utils.translation import gettext as _


def role_labels() -> dict[str, str]:
    """The roles a planned speaker speaks in (`podium.core.floor.ROLES`), in words."""
    return {
        "floor": _("From the floor"),
        "panelist": _("Panelist's response"),
        "moderator": _("Moderator"),
        "moderator_opening": _("Moderator's opening"),
        "moderator_conclusion": _("Moderator's conclusion"),
        "summary_moderator": _("Summary by a moderator"),
        "expert": _("Expert"),
        "thematic_expert": _("Thematic expert"),
        "co_chair": _("Co-facilitator"),
        "welcome": _("Welcome"),
        "conclusions": _("Conclusions"),
        "closing": _("Closing"),
        "issue_brief": _("Issue brief"),
        "reply": _("Right of reply"),
    }
