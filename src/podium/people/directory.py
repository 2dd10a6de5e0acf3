"""The delegations and groups the floor may name, answered from memory.

The floor checks every request to speak against the entity asked for (known? a group? an
accredited stakeholder?) and every "on behalf of" against the group's members. It asks this
module, which keeps every entity with the groups of States it belongs to, read in two queries
and kept for `TTL_S` seconds (dropped at once when this process saves an entity or a
membership): a burst of requests costs no query per request. Another process's change (the
admin on another worker) is seen within `TTL_S`. A stakeholder on a list whose deadline has passed
reads as that list decides, settled or not (`models.decided_status`); the entities are read again
when the next open list's deadline passes.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from podium.core.commands import EntityInfo
from podium.people.models import (
    AccreditationStatus,
    Entity,
    Listing,
    NonObjectionList,
    Objection,
    decided_status,
    due_objections,
)

TTL_S = 30.0

_lock = threading.Lock()
_entities: dict[str, EntityInfo] = {}
_by_pk: dict[int, EntityInfo] = {}
_loaded_at = -1e9
_next_deadline: datetime | None = None  # of the lists not settled, the first still to come


def _load() -> None:
    global _loaded_at, _next_deadline
    now = timezone.now()
    deadlines = list(
        NonObjectionList.objects.filter(closed_at__isnull=True).values_list("deadline", flat=True)
    )
    due = due_objections(now) if any(d <= now for d in deadlines) else {}
    rows = list(Entity.objects.values_list("pk", "code", "name", "kind", "accreditation"))
    groups: dict[int, set[str]] = {}
    codes = {pk: code for pk, code, *_rest in rows}
    through = Entity.members.through
    for group_pk, member_pk in through.objects.values_list("from_entity_id", "to_entity_id"):
        if group_pk in codes:
            groups.setdefault(member_pk, set()).add(codes[group_pk])
    entities: dict[str, EntityInfo] = {}
    by_pk: dict[int, EntityInfo] = {}
    for pk, code, name, kind, accreditation in rows:
        info = EntityInfo(
            code=code,
            name=name,
            kind=kind,
            groups=frozenset(groups.get(pk, ())),
            accredited=decided_status(accreditation, due.get(pk, ()))
            == AccreditationStatus.ACCREDITED,
        )
        entities[code.upper()] = info
        by_pk[pk] = info
    with _lock:
        _entities.clear()
        _entities.update(entities)
        _by_pk.clear()
        _by_pk.update(by_pk)
        _next_deadline = min((d for d in deadlines if d > now), default=None)
        _loaded_at = time.monotonic()


def _fresh() -> None:
    if time.monotonic() - _loaded_at > TTL_S or (
        _next_deadline is not None and timezone.now() >= _next_deadline
    ):
        _load()


def entity_info(code: str) -> EntityInfo | None:
    """The entity with this code (any case), with its groups; None when there is none."""
    _fresh()
    return _entities.get(code.upper())


def info_of(entity: Entity) -> EntityInfo:
    """The floor's view of an entity row (its groups from the directory; accreditation now, as
    `Entity.is_accredited` reads it)."""
    _fresh()
    known = _by_pk.get(entity.pk)
    return EntityInfo(
        code=entity.code,
        name=entity.name,
        kind=entity.kind,
        groups=known.groups if known is not None else frozenset(),
        accredited=entity.is_accredited,
    )


def forget() -> None:
    """Read the entities again on the next question."""
    global _loaded_at
    _loaded_at = -1e9


@receiver([post_save, post_delete], sender=Entity, dispatch_uid="podium.people.directory.entity")
def _entity_changed(**kwargs: Any) -> None:
    forget()


@receiver(
    m2m_changed, sender=Entity.members.through, dispatch_uid="podium.people.directory.members"
)
def _members_changed(**kwargs: Any) -> None:
    forget()


@receiver(
    [post_save, post_delete], sender=NonObjectionList, dispatch_uid="podium.people.directory.nol"
)
@receiver([post_save, post_delete], sender=Listing, dispatch_uid="podium.people.directory.listing")
@receiver(
    [post_save, post_delete], sender=Objection, dispatch_uid="podium.people.directory.objection"
)
def _procedure_changed(**kwargs: Any) -> None:
    forget()  # a deadline, a listing or an objection decides a stakeholder's status
