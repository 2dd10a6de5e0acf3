"""In the summary editor, a co-facilitator opens "Drafting help" and inserts a theme's sentence
into the draft at the cursor, by mouse and by keyboard, and the focus comes back to the draft."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from podium.floor.tests.conftest import signed_in_page
from podium.kb.tests.test_themes import CLIMATE, REMITTANCES
from podium.people.models import Entity
from podium.people.services import grant
from podium.programme.services import import_session_file
from podium.record.models import Statement
from podium.record.tests.conftest import SEED

pytestmark = pytest.mark.browser


def test_insert_puts_the_theme_at_the_caret_and_gives_the_focus_back(
    asgi_server: Any, chromium: Any
) -> None:
    session = import_session_file(SEED)
    grant("chair", "co_chair", session, password="chair-pass-1")
    for code, lang, text in REMITTANCES + CLIMATE:  # indexed as each commits
        Statement.objects.create(
            session=session,
            entity=Entity.objects.get(code=code),
            language=lang,
            kind="txt",
            size=len(text.encode()),
            text=text,
            delivered_at=timezone.now(),
        )
    page = signed_in_page(chromium, asgi_server, "chair")
    page.goto(f"{asgi_server.url}/sessions/{session.slug}/record/texts/introduction")
    draft = page.get_by_label("Draft")
    draft.fill("The session opened. It closed at six.")
    draft.evaluate("el => el.setSelectionRange(19, 19)")  # after "The session opened."

    page.locator("summary", has_text="Drafting help").click()  # the panel starts folded
    remittances = page.locator("#theme-20").inner_text()
    assert remittances.startswith("5 delegations, from all five regional groups")
    page.get_by_role("button", name="Insert the sentence on objective 20").click()

    value = draft.input_value()
    assert value == f"The session opened. {remittances} It closed at six."
    assert page.evaluate("document.activeElement.id") == "draft"
    caret = draft.evaluate("el => [el.selectionStart, el.selectionEnd]")
    assert caret == [20 + len(remittances)] * 2  # right after the sentence
    status = page.get_by_role("status").filter(has_text="inserted")
    assert status.inner_text() == "The sentence was inserted into the draft."

    # by keyboard: the next sentence goes where the cursor now is, after the first one
    climate = page.locator("#theme-2").inner_text()
    page.get_by_role("button", name="Insert the sentence on objective 2", exact=True).focus()
    page.keyboard.press("Enter")
    assert draft.input_value() == (f"The session opened. {remittances} {climate} It closed at six.")
    assert page.evaluate("document.activeElement.id") == "draft"

    # and it is the draft's text: saved, it is there again
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    assert climate in page.get_by_label("Draft").input_value()
