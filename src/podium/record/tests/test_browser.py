"""A reader walks from the public archive of a session to a delivered statement."""

from __future__ import annotations

from typing import Any

import pytest

from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED
from podium.record.tests.scripted import run_two_panels
from podium.record.tests.test_search import statement

pytestmark = pytest.mark.browser


def test_archive_to_statement(asgi_server: Any, page: Any, settings: Any, tmp_path: Any) -> None:
    session = import_session_file(SEED)
    run_two_panels(session)
    st = statement(session, "BRA", "Brazil proposes regional labour mobility schemes.")
    st.title = "Statement of Brazil on panel 1"
    st.save(update_fields=["title"])

    page.goto(f"{asgi_server.url}/sessions/{session.slug}/archive")
    assert page.get_by_role("heading", name="Panel 1", exact=False).is_visible()
    page.get_by_role("link", name="Statement of Brazil on panel 1", exact=False).click()
    page.wait_for_url(f"**/statements/{st.pk}/")
    assert "regional labour mobility" in page.locator(".statement-text").inner_text()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Statement")
