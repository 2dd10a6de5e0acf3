"""Side-event use cases: propose, change, move through the OPGA workflow, book rooms, notify.

Views call only these functions. Room bookings are held by the database (migration 0002): an
exclusion constraint on PostgreSQL, triggers on SQLite; `_book` also checks first inside the
transaction, which on SQLite (BEGIN IMMEDIATE) serialises writers, so two requests racing for one
room and slot get one winner and one clean refusal with suggestions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from podium.core import sideevents as core
from podium.people.permissions import delegations_of, is_secretariat
from podium.sideevents import programme_link
from podium.sideevents.messages import explain
from podium.sideevents.models import Booking, LogEntry, Room, SideEvent, Speaker, Status

HOLDING = [s.value for s in core.BOOKING_STATUSES]
T = TypeVar("T")


class Refused(Exception):
    """A proposal or an action that is not allowed: the reasons, and what would work instead."""

    def __init__(
        self,
        reasons: Sequence[str],
        *,
        code: str = "",
        suggestions: Sequence[core.Suggestion] = (),
        status: int = 400,
    ) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)
        self.code = code
        self.suggestions = list(suggestions)
        self.status = status


@dataclass
class Proposal:
    """What an organizer submits (or changes)."""

    title: str
    slots: list[tuple[datetime, datetime]]  # preferred slots, most preferred first
    contact_name: str
    contact_email: str
    description: str = ""
    themes: list[str] = field(default_factory=list)
    room: Room | None = None  # a room the organizer asks for; any that fits otherwise
    needs: core.RoomNeeds = field(default_factory=core.RoomNeeds)
    speakers: list[core.Speaker] = field(default_factory=list)
    cosponsors: list[Any] = field(default_factory=list)  # people.Entity
    contact_phone: str = ""


# --- reading the session ---------------------------------------------------------------------


def windows_of(session: Any) -> list[core.Window]:
    return core.allowed_windows(programme_link.day_frames(session))


def rooms_of(session: Any) -> QuerySet[Room]:
    """The bookable rooms of the session's venue: rooms whose venue is the session's venue or
    the start of it ("United Nations Headquarters" for "United Nations Headquarters, ECOSOC
    Chamber"); all bookable rooms when none matches."""
    rooms = Room.objects.filter(active=True)
    venue = programme_link.venue_of(session).casefold()
    names = {v for v in rooms.values_list("venue", flat=True) if venue.startswith(v.casefold())}
    named = rooms.filter(venue__in=names)
    return named if names else rooms


def bookings_of(session: Any, rooms: Iterable[Room]) -> list[core.Booking]:
    return [
        core.Booking(str(b.room_id), b.start, b.end, str(b.side_event_id))
        for b in Booking.objects.filter(room__in=list(rooms))
    ]


def approved(session: Any) -> QuerySet[SideEvent]:
    return (
        SideEvent.objects.filter(session=session, status=Status.APPROVED)
        .select_related("organizer", "room")
        .prefetch_related("speakers", "cosponsors")
        .order_by("start", "title")
    )


def summary_of(event: SideEvent) -> core.EventSummary:
    return core.EventSummary(
        key=str(event.pk),
        title=event.title,
        start=event.start,
        end=event.end,
        themes=frozenset(event.themes or ()),
        speakers=tuple(s.as_core() for s in event.speakers.all()),
        room_key=str(event.room_id or ""),
    )


def overlaps_of(session: Any, events: Iterable[SideEvent] | None = None) -> list[core.Overlap]:
    """Theme and speaker overlaps among the session's live proposals and with its plenary.
    `events`: the session's side events when the caller has them already (speakers prefetched)."""
    if events is None:
        events = SideEvent.objects.filter(session=session, status__in=HOLDING).prefetch_related(
            "speakers"
        )
    live = [summary_of(e) for e in events if e.status in HOLDING]
    return core.find_overlaps(live, programme_link.plenary_items(session))


def parity_of(event: SideEvent) -> core.Parity:
    return core.parity(s.as_core() for s in event.speakers.all())


# --- proposing -------------------------------------------------------------------------------


def organizer_refusal(user: Any, session: Any, organizer: Any) -> str | None:
    """Why ``user`` may not propose a side event for ``organizer`` (None when they may)."""
    refusal = core.may_organize(organizer.kind, accredited=bool(organizer.is_accredited))
    if refusal is not None:
        return explain(refusal)
    if is_secretariat(user, session):
        return None
    if not any(e.pk == organizer.pk for e in delegations_of(user, session)):
        return _("You do not act for %(entity)s in this session.") % {"entity": organizer.name}
    return None


def _check(session: Any, proposal: Proposal) -> list[core.Window]:
    reasons: list[str] = []
    if not proposal.title.strip():
        reasons.append(_("A side event needs a title."))
    if not proposal.slots:
        reasons.append(_("Give at least one preferred slot."))
    windows = windows_of(session)
    for start, end in proposal.slots:
        refusal = core.check_window(start, end, windows)
        if refusal is not None:
            raise Refused([explain(refusal)], code=refusal.code)
    if proposal.room is not None:
        reasons += [explain(r) for r in core.room_misfits(proposal.room.as_core(), proposal.needs)]
    themes = {key for key, _label in programme_link.panel_themes(session)}
    unknown = [t for t in proposal.themes if t not in themes]
    if unknown:
        reasons.append(_("Unknown theme(s): %(themes)s.") % {"themes": ", ".join(unknown)})
    for cosponsor in proposal.cosponsors:
        refusal = core.may_organize(cosponsor.kind, accredited=bool(cosponsor.is_accredited))
        if refusal is not None:
            reasons.append(f"{cosponsor.name}: {explain(refusal)}")
    if reasons:
        raise Refused(reasons, code="invalid")
    return windows


def _overlapping(room: Room, start: datetime, end: datetime, event: SideEvent) -> bool:
    return (
        Booking.objects.filter(room=room, start__lt=end, end__gt=start)
        .exclude(side_event=event)
        .exists()
    )


def _book(event: SideEvent, session: Any, proposal: Proposal) -> Booking | None:
    """Hold the first free (slot, room) of the proposal for ``event``, inside the caller's
    transaction. None when every preferred slot is taken in every room that fits."""
    if proposal.room is not None:
        candidates = [proposal.room]
    else:
        needs = proposal.needs
        candidates = sorted(
            (r for r in rooms_of(session) if core.fits(r.as_core(), needs)),
            key=lambda r: (r.capacity, r.name),
        )
    Booking.objects.filter(side_event=event).delete()
    for start, end in proposal.slots:
        for room in candidates:
            if _overlapping(room, start, end, event):
                continue
            try:
                with transaction.atomic():
                    return Booking.objects.create(side_event=event, room=room, start=start, end=end)
            except IntegrityError:
                # Another request booked it between our check and our insert (PostgreSQL's
                # exclusion constraint or SQLite's trigger said no): try the next one.
                continue
    return None


def _conflict(session: Any, proposal: Proposal, windows: list[core.Window]) -> Refused:
    rooms = list(rooms_of(session))
    start, end = proposal.slots[0]
    found = core.suggestions(
        needs=proposal.needs,
        start=start,
        end=end,
        windows=windows,
        rooms=[r.as_core() for r in rooms],
        bookings=bookings_of(session, rooms),
    )
    if not any(core.fits(r.as_core(), proposal.needs) for r in rooms):
        reason = _("No room of the venue fits these needs.")
    elif proposal.room is not None:
        reason = _("%(room)s is already booked at that time.") % {"room": proposal.room.name}
    else:
        reason = _("Every room that fits is already booked at the preferred time(s).")
    return Refused([reason], code="conflict", suggestions=found, status=409)


def _apply(event: SideEvent, proposal: Proposal) -> None:
    event.title = proposal.title.strip()
    event.description = proposal.description.strip()
    event.themes = list(proposal.themes)
    event.start, event.end = proposal.slots[0]
    event.alternatives = [[s.isoformat(), e.isoformat()] for s, e in proposal.slots[1:]]
    event.capacity_needed = proposal.needs.capacity
    event.languages_needed = sorted(proposal.needs.languages)
    event.webcast_needed = proposal.needs.webcast
    event.contact_name = proposal.contact_name.strip()
    event.contact_email = proposal.contact_email.strip()
    event.contact_phone = proposal.contact_phone.strip()


def _save_people(event: SideEvent, proposal: Proposal) -> None:
    event.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(
            side_event=event,
            name=s.name.strip(),
            gender=s.gender.value,
            affiliation=s.affiliation,
            order=i,
        )
        for i, s in enumerate(proposal.speakers)
        if s.name.strip()
    )
    event.cosponsors.set(proposal.cosponsors)


def _retrying(fn: Callable[[], T]) -> T:
    """Run a write transaction again when SQLite reports its lock as taken (a shared-cache
    database, as in tests, does not wait for the lock the way a file database does)."""
    for attempt in range(50):
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.01 * (1 + attempt % 5))
    raise AssertionError("unreachable")  # pragma: no cover


def submit(session: Any, user: Any, organizer: Any, proposal: Proposal) -> SideEvent:
    """Create a proposal and hold a room for it; raises `Refused` with reasons (and, for a
    room conflict, the nearest free slots and rooms that fit)."""
    return _retrying(lambda: _submit(session, user, organizer, proposal))


def _submit(session: Any, user: Any, organizer: Any, proposal: Proposal) -> SideEvent:
    reason = organizer_refusal(user, session, organizer)
    if reason:
        raise Refused([reason], code="not_entitled", status=403)
    windows = _check(session, proposal)
    with transaction.atomic():
        event = SideEvent(
            session=session,
            organizer=organizer,
            status=Status.SUBMITTED,
            submitted_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _apply(event, proposal)
        event.save()
        booking = _book(event, session, proposal)
        if booking is None:
            transaction.set_rollback(True)
            conflict = True
        else:
            conflict = False
            _sync_slot(event, booking)
            _save_people(event, proposal)
            _log(event, user, "submit", "", Status.SUBMITTED, "")
    if conflict:
        raise _conflict(session, proposal, windows)
    return event


def _sync_slot(event: SideEvent, booking: Booking) -> None:
    event.room = booking.room
    event.start, event.end = booking.start, booking.end
    event.save(update_fields=["room", "start", "end", "updated_at"])


def change(event: SideEvent, user: Any, proposal: Proposal) -> SideEvent:
    """The organizer changes a proposal; an approved event goes back to review."""
    return _retrying(lambda: _change(event, user, proposal))


def _change(event: SideEvent, user: Any, proposal: Proposal) -> SideEvent:
    session = event.session
    target = core.transition(event.status, core.Action.CHANGE, organizer=is_organizer(user, event))
    if isinstance(target, core.Refusal):
        raise Refused([explain(target)], code=target.code, status=403)
    windows = _check(session, proposal)
    before = event.status
    with transaction.atomic():
        event = SideEvent.objects.select_for_update().get(pk=event.pk)
        _apply(event, proposal)
        event.status = target.value
        event.save()
        booking = _book(event, session, proposal)
        if booking is None:
            transaction.set_rollback(True)
        else:
            _sync_slot(event, booking)
            _save_people(event, proposal)
            _log(event, user, "change", before, target.value, "")
    if booking is None:
        event.refresh_from_db()
        raise _conflict(session, proposal, windows)
    return event


def is_organizer(user: Any, event: SideEvent) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if event.submitted_by_id is not None and event.submitted_by_id == user.pk:
        return True
    return any(e.pk == event.organizer_id for e in delegations_of(user, event.session))


def act(event: SideEvent, user: Any, action: str, reason: str = "") -> SideEvent:
    """Review, approve, decline (with a reason) or withdraw; logged and notified."""
    return _retrying(lambda: _act(event, user, action, reason))


def _act(event: SideEvent, user: Any, action: str, reason: str = "") -> SideEvent:
    secretariat = is_secretariat(user, event.session)
    organizer = is_organizer(user, event)
    with transaction.atomic():
        event = SideEvent.objects.select_for_update().get(pk=event.pk)
        target = core.transition(
            event.status, action, secretariat=secretariat, organizer=organizer, reason=reason
        )
        if isinstance(target, core.Refusal):
            status = 403 if target.code in {"not_secretariat", "not_organizer"} else 409
            if target.code in {"reason_required", "unknown_action"}:
                status = 400
            raise Refused([explain(target)], code=target.code, status=status)
        before = event.status
        event.status = target.value
        if target is core.Status.DECLINED:
            event.decline_reason = reason.strip()
        if target not in core.BOOKING_STATUSES:
            Booking.objects.filter(side_event=event).delete()
        event.save()
        _log(event, user, str(action), before, target.value, reason.strip())
    return event


def _log(event: SideEvent, user: Any, action: str, before: str, after: str, note: str) -> None:
    LogEntry.objects.create(
        side_event=event,
        actor=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        from_status=before,
        to_status=after,
        note=note,
    )
    pk = event.pk
    # After the commit, the change stands whatever happens to the e-mail: a failure (the mail
    # server, a busy database) is logged, never raised into the request, which would otherwise
    # answer with an error — or, through `_retrying`, submit again and refuse its own booking.
    transaction.on_commit(lambda: notify(pk, action, note), robust=True)


# Marked for extraction (gettext_noop): `notify` translates the one it sends.
SUBJECTS = {
    "submit": gettext_noop("Side event received: %(title)s"),
    "change": gettext_noop("Side event changed: %(title)s"),
    "review": gettext_noop("Side event under review: %(title)s"),
    "approve": gettext_noop("Side event approved: %(title)s"),
    "decline": gettext_noop("Side event declined: %(title)s"),
    "withdraw": gettext_noop("Side event withdrawn: %(title)s"),
}


def notify(pk: int, action: str, note: str = "") -> None:
    """E-mail the organizer's contact (and the submitting account) through Django's backend."""
    event = SideEvent.objects.select_related("session", "room", "organizer", "submitted_by").get(
        pk=pk
    )
    recipients = [event.contact_email]
    if event.submitted_by is not None and event.submitted_by.email:
        recipients.append(event.submitted_by.email)
    recipients = sorted(set(filter(None, recipients)))
    if not recipients:
        return
    status = Status(event.status).label
    subject = _(SUBJECTS.get(action, "Side event: %(title)s")) % {"title": event.title}
    lines = [
        _("Side event: %(title)s") % {"title": event.title},
        _("Organizer: %(org)s") % {"org": event.organizer.name},
        _("Status: %(status)s") % {"status": status},
        _("When: %(start)s–%(end)s")
        % {
            "start": timezone.localtime(
                event.start, programme_link.zone_of(event.session)
            ).strftime("%a %d %b %Y %H:%M"),
            "end": timezone.localtime(event.end, programme_link.zone_of(event.session)).strftime(
                "%H:%M"
            ),
        },
    ]
    if event.room is not None:
        lines.append(_("Room: %(room)s") % {"room": event.room.name})
    if note:
        lines.append(_("Note: %(note)s") % {"note": note})
    send_mail(
        subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
    )
