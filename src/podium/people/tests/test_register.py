"""One register of people: a CSV import of panel 1's experts (the secretariat's people page)
changes what every page and document shows: the programme page, the iCalendar, the console's
planned speakers, the room, the archive, the summary (DOCX and PDF) and the exported session
file. Removing the role brings back the programme's "TBC"."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from pypdf import PdfReader

from podium.floor import services as floor
from podium.people.models import Role
from podium.people.services import grant
from podium.programme.services import import_session_file, programme_of, programme_yaml
from podium.record.tests.conftest import SEED, make_user


@pytest.fixture
def session(entities: None) -> Any:
    """The bundled seed session: panel 1's moderator (Bangladesh) and experts are "TBC"."""
    return import_session_file(SEED)


@pytest.fixture
def secretariat(session: Any) -> Any:
    return make_user(session, "officer", "secretariat")


CSV = (
    "title,given_name,family_name,gender,function,position,entity,role,panel\n"
    "Dr.,Ben,Okafor,male,Expert,Director of Research,IOM,Expert,1\n"
    "Ms.,Lina,Haddad,female,expert,,,expert,1\n"
    "H.E. Mr.,Karim,Rahman,male,Ambassador / Permanent Representative,,BGD,moderator,1\n"
)


def _import(client: Client, session: Any) -> None:
    r = client.post(
        f"/sessions/{session.slug}/people/",
        {"file": SimpleUploadedFile("people.csv", CSV.encode()), "dry_run": ""},
    )
    assert r.status_code in (200, 302), r.content[:500]
    assert Role.objects.filter(session=session, role="expert").count() == 2


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_a_csv_import_of_panel_1s_experts_changes_every_page_and_document(
    session: Any, secretariat: Any
) -> None:
    client = Client()
    client.force_login(secretariat)
    slug = session.slug
    pages = {
        "programme": f"/sessions/{slug}/",
        "ical": f"/sessions/{slug}/programme.ics",
        "archive": f"/sessions/{slug}/archive",
    }
    before = {k: client.get(u).content.decode() for k, u in pages.items()}
    for text in before.values():
        assert "Okafor" not in text
    _import(client, session)
    # (an iCalendar folds its long lines: unfold them)
    after = {k: client.get(u).content.decode().replace("\r\n ", "") for k, u in pages.items()}
    for name, text in after.items():
        assert "Ben Okafor" in text and "Lina Haddad" in text, name
    assert "Director of Research" in after["programme"]
    assert "Karim Rahman" in after["programme"]  # panel 1's "TBC" moderator of Bangladesh

    # the console's planned speakers are the floor's segment configuration (read when it opens)
    panel1 = next(c for c in floor.segment_configs(session) if c.panel_number == 1)
    experts = [s["speaker"] for s in panel1.slots if s["role"] == "expert"]
    assert experts[:2] == ["Dr. Ben Okafor", "Ms. Lina Haddad"] and experts[2] == "TBC"
    moderator = next(s for s in panel1.slots if s["role"] == "moderator_opening")
    assert (moderator["speaker"], moderator["entity"]) == ("H.E. Mr. Karim Rahman", "BGD")

    # the room shows whom the console gives the floor to, from those slots
    mod = grant("mod-bgd", "moderator", session, None, 1)
    console = Client(HTTP_HOST="127.0.0.1")
    console.force_login(mod.user)
    for body in (
        {"command": "open_segment", "segment": panel1.id},
        {"command": "call", "speaker": experts[0], "role": "expert"},
    ):
        r = console.post(f"/api/sessions/{slug}/floor", body, content_type="application/json")
        assert r.status_code == 200, r.content
    state = floor.state_of(session)
    console_view = floor.view_bytes(session, state, "console", [])
    assert b"Ms. Lina Haddad" in console_view  # the console's planned speakers, once open
    assert b"Dr. Ben Okafor" in floor.view_bytes(session, state, "room", [])

    # the summary, as the co-facilitators' documents list each panel's people
    docx = client.get(f"/sessions/{slug}/summary.docx?v=draft").content
    pdf = client.get(f"/sessions/{slug}/summary.pdf?v=draft").content
    assert "Ben Okafor" in _docx_text(docx)
    assert "Ben Okafor" in " ".join(_pdf_text(pdf).split())
    # the session file exported is the one register too
    assert "Dr. Ben Okafor" in programme_yaml(session)


def test_the_register_survives_a_new_session_file_and_its_removal_brings_back_tbc(
    session: Any, secretariat: Any
) -> None:
    client = Client()
    client.force_login(secretariat)
    _import(client, session)
    import_session_file(SEED)  # the secretariat loads the file again
    experts = [e.name for e in programme_of(session).panels[0].experts]
    assert experts == ["Dr. Ben Okafor", "Ms. Lina Haddad", "TBC"]
    Role.objects.filter(session=session, person__family_name="Okafor").delete()
    experts = [e.name for e in programme_of(session).panels[0].experts]
    assert experts == ["Ms. Lina Haddad", "TBC", "TBC"]
    Role.objects.filter(session=session, role__in=["expert", "moderator"]).delete()
    p = programme_of(session)
    assert [e.name for e in p.panels[0].experts] == ["TBC", "TBC", "TBC"]
    assert (p.panels[0].moderator.name, p.panels[0].moderator.entity) == ("TBC", "BGD")


def test_a_fourth_expert_is_added_and_a_named_one_is_completed(
    session: Any, secretariat: Any
) -> None:
    for i, name in enumerate(["Ann One", "Bo Two", "Cy Three", "Di Four"]):
        grant(
            f"x{i}",
            "expert",
            session,
            None,
            2,
            given_name=name.split()[0],
            family_name=name.split()[1],
        )
    assert [e.name for e in programme_of(session).panels[1].experts] == [
        "Ann One",
        "Bo Two",
        "Cy Three",
        "Di Four",
    ]
