"""Proposals, windows, rooms and the OPGA workflow, through the services the pages use."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from podium.core import sideevents as core
from podium.people import accreditation
from podium.sideevents import services
from podium.sideevents.forms import entitled_entities
from podium.sideevents.models import Booking, Room, SideEvent
from podium.sideevents.tests.conftest import at, entity


def proposal(session: Any, start: Any, end: Any, **kw: Any) -> services.Proposal:
    fields: dict[str, Any] = {
        "title": "Climate mobility in the Pacific",
        "slots": [(start, end)],
        "contact_name": "Ana Pérez",
        "contact_email": "ana@example.org",
        "needs": core.RoomNeeds(100, frozenset({"en", "es"})),
        "speakers": [
            core.Speaker("Ana Pérez", core.Gender.FEMALE),
            core.Speaker("Luis Gómez", core.Gender.MALE),
        ],
    }
    fields.update(kw)
    return services.Proposal(**fields)


def at_lunch(session: Any) -> services.Proposal:
    """A proposal for 13:15–14:30 on the first day, in the side-event window."""
    return proposal(session, at(session, 22, 13, 15), at(session, 22, 14, 30))


def test_a_proposal_in_the_lunch_window_books_the_smallest_room_that_fits(
    session: Any, organizer: Any, mexico: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        event = services.submit(session, organizer, mexico, at_lunch(session))
    assert event.status == "submitted"
    assert event.room.name == "Conference Room 3"  # 180 seats, en/fr/es: the smallest that fits
    assert event.booking.room == event.room
    assert [e.action for e in event.log.all()] == ["submit"]
    assert mail.outbox and "ana@example.org" in mail.outbox[0].to
    assert "Climate mobility" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True)
def test_a_notification_failing_after_the_commit_neither_undoes_nor_repeats_the_submission(
    session: Any, organizer: Any, mexico: Any, monkeypatch: Any
) -> None:
    """The e-mail goes after the commit; when it fails (here the database is busy, as SQLite
    says under concurrent writers) the organizer still gets their submission, once — not an
    error, and not a second attempt that finds the room just booked by the first."""

    def busy(*args: Any) -> None:
        raise OperationalError("database table is locked")

    monkeypatch.setattr(services, "notify", busy)
    event = services.submit(session, organizer, mexico, at_lunch(session))
    assert event.status == "submitted"
    assert SideEvent.objects.count() == 1 and Booking.objects.count() == 1


def test_outside_the_windows_is_refused_with_the_allowed_windows(
    session: Any, organizer: Any, mexico: Any
) -> None:
    with pytest.raises(services.Refused) as refused:
        services.submit(
            session, organizer, mexico, proposal(session, at(session, 22, 12), at(session, 22, 13))
        )
    text = refused.value.reasons[0]
    assert "outside the windows" in text
    assert "13:15–14:45" in text and "Allowed windows" in text
    assert not SideEvent.objects.exists()


def test_only_entitled_entities_may_organize(session: Any, organizer: Any) -> None:
    ngo = entity("XNGO", "stakeholder", "Unlisted NGO")
    with pytest.raises(services.Refused) as refused:
        services.submit(
            session, organizer, ngo, proposal(session, at(session, 22, 13, 15), at(session, 22, 14))
        )
    assert refused.value.status == 403
    assert "not accredited" in refused.value.reasons[0]
    # A Member State the user does not act for.
    peru = entity("PER", "member-state", "Peru")
    with pytest.raises(services.Refused) as refused:
        services.submit(
            session,
            organizer,
            peru,
            proposal(session, at(session, 22, 13, 15), at(session, 22, 14)),
        )
    assert "You do not act for Peru" in refused.value.reasons[0]


def test_a_stakeholder_whose_list_passed_its_deadline_may_organize_before_it_is_settled(
    session: Any, opga: Any
) -> None:
    """No objection by the deadline: accredited, whether or not anyone has settled the list."""
    ngo = entity("LISTED-NGO", "stakeholder", "Listed NGO", category="ngo")
    now = timezone.now()
    nol = accreditation.publish_list(
        "List", [ngo], now - timedelta(hours=1), now - timedelta(days=8)
    )
    assert ngo.pk in set(entitled_entities().values_list("pk", flat=True))
    event = services.submit(
        session, opga, ngo, proposal(session, at(session, 22, 13, 15), at(session, 22, 14))
    )
    assert event.organizer == ngo
    nol.refresh_from_db()
    assert nol.closed_at is None  # read as accredited, not settled by reading


def test_a_conflict_is_offered_the_nearest_free_slots_and_rooms_that_fit(
    session: Any, organizer: Any, mexico: Any
) -> None:
    room = Room.objects.get(name="Conference Room 4")
    needs = core.RoomNeeds(120)
    first = services.submit(
        session,
        organizer,
        mexico,
        proposal(session, at(session, 22, 13, 15), at(session, 22, 14, 15), room=room, needs=needs),
    )
    with pytest.raises(services.Refused) as refused:
        services.submit(
            session,
            organizer,
            mexico,
            proposal(session, at(session, 22, 13, 30), at(session, 22, 14), room=room, needs=needs),
        )
    assert refused.value.status == 409
    assert "Conference Room 4 is already booked" in refused.value.reasons[0]
    found = refused.value.suggestions
    assert found, "a conflicting proposal is offered free slots"
    assert all(s.room.capacity >= 120 for s in found)
    for s in found:  # none of them overlaps the first booking of its room
        assert not (s.room.key == str(room.pk) and s.start < first.end and first.start < s.end)
    assert SideEvent.objects.count() == 1


def test_the_database_refuses_overlapping_bookings(
    session: Any, organizer: Any, mexico: Any
) -> None:
    event = services.submit(
        session, organizer, mexico, proposal(session, at(session, 22, 13, 15), at(session, 22, 14))
    )
    other = SideEvent.objects.create(
        session=session,
        organizer=mexico,
        title="Sneaked in",
        start=at(session, 22, 13, 30),
        end=at(session, 22, 14, 30),
        contact_name="x",
        contact_email="x@example.org",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(side_event=other, room=event.room, start=other.start, end=other.end)
    # Back to back is fine.
    Booking.objects.create(
        side_event=other, room=event.room, start=at(session, 22, 14), end=at(session, 22, 14, 45)
    )


def test_workflow_through_the_services(
    session: Any, organizer: Any, opga: Any, mexico: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        workflow(session, organizer, opga, mexico)
    assert len(mail.outbox) == 5
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Side event received",
        "Side event under review",
        "Side event approved",
        "Side event changed",
        "Side event withdrawn",
    ]


def workflow(session: Any, organizer: Any, opga: Any, mexico: Any) -> None:
    event = services.submit(
        session, organizer, mexico, proposal(session, at(session, 23, 13, 15), at(session, 23, 14))
    )
    with pytest.raises(services.Refused) as refused:  # not yet under review
        services.act(event, opga, "approve")
    assert "submitted cannot be approved" in refused.value.reasons[0]
    with pytest.raises(services.Refused) as refused:  # organizers do not approve
        services.act(event, organizer, "review")
    assert refused.value.status == 403
    event = services.act(event, opga, "review")
    with pytest.raises(services.Refused):
        services.act(event, opga, "decline", reason="")
    event = services.act(event, opga, "approve")
    assert event.status == "approved"
    # A change after approval goes back to review, and the room follows the new time.
    event = services.change(
        event, organizer, proposal(session, at(session, 23, 18), at(session, 23, 19))
    )
    assert event.status == "under_review"
    assert event.booking.start == at(session, 23, 18)
    event = services.act(event, organizer, "withdraw")
    assert event.status == "withdrawn"
    assert not Booking.objects.filter(side_event=event).exists()
    with pytest.raises(services.Refused):
        services.act(event, opga, "review")
    steps = [(e.action, e.from_status, e.to_status) for e in event.log.all()]
    assert steps == [
        ("submit", "", "submitted"),
        ("review", "submitted", "under_review"),
        ("approve", "under_review", "approved"),
        ("change", "approved", "under_review"),
        ("withdraw", "under_review", "withdrawn"),
    ]


def test_declining_needs_and_records_a_reason(
    session: Any, organizer: Any, opga: Any, mexico: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        event = services.submit(
            session, organizer, mexico, proposal(session, at(session, 22, 8), at(session, 22, 9))
        )
        services.act(event, opga, "review")
        event = services.act(event, opga, "decline", reason="Overlaps the informal briefing.")
    assert event.decline_reason == "Overlaps the informal briefing."
    assert "Overlaps the informal briefing." in mail.outbox[-1].body
    assert not Booking.objects.filter(side_event=event).exists()


def test_overlaps_flag_a_speaker_on_the_plenary_at_the_same_time(
    session: Any, organizer: Any, opga: Any, mexico: Any
) -> None:
    services.submit(
        session,
        organizer,
        mexico,
        proposal(session, at(session, 22, 13, 15), at(session, 22, 14)),
    )
    services.submit(
        session,
        organizer,
        mexico,
        proposal(
            session,
            at(session, 22, 13, 30),
            at(session, 22, 14, 30),
            title="Disaster displacement",
            speakers=[core.Speaker("Ms. Ana Pérez", core.Gender.FEMALE)],
        ),
    )
    kinds = {(o.kind, o.same_time) for o in services.overlaps_of(session)}
    assert (core.OverlapKind.SPEAKER, True) in kinds


def test_a_panelist_speaking_at_a_side_event_during_the_panel_is_flagged(
    session: Any, organizer: Any, mexico: Any
) -> None:
    services.submit(
        session,
        organizer,
        mexico,
        proposal(
            session,
            at(session, 23, 9),
            at(session, 23, 10),
            title="Breakfast on climate mobility",
            themes=["panel-3"],
            speakers=[core.Speaker("Mr. Jorge Ruiz", core.Gender.MALE)],
        ),
    )
    found = services.overlaps_of(session)
    assert any(o.kind == core.OverlapKind.PLENARY_THEME for o in found)
    assert not any(o.flagged for o in found)  # 09:00–10:00 ends before panel 3 (10:15)
    event = SideEvent.objects.get()
    event.end = at(session, 23, 10, 30)
    event.save()
    flagged = [o for o in services.overlaps_of(session) if o.flagged]
    assert [(o.kind, o.detail) for o in flagged] == [
        (core.OverlapKind.PLENARY_SPEAKER, "Mr. Jorge Ruiz")
    ]
