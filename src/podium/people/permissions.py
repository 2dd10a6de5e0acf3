"""Who may do what in a session: object-level permissions that follow roles.

Other apps use only this module (and the models) from `podium.people`:

- `roles_of(user, session) -> set[str]`
- `is_secretariat(user, session) -> bool`
- `can_chair(user, session, panel_number) -> bool`
- `delegations_of(user, session) -> list[Entity]`, `can_act_for(user, session, entity) -> bool`
- `person_in(user, session) -> Person | None`: the user's person, from their roles there
- `states_represented(user, session) -> list[Entity]`: the Member States the user may object for
- `delegation_of_role(role) -> Entity | None`: the delegation one role lets its holder act for
- `can(user, session, action, entity=None, panel=None) -> bool` and `why_not(...) -> str | None`
- `request_user(request)`: the session user, or the owner of an `Authorization: Bearer` token
- `deny(request, reason, status)`: a 401/403 JSON body `{"error": reason}` or a page with the reason
- `@requires(action)`: view decorator resolving `slug` to the session and checking `action`
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from podium import db
from podium.people.models import (
    ApiToken,
    Entity,
    EntityKind,
    Person,
    Role,
    RoleKind,
    hash_token,
)
from podium.people.names import name_of
from podium.problems import is_api, problem
from podium.programme.models import Session

SECRETARIAT = RoleKind.SECRETARIAT.value
CO_CHAIR = RoleKind.CO_CHAIR.value
MODERATOR = RoleKind.MODERATOR.value

# Every action a role may take, checked by `can`. Documented in docs/people.md.
ACTIONS = (
    "chair",  # run the floor of a panel (panel=N) or of the summary panel (panel=None)
    "act_for",  # request the floor / upload statements for a delegation (entity=...)
    "register_delegates",  # add delegates to a delegation (entity=...)
    "manage_people",  # accounts list, CSV import/export, grant roles
    "view_composition",  # the panel composition page (aggregate gender, regional spread)
    "object",  # object to a stakeholder on a non-objection list, as a Member State (entity=State)
    "manage_accreditation",  # publish non-objection lists, register ECOSOC NGOs
)


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


_CACHE_ATTR = "_podium_roles"


def _roles(user: Any, session: Any) -> list[Role]:
    """The user's roles in the session (in every session when `session` is None).

    Memoized on the user object, which lives for one request: a view that checks several
    permissions costs one query, and a grant is still visible from the next request on."""
    if not _authenticated(user):
        return []
    key = getattr(session, "pk", None)
    cache: dict[Any, tuple[int, list[Role]]] = user.__dict__.setdefault(_CACHE_ATTR, {})
    hit = cache.get(key)
    if hit is None or hit[0] != _generation:
        if session is not None:
            found = _roles_in_session([user.pk, session.pk])
        else:
            found = _roles_anywhere([user.pk])
        roles = []
        for role, entity, person, person_entity in found:
            person.entity = person_entity
            role.person, role.entity = person, entity
            roles.append(role)
        hit = cache[key] = (_generation, roles)
    return hit[1]


# What `Role.objects.filter(person__user=user[, session=session]).select_related("entity",
# "person__entity")` reads, as statements built once (every floor command asks it; see podium.db).
def _role_models() -> list[tuple[type[Any], str]]:
    return [(Role, "r"), (Entity, "e"), (Person, "p"), (Entity, "pe")]


def _role_joins(in_session: bool) -> Callable[[], str]:
    def rest() -> str:
        t, c = db.table, db.column
        sql = (
            f"FROM {t(Role)} r INNER JOIN {t(Person)} p ON p.{c(Person, 'id')} = r.{c(Role, 'person')}"
            f" LEFT JOIN {t(Entity)} e ON e.{c(Entity, 'id')} = r.{c(Role, 'entity')}"
            f" LEFT JOIN {t(Entity)} pe ON pe.{c(Entity, 'id')} = p.{c(Person, 'entity')}"
            f" WHERE p.{c(Person, 'user')} = %s"
        )
        if in_session:
            sql += f" AND r.{c(Role, 'session')} = %s"
        return sql + f" ORDER BY r.{c(Role, 'id')}"

    return rest


_roles_in_session = db.Select(_role_models, _role_joins(True))
_roles_anywhere = db.Select(_role_models, _role_joins(False))


# Bumped whenever this process saves or deletes a role, so a user object that outlives a
# grant (a command, a test) never answers from stale roles.
_generation = 0


@receiver([post_save, post_delete], sender=Role, dispatch_uid="podium.people.roles_changed")
def _roles_changed(**kwargs: Any) -> None:
    global _generation
    _generation += 1


def forget_roles(user: Any) -> None:
    """Drop the memoized roles (after granting or revoking a role within the same request)."""
    user.__dict__.pop(_CACHE_ATTR, None)


def roles_of(user: Any, session: Any) -> set[str]:
    """The role names the user holds in the session (superusers count as secretariat)."""
    names = {r.role for r in _roles(user, session)}
    if _authenticated(user) and user.is_superuser:
        names.add(SECRETARIAT)
    return names


def is_secretariat(user: Any, session: Any) -> bool:
    return SECRETARIAT in roles_of(user, session)


def panels_moderated(user: Any, session: Any) -> set[int]:
    return {r.panel for r in _roles(user, session) if r.role == MODERATOR and r.panel is not None}


def can_chair(user: Any, session: Any, panel_number: int | None) -> bool:
    """Secretariat and co-chairs always; for an expert panel also that panel's moderator."""
    roles = roles_of(user, session)
    if SECRETARIAT in roles or CO_CHAIR in roles:
        return True
    return panel_number is not None and panel_number in panels_moderated(user, session)


def person_in(user: Any, session: Any) -> Person | None:
    """The user's person, as their roles in the session carry it (no query once the roles are
    read); None without a role there."""
    roles = _roles(user, session)
    return roles[0].person if roles else None


def delegations_of(user: Any, session: Any) -> list[Entity]:
    """Entities the user may act for in the session: as delegate, focal point or stakeholder
    representative (stakeholders only once accredited). The secretariat may act for any entity
    (see `can_act_for`) but is not listed here."""
    found: dict[int, Entity] = {}
    for r in _roles(user, session):
        entity = delegation_of_role(r)
        if entity is not None:
            found.setdefault(entity.pk, entity)
    return sorted(found.values(), key=lambda e: e.name)


def delegation_of_role(role: Role) -> Entity | None:
    """The delegation a role lets its holder act for: a delegate's, a focal point's, or a
    stakeholder representative's once the stakeholder is accredited; None for other roles."""
    if role.role not in (RoleKind.DELEGATE, RoleKind.FOCAL_POINT, RoleKind.STAKEHOLDER):
        return None
    entity = role.acting_for
    if entity is None or (entity.kind == EntityKind.STAKEHOLDER and not entity.is_accredited):
        return None
    return entity


def can_act_for(user: Any, session: Any, entity: Entity) -> bool:
    if is_secretariat(user, session):
        return True
    return any(e.pk == entity.pk for e in delegations_of(user, session))


def focal_point_of(user: Any, session: Any) -> list[Entity]:
    found = {
        r.acting_for.pk: r.acting_for
        for r in _roles(user, session)
        if r.role == RoleKind.FOCAL_POINT and r.acting_for is not None
    }
    return sorted(found.values(), key=lambda e: e.name)


def states_represented(user: Any, session: Any) -> list[Entity]:
    """Member States the user may object for: as their delegate or focal point in the session
    (in any session when `session` is None)."""
    found = {
        r.acting_for.pk: r.acting_for
        for r in _roles(user, session)
        if r.role in (RoleKind.DELEGATE, RoleKind.FOCAL_POINT)
        and r.acting_for is not None
        and r.acting_for.kind == EntityKind.MEMBER_STATE
    }
    return sorted(found.values(), key=lambda e: e.name)


def why_not(
    user: Any,
    session: Any,
    action: str,
    entity: Entity | None = None,
    panel: int | None = None,
) -> str | None:
    """None when allowed, else the reason (translated) a user would read."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not _authenticated(user):
        return _("Sign in first.")
    roles = roles_of(user, session)
    secretariat = SECRETARIAT in roles
    if action == "chair":
        if can_chair(user, session, panel):
            return None
        if panel is None:
            return _("Only the co-chairs and the secretariat chair the summary panel.")
        return _(
            "Only the co-chairs, the secretariat and the moderator of panel %(n)s chair it."
        ) % {"n": panel}
    if action == "act_for":
        if entity is not None and can_act_for(user, session, entity):
            return None
        return _("You do not act for this delegation in this session.")
    if action == "register_delegates":
        if secretariat:
            return None
        if entity is not None and any(e.pk == entity.pk for e in focal_point_of(user, session)):
            return None
        return _(
            "Only the focal point of this delegation or the secretariat registers its delegates."
        )
    if action in ("manage_people", "manage_accreditation"):
        return None if secretariat else _("Only the secretariat may do this.")
    if action == "view_composition":
        if roles & {SECRETARIAT, CO_CHAIR, MODERATOR, RoleKind.SECRETARY_GENERAL}:
            return None
        return _(
            "Only the co-chairs, the moderators and the secretariat see the panel composition."
        )
    if action == "object":
        if entity is None or entity.kind != EntityKind.MEMBER_STATE:
            return _("Only Member States may object.")
        if any(e.pk == entity.pk for e in states_represented(user, session)):
            return None
        return _("Only a delegate of %(state)s may object on its behalf.") % {
            "state": name_of(entity)
        }
    raise AssertionError(action)  # pragma: no cover


def can(
    user: Any, session: Any, action: str, entity: Entity | None = None, panel: int | None = None
) -> bool:
    return why_not(user, session, action, entity=entity, panel=panel) is None


# --- requests ---

TOKEN_TOUCH_EVERY = timedelta(minutes=5)


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None


def _token_models() -> list[tuple[type[Any], str]]:
    return [(ApiToken, "t"), (get_user_model(), "u")]


def _token_join() -> str:
    User = get_user_model()
    t, c = db.table, db.column
    return (
        f"FROM {t(ApiToken)} t INNER JOIN {t(User)} u ON u.{c(User, 'id')} = t.{c(ApiToken, 'user')}"
        f" WHERE t.{c(ApiToken, 'key_hash')} = %s AND t.{c(ApiToken, 'expires_at')} > %s"
        f" AND u.{c(User, 'is_active')}"
    )


# `ApiToken.objects.select_related("user").filter(key_hash=…, expires_at__gt=now,
# user__is_active=True)`, built once.
_token_by_hash = db.Select(_token_models, _token_join)


def _now_param() -> Any:
    """Now as the database compares it with a stored datetime in raw SQL (text on SQLite)."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def user_for_token(raw: str) -> Any:
    found = _token_by_hash([hash_token(raw), _now_param()])
    if not found:
        return None
    token, user = found[0]
    token.user = user
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_EVERY:
        with _touch_lock:
            _touches[token.pk] = now
    _write_touches()
    return token.user


# A token's last use is for the accounts page and the admin (which tokens are alive), not a
# permission: it is noted in memory and written for all tokens used meanwhile in one statement at
# most every TOKEN_TOUCH_WRITE_S seconds, so that 200 delegations signing their first request to
# speak within a second do not make 200 writes that queue behind the floor's.
TOKEN_TOUCH_WRITE_S = 10.0
_touches: dict[int, datetime] = {}
_touch_lock = threading.Lock()
_touches_written_at = 0.0


def _write_touches() -> None:
    global _touches_written_at
    if not _touches or time.monotonic() - _touches_written_at < TOKEN_TOUCH_WRITE_S:
        return
    with _touch_lock:
        pending = dict(_touches)
        _touches.clear()
        _touches_written_at = time.monotonic()
    if pending:
        ApiToken.objects.filter(pk__in=list(pending)).update(last_used_at=max(pending.values()))


def prepare_connection() -> None:
    """Run the token and roles lookups once on this thread's connection, matching nothing (see
    `podium.floor.services.prepare_connection`)."""
    _token_by_hash(["", _now_param()])
    _roles_in_session([0, 0])


def request_user(request: HttpRequest) -> Any:
    """The signed-in user (session cookie), else the owner of a valid bearer token, else anonymous."""
    user = getattr(request, "user", None)
    if _authenticated(user):
        return user
    cached = getattr(request, "_podium_bearer_user", None)
    if cached is not None:  # one token lookup per request, and one memo of its roles
        return cached
    raw = bearer_token(request)
    owner = user_for_token(raw) if raw else None
    resolved = owner if owner is not None else AnonymousUser()
    request._podium_bearer_user = resolved  # type: ignore[attr-defined]
    return resolved


async def arequest_user(request: HttpRequest) -> Any:
    return await sync_to_async(request_user)(request)


def wants_json(request: HttpRequest) -> bool:
    return bool(bearer_token(request)) or is_api(request)


def deny(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    """401/403 with a reason: JSON for API clients, a page (or the sign-in page) for browsers."""
    if wants_json(request):
        return problem(status, reason)
    if status == 401:
        return redirect_to_login(request.get_full_path())
    return render(request, "people/denied.html", {"reason": reason}, status=status)


def requires(
    action: str,
    *,
    entity_kwarg: str | None = None,
    panel_kwarg: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: resolves `slug` to the session (404 if unknown), the user (cookie or
    token) and checks `action`; on success sets `request.podium_user` and `request.podium_session`
    and calls the view. `entity_kwarg` names a URL kwarg holding an entity code."""

    def check(request: HttpRequest, kwargs: dict[str, Any]) -> HttpResponse | None:
        session = Session.objects.filter(slug=kwargs.get("slug")).first()
        if session is None:
            return _not_found(request, _("No such session."))
        entity = None
        if entity_kwarg:
            entity = Entity.by_code(str(kwargs.get(entity_kwarg, "")))
            if entity is None:
                return _not_found(request, _("No such entity."))
        panel = kwargs.get(panel_kwarg) if panel_kwarg else None
        user = request_user(request)
        request.podium_user = user  # type: ignore[attr-defined]
        request.podium_session = session  # type: ignore[attr-defined]
        request.podium_entity = entity  # type: ignore[attr-defined]
        reason = why_not(user, session, action, entity=entity, panel=panel)
        if reason is None:
            return None
        return deny(request, reason, 401 if not _authenticated(user) else 403)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                refused = await sync_to_async(check)(request, kwargs)
                if refused is not None:
                    return refused
                return await view(request, *args, **kwargs)

            return async_wrapper

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            refused = check(request, kwargs)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _not_found(request: HttpRequest, reason: str) -> HttpResponse:
    if wants_json(request):
        return problem(404, reason)
    return render(request, "people/denied.html", {"reason": reason}, status=404)
