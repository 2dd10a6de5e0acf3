"""Two requests racing for the same room and slot: exactly one wins, the other is offered others.

Real threads, each with its own database connection, released together by a barrier. On SQLite
the writers are serialised by BEGIN IMMEDIATE (and a trigger guards the table); on PostgreSQL the
exclusion constraint refuses the second insert.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from podium.core import sideevents as core
from podium.sideevents import services
from podium.sideevents.models import Booking, Room, SideEvent
from podium.sideevents.tests.conftest import at


def race_requests(
    session: Any, user: Any, organizer: Any, contenders: int = 2
) -> tuple[list[int], dict[int, str]]:
    """Real HTTP requests (Django's test client), one per thread, posting the proposal form for
    the same room and slot at the same moment; returns their status codes, and what the pages
    that did not redirect said."""
    room = Room.objects.get(name="Conference Room 2")
    codes: list[int] = [0] * contenders
    reasons: dict[int, str] = {}
    clients = []
    for _i in range(contenders):
        c = Client()
        c.force_login(user)
        clients.append(c)

    def contend(i: int) -> None:
        response = clients[i].post(
            f"/sessions/{session.slug}/side-events/propose",
            {
                "organizer": organizer.pk,
                "title": f"Contender {i}",
                "slot0_day": "2017-05-22",
                "slot0_start": "13:15",
                "slot0_end": "14:45",
                "room": room.pk,
                "capacity": 50,
                "contact_name": "Contact",
                "contact_email": f"c{i}@example.org",
            },
        )
        codes[i] = response.status_code
        if response.status_code != 302:  # what the page said, for a failing assertion
            page = response.content.decode()
            start = page.find('<div class="refusal"')
            reasons[i] = page[start : start + 400] if start >= 0 else page[:400]

    _together(contenders, contend)
    return codes, reasons


def race(session: Any, user: Any, organizer: Any, contenders: int = 2) -> list[Any]:
    room = Room.objects.get(name="Conference Room 2")
    results: list[Any] = [None] * contenders

    def contend(i: int) -> None:
        try:
            results[i] = services.submit(
                session,
                user,
                organizer,
                services.Proposal(
                    title=f"Contender {i}",
                    slots=[(at(session, 22, 13, 15), at(session, 22, 14, 45))],
                    room=room,
                    contact_name="Contact",
                    contact_email=f"c{i}@example.org",
                    needs=core.RoomNeeds(50),
                ),
            )
        except Exception as exc:  # noqa: BLE001 - a Refused, or reported by the assertions
            results[i] = exc

    _together(contenders, contend)
    return results


def _together(contenders: int, contend: Callable[[int], None]) -> None:
    """`contend(i)` in one thread each, released at the same moment by a barrier; each thread
    closes its own database connection."""
    barrier = threading.Barrier(contenders)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            contend(i)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)


def check_one_winner(results: list[Any]) -> None:
    winners = [r for r in results if isinstance(r, SideEvent)]
    losers = [r for r in results if isinstance(r, services.Refused)]
    assert len(winners) == 1, results
    assert len(losers) == len(results) - 1, results
    assert all(r.status == 409 and r.suggestions for r in losers)
    assert Booking.objects.count() == 1
    assert SideEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_for_one_room_and_slot_one_wins(
    session: Any, organizer: Any, mexico: Any
) -> None:
    check_one_winner(race(session, organizer, mexico))


@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_for_one_room_one_is_offered_other_slots(
    session: Any, organizer: Any, mexico: Any
) -> None:
    codes, said = race_requests(session, organizer, mexico)
    assert sorted(codes) == [302, 409], said
    assert Booking.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_on_postgresql(
    postgres_url: str, session: Any, organizer: Any, mexico: Any
) -> None:
    assert connection.vendor == "postgresql"
    check_one_winner(race(session, organizer, mexico, contenders=4))
    Booking.objects.all().delete()
    SideEvent.objects.all().delete()
    codes, said = race_requests(session, organizer, mexico)
    assert sorted(codes) == [302, 409], said
    assert Booking.objects.count() == 1
