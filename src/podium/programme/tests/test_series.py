"""A series of sessions (issue 14): its page lists the bundled sessions in date order with their
venues, each session's page links to it, an unknown series is a clear 404, and one iCalendar
feed holds every session's segments."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.test import Client

from podium.core import sessionfile
from podium.programme.models import Session
from podium.programme.services import import_session_file, import_session_text

SESSIONS = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions"
SERIES = "/series/gcm-informal-thematic-sessions/"
# the bundled sessions of the GCM process, in the order they met in 2017
IN_DATE_ORDER = ["gcm-its2-drivers", "gcm-hearing-2017", "gcm-its5-vienna", "gcm-its6-geneva"]

pytestmark = pytest.mark.django_db


def _variant(slug: str, title: str, series: str) -> str:
    """The seed session's file as another session, of another series (or none)."""
    text = (SESSIONS / "gcm-its2-drivers.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^slug: .*$", f"slug: {slug}", text)
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
    return re.sub(r"(?m)^series: .*$", f"series: {series}" if series else "", text)


@pytest.fixture
def bundled() -> list[Session]:
    # imported out of date order on purpose: the page orders them
    return [import_session_file(SESSIONS / f"{slug}.yaml") for slug in reversed(IN_DATE_ORDER)]


def test_the_bundled_sessions_are_one_series_and_pass_the_checks() -> None:
    names = set()
    for slug in IN_DATE_ORDER:
        parsed = sessionfile.check(SESSIONS / f"{slug}.yaml")
        assert parsed.ok, [p.format(slug) for p in parsed.errors]
        assert parsed.programme is not None
        names.add(parsed.programme.series)
    assert names == {"GCM informal thematic sessions"}


def test_the_series_page_lists_its_sessions_in_date_order_with_venues(
    client: Client, bundled: list[Session]
) -> None:
    import_session_text(_variant("other-meeting", "Another meeting", "Other consultations"))
    response = client.get(SERIES)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>GCM informal thematic sessions</h1>" in page
    listed = re.findall(r'id="session-([-a-z0-9]+)"', page)
    assert listed == IN_DATE_ORDER
    assert "Another meeting" not in page
    for text in (
        "ECOSOC Chamber, New York",
        "Trusteeship Council Chamber, New York",
        "Vienna International Centre, Vienna",
        "Palais des Nations, Room XIX, Geneva",
        "22 May 2017",
        "12 October 2017",
        "Irregular migration and regular pathways",  # Vienna's theme
    ):
        assert text in page, text
    for slug in IN_DATE_ORDER:  # each links to its programme
        assert f'href="/sessions/{slug}/"' in page
    assert 'href="/series/gcm-informal-thematic-sessions/programme.ics"' in page
    # and each session's programme page, and the home page, link to the series
    vienna = client.get("/sessions/gcm-its5-vienna/").content.decode()
    assert f'href="{SERIES}"' in vienna
    assert f'href="{SERIES}"' in client.get("/").content.decode()


def test_a_session_without_series_has_no_series_link(client: Client) -> None:
    import_session_text(_variant("lone", "A lone meeting", ""))
    page = client.get("/sessions/lone/").content.decode()
    assert "/series/" not in page


def test_an_unknown_series_is_a_clear_404(client: Client, bundled: list[Session]) -> None:
    response = client.get("/series/no-such-series/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No such series" in page and "no-such-series" in page
    assert f'href="{SERIES}"' in page  # the series there are
    feed = client.get("/series/no-such-series/programme.ics")
    assert feed.status_code == 404 and "no-such-series" in feed.content.decode()


def test_the_series_feed_holds_every_sessions_segments(
    client: Client, bundled: list[Session]
) -> None:
    response = client.get(f"{SERIES}programme.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal.get("x-wr-calname")) == "GCM informal thematic sessions"
    events = list(cal.walk("VEVENT"))
    uids = [str(e.get("uid")) for e in events]
    assert len(uids) == len(set(uids))  # unique across sessions
    by_session = {slug: [u for u in uids if u.startswith(slug + "-")] for slug in IN_DATE_ORDER}
    assert all(by_session.values()), by_session  # every session's segments are there
    # as many as each session's own feed, with the same UIDs
    for slug in ("gcm-its2-drivers", "gcm-its5-vienna"):
        own = icalendar.Calendar.from_ical(client.get(f"/sessions/{slug}/programme.ics").content)
        assert {str(e.get("uid")) for e in own.walk("VEVENT")} == set(by_session[slug])
    # each event in its venue's time, one VTIMEZONE per zone
    zones = sorted(str(tz.get("tzid")) for tz in cal.walk("VTIMEZONE"))
    assert zones == ["America/New_York", "Europe/Vienna", "Europe/Zurich"]
    dialogue = next(e for e in events if "stakeholder_dialogue" in str(e.get("categories").cats))
    assert dialogue.decoded("dtstart").strftime("%Y-%m-%d %H:%M %Z") == "2017-09-04 09:00 CEST"
    first_ny = min(
        (e for e in events if str(e.get("uid")).startswith("gcm-its2-drivers-")),
        key=lambda e: e.decoded("dtstart"),
    )
    assert first_ny.decoded("dtstart").strftime("%Y-%m-%d %Z") == "2017-05-22 EDT"
    # an event says which session it belongs to, and links to its programme
    assert str(dialogue.get("description")).startswith("Fifth informal thematic session")
    assert str(dialogue.get("url")).endswith("/sessions/gcm-its5-vienna/")
