"""Two requests racing for the same room and slot: exactly one wins, the other is offered others.

Real threads, each with its own database connection, released together by a barrier. On SQLite
the writers are serialised by BEGIN IMMEDIATE (and a trigger guards the table); on PostgreSQL the
exclusion constraint refuses the second insert.
"""

from __future__ import annotations

import threading
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
    barrier = threading.Barrier(contenders)
    codes: list[int] = [0] * contenders
    reasons: dict[int, str] = {}
    clients = []
    for _i in range(contenders):
        c = Client()
        c.force_login(user)
        clients.append(c)

    def contend(i: int) -> None:
        try:
            barrier.wait(timeout=10)
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
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return codes, reasons


def race(session: Any, user: Any, organizer: Any, contenders: int = 2) -> list[Any]:
    room = Room.objects.get(name="Conference Room 2")
    barrier = threading.Barrier(contenders)
    results: list[Any] = [None] * contenders

    def contend(i: int) -> None:
        try:
            barrier.wait(timeout=10)
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
        except services.Refused as exc:
            results[i] = exc
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


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
