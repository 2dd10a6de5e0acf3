"""An organizer proposes a side event in the browser; the OPGA takes it under review and approves
it; it appears on the public page and in the iCalendar feed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from podium.sideevents.tests.conftest import PASSWORD


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
def test_organizer_submits_and_opga_approves(
    asgi_server: Any, page: Any, session: Any, organizer: Any, opga: Any
) -> None:
    base = asgi_server.url
    slug = session.slug
    sign_in(page, base, "mexdelegate")
    page.goto(f"{base}/sessions/{slug}/side-events/propose")
    page.fill("#id_title", "Climate mobility in Central America")
    page.fill("#id_description", "Experiences of Member States of the region.")
    page.locator("input[name=themes]").first.check()
    page.select_option("#id_slot0_day", index=0)
    # First outside the windows: refused with the allowed windows listed.
    page.fill("#id_slot0_start", "12:00")
    page.fill("#id_slot0_end", "13:00")
    page.fill("#id_capacity", "80")
    page.check("input[name=languages][value=es]")
    page.fill("#id_speaker0_name", "Ana Pérez")
    page.select_option("#id_speaker0_gender", "female")
    page.fill("#id_speaker1_name", "Luis Gómez")
    page.select_option("#id_speaker1_gender", "male")
    page.fill("#id_contact_name", "Ana Pérez")
    page.fill("#id_contact_email", "ana@example.org")
    page.click("text=Submit the proposal")
    alert = page.locator(".refusal")
    assert "Allowed windows" in alert.inner_text()
    assert "13:15–14:45" in alert.inner_text()
    page.fill("#id_slot0_start", "13:15")
    page.fill("#id_slot0_end", "14:30")
    page.click("text=Submit the proposal")
    page.wait_for_url("**/side-events/*")
    assert "Submitted" in page.locator(".badge").inner_text()
    detail_url = page.url

    # The OPGA signs in (a fresh context would be cleaner; signing out is what a user does).
    page.click("text=Sign out")
    sign_in(page, base, "opgaofficer")
    page.goto(f"{base}/sessions/{slug}/side-events/opga")
    row = page.locator("tr", has_text="Climate mobility in Central America")
    row.locator("button", has_text="Take under review").click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text="Climate mobility in Central America")
    row.locator("button", has_text="Approve").click()
    page.wait_for_load_state()
    assert page.locator("#group-approved").inner_text().endswith("1")

    page.goto(detail_url)
    assert "Approved" in page.locator(".badge").inner_text()
    log = page.locator("table.log").inner_text()
    assert "Taken under review" in log and "Under review → Approved" in log

    page.goto(f"{base}/sessions/{slug}/side-events")
    assert page.locator("text=Climate mobility in Central America").is_visible()
    ics = page.request.get(f"{base}/sessions/{slug}/side-events.ics").text()
    assert "SUMMARY:Climate mobility in Central America" in ics
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Side event received",
        "Side event under review",
        "Side event approved",
    ]
