"""Who sends a floor command: the core's `Actor` (`podium.core.commands`) from the people app's
roles and entities, gathered once per request.

The rules (who may chair, who may ask for the floor for whom, which groups a State may speak
for) are the core's; this module only gathers what they are applied to.
"""

from __future__ import annotations

from typing import Any

from podium.core.commands import Actor
from podium.floor import services
from podium.people import directory, permissions


def actor_of(user: Any, session: Any) -> Actor:
    """The actor behind a request: the co-chairs and the secretariat chair every segment; a
    panel's moderator chairs that panel's segment; the delegations they act for with the groups
    each belongs to; their name as their roles in the session carry it."""
    if not getattr(user, "is_authenticated", False):
        return Actor(signed_in=False)
    moderated = permissions.panels_moderated(user, session)
    return Actor(
        username=str(getattr(user, "username", "") or ""),
        chairs_all=permissions.can_chair(user, session, None),
        chairs=frozenset(services.segment_key("expert_panel", n, None, None) for n in moderated),
        delegations={
            e.code: directory.info_of(e) for e in permissions.delegations_of(user, session)
        },
        person=person_name(user, session),
    )


def person_name(user: Any, session: Any) -> str:
    """The name a delegation's request shows: the person their roles in the session carry."""
    person = permissions.person_in(user, session)
    if person is not None and getattr(person, "display_name", ""):
        return str(person.display_name)
    return str(getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", ""))
