"""The seed session (its programme) and a few accounts with known roles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

SEED_FILE = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
PASSWORD = "floor-test-pass-1"


@pytest.fixture(autouse=True)
def _fresh_floor_cache() -> Any:
    from podium.floor import services
    from podium.live import ratelimit
    from podium.people import directory

    services.forget()
    directory.forget()
    ratelimit.reset()
    yield
    services.forget()
    directory.forget()


@pytest.fixture(autouse=True)
def _floor_provider() -> Any:
    """Sockets read the floor's snapshots (other test modules may have installed their own)."""
    from podium.floor.services import provide
    from podium.live import provider

    previous = provider.register(provide)
    yield
    provider.register(previous)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(db: None) -> Any:
    """The seed session with: moderator of panel 1, a co-chair, delegates of Mexico and
    Bangladesh, an accredited stakeholder's representative."""
    from django.utils import timezone

    from podium.people import accreditation
    from podium.people.loader import sync_reference_entities
    from podium.people.models import Entity
    from podium.people.services import grant
    from podium.programme.services import import_session_file

    sync_reference_entities()
    session = import_session_file(SEED_FILE)
    mex = Entity.objects.get(code="MEX")
    bgd = Entity.objects.get(code="BGD")
    ngo = Entity.objects.create(
        code="TEST-NGO", name="Test Network", kind="stakeholder", category="ecosoc-ngo"
    )
    accreditation.register_ecosoc(ngo, timezone.now(), ecosoc_status="special")
    grant(
        "mod1",
        "moderator",
        session,
        mex,
        1,
        password=PASSWORD,
        given_name="Mo",
        family_name="Derator",
    )
    grant("mod2", "moderator", session, bgd, 2, password=PASSWORD, family_name="Two")
    grant("chair", "co_chair", session, mex, password=PASSWORD, family_name="Chair")
    grant(
        "mex", "delegate", session, mex, password=PASSWORD, given_name="Ana", family_name="Torres"
    )
    grant("bgd", "delegate", session, bgd, password=PASSWORD, given_name="Rahim", family_name="C")
    grant("ngo", "stakeholder", session, ngo, password=PASSWORD, family_name="Rep")
    return session


def client_for(username: str | None) -> Client:
    from django.contrib.auth import get_user_model

    c = Client(HTTP_HOST="127.0.0.1")
    if username:
        c.force_login(get_user_model().objects.get(username=username))
    return c


def signed_in_context(chromium: Any, server: Any, username: str | None, **options: Any) -> Any:
    """A new browser context signed in as `username` on the test server (None: anonymous)."""
    from django.contrib.auth import get_user_model

    ctx = chromium.new_context(**options)
    if username:
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        ctx.add_cookies(
            [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": server.url}]
        )
    return ctx


def signed_in_page(chromium: Any, server: Any, username: str | None, **context: Any) -> Any:
    """A Playwright page in a new browser context (`context`: its options), signed in as
    `username` on the test server (anonymous when None)."""

    page = signed_in_context(chromium, server, username, **context).new_page()
    page.set_default_timeout(10_000)
    return page


def post(c: Client, slug: str, **body: Any) -> Any:
    return c.post(f"/api/sessions/{slug}/floor", json.dumps(body), content_type="application/json")
