"""Flags are images shipped with the static files (`people/static/flags/<iso2>.svg`, from the
flag-icons package), never emoji: the room screen shows a State's flag beside its name in the
reader's language; an organization keeps its code in a box; no page holds a regional-indicator
character (an emoji flag's letters, which show as boxes or letter pairs without an emoji font)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from .conftest import client_for, post, signed_in_page

SLUG = "gcm-its2-drivers"
S = f"/sessions/{SLUG}"
# U+1F1E6..U+1F1FF: the letters emoji flags are made of
REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")


def _floor(seed: Any, first: str = "MEX", then: str = "TEST-NGO") -> Client:
    """Panel 1 open, `first` has the floor, `then` waits."""
    mod = client_for("mod1")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod, SLUG, command="open_discussion").status_code == 200
    for code in (first, then):
        assert post(mod, SLUG, command="request", entity=code).status_code == 200
    snap = mod.get(f"/api/sessions/{SLUG}/floor").json()
    ids = {r["entity"]: r["request_id"] for line in snap["lines"].values() for r in line}
    assert post(mod, SLUG, command="call", request_id=ids[first]).status_code == 200
    return mod


def test_no_page_holds_an_emoji_flag_and_the_snapshot_names_the_image(seed: Any) -> None:
    mod = _floor(seed, "MEX", "DEU")
    snap = mod.get(f"/api/sessions/{SLUG}/floor").json()
    assert snap["current"]["flag"] == "mx"
    assert [r["flag"] for r in snap["next"]] == ["de"]
    chair = client_for("chair")
    delegate = client_for("mex")
    for client, url in [
        (Client(), f"{S}/room"),
        (Client(), f"{S}/live"),
        (Client(), f"{S}/"),
        (Client(), f"{S}/statistics"),
        (Client(), f"/api/sessions/{SLUG}/floor?view=room"),
        (chair, f"{S}/floor/console"),
        (delegate, f"{S}/floor/delegate"),
    ]:
        for lang in ("en", "ar"):
            r = client.get(url, {"lang": lang})
            assert r.status_code == 200, url
            body = r.content.decode()
            assert not REGIONAL_INDICATOR.search(body), f"an emoji flag in {url}?lang={lang}"
    # the screens are given where each flag's image is
    page = Client().get(f"{S}/room").content.decode()
    assert '"mx": "/static/flags/mx.svg"' in page
    assert Client().get("/static/flags/mx.svg").status_code == 200


def test_flag_filter_alone_names_the_country_in_the_readers_language(db: None) -> None:
    template = Template('{% load people_tags %}{{ code|flag:"alone" }}|{{ code|flag }}')
    out = {}
    for lang in ("fr", "ar"):
        with translation.override(lang):
            out[lang] = template.render(Context({"code": "DEU"}))
    assert out["fr"].startswith('<img class="flag" src="/static/flags/de.svg" alt="Allemagne"')
    assert out["ar"].startswith('<img class="flag" src="/static/flags/de.svg" alt="ألمانيا"')
    # beside the name (as pages show it), the image is decorative
    assert out["fr"].split("|")[1].startswith('<img class="flag" src="/static/flags/de.svg" alt=""')
    assert Template("{% load people_tags %}{{ 'IOM'|flag }}").render(Context()) == ""


@pytest.mark.browser
def test_room_shows_the_flag_image_beside_the_name_in_two_languages(
    asgi_server: Any, seed: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    mod = _floor(seed, "MEX", "DEU")
    pages = []
    try:
        for lang, name, nxt in (("fr", "Mexique", "Allemagne"), ("ar", "المكسيك", "ألمانيا")):
            room = signed_in_page(
                chromium, asgi_server, None, viewport={"width": 1920, "height": 1080}
            )
            pages.append(room)
            room.goto(f"{asgi_server.url}{S}/room?lang={lang}")
            flag = room.locator("#room-flag img")
            expect(flag).to_have_attribute("src", "/static/flags/mx.svg")
            # the country's name is the text beside it, in the reader's language: alt="" (WCAG:
            # an image that repeats the adjacent text is decorative)
            expect(flag).to_have_attribute("alt", "")
            expect(room.locator("#room-speaker")).to_have_text(name)
            assert room.locator("#room-flag").text_content() == ""  # no code, no emoji
            # the image really loads and stands on the name's line, before it
            expect(flag).to_be_visible()
            assert flag.evaluate("i => i.complete && i.naturalWidth > 0")
            f, s = flag.bounding_box(), room.locator("#room-speaker").bounding_box()
            assert abs((f["y"] + f["height"]) - (s["y"] + s["height"])) < s["height"]
            before = f["x"] < s["x"] if lang == "fr" else f["x"] > s["x"]
            assert before, "the flag comes first in the reading direction"
            nxt_item = room.locator("#room-next li").first
            expect(nxt_item).to_have_text(nxt)
            expect(nxt_item.locator("img.flag")).to_have_attribute("src", "/static/flags/de.svg")
            assert not REGIONAL_INDICATOR.search(room.content())
        # an organization has no flag: its code in a box
        post(mod, SLUG, command="finish")
        post(mod, SLUG, command="request", entity="IOM")
        snap = mod.get(f"/api/sessions/{SLUG}/floor").json()
        iom = next(r for line in snap["lines"].values() for r in line if r["entity"] == "IOM")
        assert post(mod, SLUG, command="call", request_id=iom["request_id"]).status_code == 200
        for room in pages:
            expect(room.locator("#room-flag")).to_have_text("IOM")
            expect(room.locator("#room-flag img")).to_have_count(0)
            expect(room.locator("#room-flag")).to_have_attribute("data-kind", "code")
    finally:
        for p in pages:
            p.context.close()
