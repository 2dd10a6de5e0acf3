"""The record of a scripted two-panel session (floor engine -> stored log -> record): the
statistics against hand-computed numbers, the archive, and the summary as DOCX and PDF."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document
from pypdf import PdfReader

from podium.record import adapters
from podium.record.exports import EXPORTERS
from podium.record.models import Writing
from podium.record.services import summary_content
from podium.record.tests.conftest import make_user
from podium.record.tests.scripted import run_two_panels

SPEAKERS = [
    "H.E. Moderator One",
    "Dr Expert A",
    "Ghana",
    "Brazil",
    "France",
    "H.E. Moderator Two",
    "Argentina",
    "Migrant NGO",
]


@pytest.fixture
def ran(session: Any) -> Any:
    make_user(session, "fradelegate", "delegate", "FRA", gender="female")
    make_user(session, "ghadelegate", "delegate", "GHA", gender="male")
    return run_two_panels(session)


def tables(client: Client, session: Any) -> dict[str, dict[str, dict[str, Any]]]:
    data = json.loads(client.get(f"/sessions/{session.slug}/statistics/all.json").content)
    return {t["key"]: {str(r[t["columns"][0]]): r for r in t["rows"]} for t in data["tables"]}


def test_statistics_of_the_scripted_session(client: Client, session: Any, ran: Any) -> None:
    t = tables(client, session)
    totals = t["totals"]
    assert totals["interventions"]["value"] == 5  # from the floor
    assert totals["planned_speakers"]["value"] == 4  # the moderators' and the expert's turns
    assert totals["speaking_time_min"]["value"] == 41.5  # 2490 s
    assert totals["over_limit"]["value"] == 3  # Ghana, Argentina (as extended), the stakeholder
    assert totals["over_granted"]["value"] == 2
    assert totals["departed_from_suggested_order"]["value"] == 1
    assert totals["requests_not_heard"]["value"] == 1
    cat = t["by-category"]
    assert "Moderator" not in cat  # a moderator's turn is not a Member State's
    roles = t["by-role"]
    assert roles["Moderator"]["interventions"] == 3 and roles["Moderator"]["total_s"] == 1220
    assert cat["Member State"]["interventions"] == 4 and cat["Member State"]["total_s"] == 770
    assert cat["Stakeholder"]["over_limit"] == 1
    groups = t["by-regional-group"]  # States only: GHA, BRA, FRA, ARG
    assert groups["AFRICAN"]["interventions"] == 1 and groups["AFRICAN"]["total_s"] == 200
    assert groups["GRULAC"]["interventions"] == 2 and groups["GRULAC"]["total_s"] == 390
    assert groups["WEOG"]["interventions"] == 1
    gender = t["by-gender"]  # the delegates of France and Ghana made their requests
    assert gender["female"]["total_s"] == 180 and gender["male"]["total_s"] == 200
    assert gender["not declared"]["interventions"] == 7
    panels = {k.split(":")[0]: v for k, v in t["by-panel"].items()}
    assert panels["Panel 1"]["interventions"] == 6 and panels["Panel 1"]["total_s"] == 1630
    assert panels["Panel 2"]["interventions"] == 3 and panels["Panel 2"]["total_s"] == 860
    assert [(r["entity"], r["entity_name"]) for r in t["not-heard"].values()] == [
        ("CHE", "Switzerland")
    ]
    pva = {k.split(":")[0]: v for k, v in t["planned-vs-actual"].items()}
    assert pva["Panel 1"]["planned_min"] == 165 and pva["Panel 1"]["actual_min"] == 28.3
    assert pva["Panel 2"]["actual_min"] == 15.2 and pva["Panel 3"]["actual_min"] is None
    csv_text = client.get(f"/sessions/{session.slug}/statistics/by-category.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("category,interventions,total_s")


def test_archive_lists_speakers_per_panel_in_order(client: Client, session: Any, ran: Any) -> None:
    page = client.get(f"/sessions/{session.slug}/archive").content.decode()
    positions = [page.index(name) for name in SPEAKERS]
    assert positions == sorted(positions)
    assert "Switzerland" in page  # not heard, listed


def test_summary_docx_and_pdf_hold_every_heading_and_speaker(session: Any, ran: Any) -> None:
    content = summary_content(session, draft=True)
    doc = Document(io.BytesIO(EXPORTERS["summary-docx"](session)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for h in content.headings():
        assert h in headings
    assert [p.title.split(":")[0] for p in content.panels] == ["Panel 1", "Panel 2", "Panel 3"]
    body = "\n".join(p.text for p in doc.paragraphs)
    for name in ("Ghana", "Brazil", "France", "Argentina", "Migrant NGO"):  # from the floor
        assert name in body
    assert "H.E. Moderator One" not in body  # a planned speaker: listed as the moderator
    reader = PdfReader(io.BytesIO(EXPORTERS["summary-pdf"](session)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    for name in ("Panel 1", "Conclusions", "Annex", "Migrant NGO"):
        assert name in text


def test_writings_drafts_then_published_summary(
    client: Client, session: Any, ran: Any, secretariat: Any
) -> None:
    base = f"/sessions/{session.slug}"
    co_chair = make_user(session, "cochair", "co_chair")
    client.force_login(co_chair)
    r = client.post(f"{base}/record/texts/conclusions", {"draft": "Migration is a shared task."})
    assert r.status_code == 302
    assert client.post(f"{base}/record/texts/thematic_overview", {"draft": "x"}).status_code == 403
    assert b"Migration is a shared task." in client.get(f"{base}/summary").content  # draft view
    assert Client().get(f"{base}/summary").status_code == 404  # not public before publishing
    assert client.post(f"{base}/summary/publish", {"confirm": "1"}).status_code == 302
    public = Client().get(f"{base}/summary")
    assert public.status_code == 200 and b"Migration is a shared task." in public.content
    client.post(f"{base}/record/texts/conclusions", {"draft": "A later edit."})
    assert b"A later edit." not in Client().get(f"{base}/summary").content  # frozen
    assert Writing.objects.get(kind="conclusions").published == "Migration is a shared task."
    assert Client().get(f"{base}/summary.docx").status_code == 200


def test_podium_export_writes_the_same_documents(session: Any, ran: Any, tmp_path: Any) -> None:
    out = tmp_path / "stats.json"
    call_command("export", session.slug, "--format", "stats-json", "-o", str(out))
    data = json.loads(out.read_text())
    totals = {r["measure"]: r["value"] for r in data["tables"][0]["rows"]}
    assert data["session"] == session.slug and totals["interventions"] == 5
    csv_file = tmp_path / "stats.csv"
    call_command("export", session.slug, "--format", "stats-csv", "-o", str(csv_file))
    assert "# by-regional-group" in csv_file.read_text()
    docx_file = tmp_path / "summary.docx"
    call_command("export", session.slug, "--format", "summary-docx", "-o", str(docx_file))
    assert docx_file.read_bytes()[:2] == b"PK"


def test_a_moderator_writes_the_summary_of_their_own_panel_only(
    client: Client, session: Any, ran: Any
) -> None:
    p1, p2 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][:2]
    mod = make_user(session, "bgdmoderator", "moderator", "BGD", panel=1)
    client.force_login(mod)
    base = f"/sessions/{session.slug}/record/texts/panel_summary"
    r = client.post(f"{base}/{p1.pk}", {"draft": "Decent work reduces distress migration."})
    assert r.status_code == 302
    assert client.post(f"{base}/{p2.pk}", {"draft": "not mine"}).status_code == 403
    assert client.post(f"/sessions/{session.slug}/summary/publish").status_code == 403
    panel1 = summary_content(session, draft=True).panels[0]
    assert panel1.key_messages == ["Decent work reduces distress migration."]


def test_the_record_as_json(client: Client, session: Any, ran: Any) -> None:
    data = json.loads(client.get(f"/api/sessions/{session.slug}/record").content)
    assert [i["entity"] for i in data["interventions"]][2:5] == ["GHA", "BRA", "FRA"]
    moderator = data["interventions"][0]
    assert (moderator["role"], moderator["entity"], moderator["represents"]) == (
        "moderator",
        "",
        "BGD",
    )
    brazil = data["interventions"][3]
    assert brazil["departed_from_suggested_order"] and brazil["speaking_s"] == 150
    assert brazil["segment"] == "panel-1" and brazil["regional_group"] == "GRULAC"
    assert [n["entity"] for n in data["not_heard"]] == ["CHE"]


def test_gender_by_panel(client: Client, session: Any, ran: Any) -> None:
    rows = {k.split(":")[0]: v for k, v in tables(client, session)["gender-by-panel"].items()}
    p1 = rows["Panel 1"]
    assert p1["female_interventions"] == 1 and p1["female_min"] == 3.0  # France, 180 s
    assert p1["male_interventions"] == 1 and p1["not_declared_interventions"] == 4
    assert rows["Panel 2"]["not_declared_interventions"] == 3


def test_live_statistics_follow_the_floor_as_it_runs(client: Client, session: Any) -> None:
    """The record is folded once per change of the log: a page read before the session and one
    read after it must not show the same (cached) numbers."""
    before = client.get(f"/api/sessions/{session.slug}/record").json()
    assert before["interventions"] == []
    run_two_panels(session)
    after = client.get(f"/api/sessions/{session.slug}/record").json()
    assert len(after["interventions"]) == 9
    assert client.get(f"/api/sessions/{session.slug}/record").json() == after
