"""The console's forecast as the moderator reads it: at panel 1's opening the programme's budget
(43–45 more fit), and, when the line is longer than what fits, what to do about it."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import client_for, post, signed_in_page

SLUG = "gcm-its2-drivers"
pytestmark = pytest.mark.browser


def test_the_console_forecast_at_opening_and_its_advice(
    asgi_server: Any, seed: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    from podium.core.commands import Refusal
    from podium.core.entities import all_entities

    mod = client_for("mod1")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod, SLUG, command="open_discussion").status_code == 200
    console = signed_in_page(chromium, asgi_server, "mod1", viewport={"width": 1366, "height": 900})
    try:
        console.goto(f"{asgi_server.url}/sessions/{SLUG}/floor/console")
        forecast = console.locator("#c-forecast")
        expect(forecast).to_contain_text(
            "43–45 more interventions fit before the planned end (43 at this pace); 0 waiting."
        )
        expect(forecast).to_contain_text("Pace: 3:00.")
        expect(console.locator("#c-forecast-advice")).to_have_count(0)
        # 44 Member States ask for the floor: one more than fits at 3 minutes
        states = sorted(e.code for e in all_entities() if e.kind == "member-state")[:44]
        from podium.floor import services
        from podium.programme.models import Session

        session = Session.objects.get(slug=SLUG)
        for code in states:  # as the floor's operator: a shared (Redis) rate limit is not reset
            assert not isinstance(
                services.execute(session, {"command": "request", "entity": code}), Refusal
            )
        expect(forecast).to_contain_text("44 waiting.")
        expect(console.locator("#c-forecast-warning")).to_be_visible()
        # 7,800 s for the floor after the planned speakers: 44 at 2:30 each fit
        expect(console.locator("#c-forecast-advice")).to_have_text(
            "To hear everyone waiting, give each speaker at most 2:30."
        )
    finally:
        console.context.close()
