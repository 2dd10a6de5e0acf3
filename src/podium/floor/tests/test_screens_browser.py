"""The screens as people see them, in headless Chromium at their real sizes: the room's projector
(1920×1080) through running, 30 s left and overtime; the delegate's phone (390 px); the console's
names, focus and venue times. Screenshots are written to the test's tmp directory."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from .conftest import signed_in_page

SLUG = "gcm-its2-drivers"
pytestmark = pytest.mark.browser


def open_page(chromium: Any, server: Any, username: str | None, **context: Any) -> Any:
    # a browser far from the venue: the screens must still show New York times
    return signed_in_page(chromium, server, username, timezone_id="Asia/Tokyo", **context)


def px(page: Any, selector: str, prop: str = "font-size") -> float:
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")
    return float(str(value).removesuffix("px"))


def box(page: Any, selector: str) -> dict[str, float]:
    return dict(page.locator(selector).bounding_box())


def fits(page: Any, width: int, height: int | None = None) -> None:
    """No horizontal scrolling (and, for the projector, no vertical either)."""
    w, h = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert w <= width, f"page is {w}px wide in a {width}px viewport"
    if height is not None:
        assert h <= height, f"page is {h}px high on a {height}px screen"


def call_suggested(mod: Any, limit_s: int) -> None:
    """The moderator calls the suggested speaker with a short limit (to reach the states)."""
    from podium.floor.tests.conftest import post

    snap = mod.get(f"/api/sessions/{SLUG}/floor").json()
    out = post(
        mod, SLUG, command="call", request_id=snap["suggested"]["request_id"], limit_s=limit_s
    )
    assert out.status_code == 200, out.content


# record what the countdown's live region says, and how often it changes
RECORD_ANNOUNCEMENTS = """
window.__said = [];
new MutationObserver(() => {
  const t = document.getElementById(ID).textContent;
  if (t) window.__said.push(t);
}).observe(document.getElementById(ID), {childList: true, characterData: true, subtree: true});
"""


def test_room_phone_and_console_as_seen(
    asgi_server: Any, seed: Any, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from podium.floor.tests.conftest import client_for, post

    base = asgi_server.url
    mod = client_for("mod1")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    post(mod, SLUG, command="open_discussion")
    for code in ("MEX", "BGD", "DEU", "NGA"):
        assert post(mod, SLUG, command="request", entity=code).status_code == 200

    room = open_page(chromium, asgi_server, None, viewport={"width": 1920, "height": 1080})
    phone = open_page(
        chromium, asgi_server, "bgd", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    console = open_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 900})
    try:
        room.goto(f"{base}/sessions/{SLUG}/room")
        room.evaluate(RECORD_ANNOUNCEMENTS.replace("ID", '"room-announce"'))
        phone.goto(f"{base}/sessions/{SLUG}/floor/delegate")

        # Mexico speaks, 33 s: running, then 30 s left
        call_suggested(mod, limit_s=33)
        expect(room.locator("#room-speaker")).to_have_text("Mexico")
        expect(room.locator("#room-next li")).to_have_count(3)
        expect(room.locator("#room-timer")).to_have_attribute("data-phase", "running")
        room.screenshot(path=tmp_path / "room-running.png")
        fits(room, 1920, 1080)
        # readable at 20 m on a 1080-line projector: a huge countdown, big names
        assert px(room, "#room-timer") >= 0.3 * 1080
        assert px(room, "#room-speaker") >= 0.1 * 1080
        assert px(room, "#room-next li") >= 0.045 * 1080
        assert px(room, "#room-segment") >= 0.045 * 1080
        timer, nxt = box(room, "#room-timer"), box(room, ".room-next")
        assert timer["x"] + timer["width"] <= nxt["x"], "the countdown runs into the next three"
        assert room.locator("#room-announce").text_content() == ""
        assert room.locator("#room-phase").text_content() == ""

        # the phone: the floor's limit, the statement upload link, my place, no sideways scroll
        expect(phone.locator("#d-limit")).to_have_text(
            "Time limit for interventions from the floor: 3 min"
        )
        expect(phone.locator("#d-upload")).to_have_attribute(
            "href", f"/sessions/{SLUG}/statements/upload"
        )
        expect(phone.locator("#d-place")).to_have_attribute("data-place", "1")
        assert box(phone, "#d-request")["height"] >= 44  # a thumb-sized button
        fits(phone, 390)
        phone.screenshot(path=tmp_path / "delegate-390.png", full_page=True)

        # 30 s left: amber, in words too, announced once
        expect(room.locator("#room-timer")).to_have_attribute("data-phase", "warning")
        expect(room.locator("#room-phase")).to_have_text(re.compile(r"^(30|29|28) s left$"))
        expect(room.locator("#room-announce")).to_have_text("30 seconds left: Mexico")
        assert room.eval_on_selector("#room-timer", "e => getComputedStyle(e).color") == (
            "rgb(255, 179, 0)"
        )
        expect(phone.locator("#d-phase")).to_have_text(re.compile(r"^\d+ s left$"))
        room.screenshot(path=tmp_path / "room-warning.png")
        room.wait_for_timeout(2500)  # the countdown ticks on; the live region stays quiet
        assert room.evaluate("window.__said") == ["30 seconds left: Mexico"]

        # Bangladesh gets 1 s: time is up -> red screen, "+0:0x" and "Overtime +0:0x"
        call_suggested(mod, limit_s=1)
        expect(room.locator("#room-speaker")).to_have_text("Bangladesh")
        expect(room.locator("#room-timer")).to_have_attribute("data-phase", "overtime")
        expect(room.locator("#room-timer")).to_have_text(re.compile(r"^\+0:0\d$"))
        expect(room.locator("#room-phase")).to_have_text(re.compile(r"^Overtime \+0:0\d$"))
        expect(room.locator("#room-announce")).to_have_text("Time is up: Bangladesh")
        assert room.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") == (
            "rgb(160, 0, 0)"
        )
        room.screenshot(path=tmp_path / "room-overtime.png")
        timer, nxt = box(room, "#room-timer"), box(room, ".room-next")
        assert timer["x"] + timer["width"] <= nxt["x"]
        fits(room, 1920, 1080)
        said = room.evaluate("window.__said")
        assert said[-1] == "Time is up: Bangladesh" and len(said) == len(set(said)) <= 3
        expect(phone.locator("#d-status")).to_contain_text("has the floor")
        expect(phone.locator("#d-phase")).to_have_text(re.compile(r"^Overtime \+\d:\d\d$"))
        phone.screenshot(path=tmp_path / "delegate-overtime-390.png", full_page=True)

        # the console: every button has a name, the focus is visible, times are New York's
        console.goto(f"{base}/sessions/{SLUG}/floor/console")
        expect(console.locator("#c-phase")).to_have_text(re.compile(r"^Overtime \+\d:\d\d$"))
        expect(console.get_by_role("button", name="Move Nigeria up")).to_be_visible()
        expect(console.get_by_role("button", name="Call Germany")).to_be_visible()
        nameless = console.evaluate(
            """[...document.querySelectorAll('button')].filter(b =>
                 !(b.getAttribute('aria-label') || b.textContent).trim()).length"""
        )
        assert nameless == 0
        console.locator("#c-segment-choice").focus()
        console.keyboard.press("Tab")
        assert console.evaluate("document.activeElement.id") == "c-open-segment"
        assert console.evaluate("getComputedStyle(document.activeElement).outlineStyle") == (
            "solid"
        )
        # Enter on a focused button presses it (here +30 s); Space stays the pause shortcut
        console.get_by_role("button", name="+30 s (Add 30 seconds)").focus()
        with console.expect_response(lambda r: r.request.method == "POST") as sent:
            console.keyboard.press("Enter")
        assert json.loads(sent.value.request.post_data or "{}")["command"] == "extend_timer"
        timer = mod.get(f"/api/sessions/{SLUG}/floor").json()["current"]["timer"]
        assert timer["limit_s"] == 31 and timer["paused_at"] is None
        forecast = console.locator("#c-forecast")
        expect(forecast).to_contain_text("(New York time)")
        shown = re.search(r"ends at (\d\d:\d\d) \(New York time\)", forecast.text_content() or "")
        assert shown is not None
        snap = json.loads(console.locator("#floor-snapshot").text_content() or "{}")
        end = datetime.fromisoformat(snap["forecast"]["projected_end"])
        new_york = end.astimezone(ZoneInfo("America/New_York"))
        tokyo = end.astimezone(ZoneInfo("Asia/Tokyo"))
        assert new_york.hour != tokyo.hour
        hours, minutes = (int(x) for x in shown.group(1).split(":"))
        # the forecast moves with the clock: within two minutes of the page's first snapshot
        drift = (hours * 60 + minutes - (new_york.hour * 60 + new_york.minute)) % 1440
        assert drift <= 2 or drift >= 1438
        console.screenshot(path=tmp_path / "console.png", full_page=True)
    finally:
        for p in (room, phone, console):
            p.context.close()


def test_every_live_page_says_when_it_is_not_live_and_comes_back_on_its_own(
    chromium: Any, asgi_server: Any, seed: Any
) -> None:
    """The server goes away (a restart, the venue's Wi-Fi): each screen says "Not live" while
    it polls, and is live again, with the current floor, once the server is back."""
    from conftest import ServerThread
    from podium.floor.tests.conftest import client_for, post

    pages = {
        "room": open_page(chromium, asgi_server, None),
        "live": open_page(chromium, asgi_server, None),
        "floor/delegate": open_page(chromium, asgi_server, "mex"),
        "floor/console": open_page(chromium, asgi_server, "mod1"),
    }
    refused: list[str] = []  # what the Content-Security-Policy blocked, if anything
    for path, page in pages.items():
        page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else 0)
        page.goto(f"{asgi_server.url}/sessions/{SLUG}/{path}")
        page.locator("body[data-live='socket']").wait_for(state="attached")
        assert not page.locator("#floor-live-status").is_visible()
    assert refused == []
    asgi_server.stop()
    for page in pages.values():
        page.locator("body[data-live='polling']").wait_for(state="attached")
        status = page.locator("#floor-live-status")
        assert status.is_visible() and "Not live" in status.inner_text()
    post(client_for("mod1"), SLUG, command="open_segment", segment="panel-1")  # meanwhile
    back = ServerThread(port=asgi_server.port).start()
    try:
        for page in pages.values():
            page.locator("body[data-live='socket']").wait_for(state="attached", timeout=40_000)
            assert not page.locator("#floor-live-status").is_visible()
        room = pages["room"]
        room.locator("#room-segment", has_text="Sustainable").wait_for()
    finally:
        back.stop()
