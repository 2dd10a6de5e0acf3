"""End to end in headless Chromium: delegates request the floor, the moderator calls the first,
the room shows the speaker and the countdown, the second delegate moves up."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import client_for, post, signed_in_page

SLUG = "gcm-its2-drivers"
pytestmark = pytest.mark.browser


def test_two_delegates_moderator_and_room(asgi_server: Any, seed: Any, chromium: Any) -> None:
    from playwright.sync_api import expect

    base = asgi_server.url
    moderator = signed_in_page(chromium, asgi_server, "mod1")
    mex = signed_in_page(chromium, asgi_server, "mex")
    bgd = signed_in_page(chromium, asgi_server, "bgd")
    room = signed_in_page(chromium, asgi_server, None)
    try:
        moderator.goto(f"{base}/sessions/{SLUG}/floor/console")
        moderator.select_option("#c-segment-choice", "panel-1")
        moderator.click("#c-open-segment")
        expect(moderator.locator("#c-segment")).to_contain_text("Sustainable development")
        # no pre-inscribed list on this panel: the phone says requests wait for the discussion
        mex.goto(f"{base}/sessions/{SLUG}/floor/delegate")
        expect(mex.locator("#d-status")).to_have_text(
            "There is no pre-inscribed list of speakers: requests open when the moderator "
            "opens the discussion."
        )
        moderator.click("#c-open-discussion")
        expect(moderator.locator("#c-round")).to_have_text("Member States")

        room.goto(f"{base}/sessions/{SLUG}/room")
        expect(room.locator("#room-segment")).to_contain_text("Sustainable development")
        expect(room.locator("body")).to_have_attribute("data-live", "socket")

        expect(mex.locator("#d-status")).to_have_text("Your delegation is not in line.")
        bgd.goto(f"{base}/sessions/{SLUG}/floor/delegate")
        mex.click("#d-request")
        expect(mex.locator("#d-place")).to_have_attribute("data-place", "1")
        bgd.click("#d-request")
        expect(bgd.locator("#d-place")).to_have_attribute("data-place", "2")
        expect(bgd.locator("#d-wait")).to_contain_text("min")

        # the console sees both, Mexico suggested first; the moderator calls with the shortcut
        expect(moderator.locator("[data-line=member_states] li")).to_have_count(2)
        expect(moderator.locator("#c-suggested")).to_contain_text("Mexico")
        moderator.locator("body").press("n")
        expect(moderator.locator("#c-current")).to_contain_text("Mexico")

        # the room screen: name, flag (an image, not an emoji) and a running countdown from 3:00
        expect(room.locator("#room-speaker")).to_have_text("Mexico")
        expect(room.locator("#room-flag img")).to_have_attribute("src", "/static/flags/mx.svg")
        expect(room.locator("#room-timer")).to_have_text(re.compile(r"^[23]:\d\d$"))
        expect(room.locator("#room-timer")).to_have_attribute("data-phase", "running")
        expect(room.locator("#room-next li")).to_have_text(["Bangladesh"])

        # Bangladesh moves up; Mexico is told it has the floor
        expect(bgd.locator("#d-place")).to_have_attribute("data-place", "1")
        expect(mex.locator("#d-status")).to_contain_text("has the floor")

        # pause: the room's countdown stops and greys
        moderator.click("#c-pause")
        expect(room.locator("#room-timer")).to_have_attribute("data-phase", "paused")

        # the moderator says Mexico speaks Spanish: the room names the interpretation channel
        expect(room.locator("#room-language")).to_have_text("")
        moderator.select_option("#c-language", "es")
        expect(room.locator("#room-language")).to_have_text("Floor: Español")
    finally:
        for p in (moderator, mex, bgd, room):
            p.context.close()


@pytest.mark.browser
def test_the_room_names_the_delegation_in_its_readers_language(
    seed: Any, asgi_server: Any, chromium: Any
) -> None:
    """One copy of the floor goes to every screen (English names as stored); a room screen in
    French says "Mexique", one in Chinese "墨西哥"."""
    from playwright.sync_api import expect

    from podium.floor import services

    chair = client_for("mod1")
    panel1 = next(c for c in services.segment_configs(seed) if c.panel_number == 1)
    assert post(chair, SLUG, command="open_segment", segment=panel1.id).status_code == 200
    assert post(chair, SLUG, command="call", entity="MEX").status_code == 200
    for lang, name in (("fr", "Mexique"), ("zh-hans", "墨西哥"), ("en", "Mexico")):
        page = chromium.new_page()
        page.goto(f"{asgi_server.url}/sessions/{SLUG}/room?lang={lang}")
        expect(page.locator("#room-speaker")).to_have_text(name)
        page.close()
