"""Documents and downloads in the reader's language (`?lang=`, the language cookie or
`Accept-Language`, as pages): the summary's DOCX and PDF name the delegations as the UN does in
that language (UNTERM), published or draft; the statistics page and the downloads' `entity_name`
column too, while the `entity` column keeps the code. The Arabic PDF is read back as text: the
right words, in reading order."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from podium.record.tests.conftest import make_user
from podium.record.tests.scripted import run_two_panels

# the order heard from the floor in panel 1: Ghana (for the African Group), Brazil, France;
# Switzerland not heard
AR = {"GHA": "غانا", "BRA": "البرازيل", "FRA": "فرنسا", "CHE": "سويسرا"}
FR = {"GHA": "Ghana", "BRA": "Brésil", "FRA": "France", "CHE": "Suisse"}


@pytest.fixture
def ran(session: Any) -> Any:
    make_user(session, "fradelegate", "delegate", "FRA", gender="female")
    make_user(session, "ghadelegate", "delegate", "GHA", gender="male")
    return run_two_panels(session)


@pytest.fixture
def editor(session: Any) -> Client:
    c = Client()
    c.force_login(make_user(session, "cochair", "co_chair"))
    return c


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def in_order(text: str, words: list[str]) -> None:
    at = [text.find(w) for w in words]
    assert -1 not in at, [w for w, i in zip(words, at, strict=True) if i < 0]
    assert at == sorted(at), words


def test_the_arabic_summary_pdf_reads_in_arabic_in_order(
    session: Any, ran: Any, editor: Client
) -> None:
    r = editor.get(f"/sessions/{session.slug}/summary.pdf", {"lang": "ar"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content)
    # the headings in Arabic, in the document's order; the delegations as heard, by their
    # Arabic names; each word whole and in logical order (not mirrored glyph by glyph)
    in_order(
        text,
        [
            "موجز الميسّرين المشاركين",  # Co-facilitators' summary
            "مقدمة",  # Introduction
            "قائمة المتكلمين",  # List of speakers
            AR["GHA"],
            "باسم مجموعة الدول الأفريقية",  # on behalf of the African Group
            AR["BRA"],
            AR["FRA"],
            "الطلبات التي لم يُستمع إليها",  # Requests not heard
            AR["CHE"],
            "الاستنتاجات",  # Conclusions
            "المرفق",  # Annex
        ],
    )
    for english in ("Brazil", "France", "Switzerland", "List of speakers", "Conclusions"):
        assert english not in text
    assert "ليزاربلا" not in text  # البرازيل backwards


def test_summary_docx_in_the_readers_language_published_or_draft(
    session: Any, ran: Any, editor: Client
) -> None:
    url = f"/sessions/{session.slug}/summary.docx"
    french = docx_text(editor.get(url, {"lang": "fr", "v": "draft"}).content)
    in_order(french, ["Introduction", FR["GHA"], FR["BRA"], FR["FRA"], FR["CHE"]])
    assert "Brazil" not in french and "Switzerland" not in french
    # published: frozen in the six languages, each reader gets theirs (here by Accept-Language)
    assert (
        editor.post(f"/sessions/{session.slug}/summary/publish", {"confirm": "1"}).status_code
        == 302
    )
    public = Client()
    russian = docx_text(public.get(url, HTTP_ACCEPT_LANGUAGE="ru").content)
    assert "Бразилия" in russian and "Швейцария" in russian and "Brazil" not in russian
    english = docx_text(public.get(url, HTTP_ACCEPT_LANGUAGE="en").content)
    assert "Brazil" in english and "Бразилия" not in english
    arabic = pdf_text(public.get(f"/sessions/{session.slug}/summary.pdf?lang=ar").content)
    assert AR["BRA"] in arabic and "Brazil" not in arabic
    # the annex's totals name their measures in words, not identifiers
    assert "Requests not heard" in english and "requests_not_heard" not in english


def test_statistics_keep_codes_and_add_the_name_in_the_readers_language(
    session: Any, ran: Any
) -> None:
    base = f"/sessions/{session.slug}/statistics"
    rows = list(csv.DictReader(io.StringIO(Client().get(f"{base}/not-heard.csv?lang=fr").text)))
    assert [(r["entity"], r["entity_name"]) for r in rows] == [("CHE", "Suisse")]
    rows = list(csv.DictReader(io.StringIO(Client().get(f"{base}/not-heard.csv").text)))
    assert [(r["entity"], r["entity_name"]) for r in rows] == [("CHE", "Switzerland")]
    data = json.loads(Client().get(f"{base}/all.json", HTTP_ACCEPT_LANGUAGE="ar").content)
    not_heard = next(t for t in data["tables"] if t["key"] == "not-heard")
    assert not_heard["rows"][0]["entity"] == "CHE"
    assert not_heard["rows"][0]["entity_name"] == AR["CHE"]
    page = Client().get(f"{base}?lang=ar").content.decode()
    assert AR["CHE"] in page and "Switzerland" not in page
    # the archive's speakers too
    archive = Client().get(f"/sessions/{session.slug}/archive?lang=fr").content.decode()
    in_order(archive, [FR["GHA"], FR["BRA"], FR["FRA"]])
    assert "Brazil" not in archive and "Suisse" in archive


def test_series_statistics_name_delegations_in_the_readers_language(session: Any, ran: Any) -> None:
    from podium.programme.series import slug_of

    slug = slug_of(session.series)
    data = Client().get(f"/api/series/{slug}/statistics?lang=fr").json()
    names = {d["entity"]: d["name"] for d in data["delegations"]}
    assert names["BRA"] == "Brésil" and names["GHA"] == "Ghana"
    page = Client().get(f"/series/{slug}/statistics?lang=ru").content.decode()
    assert "Бразилия" in page and 'src="/static/flags/br.svg"' in page
