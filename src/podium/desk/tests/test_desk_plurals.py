"""The desk's live counter of problems speaks each language's plurals: Russian's three forms
(1 ошибка, 3 ошибки, 5 ошибок), Arabic's six (خطآن for two), not English's one/many."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from podium.desk.plurals import plural_forms
from podium.people.services import grant
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED

TIME = '[id="f-days.0.segments.2.time"]'


def test_the_page_gives_a_form_per_plural_category(db: None) -> None:
    with translation.override("ru"):
        forms = plural_forms("%(n)s error", "%(n)s errors")
    assert forms == {"many": "%(n)s ошибок", "one": "%(n)s ошибка", "few": "%(n)s ошибки"}
    with translation.override("ar"):
        forms = plural_forms("%(n)s error", "%(n)s errors")
    assert set(forms) == {"zero", "one", "two", "few", "many", "other"}
    assert forms["two"] == "خطآن"


def _counter(page: Any, errors: int, warnings: int = 0) -> str:
    """What the counter says once the live check finds `errors` errors and `warnings` warnings
    (the check's answer is made up here; the script's words are the page's)."""
    problems = [{"severity": "error", "message": "x", "field": None}] * errors + [
        {"severity": "warning", "message": "y", "field": None}
    ] * warnings
    body = json.dumps({"problems": problems, "errors": errors, "budget_html": ""})
    page.unroute("**/edit/check")
    page.route(
        "**/edit/check", lambda route: route.fulfill(body=body, content_type="application/json")
    )
    before = page.inner_text("#desk-status")
    page.fill(TIME, f"10:{errors:02d}-13:{warnings:02d}")  # any input runs the check
    page.wait_for_function(
        "before => document.getElementById('desk-status').textContent !== before", arg=before
    )
    return str(page.inner_text("#desk-status"))


@pytest.mark.browser
def test_the_live_counter_uses_russian_and_arabic_plurals(asgi_server: Any, chromium: Any) -> None:
    officer = grant("officer", "secretariat", import_session_file(SEED)).user
    c = Client()
    c.force_login(officer)
    assert c.post("/desk/", {"slug": "gcm-its7", "title": "Seventh session"}).status_code == 302
    ctx = chromium.new_context()
    ctx.add_cookies(
        [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": asgi_server.url}]
    )
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{asgi_server.url}/sessions/gcm-its7/edit?lang=ru")
        # a real check first: one mistake, one error, in Russian
        page.fill(TIME, "10:15-13:70")
        page.wait_for_selector('[id="p-days.0.segments.2.time"] li.error')
        assert page.inner_text("#desk-status").startswith("1 ошибка")
        assert _counter(page, 3, 1) == "3 ошибки, 1 предупреждение"
        assert _counter(page, 5, 2) == "5 ошибок, 2 предупреждения"
        assert _counter(page, 21, 5) == "21 ошибка, 5 предупреждений"
        assert _counter(page, 12, 22) == "12 ошибок, 22 предупреждения"

        page.goto(f"{asgi_server.url}/sessions/gcm-its7/edit?lang=ar")
        assert _counter(page, 2, 0) == "خطآن, لا تحذيرات"
        assert _counter(page, 11, 1) == "11 خطأً, تحذير واحد"
    finally:
        ctx.close()
