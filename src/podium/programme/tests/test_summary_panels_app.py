"""Several summary panels reach every page: the programme, the floor (each its own segment
key), the summary document and the desk."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from podium.core import sessionfile
from podium.core.tests.test_summary_panels import TWO
from podium.desk.tests.test_desk import form_of
from podium.floor.services import segment_configs
from podium.people.services import grant
from podium.programme.services import import_session_text, programme_of, programme_yaml
from podium.record.services import build_summary

pytestmark = pytest.mark.django_db


def test_two_summary_panels_show_on_the_programme_and_open_on_the_floor(client: Client) -> None:
    session = import_session_text(TWO)
    assert programme_of(session) == sessionfile.parse(TWO).programme  # stored as the file says
    page = client.get(f"/sessions/{session.slug}/").content.decode()
    assert "Morning summary" in page and "Afternoon summary" in page
    assert "Expert Morning" in page and "Expert Afternoon" in page
    french = client.get(f"/sessions/{session.slug}/?lang=fr").content.decode()
    assert "Synthèse du matin" in french

    configs = {c.id: c for c in segment_configs(session)}
    assert {"summary", "summary-2"} <= set(configs)
    assert configs["summary-2"].title == "Afternoon summary"
    assert configs["summary-2"].floor_limit_s == 120  # its own floor rule
    assert [s["speaker"] for s in configs["summary-2"].slots][:2] == ["Moderator A", "Moderator B"]

    officer = grant("officer", "secretariat", session)
    c = Client()
    c.force_login(get_user_model().objects.get(pk=officer.user.pk))
    r = c.post(
        f"/api/sessions/{session.slug}/floor",
        json.dumps({"command": "open_segment", "segment": "summary-2"}),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["segment"]["title"] == "Afternoon summary"

    headings = build_summary(session).headings()
    assert headings.index("Morning summary") < headings.index("Afternoon summary")


def test_the_desk_edits_several_summary_panels_and_keeps_them(db: None) -> None:
    session = import_session_text(TWO)
    officer = grant("officer", "secretariat", session)
    c = Client()
    c.force_login(officer.user)
    form = form_of(c.get(f"/sessions/{session.slug}/edit").content.decode())
    assert form["summary_panels-count"] == "2"
    assert form["summary_panels.1.title"] == "Afternoon summary"
    form["summary_panels.1.title"] = "Evening summary"
    form["summary_panels.1.thematic_expert"] = "Dr New (KEN)"
    r = c.post(f"/sessions/{session.slug}/edit", {**form, "action": "publish"})
    assert r.status_code in (200, 302), r.content[:500]
    data = sessionfile.parse(programme_yaml(session.__class__.objects.get(pk=session.pk)))
    assert data.programme is not None
    second = data.programme.summary_panel(2)
    assert second is not None and second.title == "Evening summary"
    assert second.thematic_expert.entity == "KEN"
    assert second.floor is not None  # what the form does not show is kept
    first = data.programme.summary_panel(1)
    assert first is not None and dict(data.programme.translations)["summary_panel.title"]
