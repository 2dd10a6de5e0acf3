"""Every page on a phone, and right to left, in a real browser: every page of the README's table
as its roles (walk.py), in English and in Arabic (`?lang=ar`) on a 390 px phone and in Arabic on a
1920×1080 projector, has no horizontal overflow, and in Arabic is mirrored (`dir="rtl"`); the
room keeps its speaker and its countdown on screen; times stay left to right inside the Arabic
text."""

from __future__ import annotations

from typing import Any

import pytest

from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED

from . import walk

S = walk.S
PHONE, PROJECTOR = (390, 844), (1920, 1080)


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang,size,everyone",
    [("en", PHONE, True), ("ar", PHONE, True), ("ar", PROJECTOR, False)],
    ids=["english-phone", "arabic-phone", "arabic-projector"],
)
def test_every_page_as_its_roles_fits_and_in_arabic_is_mirrored(
    asgi_server: Any, chromium: Any, lang: str, size: tuple[int, int], everyone: bool
) -> None:
    """Every page of the README's table, as each role that sees it (on the projector the pages
    everyone sees only once, not signed in): no sideways scrolling, no element wider than the
    screen (a wide table scrolls in its own box), no button text the colour of its button."""
    values = walk.prepare()
    problems = []
    for username, urls in walk.pages(everyone):
        ctx = walk.signed_in_context(
            chromium, asgi_server, username, viewport={"width": size[0], "height": size[1]}
        )
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        for url in urls:
            url = url.format(**values)
            sep = "&" if "?" in url else "?"
            r = page.goto(f"{asgi_server.url}{url}{sep}lang={lang}")
            assert r is not None and r.status == walk.status(username, url), (username, url)
            if lang == "ar":
                assert page.get_attribute("html", "dir") == "rtl", url
            found = page.evaluate(walk.OVERFLOW)
            if found["scroll"] > found["width"] + 1 or found["out"]:
                problems.append(f"{url} as {username or 'public'}: {found}")
            unreadable = page.evaluate(walk.INVISIBLE)
            if unreadable:
                problems.append(f"{url}: text the colour of its button: {unreadable}")
        ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize(
    "size", [(1920, 1080), (1024, 768), (1280, 1024)], ids=["16:9", "4:3", "5:4"]
)
def test_the_room_in_arabic_keeps_speaker_and_countdown_on_screen(
    asgi_server: Any, page: Any, size: tuple[int, int]
) -> None:
    import_session_file(SEED)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{asgi_server.url}{S}/room?lang=ar")
    for sel in ("#room-speaker", "#room-timer"):
        box = page.locator(sel).bounding_box()
        assert box is not None, sel
        assert 0 <= box["x"] and box["x"] + box["width"] <= size[0] + 1, (sel, box)
        assert 0 <= box["y"] and box["y"] + box["height"] <= size[1] + 1, (sel, box)
    # the countdown reads left to right inside the Arabic page ("3:00", not "00:3")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#room-timer')).direction") == "ltr"
    )
