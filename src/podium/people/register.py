"""One register of people: the people this app holds in a programme role (co-chair, moderator,
expert, thematic expert) are written into the programme's own rows (`PanelPerson`), so that the
programme page, the iCalendar, the console's planned speakers, the room, the archive, the
summary and the session file export all read one list.

A person fills the session file's entry of the same name, else its "TBC" for the same entity,
else its first "TBC" (the rule is `podium.core.programme.place_of`), else is added to the
panel. The register's details (name, entity, gender, function) win over the file's; what the
file said is kept on the row and comes back when the role goes. A panel's moderators also take
their places in the summary panel's list (by name or by entity, never added there).

`publish(session)` rewrites the register's part of a session's rows from scratch (idempotent);
it runs after a role or a person is saved or deleted (admin, delegation page, CSV import,
`podium grant`) and after a session file is imported. `deferred()` holds it back during a bulk
import and publishes once at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from podium.core import programme as core
from podium.people.models import Person, Role, RoleKind
from podium.programme.models import Panel, PanelPerson
from podium.programme.models import Session as SessionModel
from podium.programme.signals import programme_saved

REGISTER_ROLES = (
    RoleKind.CO_CHAIR,
    RoleKind.MODERATOR,
    RoleKind.EXPERT,
    RoleKind.THEMATIC_EXPERT,
)
_FIELDS = ("name", "entity", "gender", "title")
_state = threading.local()


def _core(row: PanelPerson) -> core.Person:
    return core.Person(name=row.name, entity=row.entity or None)


def _restore(session: Any) -> None:
    PanelPerson.objects.filter(session=session, source=PanelPerson.Source.REGISTER).delete()
    for row in PanelPerson.objects.filter(session=session).exclude(planned=None):
        for f in _FIELDS:
            setattr(row, f, str(row.planned.get(f, "")))
        row.planned, row.person_ref = None, None
        row.save()


def _entry(role: Role) -> dict[str, Any]:
    person = role.person
    entity = role.acting_for
    return {
        "name": person.display_name,
        "entity": entity.code if entity else "",
        "gender": person.gender,
        "title": person.position,
        "person_ref": person.pk,
    }


def _place(rows: list[PanelPerson], entry: dict[str, Any], fill_any: bool) -> PanelPerson | None:
    taken = {i for i, r in enumerate(rows) if r.person_ref is not None}
    who = core.Person(name=entry["name"], entity=entry["entity"] or None)
    i = core.place_of([_core(r) for r in rows], who, taken, fill_any)
    if i is None:
        return None
    row = rows[i]
    if row.planned is None:
        row.planned = {f: getattr(row, f) for f in _FIELDS}
    for f in _FIELDS:  # the register's details win; the file's fill in what it leaves empty
        setattr(row, f, entry[f] or getattr(row, f))
    row.person_ref = entry["person_ref"]
    row.save()
    return row


def _add(session: Any, panel: Panel | None, role: str, rows: list[PanelPerson], entry: Any) -> None:
    rows.append(
        PanelPerson.objects.create(
            session=session,
            panel=panel,
            role=role,
            source=PanelPerson.Source.REGISTER,
            order=max((r.order for r in rows), default=-1) + 1,
            **{f: entry[f] for f in (*_FIELDS, "person_ref")},
        )
    )


@transaction.atomic
def publish(session: Any) -> None:
    """Write the register's people of `session` into its programme rows (from scratch)."""
    _restore(session)
    panels = {p.number: p for p in Panel.objects.filter(session=session, kind=Panel.Kind.EXPERT)}
    summaries = list(Panel.objects.filter(session=session, kind=Panel.Kind.SUMMARY))
    summaries.sort(key=lambda p: p.number or 1)
    summary = summaries[0] if summaries else None  # the thematic expert's (a role names none)
    rows_of: dict[tuple[int | None, str], list[PanelPerson]] = {}
    for row in PanelPerson.objects.filter(session=session, segment=None).order_by("order", "pk"):
        rows_of.setdefault((row.panel_id, row.role), []).append(row)
    roles = (
        Role.objects.filter(session=session, role__in=REGISTER_ROLES)
        .select_related("person", "entity", "person__entity")
        .order_by("role", "panel", "pk")
    )
    for role in roles:
        entry = _entry(role)
        if role.role == RoleKind.CO_CHAIR:
            target: tuple[Panel | None, str] = (None, PanelPerson.Role.CO_CHAIR)
        elif role.role == RoleKind.THEMATIC_EXPERT:
            if summary is None:
                continue
            target = (summary, PanelPerson.Role.THEMATIC_EXPERT)
        else:
            panel = panels.get(role.panel)
            if panel is None:
                continue  # a panel the programme does not have: shown on /composition only
            kind = PanelPerson.Role.MODERATOR if role.role == RoleKind.MODERATOR else "expert"
            target = (panel, kind)
        panel, kind = target
        rows = rows_of.setdefault((panel.pk if panel else None, kind), [])
        single = kind == PanelPerson.Role.THEMATIC_EXPERT
        if _place(rows, entry, fill_any=True) is None and not (single and rows):
            _add(session, panel, kind, rows, entry)
        for sp in summaries if kind == PanelPerson.Role.MODERATOR else ():
            summary_rows = rows_of.setdefault((sp.pk, PanelPerson.Role.SUMMARY_MODERATOR), [])
            _place(summary_rows, entry, fill_any=False)


@contextmanager
def deferred() -> Iterator[None]:
    """Publish once, at the end, for every session whose roles changed inside."""
    outer = getattr(_state, "pending", None)
    if outer is None:
        _state.pending = set()
    try:
        yield
        if outer is None:
            for pk in sorted(_state.pending):
                session = SessionModel.objects.filter(pk=pk).first()
                if session is not None:
                    publish(session)
    finally:
        if outer is None:
            _state.pending = None


def _changed(session_ids: set[int]) -> None:
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(session_ids)
        return
    for session in SessionModel.objects.filter(pk__in=session_ids):
        publish(session)


@receiver(post_save, sender=Role)
@receiver(post_delete, sender=Role)
def _role_changed(sender: Any, instance: Role, **kwargs: Any) -> None:
    if instance.role in REGISTER_ROLES:
        _changed({instance.session_id})


@receiver(post_save, sender=Person)
def _person_changed(sender: Any, instance: Person, **kwargs: Any) -> None:
    ids = set(
        Role.objects.filter(person=instance, role__in=REGISTER_ROLES).values_list(
            "session_id", flat=True
        )
    )
    if ids:
        _changed(ids)


@receiver(programme_saved)
def _programme_saved(sender: Any, session: Any, **kwargs: Any) -> None:
    if Role.objects.filter(session=session, role__in=REGISTER_ROLES).exists():
        publish(session)
