"""Who sends a floor command: the core's `Actor` (`podium.core.commands`) from the people app's
roles and entities, gathered once per request.

The rules (who may chair, who may ask for the floor for whom, which groups a State may speak
for) are the core's; this module only gathers what they are applied to.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest
from django.http.cookie import parse_cookie

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


def user_of_handshake(headers: dict[str, str]) -> Any:
    """The user a socket's handshake is signed in as: its session cookie, else its bearer
    token (integrations); anonymous otherwise."""
    request = HttpRequest()
    request.COOKIES = parse_cookie(headers.get("cookie", ""))
    if headers.get("authorization"):
        request.META["HTTP_AUTHORIZATION"] = headers["authorization"]
    engine = import_module(settings.SESSION_ENGINE)
    request.session = engine.SessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    request.user = get_user(request)
    return permissions.request_user(request)


def subscription(slug: str, audience: str, headers: dict[str, str]) -> tuple[str, ...] | int:
    """What a socket asking for `audience` may see (the live layer's subscriber): for
    `delegate`, the delegations its user acts for; for `console`, `()` when they chair some
    segment; else a close code: 4401 not signed in, 4403 not allowed, 4404 no such session."""
    session = services.session_by_slug(slug)
    if session is None:
        return 4404
    user = user_of_handshake(headers)
    if not getattr(user, "is_authenticated", False):
        return 4401
    actor = actor_of(user, session)
    if audience == "console":
        return () if actor.may_chair(None) else 4403
    if audience == "delegate":
        return tuple(sorted(actor.delegations)) if actor.delegations else 4403
    return ()
