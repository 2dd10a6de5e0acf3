"""The record across a series' sessions (issue 14): floor events run in two sessions of the
series, and the statistics page and its JSON add up each session's record: per delegation
(per session and in all, speaking time), per regional group and per category."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from podium.programme.services import import_session_file
from podium.record import adapters, services
from podium.record.tests.scripted import Script, config, run_two_panels

SESSIONS = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions"
SERIES = "gcm-informal-thematic-sessions"

pytestmark = pytest.mark.django_db


def run_vienna_panel(session: Any) -> Script:
    """Vienna's panel 1: Brazil (120 s), Mexico (150 s), Germany (100 s), Brazil again (90 s)."""
    p1 = next(s for s in adapters.segments_of(session) if s.kind == "expert_panel")
    f = Script(session)

    def s(sec: float) -> Any:
        return p1.start + timedelta(seconds=sec)

    f.do(s(0), "open_segment", segment=config(p1))
    f.do(s(0), "open_discussion")
    bra = f.request(s(10), "BRA")
    mex = f.request(s(11), "MEX")
    deu = f.request(s(12), "DEU")
    f.do(s(20), "call", request_id=bra)
    f.do(s(140), "finish")
    f.do(s(150), "call", request_id=mex)
    f.do(s(300), "finish")
    f.do(s(310), "call", request_id=deu)
    f.do(s(410), "finish")
    again = f.request(s(420), "BRA")
    f.do(s(430), "call", request_id=again)
    f.do(s(520), "finish")
    f.do(s(530), "close_discussion")
    f.do(s(530), "close_segment")
    f.save()
    return f


@pytest.fixture
def series(session: Any) -> tuple[Any, Any, Any]:
    """The seed session after `run_two_panels` (Ghana 200 s, Brazil 150 s, France 180 s,
    Argentina 240 s, the stakeholder STK1 200 s), Vienna after `run_vienna_panel`, Geneva
    (same series) without a floor log yet."""
    vienna = import_session_file(SESSIONS / "gcm-its5-vienna.yaml")
    geneva = import_session_file(SESSIONS / "gcm-its6-geneva.yaml")
    run_two_panels(session)
    run_vienna_panel(vienna)
    return session, vienna, geneva


def test_the_json_adds_up_each_sessions_record(client: Client, series: Any) -> None:
    seed, vienna, geneva = series
    response = client.get(f"/api/series/{SERIES}/statistics")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["series"] == "GCM informal thematic sessions" and data["slug"] == SERIES
    slugs = [seed.slug, vienna.slug, geneva.slug]
    assert [s["slug"] for s in data["sessions"]] == slugs  # in date order
    assert [s["interventions"] for s in data["sessions"]] == [5, 4, 0]

    delegations = {d["entity"]: d for d in data["delegations"]}
    brazil = delegations["BRA"]
    assert data["delegations"][0]["entity"] == "BRA"  # who spoke most comes first
    assert brazil["name"] == "Brazil" and brazil["interventions"] == 3
    assert brazil["by_session"] == {seed.slug: 1, vienna.slug: 2, geneva.slug: 0}
    assert brazil["speaking_time_s"] == 150 + 120 + 90
    assert delegations["MEX"]["by_session"] == {seed.slug: 0, vienna.slug: 1, geneva.slug: 0}
    assert delegations["MEX"]["speaking_time_s"] == 150
    assert delegations["GHA"]["interventions"] == 1 and delegations["GHA"]["speaking_time_s"] == 200
    assert delegations["STK1"]["category"] == "stakeholder"
    assert sorted(delegations) == ["ARG", "BRA", "DEU", "FRA", "GHA", "MEX", "STK1"]

    groups = {g["regional_group"]: g for g in data["regional_groups"]}
    assert groups["GRULAC"]["by_session"] == {seed.slug: 2, vienna.slug: 3, geneva.slug: 0}
    assert groups["GRULAC"]["interventions"] == 5  # Brazil 3, Argentina 1, Mexico 1
    assert groups["GRULAC"]["speaking_time_s"] == 150 + 240 + 120 + 150 + 90
    assert groups["WEOG"]["interventions"] == 2  # France, Germany
    assert groups["AFRICAN"]["by_session"] == {seed.slug: 1, vienna.slug: 0, geneva.slug: 0}
    assert set(groups) == {"AFRICAN", "GRULAC", "WEOG"}  # the stakeholder is in none

    categories = {c["category"]: c for c in data["categories"]}
    assert categories["member_state"]["interventions"] == 8
    assert categories["member_state"]["by_session"] == {
        seed.slug: 4,
        vienna.slug: 4,
        geneva.slug: 0,
    }
    assert categories["stakeholder"]["interventions"] == 1
    assert categories["member_state"]["name"] == "Member State"


def test_the_series_agrees_with_each_sessions_statistics(client: Client, series: Any) -> None:
    """Nothing re-derived: a session's column is what that session's own statistics say."""
    data = client.get(f"/api/series/{SERIES}/statistics").json()
    for session in series:
        tables = {t.key: t for t in services.statistics_of(session)}
        own = {
            str(r["regional_group"]): r["interventions"]
            for r in tables["by-regional-group"].as_dicts()
        }
        counted = {
            g["regional_group"]: g["by_session"][session.slug]
            for g in data["regional_groups"]
            if g["by_session"][session.slug]
        }
        assert counted == own, session.slug


def test_the_statistics_page_shows_who_spoke_how_often(client: Client, series: Any) -> None:
    seed, vienna, _geneva = series
    response = client.get(f"/series/{SERIES}/statistics")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Record and statistics across the sessions" in page
    assert f'href="/series/{SERIES}/"' in page  # back to the series
    assert f'href="/sessions/{vienna.slug}/statistics"' in page  # each session's own
    assert 'class="table-scroll"' in page  # wide tables scroll in their own box
    brazil = page.split('data-entity="BRA"', 1)[1].split("</tr>", 1)[0]
    cells = [c.split(">", 1)[1] for c in brazil.split("<td")[1:]]
    # category, regional group, the three sessions, total, speaking time (min)
    assert [c.split("<", 1)[0] for c in cells] == [
        "Member State",
        "Latin American and Caribbean States",
        "1",
        "2",
        "0",
        "3",
        "6.0",
    ]
    assert "Interventions of States by regional group" in page and "<svg" in page
    # the series' page links here
    assert (
        f'href="/series/{SERIES}/statistics"' in client.get(f"/series/{SERIES}/").content.decode()
    )


def test_an_unknown_series_has_no_statistics(client: Client, series: Any) -> None:
    page = client.get("/series/no-such-series/statistics")
    assert page.status_code == 404 and "No such series" in page.content.decode()
    api = client.get("/api/series/no-such-series/statistics")
    assert api.status_code == 404 and api["Content-Type"] == "application/problem+json"
    assert "no-such-series" in api.json()["detail"]


@pytest.mark.browser
def test_the_series_pages_fit_a_phone(asgi_server: Any, page: Any) -> None:
    """At 390 px the page never scrolls sideways: a wide table scrolls inside its own box."""
    seed = import_session_file(SESSIONS / "gcm-its2-drivers.yaml")
    vienna = import_session_file(SESSIONS / "gcm-its5-vienna.yaml")
    import_session_file(SESSIONS / "gcm-its6-geneva.yaml")
    import_session_file(SESSIONS / "gcm-hearing-2017.yaml")
    run_two_panels(seed)
    run_vienna_panel(vienna)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{asgi_server.url}/series/{SERIES}/")
    assert page.locator("li.series-session").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.click("text=Record and statistics across the sessions")
    page.wait_for_url(f"**/series/{SERIES}/statistics")
    assert page.locator("#delegations-table tbody tr").count() == 7
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    box = page.locator("#delegations .table-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls in its box
