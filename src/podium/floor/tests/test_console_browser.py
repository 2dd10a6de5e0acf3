"""The console as a moderator uses it (issue 16): on a 1366×768 laptop with 40 waiting the
speaker, the timer and ten of each line are in view; buttons follow the floor; Space after a
click on "+30 s" pauses; the focus stays on the request acted on; a closed discussion is undone;
the segment picker offers what this moderator may open."""

from __future__ import annotations

from typing import Any

import pytest

from podium.core.commands import Refusal
from podium.floor import services
from podium.floor.models import FloorEvent
from podium.floor.tests.conftest import client_for, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "gcm-its2-drivers"


def members(n: int) -> list[str]:
    from podium.people.models import Entity

    codes = Entity.objects.filter(kind="member-state").order_by("code")
    return list(codes.values_list("code", flat=True)[:n])


def full_room(waiting: int) -> Any:
    """Panel 1 with one delegation speaking and `waiting` in line (sent as the floor's operator:
    forty requests in a row from one test client would be rate-limited)."""
    from podium.programme.models import Session

    session = Session.objects.get(slug=SLUG)
    for body in (
        {"command": "open_segment", "segment": "panel-1"},
        {"command": "open_discussion"},
        *({"command": "request", "entity": code} for code in members(waiting + 1)),
        {"command": "call_next"},
    ):
        assert not isinstance(services.execute(session, body), Refusal), body
    return client_for("mod1")


def in_view(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)].every((n) => {
                 const r = n.getBoundingClientRect();
                 return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight
                   && r.left >= 0 && r.right <= innerWidth; })""",
            selector,
        )
    )


def test_a_full_room_on_a_laptop_and_the_moderators_keys(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    mod = full_room(40)
    page = signed_in_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        items = page.locator("[data-line=member_states] li")
        expect(items).to_have_count(40)
        # the speaker, the timer and the first ten waiting are on screen without scrolling
        page.screenshot(path="/tmp/console-1366.png")
        assert in_view(page, "#c-current") and in_view(page, "#c-timer")
        assert in_view(page, "[data-line=member_states] li:nth-child(-n+10)")
        assert page.evaluate("scrollY") == 0

        # the buttons say what the floor allows now
        expect(page.locator("#c-open-discussion")).to_have_attribute("aria-disabled", "true")
        expect(page.locator("#c-close-discussion")).to_have_attribute("aria-disabled", "false")
        page.click("#c-open-discussion", force=True)  # refused here, with the reason
        expect(page.locator("#c-error")).to_have_text("The discussion is already open.")

        # Space after a click on "+30 s" pauses, it does not press "+30 s" again
        limit = mod.get(f"/api/sessions/{SLUG}/floor").json()["current"]["timer"]["limit_s"]
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.get_by_role("button", name="+30 s (Add 30 seconds)").click()
        with page.expect_response(lambda r: r.request.method == "POST") as sent:
            page.keyboard.press(" ")
        assert '"pause_timer"' in (sent.value.request.post_data or "")
        timer = mod.get(f"/api/sessions/{SLUG}/floor").json()["current"]["timer"]
        assert timer["limit_s"] == limit + 30 and timer["paused_at"] is not None
        expect(page.locator("#c-timer")).to_have_attribute("data-phase", "paused")

        # the focus stays on the request acted on, after the lines are drawn again
        third = page.locator("[data-line=member_states] li").nth(2)
        name = third.get_attribute("data-request")
        up = third.locator("button").nth(1)
        up.focus()
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("Enter")
        expect(page.locator("[data-line=member_states] li").nth(1)).to_have_attribute(
            "data-request", name or ""
        )
        focused = page.evaluate("document.activeElement.dataset.focus")
        assert focused == f"up:{name}"
        # Alt+↓ moves it back, from the keyboard
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("Alt+ArrowDown")
        expect(page.locator("[data-line=member_states] li").nth(2)).to_have_attribute(
            "data-request", name or ""
        )
        page.screenshot(path="/tmp/console-1366.png")
    finally:
        page.context.close()


def test_a_closed_discussion_is_undone_from_the_console(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    mod = full_room(3)
    page = signed_in_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        expect(page.locator("[data-line=member_states] li")).to_have_count(3)
        page.click("#c-close-discussion")
        bar = page.locator("#c-undo-bar")
        expect(bar).to_be_visible()
        expect(bar).to_contain_text("3 waiting requests marked not heard")
        expect(page.locator("[data-line=member_states] li")).to_have_count(0)
        page.click("#c-undo")
        expect(page.locator("[data-line=member_states] li")).to_have_count(3)
        expect(bar).to_be_hidden()
        snap = mod.get(f"/api/sessions/{SLUG}/floor").json()
        assert snap["segment"]["discussion_open"] is True
        types = list(FloorEvent.objects.order_by("seq").values_list("type", flat=True))
        assert types[-2:] == ["discussion_closed", "undone"]  # the log keeps both
    finally:
        page.context.close()


def test_the_picker_offers_the_segments_this_moderator_may_open(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    page = signed_in_page(chromium, asgi_server, "mod2", viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        assert page.locator("#c-segment-choice").input_value() == "panel-2"
        disabled = page.eval_on_selector_all(
            "#c-segment-choice option[disabled]", "os => os.map(o => o.value)"
        )
        assert "panel-1" in disabled and "panel-2" not in disabled
    finally:
        page.context.close()


def test_a_closed_list_and_a_closed_discussion_are_said_on_the_phone_and_the_live_page(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    full_room(1)  # Afghanistan speaks, Albania waits
    session = seed
    phone = signed_in_page(chromium, asgi_server, "mex", viewport={"width": 390, "height": 844})
    live = signed_in_page(chromium, asgi_server, None)
    try:
        phone.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/delegate")
        live.goto(f"{asgi_server.url}/sessions/{SLUG}/live")
        expect(phone.locator("#d-request")).to_be_enabled()
        services.execute(session, {"command": "close_list"})
        expect(phone.locator("#d-request")).to_be_disabled()
        expect(phone.locator("#d-why")).to_have_text("The list of speakers is closed.")
        expect(live.locator("#l-state")).to_have_text("The list of speakers is closed.")
        services.execute(session, {"command": "close_discussion"})
        expect(phone.locator("#d-status")).to_have_text(
            "The discussion is closed: no more requests for the floor."
        )
        expect(live.locator("#l-state")).to_have_text(
            "The discussion is closed: no more requests for the floor."
        )
        expect(phone.locator("#d-request")).to_be_disabled()
    finally:
        phone.context.close()
        live.context.close()


def test_a_point_of_order_interrupts_the_speaker(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    mod = full_room(2)
    console = signed_in_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 768})
    phone = signed_in_page(chromium, asgi_server, "mex", viewport={"width": 390, "height": 844})
    try:
        console.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        phone.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/delegate")
        expect(console.locator("#c-timer")).to_have_attribute("data-phase", "running")
        phone.click("#d-poo")
        expect(phone.locator("#d-poo-status")).to_have_text(
            "Your point of order is with the chair."
        )
        banner = console.locator("#c-poo")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("Point of order: Mexico")
        assert console.evaluate(
            "getComputedStyle(document.getElementById('c-poo')).backgroundColor"
        ) == ("rgb(176, 0, 0)")
        expect(console.locator("#c-timer")).to_have_attribute("data-phase", "paused")
        console.click("#c-poo-settle")
        expect(banner).to_be_hidden()
        expect(console.locator("#c-timer")).to_have_attribute("data-phase", "running")
        record = mod.get(f"/api/sessions/{SLUG}/floor").json()
        assert record["points_of_order"] == []
        assert FloorEvent.objects.filter(type="point_of_order_settled").count() == 1
    finally:
        console.context.close()
        phone.context.close()


def test_a_right_of_reply_is_asked_from_the_phone_and_taken_at_the_end(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    mod = full_room(1)
    console = signed_in_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 768})
    phone = signed_in_page(chromium, asgi_server, "mex", viewport={"width": 390, "height": 844})
    try:
        console.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        phone.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/delegate")
        phone.click("#d-reply")
        expect(phone.locator("#d-reply-status")).to_contain_text("taken at the end")
        reply = console.get_by_role("button", name="Call Mexico")
        expect(reply).to_have_attribute("aria-disabled", "true")  # not while the discussion is open
        services.execute(seed, {"command": "close_discussion"})
        expect(reply).to_have_attribute("aria-disabled", "false")
        reply.click()
        expect(console.locator("#c-current")).to_contain_text("Mexico")
        current = mod.get(f"/api/sessions/{SLUG}/floor").json()["current"]
        assert current["role"] == "reply" and current["timer"]["limit_s"] == 180
    finally:
        console.context.close()
        phone.context.close()
