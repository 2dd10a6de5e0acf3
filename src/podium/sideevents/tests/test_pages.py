"""The pages and feeds: what the public sees (approved only), who may propose, the OPGA page."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client

from podium.core import sideevents as core
from podium.sideevents import services
from podium.sideevents.demo import create_demo_rooms
from podium.sideevents.models import Room
from podium.sideevents.tests.conftest import PASSWORD, at, entity, make_user
from podium.sideevents.views import side_events_context


def client_for(user: Any) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


@pytest.fixture
def events(session: Any, organizer: Any, opga: Any, mexico: Any) -> dict[str, Any]:
    def new(title: str, day: int, hh: int, mm: int, hh2: int, mm2: int) -> Any:
        return services.submit(
            session,
            organizer,
            mexico,
            services.Proposal(
                title=title,
                slots=[(at(session, day, hh, mm), at(session, day, hh2, mm2))],
                contact_name="Ana",
                contact_email="ana@example.org",
                needs=core.RoomNeeds(40),
                speakers=[core.Speaker("Ana Pérez", core.Gender.FEMALE)],
            ),
        )

    shown = new("Remittances and development", 22, 13, 15, 14, 30)
    services.act(shown, opga, "review")
    shown = services.act(shown, opga, "approve")
    hidden = new("Not yet approved", 23, 13, 15, 14, 0)
    return {"shown": shown, "hidden": hidden}


def test_public_pages_show_approved_events_only(session: Any, events: dict[str, Any]) -> None:
    c = Client()
    slug = session.slug
    page = c.get(f"/sessions/{slug}/side-events").content.decode()
    assert "Remittances and development" in page and "Not yet approved" not in page
    assert c.get(f"/sessions/{slug}/side-events/{events['hidden'].pk}").status_code == 404
    own = c.get(f"/sessions/{slug}/side-events/{events['shown'].pk}").content.decode()
    assert "Remittances and development" in own and "ana@example.org" not in own

    data = c.get(f"/api/sessions/{slug}/side-events").json()
    assert [e["title"] for e in data["side_events"]] == ["Remittances and development"]
    first = data["side_events"][0]
    assert first["start"] == "2017-05-22T13:15:00-04:00"
    assert first["organizer"]["name"] == "Mexico"
    assert first["room"]["name"]
    assert c.get("/api/sessions/nope/side-events").json()["error"] == "No such session."

    ics = c.get(f"/sessions/{slug}/side-events.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(ics.content)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Remittances and development"
    assert event.decoded("DTSTART").isoformat() == "2017-05-22T13:15:00-04:00"
    assert str(event["LOCATION"]).startswith(first["room"]["name"])
    assert str(cal["X-WR-TIMEZONE"]) == "America/New_York"

    day = c.get(f"/sessions/{slug}/side-events/day/2017-05-22").content.decode()
    assert "Side events of the day" in day and "Remittances and development" in day
    assert (
        "Not yet approved"
        not in c.get(f"/sessions/{slug}/side-events/day/2017-05-23").content.decode()
    )


def test_who_may_propose(session: Any, organizer: Any) -> None:
    slug = session.slug
    assert Client().get(f"/sessions/{slug}/side-events/propose").status_code == 302  # sign in
    press = make_user(session, "journalist", "public")
    refused = client_for(press).get(f"/sessions/{slug}/side-events/propose")
    assert refused.status_code == 403
    assert "cannot propose side events" in refused.content.decode()
    assert client_for(organizer).get(f"/sessions/{slug}/side-events/propose").status_code == 200
    ngo = entity("NGO1", "stakeholder", "Pending NGO", accreditation="pending")
    pending = make_user(session, "ngorep", "stakeholder", ngo)
    assert client_for(pending).get(f"/sessions/{slug}/side-events/propose").status_code == 403


def test_opga_page_is_for_the_opga(
    session: Any, organizer: Any, opga: Any, events: dict[str, Any]
) -> None:
    slug = session.slug
    assert client_for(organizer).get(f"/sessions/{slug}/side-events/opga").status_code == 403
    page = client_for(opga).get(f"/sessions/{slug}/side-events/opga").content.decode()
    assert "Not yet approved" in page and "Remittances and development" in page
    assert "Same speaker" in page  # Ana Pérez speaks at both


def test_a_conflicting_form_offers_free_slots(
    session: Any, organizer: Any, mexico: Any, events: dict[str, Any]
) -> None:
    room = events["shown"].room
    form = {
        "organizer": mexico.pk,
        "title": "Second in the same room",
        "slot0_day": "2017-05-22",
        "slot0_start": "13:30",
        "slot0_end": "14:30",
        "room": room.pk,
        "capacity": 30,
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
    }
    c = client_for(organizer)
    response = c.post(f"/sessions/{session.slug}/side-events/propose", form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "is already booked" in page
    assert 'name="suggestion"' in page
    # Taking the first suggestion submits the proposal with it.
    suggestion = response.context["suggestions"][0]["value"]
    done = c.post(
        f"/sessions/{session.slug}/side-events/propose", {**form, "suggestion": suggestion}
    )
    assert done.status_code == 302
    assert Room.objects.filter(pk=int(suggestion.split("|")[0])).exists()


def test_illegal_step_is_refused_with_a_reason(
    session: Any, organizer: Any, events: dict[str, Any]
) -> None:
    c = client_for(organizer)
    url = f"/sessions/{session.slug}/side-events/{events['hidden'].pk}/act"
    r = c.post(url, {"action": "approve"}, HTTP_ACCEPT="application/json")
    assert r.status_code == 403
    assert "Office of the President" in r.json()["error"]


def test_programme_include_and_demo_rooms(session: Any, events: dict[str, Any]) -> None:
    html = render_to_string("sideevents/_programme_side_events.html", side_events_context(session))
    assert "Remittances and development" in html and "Not yet approved" not in html
    assert "13:15–14:30" in html
    before = Room.objects.count()
    create_demo_rooms(session)
    assert Room.objects.count() == before >= 4


def test_changing_an_approved_event_sends_it_back_to_review(
    session: Any, organizer: Any, events: dict[str, Any]
) -> None:
    event = events["shown"]
    c = client_for(organizer)
    url = f"/sessions/{session.slug}/side-events/{event.pk}/edit"
    page = c.get(url)
    assert page.status_code == 200
    assert "a change sends it back to review" in page.content.decode()
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [], "")}
    data.update(
        organizer=event.organizer_id,
        room="",
        slot0_start="18:30",
        slot0_end="19:30",
        speaker0_name="Ana Pérez",
        speaker0_gender="female",
    )
    data.pop("cosponsors", None)
    done = c.post(url, data)
    assert done.status_code == 302, done.content.decode()[:2000]
    event.refresh_from_db()
    assert event.status == "under_review"
    assert event.start == at(session, 22, 18, 30)
    assert "a change sends it back to review" not in c.get(url).content.decode()
    assert (
        "Remittances and development"
        not in Client().get(f"/sessions/{session.slug}/side-events").content.decode()
    )


def test_admin_pages_for_rooms_and_side_events(
    session: Any, events: dict[str, Any], admin_client: Client
) -> None:
    pk = events["shown"].pk
    for url in (
        "/admin/sideevents/room/",
        "/admin/sideevents/room/add/",
        "/admin/sideevents/sideevent/",
        f"/admin/sideevents/sideevent/{pk}/change/",
        "/admin/sideevents/booking/",
    ):
        assert admin_client.get(url).status_code == 200, url
    listed = admin_client.get("/admin/sideevents/sideevent/").content.decode()
    assert "Remittances and development" in listed and "Not yet approved" in listed


def test_the_journal_lists_the_days_approved_side_events(
    session: Any, events: dict[str, Any], capsysbinary: Any
) -> None:
    page = Client().get(f"/sessions/{session.slug}/journal/2017-05-22").content.decode()
    body = page.split('<table class="items">', 1)[1].split("</table>", 1)[0]
    assert "Side event: Remittances and development" in body
    assert "13:15–14:30" in body and "Mexico" in body  # its time and its organizer
    later = Client().get(f"/sessions/{session.slug}/journal/2017-05-23").content.decode()
    assert "Not yet approved" not in later  # only approved events
    assert body.index("Panel 1") < body.index("Remittances") < body.index("Panel 2")  # in time
    french = Client().get(f"/sessions/{session.slug}/journal/2017-05-22?lang=fr").content
    assert "Mexique" in french.decode()
    call_command("export", session.slug, "--format", "journal")
    text = capsysbinary.readouterr().out.decode()
    assert "13:15–14:30  Side event: Remittances and development" in text
