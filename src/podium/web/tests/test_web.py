"""The wiring a newcomer meets first: the home page, `podium demo` and `podium export`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command

from podium.programme.models import Session
from podium.web.management.commands.demo import SEED_FILE

pytestmark = pytest.mark.django_db


def run(*args: str, **kwargs: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_demo_loads_the_seed_once_and_prints_accounts_only_when_created() -> None:
    first = run("demo")
    assert "Loaded the seed session gcm-its2-drivers." in first
    assert "moderator1" in first and "delegate-mex" in first
    assert "/sessions/gcm-its2-drivers/floor/console" in first

    session = Session.objects.get(slug="gcm-its2-drivers")
    session.title = "Edited by the secretariat"
    session.save()

    second = run("demo")
    assert "Loaded the seed" not in second
    assert "Demo accounts" not in second  # passwords are shown once
    # A second `make run` keeps existing data.
    assert Session.objects.get(slug="gcm-its2-drivers").title == "Edited by the secretariat"
    assert Session.objects.count() == 4  # the seed and the series' other bundled sessions
    assert "Loaded gcm-its5-vienna." in first


def test_home_lists_sessions_with_their_pages(client: Any) -> None:
    run("demo")
    page = client.get("/").content.decode()
    assert "Second informal thematic session" in page
    for path in (
        "/sessions/gcm-its2-drivers/",
        "/sessions/gcm-its2-drivers/room",
        "/sessions/gcm-its2-drivers/side-events",
        "/sessions/gcm-its2-drivers/archive",
    ):
        assert f'href="{path}"' in page


def test_export_writes_the_programme_to_a_file(tmp_path: Path) -> None:
    run("import", str(SEED_FILE))
    target = tmp_path / "programme.yaml"
    run("export", "gcm-its2-drivers", "--format", "yaml", "-o", str(target))
    data = yaml.safe_load(target.read_text())
    assert data["slug"] == "gcm-its2-drivers"
    assert data["time_zone"] == "America/New_York"


def test_export_of_an_unknown_session_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="no session with slug nowhere"):
        run("export", "nowhere", "--format", "json")


@pytest.mark.django_db
def test_a_nul_anywhere_in_a_request_is_a_400_never_a_500(client: Any) -> None:
    """On PostgreSQL these were DataErrors (500): a NUL in a search, a URL, a form field."""
    from podium.people.loader import sync_reference_entities

    sync_reference_entities()
    for url in ("/search/?q=a%00b", "/api/entities/%00/", "/sessions/x%00y/"):
        r = client.get(url)
        assert r.status_code == 400, (url, r.status_code)
    r = client.post(  # as a browser posts a form
        "/accounts/login/",
        "username=a%00b&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 400
    assert client.get("/search/?q=remittances").status_code == 200


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(client: Any) -> None:
    """Finding: no Content-Security-Policy. No page needs an inline script."""
    call_command("import", str(SEED_FILE), stdout=io.StringIO())
    for url in (
        "/",
        "/sessions/gcm-its2-drivers/",
        "/sessions/gcm-its2-drivers/room",
        "/accounts/login/",
        "/api/sessions/",
        "/nope/",
    ):
        r = client.get(url)
        csp = r["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp, url
        assert "frame-ancestors 'none'" in csp
    templates = Path(__file__).resolve().parents[2]
    for html in templates.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert " onclick=" not in text and "<script>" not in text, html


def test_https_settings_come_from_the_environment() -> None:
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'podium.settings'; "
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {
        "PODIUM_HSTS_SECONDS": "31536000",
        "PODIUM_SSL_REDIRECT": "1",
        "PODIUM_SECURE_COOKIES": "1",
        "PODIUM_BEHIND_PROXY": "1",
    }
    import os

    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    ).stdout.split()
    assert out[:4] == ["31536000", "True", "True", "True"] and "HTTP_X_FORWARDED_PROTO" in out[4]


def test_stylesheets_use_logical_properties_so_right_to_left_pages_mirror() -> None:
    """Arabic pages are right to left: a `margin-left`, `left:` or `text-align: left` stays on
    the left and breaks the mirrored layout (the skip link at left:-999px pushed pages off
    screen). Block-direction properties (top, bottom) do not change with the direction."""
    import re
    from pathlib import Path

    physical = re.compile(
        r"(?<![-\w])(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:"
        r"|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)"
    )
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{css.relative_to(root)}:{n}: {line.strip()}"
        for css in sorted(root.rglob("*.css"))
        if "vendor" not in css.parts
        for n, line in enumerate(css.read_text(encoding="utf-8").splitlines(), 1)
        if physical.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_readers_language_from_the_browser_the_switch_or_the_address(
    client: Any, db: None
) -> None:
    """Accept-Language sets the default; `?lang=` one page only (a room screen in Arabic on a
    French browser); the switch on every page sets it and, signed in, remembers it for the
    person on any browser."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from podium.people.models import Person

    def lang(r: Any) -> tuple[str, str]:
        import re

        m = re.search(r'<html lang="([^"]+)" dir="(\w+)">', r.content.decode())
        assert m, r.content[:200]
        return m.group(1), m.group(2)

    assert lang(client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CH,fr;q=0.9")) == ("fr", "ltr")
    assert lang(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")) == ("zh-hans", "ltr")
    r = client.get("/?lang=ar", HTTP_ACCEPT_LANGUAGE="fr")
    assert lang(r) == ("ar", "rtl") and "django_language" not in r.cookies
    assert lang(client.get("/?lang=xx", HTTP_ACCEPT_LANGUAGE="es")) == ("es", "ltr")
    page = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'lang="ar">العربيّة' in page

    user = get_user_model().objects.create_user("reader", password="x-pass-123")
    Person.objects.create(user=user, family_name="Reader")
    phone = Client()
    phone.force_login(user)
    r = phone.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert r.status_code == 302 and r.cookies["django_language"].value == "ru"
    assert Person.objects.get(user=user).language == "ru"
    laptop = Client()  # another browser, no cookie: the person's choice, not the browser's
    laptop.force_login(user)
    assert lang(laptop.get("/", HTTP_ACCEPT_LANGUAGE="en")) == ("ru", "ltr")
    assert phone.post("/i18n/setlang/", {"language": "klingon"}).status_code in (302, 400)
    assert Person.objects.get(user=user).language == "ru"


def test_the_404_and_500_pages_are_the_sites_own(client: Any, rf: Any, db: None) -> None:
    from django.views.defaults import server_error

    r = client.get("/no-such-page/")
    page = r.content.decode()
    assert r.status_code == 404 and 'class="site"' in page and "Not found" in page
    assert "/static/web/podium.css" in page
    r = server_error(rf.get("/"))
    assert r.status_code == 500 and b"Something went wrong on our side" in r.content
    assert b"/static/web/podium.css" in r.content
