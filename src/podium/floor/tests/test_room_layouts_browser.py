"""The room screen's layouts (issue 16) in headless Chromium at the projectors' real sizes: the
full screen on 16:9, 4:3 and 5:4 with nothing cut off (a long name, a message, a countdown, a point
of order and a closed list included); the speaker and timer alone; the line of ten; the webcast's
lower third on a transparent page; the chair's message and countdown, a closed list and a point of
order as they reach the room and the public page; "Next" following the round. Screenshots are
written to the test's tmp directory."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from podium.core.commands import Refusal
from podium.floor import services
from podium.floor.tests.conftest import signed_in_page

from .test_console_browser import members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "gcm-its2-drivers"
ROOM = f"/sessions/{SLUG}/room"
PROJECTORS = [(1920, 1080), (1280, 720), (1024, 768), (1280, 1024)]

# What is cut off: every element shown (not a visually hidden one) and every line of text, each
# with its box outside the screen; and how far the page scrolls.
CUT_OFF = """() => {
  const W = innerWidth, H = innerHeight, out = [];
  const clipped = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.clipPath !== 'none' || (s.clip && s.clip !== 'auto')) return true;
    }
    return false;
  };
  const outside = (r) => r.width > 0 && r.height > 0
    && (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1);
  const where = (r) => `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
  for (const e of document.body.querySelectorAll('*')) {
    if (getComputedStyle(e).visibility !== 'visible' || clipped(e)) continue;
    const r = e.getBoundingClientRect();
    if (outside(r)) out.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} ${where(r)}`);
  }
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = texts.nextNode());) {
    if (!n.textContent.trim() || clipped(n.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects())
      if (outside(r)) out.push(`text "${n.textContent.trim().slice(0, 40)}" ${where(r)}`);
  }
  const root = document.documentElement;
  return {out: out.slice(0, 10), scroll: [root.scrollWidth, root.scrollHeight]};
}"""


def floor(session: Any, *bodies: dict[str, Any]) -> None:
    """Commands as the floor's operator (many posts from one client would be rate-limited)."""
    for body in bodies:
        assert not isinstance(services.execute(session, body), Refusal), body


def nothing_cut_off(page: Any, width: int, height: int, what: str) -> None:
    found = page.evaluate(CUT_OFF)
    assert found["out"] == [], f"{what} at {width}×{height}: {found['out']}"
    assert found["scroll"] == [width, height], f"{what} at {width}×{height} scrolls: {found}"


def inside(page: Any, selector: str) -> dict[str, float]:
    """The element's box, which must be shown whole on the screen."""
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None and box["width"] > 0 and box["height"] > 0, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1, (selector, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 1, (selector, box)
    return dict(box)


def font_px(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


def speaking_with_ten_waiting(session: Any) -> None:
    """Panel 1: the United Kingdom (the longest name of a State) speaks in French, ten wait,
    Germany first, for the European Union."""
    floor(
        session,
        {"command": "open_segment", "segment": "panel-1"},
        {"command": "open_discussion"},
        {"command": "request", "entity": "DEU", "on_behalf_of": "EU"},
        *({"command": "request", "entity": c} for c in members(12) if c not in ("DEU", "GBR")),
        {
            "command": "call",
            "entity": "GBR",
            "speaker": "Ms Catherine Elizabeth Montgomery-Smythe",
        },
        {"command": "set_language", "language": "fr"},
    )


def test_the_full_room_fits_16_9_4_3_and_5_4_and_says_what_the_chair_sends(
    seed: Any, asgi_server: Any, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    speaking_with_ten_waiting(seed)
    room = signed_in_page(chromium, asgi_server, None, viewport={"width": 1920, "height": 1080})
    live = signed_in_page(chromium, asgi_server, None)
    try:
        room.goto(f"{asgi_server.url}{ROOM}")
        live.goto(f"{asgi_server.url}/sessions/{SLUG}/live")
        expect(room.locator("#room-speaker")).to_have_text(
            "United Kingdom of Great Britain and Northern Ireland"
        )
        expect(room.locator("#room-next li")).to_have_count(3)
        expect(room.locator("#room-next li").first).to_have_text(
            "Germany (on behalf of European Union)"
        )
        for width, height in PROJECTORS:
            room.set_viewport_size({"width": width, "height": height})
            room.wait_for_timeout(100)
            room.screenshot(path=tmp_path / f"full-{width}x{height}.png")
            nothing_cut_off(room, width, height, "the full room")
            timer = inside(room, "#room-timer")
            expect(room.locator("#room-timer")).to_have_text(re.compile(r"^[23]:\d\d$"))
            assert font_px(room, "#room-timer") >= 0.2 * height
            nxt = inside(room, ".room-next")
            assert timer["x"] + timer["width"] <= nxt["x"], "the countdown runs into the next"
            for sel in ("#room-segment", "#room-speaker", "#room-person", "#room-language"):
                inside(room, sel)

        # the chair projects a message and a countdown, closes the list; France raises a point
        # of order: each in words on the room (the point in red) and on the public page
        assert room.locator("#room-message").text_content() == ""
        assert not room.locator("#room-countdown").is_visible()
        floor(
            seed,
            {"command": "project_message", "text": "Please take your seats"},
            {"command": "start_countdown", "seconds": 300, "label": "The meeting resumes"},
            {"command": "close_list"},
            {"command": "point_of_order", "entity": "FRA"},
        )
        expect(room.locator("#room-message")).to_have_text("Please take your seats")
        expect(room.locator("#room-countdown-label")).to_have_text("The meeting resumes")
        expect(room.locator("#room-countdown-time")).to_have_text(re.compile(r"^[45]:\d\d$"))
        first = room.locator("#room-countdown-time").text_content()
        expect(room.locator("#room-countdown-time")).not_to_have_text(first or "", timeout=3000)
        expect(room.locator("#room-state")).to_have_text("The list of speakers is closed.")
        expect(room.locator("#room-poo")).to_have_text("Point of order: France")
        assert room.eval_on_selector("#room-poo", "e => getComputedStyle(e).backgroundColor") == (
            "rgb(176, 0, 0)"
        )
        expect(live.locator("#l-message")).to_have_text("Please take your seats")
        expect(live.locator("#l-countdown")).to_contain_text("The meeting resumes")
        expect(live.locator("#l-countdown-time")).to_have_text(re.compile(r"^[45]:\d\d$"))
        expect(live.locator("#l-state")).to_have_text("The list of speakers is closed.")
        expect(live.locator("#l-poo")).to_have_text("Point of order: France")
        live.screenshot(path=tmp_path / "live-notices.png", full_page=True)
        for width, height in PROJECTORS:
            room.set_viewport_size({"width": width, "height": height})
            room.wait_for_timeout(100)
            room.screenshot(path=tmp_path / f"full-notices-{width}x{height}.png")
            nothing_cut_off(room, width, height, "the full room with the chair's notices")
            for sel in ("#room-timer", "#room-countdown-time", "#room-message", "#room-poo"):
                inside(room, sel)
            assert font_px(room, "#room-timer") >= 0.1 * height

        # the speaker done, the message and the countdown take the speaker's place, larger
        floor(seed, {"command": "settle_point_of_order"}, {"command": "finish"})
        expect(room.locator("#room-now")).to_be_hidden()
        expect(room.locator("#room-poo")).to_have_text("")
        assert font_px(room, "#room-countdown-time") >= 0.15 * 1024
        room.screenshot(path=tmp_path / "full-message-1280x1024.png")
        nothing_cut_off(room, 1280, 1024, "the chair's message and countdown")
        floor(seed, {"command": "project_message", "text": ""}, {"command": "stop_countdown"})
        expect(room.locator("#room-now")).to_be_visible()
        expect(room.locator("#room-speaker")).to_have_text("Nobody has the floor")
        expect(room.locator("#room-countdown")).to_be_hidden()
        expect(live.locator("#l-countdown")).to_be_hidden()
        expect(live.locator("#l-message")).to_have_text("")
    finally:
        room.context.close()
        live.context.close()


def test_the_speaker_layout_shows_the_speaker_and_the_timer_only_as_large_as_possible(
    seed: Any, asgi_server: Any, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    speaking_with_ten_waiting(seed)
    page = signed_in_page(chromium, asgi_server, None, viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{asgi_server.url}{ROOM}?layout=speaker")
        expect(page.locator("#room-speaker")).to_have_text(
            "United Kingdom of Great Britain and Northern Ireland"
        )
        for hidden in (".room-top", ".room-next", "#room-next li"):
            expect(page.locator(hidden).first).to_be_hidden()
        for width, height in PROJECTORS:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(100)
            page.screenshot(path=tmp_path / f"speaker-{width}x{height}.png")
            nothing_cut_off(page, width, height, "the speaker layout")
            inside(page, "#room-timer")
            inside(page, "#room-speaker")
            # larger than on the full screen, where the next share the width
            assert font_px(page, "#room-timer") >= 0.3 * height
        # a countdown without a label of its own is called one, above the speaker
        floor(seed, {"command": "start_countdown", "seconds": 60})
        expect(page.locator("#room-countdown")).to_be_visible()
        expect(page.locator("#room-countdown-label")).to_have_text("Countdown")
        expect(page.locator("#room-countdown-time")).to_have_text(re.compile(r"^(1:00|0:5\d)$"))
        page.screenshot(path=tmp_path / "speaker-countdown.png")
        nothing_cut_off(page, 1280, 1024, "the speaker layout with a countdown")
        inside(page, "#room-timer")
    finally:
        page.context.close()


def test_the_line_layout_names_the_next_ten(
    seed: Any, asgi_server: Any, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    speaking_with_ten_waiting(seed)
    page = signed_in_page(chromium, asgi_server, None, viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{asgi_server.url}{ROOM}?layout=line")
        items = page.locator("#room-next li")
        expect(items).to_have_count(10)
        expect(items.first).to_have_text("Germany (on behalf of European Union)")
        expect(page.locator("#room-now")).to_be_hidden()
        for width, height in ((1920, 1080), (1024, 768)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(100)
            page.screenshot(path=tmp_path / f"line-{width}x{height}.png")
            nothing_cut_off(page, width, height, "the line layout")
            for i in range(10):
                inside(page, f"#room-next li:nth-child({i + 1})")
        # the next one called: the line moves up, the eleventh comes into view
        floor(seed, {"command": "call_next"})
        expect(items.first).not_to_have_text("Germany (on behalf of European Union)")
        expect(items).to_have_count(10)
    finally:
        page.context.close()


def test_next_follows_the_round_panelists_first_while_they_respond(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    expert = next(c for c in services.segment_configs(seed) if c.id == "panel-1").slots[1]
    floor(
        seed,
        {"command": "open_segment", "segment": "panel-1"},
        {"command": "open_discussion"},
        {"command": "request", "entity": "MEX"},
        {"command": "request", "entity": "BGD"},
    )
    page = signed_in_page(chromium, asgi_server, None, viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{asgi_server.url}{ROOM}")
        items = page.locator("#room-next li")
        expect(items).to_have_text(["Mexico", "Bangladesh"])
        floor(seed, {"command": "switch_round"}, {"command": "request", "slot": 1})
        expect(page.locator("#room-round")).to_have_text("Panelists respond")
        expect(items).to_have_text([expert["speaker"], "Mexico", "Bangladesh"])
    finally:
        page.context.close()


def test_the_lower_third_is_a_strip_at_the_bottom_of_a_transparent_page(
    seed: Any, asgi_server: Any, chromium: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    speaking_with_ten_waiting(seed)
    page = signed_in_page(chromium, asgi_server, None, viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{asgi_server.url}{ROOM}?layout=lower-third")
        expect(page.locator("#room-speaker")).to_have_text(
            "United Kingdom of Great Britain and Northern Ireland"
        )
        expect(page.locator("#room-person")).to_have_text(
            "Ms Catherine Elizabeth Montgomery-Smythe"
        )
        expect(page.locator("#room-timer")).to_have_text(re.compile(r"^[23]:\d\d$"))
        for hidden in (".room-top", ".room-next"):
            expect(page.locator(hidden)).to_be_hidden()
        page.screenshot(path=tmp_path / "lower-third.png", omit_background=True)
        for sel in ("html", "body", "main"):
            assert page.eval_on_selector(sel, "e => getComputedStyle(e).backgroundColor") == (
                "rgba(0, 0, 0, 0)"
            ), sel
        assert page.eval_on_selector("html", "e => getComputedStyle(e).colorScheme") == "normal"
        for width, height in PROJECTORS:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(100)
            nothing_cut_off(page, width, height, "the lower third")
            strip = inside(page, "#room-now")
            assert strip["y"] >= height * 2 / 3, "more than a lower third"
            assert strip["y"] + strip["height"] >= height * 0.9, "not at the bottom"
            inside(page, "#room-timer")
        # time is up: the timer says so, the page stays transparent (no red screen on air)
        floor(seed, {"command": "call", "entity": "FRA", "limit_s": 1})
        expect(page.locator("#room-timer")).to_have_attribute("data-phase", "overtime")
        for sel in ("html", "body"):
            assert page.eval_on_selector(sel, "e => getComputedStyle(e).backgroundColor") == (
                "rgba(0, 0, 0, 0)"
            ), sel
        page.screenshot(path=tmp_path / "lower-third-overtime.png", omit_background=True)
        # nobody has the floor: nothing on the picture
        floor(seed, {"command": "finish"})
        expect(page.locator("#room-now")).to_be_hidden()
    finally:
        page.context.close()
