"""A real browser opens the programme page: days, panels, the viewer's time zone, a phone screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from podium.programme.services import import_session_file

SEED = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"


@pytest.mark.browser
def test_programme_page_in_a_browser(asgi_server: Any, page: Any) -> None:
    import_session_file(SEED)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.context.clear_cookies()
    page.goto(f"{asgi_server.url}/sessions/gcm-its2-drivers/")
    assert page.locator("h1").inner_text().startswith("Second informal thematic session")
    assert page.locator("section.day").count() == 2
    panel2 = page.locator("li.kind-expert_panel", has_text="Human-made crises")
    assert "15:00" in panel2.locator(".when").inner_text()
    assert "Moderator" in panel2.inner_text()
    # no horizontal scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # the toggle asks the browser for its zone (Intl) and the server adds the viewer's times
    page.click("#my-zone")
    page.wait_for_url("**/sessions/gcm-its2-drivers/?tz=*")
    assert page.locator(".viewer-time").count() == 12
    # the home page links to it
    page.goto(f"{asgi_server.url}/")
    page.click("text=Second informal thematic session")
    page.wait_for_url("**/sessions/gcm-its2-drivers/")
