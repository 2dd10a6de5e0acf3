"""The desk in Chromium, as a secretariat officer uses it: a two-day session from the template,
a mistake shown next to its field as it is typed, fixed, published, exported and imported again
as a new session: the same file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from podium.people.services import grant
from podium.programme.models import Session
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED

TIME = '[id="f-days.0.segments.2.time"]'
PROBLEMS = '[id="p-days.0.segments.2.time"] li.error'


@pytest.mark.browser
def test_build_publish_export_and_import_a_session_in_the_browser(
    asgi_server: Any, chromium: Any, tmp_path: Path
) -> None:
    officer = grant("officer", "secretariat", import_session_file(SEED)).user
    c = Client()
    c.force_login(officer)
    ctx = chromium.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    ctx.add_cookies(
        [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": asgi_server.url}]
    )
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{asgi_server.url}/desk/")
    page.fill("input[name=slug]", "gcm-its7")
    page.fill("input[name=title]", "Seventh informal thematic session")
    page.click("text=Start the draft")
    page.wait_for_url("**/sessions/gcm-its7/edit")
    assert page.locator("fieldset.desk-day").count() == 2  # the template's two days
    assert page.locator(PROBLEMS).count() == 0

    page.fill(TIME, "10:15-13:70")  # a slip of the finger: the problem appears at the field
    page.wait_for_selector(PROBLEMS)
    assert "13:70" in page.locator(PROBLEMS).inner_text()
    assert page.get_attribute(TIME, "aria-invalid") == "true"
    assert "1 error" in page.inner_text("#desk-status")
    page.fill(TIME, "10:15-13:00")
    page.wait_for_selector(PROBLEMS, state="detached")
    assert page.get_attribute(TIME, "aria-invalid") is None

    page.click("#publish")
    page.wait_for_selector("text=Published as version 1")
    assert Session.objects.get(slug="gcm-its7").title == "Seventh informal thematic session"

    with page.expect_download() as info:
        page.click("#export")
    exported = Path(info.value.path()).read_text(encoding="utf-8")
    assert "slug: gcm-its7" in exported
    again = tmp_path / "gcm-its8.yaml"
    again.write_text(exported.replace("gcm-its7", "gcm-its8"), encoding="utf-8")
    page.goto(f"{asgi_server.url}/desk/")
    page.fill("input[name=slug]", "gcm-its8")
    page.set_input_files("input[name=file]", str(again))
    page.click("text=Start the draft")
    page.wait_for_url("**/sessions/gcm-its8/edit")
    with page.expect_download() as info:
        page.click("#export")
    assert Path(info.value.path()).read_text(encoding="utf-8") == again.read_text(encoding="utf-8")

    page.set_viewport_size({"width": 390, "height": 844})  # the desk on a phone: no sideways scroll
    page.reload()
    wide = page.evaluate(
        """[...document.querySelectorAll('*')].filter(e => { if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false; for (let p = e.parentElement; p; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return false; } return true; }).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right) + ' sw=' + document.documentElement.scrollWidth)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), wide
    ctx.close()
