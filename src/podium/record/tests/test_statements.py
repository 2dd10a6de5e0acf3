"""Statements through the pages: upload checks, privacy until delivered, tagging."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve

import podium.urls
from podium.people.models import Entity
from podium.record.models import Statement
from podium.record.tests.conftest import make_user
from podium.record.tests.test_uploads import docx_bytes, pdf_bytes


def upload(client: Client, session: Any, data: bytes, name: str, **extra: Any) -> Any:
    mex = Entity.objects.get(code="MEX")
    return client.post(
        f"/sessions/{session.slug}/statements/upload",
        {
            "entity": mex.pk,
            "language": "es",
            "title": "Declaración",
            **extra,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )


def test_a_delegation_uploads_its_statement_kept_private_until_delivered(
    client: Client, session: Any, delegate: Any
) -> None:
    client.force_login(delegate)
    r = upload(client, session, docx_bytes("México propone alianzas regionales."), "mexico.docx")
    assert r.status_code == 302
    st = Statement.objects.get()
    assert st.kind == "docx" and st.language == "es" and "alianzas" in st.text
    assert not st.is_public
    assert client.get(f"/sessions/{session.slug}/statements/{st.pk}/").status_code == 200
    anonymous = Client()
    assert anonymous.get(f"/sessions/{session.slug}/statements/{st.pk}/").status_code == 404
    file_url = f"/sessions/{session.slug}/statements/{st.pk}/file"
    assert client.get(file_url).status_code == 200
    assert anonymous.get(file_url).status_code == 404
    other = Client()
    other.force_login(make_user(session, "perdelegate", "delegate", "PER"))
    assert other.get(f"/sessions/{session.slug}/statements/{st.pk}/").status_code == 404
    assert other.get(file_url).status_code == 404
    assert b"Declaraci" not in anonymous.get(f"/sessions/{session.slug}/archive").content


def test_renamed_executable_and_oversized_file_are_refused(
    client: Client, session: Any, delegate: Any, settings: Any
) -> None:
    client.force_login(delegate)
    exe = b"MZ\x90\x00\x03" + b"\x00" * 500
    r = upload(client, session, exe, "statement.pdf")
    assert r.status_code == 400 and "Windows executable" in r.content.decode()
    settings.PODIUM_MAX_STATEMENT_BYTES = 1024
    r = upload(client, session, b"%PDF-1.7\n" + b"1" * 4096, "statement.pdf")
    assert r.status_code == 413 and "too large" in r.content.decode()  # names the limit
    r = upload(client, session, b"%PDF-1.7\n" + b"1" * 400_000, "big.pdf")
    assert r.status_code == 413 and "too large" in r.content.decode()  # refused unread
    assert not Statement.objects.exists()


def test_a_nul_or_an_overlong_field_beside_the_file_is_refused_and_nothing_is_stored(
    client: Client, session: Any, delegate: Any
) -> None:
    """On PostgreSQL a NUL in the title was a 500 (DataError); a 400-character title was cut
    to 300 without a word."""
    client.force_login(delegate)
    r = upload(client, session, b"Hola", "a.txt", title="Decla\x00raci\u00f3n")
    assert r.status_code == 400 and "NUL" in r.content.decode()
    r = upload(client, session, b"Hola", "a.txt", title="D" * 301)
    assert r.status_code == 400 and "longer than 300 characters" in r.content.decode()
    r = upload(client, session, b"Hola", "a.txt", speaker="S" * 201)
    assert r.status_code == 400 and "longer than 200 characters" in r.content.decode()
    assert not Statement.objects.exists()
    r = upload(client, session, b"%PDF-1.7\n\x00\x00 binary", "a.pdf")  # a NUL in a file is fine
    assert "NUL" not in r.content.decode()


def test_only_a_delegation_may_upload_and_only_for_itself(
    client: Client, session: Any, delegate: Any
) -> None:
    assert client.get(f"/sessions/{session.slug}/statements/upload").status_code == 302  # sign in
    client.force_login(delegate)
    fra = Entity.objects.get(code="FRA")
    r = client.post(
        f"/sessions/{session.slug}/statements/upload",
        {"entity": fra.pk, "language": "fr", "file": SimpleUploadedFile("a.txt", b"Bonjour")},
    )
    assert r.status_code == 403
    assert not Statement.objects.exists()


def test_a_statement_file_is_served_only_by_its_checked_view(
    client: Client, session: Any, delegate: Any, settings: Any
) -> None:
    """Finding: with DEBUG=1, or behind the documented nginx `location /media/`,
    `/media/statements/<slug>/<µs timestamp>.txt` served an undelivered statement; names were
    guessable upload times; PDFs were opened inline (their scripts ran in the browser's
    viewer)."""
    client.force_login(delegate)
    assert upload(client, session, pdf_bytes("Nuestra declaración"), "mex.pdf").status_code == 302
    st = Statement.objects.get()
    assert re.fullmatch(rf"statements/{session.slug}/[A-Za-z0-9_-]{{32}}\.pdf", st.file.name)
    settings.DEBUG = True  # the URL configuration as a DEBUG server loads it
    urls = importlib.reload(podium.urls)
    with pytest.raises(Resolver404):
        resolve(f"/media/{st.file.name}", urlconf=urls)
    served = client.get(f"/sessions/{session.slug}/statements/{st.pk}/file")
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in served["Content-Security-Policy"]
    settings.PODIUM_X_ACCEL_REDIRECT = "/protected-media/"
    accel = client.get(f"/sessions/{session.slug}/statements/{st.pk}/file")
    assert accel["X-Accel-Redirect"] == f"/protected-media/{st.file.name}"
    assert Client().get(f"/sessions/{session.slug}/statements/{st.pk}/file").status_code == 404


def test_a_statement_is_on_behalf_only_of_a_group_the_delegation_belongs_to(
    client: Client, session: Any, delegate: Any
) -> None:
    """Finding: `on_behalf_of` took any entity's id: Mexico's statement "on behalf of" the
    European Union, or of France."""
    mine = Entity.objects.create(code="GRP-LAC", name="Latin American Group", kind="group")
    mine.members.add(Entity.objects.get(code="MEX"))
    other = Entity.objects.create(code="GRP-EUR", name="European Group", kind="group")
    other.members.add(Entity.objects.get(code="FRA"))
    client.force_login(delegate)
    form = client.get(f"/sessions/{session.slug}/statements/upload").content.decode()
    assert 'value="GRP-LAC"' in form and "GRP-EUR" not in form  # offers only its own groups
    for code, reason in [
        ("GRP-EUR", "Mexico is not a member of European Group."),
        ("FRA", "France is not a group of States."),
        (str(mine.pk), f"No delegation or group has the code {mine.pk}."),  # a code, not an id
    ]:
        r = upload(client, session, b"Texto", "a.txt", on_behalf_of=code)
        assert r.status_code == 400 and reason in r.content.decode(), code
    assert not Statement.objects.exists()
    assert upload(client, session, b"Texto", "a.txt", on_behalf_of="grp-lac").status_code == 302
    assert Statement.objects.get().on_behalf_of == mine


def test_the_upload_form_preselects_the_readers_language_not_the_first_option(
    client: Client, session: Any, delegate: Any
) -> None:
    client.force_login(delegate)
    url = f"/sessions/{session.slug}/statements/upload"
    assert '<option value="en" selected>' in client.get(url).content.decode()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="es" selected>' in page and '<option value="ar" selected>' not in page
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<option value="zh" selected>' in page


def test_the_text_says_its_language_and_the_delegation_confirms_it(
    client: Client, session: Any, delegate: Any
) -> None:
    """Uploaded as English (the default), the text reads as Spanish: the page says so and the
    delegation sets it in one click; another delegation may not."""
    client.force_login(delegate)
    text = "México propone alianzas regionales para una migración segura, ordenada y regular."
    r = upload(client, session, text.encode(), "mx.txt", language="en")
    assert r.status_code == 302
    st = Statement.objects.get()
    assert (st.language, st.detected_language) == ("en", "es")
    page = client.get(f"/sessions/{session.slug}/statements/{st.pk}/").content.decode()
    assert "The text reads as Spanish." in page
    url = f"/sessions/{session.slug}/statements/{st.pk}/language"
    other = Client()
    other.force_login(make_user(session, "perdel", "delegate", "PER"))
    assert other.post(url, {"language": "fr"}).status_code == 403
    assert client.post(url, {"language": "klingon"}).status_code == 400
    assert client.post(url, {"language": "es"}).status_code == 302
    st.refresh_from_db()
    assert st.language == "es"
    page = client.get(f"/sessions/{session.slug}/statements/{st.pk}/").content.decode()
    assert "The text reads as" not in page
