"""Right to left in a real browser: every page in Arabic (`?lang=ar`), on a 390 px phone and on a
1920×1080 projector, is mirrored (`dir="rtl"`) and has no horizontal overflow; the room keeps
its speaker and its countdown on screen; times stay left to right inside the Arabic text."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import pytest
from django.test import Client

from podium.people.demo import create_demo_accounts
from podium.people.models import Entity
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED
from podium.sideevents import services as side_events
from podium.sideevents.demo import create_demo_rooms
from podium.sideevents.programme_link import zone_of

S = "/sessions/gcm-its2-drivers"
PAGES = {
    None: [
        "/",
        f"{S}/",
        f"{S}/journal/2017-05-22",
        f"{S}/live",
        f"{S}/room",
        f"{S}/side-events",
        f"{S}/archive",
        f"{S}/statistics",
        "/search/?q=migration",
        "/accreditation/",
        "/accounts/login/",
        "/api/docs",
    ],
    "delegate-mex": [
        f"{S}/floor/delegate",
        f"{S}/statements/upload",
        f"{S}/side-events/propose",
        "/accounts/",
    ],
    "secretariat": [
        f"{S}/floor/console",
        f"{S}/people/",
        f"{S}/composition",
        f"{S}/summary",
        f"{S}/side-events/opga",
        "/desk/",
        f"{S}/edit",
    ],
}
OVERFLOW = """() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.left >= -1 && r.right <= innerWidth + 1) continue;
    let clipped = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') { clipped = true; break; }
    if (!clipped || window.DEBUG_ALL) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: innerWidth, out: out.slice(0, 8)};
}"""


INVISIBLE = """() => [...document.querySelectorAll('button, .button')].filter(b => {
  const s = getComputedStyle(b);
  return b.offsetParent !== null && b.textContent.trim() && s.color === s.backgroundColor;
}).map(b => b.textContent.trim()).slice(0, 5)"""


@pytest.mark.browser
@pytest.mark.parametrize("size", [(390, 844), (1920, 1080)], ids=["phone", "projector"])
def test_every_page_in_arabic_is_mirrored_and_fits(
    asgi_server: Any, chromium: Any, django_user_model: Any, size: tuple[int, int]
) -> None:
    session = import_session_file(SEED)
    create_demo_rooms(session)
    create_demo_accounts(session)
    # a proposal of Mexico's, so that its page has the red "Withdraw" button
    day, zone = session.start_date, zone_of(session)
    event = side_events.submit(
        session,
        django_user_model.objects.get(username="delegate-mex"),
        Entity.objects.get(code="MEX"),
        side_events.Proposal(
            title="Remittances",
            slots=[
                (
                    datetime.combine(day, time(13, 15), zone),
                    datetime.combine(day, time(14, 30), zone),
                )
            ],
            contact_name="Ana Torres",
            contact_email="ana@example.org",
        ),
    )
    problems = []
    pages = {**PAGES, "delegate-mex": [*PAGES["delegate-mex"], f"{S}/side-events/{event.pk}"]}
    for username, urls in pages.items():
        ctx = chromium.new_context(viewport={"width": size[0], "height": size[1]})
        if username:
            c = Client()
            c.force_login(django_user_model.objects.get(username=username))
            ctx.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": c.cookies["sessionid"].value,
                        "url": asgi_server.url,
                    }
                ]
            )
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        for url in urls:
            sep = "&" if "?" in url else "?"
            r = page.goto(f"{asgi_server.url}{url}{sep}lang=ar")
            assert r is not None and r.status == 200, url
            assert page.get_attribute("html", "dir") == "rtl", url
            found = page.evaluate(OVERFLOW)
            if found["scroll"] > found["width"] + 1:
                problems.append(f"{url}: {found}")
            # no button whose text is the colour of its background (red buttons were)
            unreadable = page.evaluate(INVISIBLE)
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
