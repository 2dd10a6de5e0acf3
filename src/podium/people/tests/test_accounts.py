"""Accounts: sign in and out, password reset by e-mail, the secretariat's commands, the demo."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from podium.people.demo import create_demo_accounts
from podium.people.loader import sync_reference_entities
from podium.people.models import ApiToken, Entity, Role
from podium.people.permissions import can_chair, delegations_of, roles_of
from podium.people.services import grant
from podium.programme.services import import_session_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]


def test_sign_in_out_and_reset_the_password_by_email(session: Any) -> None:
    user = get_user_model().objects.create_user("ana", "ana@example.org", "old-password-1")
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "ana", "password": "old-password-1"})
    assert response.status_code == 302
    assert client.get("/accounts/logout/").status_code == 405  # logout is a POST
    assert client.post("/accounts/logout/").status_code == 302
    response = client.post("/accounts/password-reset/", {"email": "ana@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    response = client.post(
        form_url, {"new_password1": "new-password-2", "new_password2": "new-password-2"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-password-2")


def test_grant_accounts_and_token_commands(session: Any) -> None:
    out = StringIO()
    call_command(
        "grant",
        "mod1",
        "moderator",
        "--session",
        session.slug,
        "--entity",
        "bgd",
        "--panel",
        "1",
        stdout=out,
    )
    assert "password:" in out.getvalue()
    user = get_user_model().objects.get(username="mod1")
    assert can_chair(user, session, 1) and not can_chair(user, session, 2)
    password_hash = user.password
    call_command(
        "grant", "mod1", "delegate", "--session", session.slug, "--entity", "BGD", stdout=StringIO()
    )
    user.refresh_from_db()
    assert user.password == password_hash  # an existing account keeps its password
    assert roles_of(user, session) == {"moderator", "delegate"}
    assert [e.code for e in delegations_of(user, session)] == ["BGD"]
    with pytest.raises(CommandError):
        call_command("grant", "x", "moderator", "--session", session.slug, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("grant", "x", "delegate", "--session", session.slug, "--entity", "ZZZ")
    with pytest.raises(CommandError):
        call_command("grant", "x", "delegate", "--session", "no-such-session", "--entity", "MEX")
    out = StringIO()
    call_command("accounts", session.slug, stdout=out)
    assert re.search(r"moderator\s+1\s+mod1\s+BGD", out.getvalue())
    out = StringIO()
    call_command("token", "mod1", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("pdm_") and ApiToken.objects.filter(user=user).count() == 1
    response = Client().get(
        f"/sessions/{session.slug}/people.csv", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 403  # identified, but not secretariat


def test_demo_accounts_are_idempotent(session: Any) -> None:
    accounts = create_demo_accounts(session)
    names = [a[0] for a in accounts]
    assert {"secretariat", "cochair", "moderator1", "focal-mex", "stakeholder"} <= set(names)
    assert {"delegate-mex", "delegate-bgd", "delegate-deu", "delegate-nga"} <= set(names)
    username, password, _role = accounts[0]
    assert Client().login(username=username, password=password)
    roles = Role.objects.count()
    assert create_demo_accounts(session) == []
    assert Role.objects.count() == roles
    assert Client().login(username=username, password=password)  # password unchanged
    stakeholder = get_user_model().objects.get(username="stakeholder")
    assert [e.code for e in delegations_of(stakeholder, session)] == ["DEMO-MIGRANT-NETWORK"]


def test_my_account_page_and_api_me(session: Any) -> None:
    g = grant("fp", "focal_point", session, Entity.objects.get(code="MEX"))
    grant("fp", "moderator", session, Entity.objects.get(code="MEX"), 2)
    assert Client().get("/api/me/").status_code == 401
    client = Client()
    client.force_login(g.user)
    page = client.get("/accounts/").content.decode()
    assert (
        "Focal point of a delegation" in page
        and f"/sessions/{session.slug}/delegations/MEX/" in page
    )
    token = re.search(
        r'id="new-token">([^<]+)<', client.post("/accounts/", {"action": "token"}).content.decode()
    ).group(1)
    me = Client().get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert me["sessions"][session.slug] == {
        "roles": ["focal_point", "moderator"],
        "panels": [2],
        "delegations": [{"code": "MEX", "name": "Mexico", "kind": "member-state"}],
    }


def test_a_role_is_held_once(session: Any) -> None:
    g = grant("d", "delegate", session, Entity.objects.get(code="MEX"))
    for panel in (None, 1):
        Role.objects.get_or_create(session=session, person=g.person, role="expert", panel=panel)
        with pytest.raises(IntegrityError), transaction.atomic():
            Role.objects.create(session=session, person=g.person, role="expert", panel=panel)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(session=session, person=g.person, role="delegate")


def test_a_secretariat_officer_can_edit_the_programme_in_the_admin(db: None) -> None:
    seed = settings.PACKAGE_DIR / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    session = import_session_file(seed)
    granted = grant("officer", "secretariat", session, password="officer-pass-123")
    client = Client(HTTP_HOST="localhost")
    client.force_login(granted.user)
    page = client.get(f"/admin/programme/session/{session.pk}/change/")
    assert page.status_code == 200
    assert session.title in page.content.decode()
    # A delegate is not let into the admin.
    sync_reference_entities()
    delegate = grant("someone", "delegate", session, Entity.objects.get(code="MEX"))
    client.force_login(delegate.user)
    assert client.get("/admin/programme/session/").status_code == 302


def _login(client: Any, path: str, username: str, password: str = "wrong-password") -> int:
    return int(
        client.post(
            path,
            f"username={username}&password={password}",
            content_type="application/x-www-form-urlencoded",
        ).status_code
    )


@pytest.mark.django_db
def test_sign_in_is_throttled_per_account_on_both_login_pages(client: Any) -> None:
    """Finding: 60 wrong passwords in 13 s on /accounts/login/ and /admin/login/, no lockout."""
    from django.contrib.auth.models import User

    from podium.people import throttle

    User.objects.create_user("target", password="the right one, long enough")
    tries = [_login(client, "/accounts/login/", "target") for _ in range(throttle.LOGIN_BURST)]
    assert tries == [200] * throttle.LOGIN_BURST  # the form again, with its error
    assert _login(client, "/admin/login/", "target") == 429
    assert _login(client, "/accounts/login/", "target", "the right one, long enough") == 429
    assert _login(client, "/accounts/login/", "someone-else") == 200  # another account


@pytest.mark.django_db
def test_password_resets_are_throttled_per_address(client: Any, mailoutbox: Any) -> None:
    """Finding: 21 reset e-mails to one address."""
    from django.contrib.auth.models import User

    from podium.people import throttle

    User.objects.create_user("reset", email="reset@example.org", password="x" * 12)
    codes = [
        client.post(
            "/accounts/password-reset/",
            "email=reset@example.org",
            content_type="application/x-www-form-urlencoded",
        ).status_code
        for _ in range(throttle.RESET_BURST + 1)
    ]
    assert codes == [302] * throttle.RESET_BURST + [429]
    assert len(mailoutbox) == throttle.RESET_BURST


def test_a_weak_password_is_refused() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678901", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a long phrase about migration")


@pytest.mark.django_db
def test_password_checks_at_once_are_bounded(client: Any, monkeypatch: Any) -> None:
    """16 concurrent wrong sign-ins took every request thread: no more than HASHING_AT_ONCE run
    at once; the others are told to wait."""
    from podium.people import throttle

    monkeypatch.setattr(throttle, "HASHING_WAIT_S", 0.05)
    held = [throttle._hashing.acquire(timeout=1) for _ in range(throttle.HASHING_AT_ONCE)]
    try:
        assert all(held)
        assert _login(client, "/accounts/login/", "anyone") == 429
    finally:
        for _ in held:
            throttle._hashing.release()
    assert _login(client, "/accounts/login/", "anyone") == 200


def test_a_token_expires_and_its_owner_revokes_it_on_the_accounts_page(
    session: Any, settings: Any
) -> None:
    """Finding: API tokens never expired and their owner could not revoke one."""
    ana = grant("ana", "delegate", session, Entity.objects.get(code="MEX")).user
    eve = grant("eve", "delegate", session, Entity.objects.get(code="DEU")).user
    page = Client()
    page.force_login(ana)
    shown = page.post("/accounts/", {"action": "token", "name": "laptop", "days": "30"})
    raw = re.search(r'<code id="new-token">(\S+)</code>', shown.content.decode()).group(1)
    token = ApiToken.objects.get(user=ana)
    assert 29 <= (token.expires_at - token.created_at).days <= 30
    assert "Revoke" in page.get("/accounts/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/me/").json()["username"] == "ana"

    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert api.get("/api/me/").status_code == 401  # expired: opens nothing
    assert "expired" in page.get("/accounts/").content.decode()
    token.expires_at = timezone.now() + timedelta(days=1)
    token.save()
    assert api.get("/api/me/").status_code == 200

    other = Client()
    other.force_login(eve)  # another account's token id revokes nothing
    assert other.post("/accounts/", {"action": "revoke", "token": token.pk}).status_code == 404
    assert api.get("/api/me/").status_code == 200
    for bad in ({"action": "revoke", "token": "abc"}, {"action": "token", "days": "400"}):
        assert page.post("/accounts/", bad).status_code in (400, 404)
    assert page.post("/accounts/", {"action": "revoke", "token": token.pk}).status_code == 302
    assert api.get("/api/me/").status_code == 401
    assert not ApiToken.objects.filter(user=ana).exists()
    settings.PODIUM_TOKEN_DAYS = 7
    fresh, _raw = ApiToken.issue(ana)
    assert (fresh.expires_at - timezone.now()).days == 6  # 7 days less the test's instants
