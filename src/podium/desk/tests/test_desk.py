"""The secretariat desk through its pages: a session from the template, problems at their
fields, a draft saved and published (a version each time), compared and restored, the session
file exported and imported again, exactly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from podium.desk.models import Draft, Version
from podium.people.models import Entity
from podium.people.services import grant
from podium.programme.models import Session
from podium.programme.services import programme_yaml
from podium.record.tests.conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db: None) -> Client:
    from podium.programme.services import import_session_file

    session = import_session_file(SEED)
    g = grant("officer", "secretariat", session)
    c = Client()
    c.force_login(g.user)
    return c


def form_of(html: str) -> dict[str, Any]:
    """The edit form's fields as a browser would post them (inputs, textareas, selects)."""
    data: dict[str, Any] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    import html as h

    return {k: h.unescape(v) for k, v in data.items() if k != "csrfmiddlewaretoken"}


def start(c: Client, slug: str = "gcm-its7") -> dict[str, Any]:
    r = c.post("/desk/", {"slug": slug, "title": "Seventh informal thematic session"})
    assert r.status_code == 302 and r["Location"] == f"/sessions/{slug}/edit"
    page = c.get(f"/sessions/{slug}/edit")
    assert page.status_code == 200
    return form_of(page.content.decode())


def test_only_the_secretariat_uses_the_desk(officer: Client) -> None:
    assert Client().get("/desk/").status_code == 302  # sign in
    session = Session.objects.get()
    delegate = grant("mexdel", "delegate", session, Entity.objects.get(code="MEX"))
    c = Client()
    c.force_login(delegate.user)
    for url in (
        "/desk/",
        f"/sessions/{session.slug}/edit",
        f"/sessions/{session.slug}/edit/export",
    ):
        r = c.get(url)
        assert r.status_code == 403 and "Only the secretariat" in r.content.decode()
    assert c.post(f"/sessions/{session.slug}/edit/check", {}).status_code == 403
    assert officer.get("/sessions/no-such-session/edit").status_code == 404


def test_a_problem_is_named_at_its_field_and_publishing_waits_for_its_fix(officer: Client) -> None:
    form = start(officer)
    assert form["title"] == "Seventh informal thematic session"
    form["days.0.segments.2.time"] = "10:15-13:70"  # a mis-typed end
    r = officer.post("/sessions/gcm-its7/edit/check", form)
    problems = r.json()["problems"]
    at = [p for p in problems if p["field"] == "days.0.segments.2.time"]
    assert at and at[0]["severity"] == "error" and "13:70" in at[0]["message"]
    r = officer.post("/sessions/gcm-its7/edit", {**form, "action": "publish"})
    assert r.status_code == 400 and "fix them before publishing" in r.content.decode()
    assert 'id="p-days.0.segments.2.time"><li class="error">' in r.content.decode()
    assert not Session.objects.filter(slug="gcm-its7").exists() and not Version.objects.exists()
    form["days.0.segments.2.time"] = "10:15-13:00"
    assert not officer.post("/sessions/gcm-its7/edit/check", form).json()["errors"]
    r = officer.post("/sessions/gcm-its7/edit", {**form, "action": "publish"})
    assert r.status_code == 302
    session = Session.objects.get(slug="gcm-its7")
    assert session.title == "Seventh informal thematic session"
    assert Version.objects.get(slug="gcm-its7").number == 1
    assert officer.get("/sessions/gcm-its7/").status_code == 200


def test_export_then_import_is_exact_and_versions_compare_and_restore(officer: Client) -> None:
    form = start(officer)
    form["panels.0.experts"] = "Dr. Ben Okafor (IOM)\nTBC\nTBC"
    assert officer.post("/sessions/gcm-its7/edit", {**form, "action": "publish"}).status_code == 302
    form["venue"] = "Palais des Nations"
    assert officer.post("/sessions/gcm-its7/edit", {**form, "action": "publish"}).status_code == 302
    exported = officer.get("/sessions/gcm-its7/edit/export")
    assert exported["Content-Disposition"].startswith("attachment")
    text = exported.content.decode()
    assert "Palais des Nations" in text and "Dr. Ben Okafor" in text
    upload = SimpleUploadedFile("gcm-its8.yaml", text.replace("gcm-its7", "gcm-its8").encode())
    assert officer.post("/desk/", {"slug": "gcm-its8", "file": upload}).status_code == 302
    again = officer.get("/sessions/gcm-its8/edit/export").content.decode()
    assert again == text.replace("gcm-its7", "gcm-its8")  # round trip exact
    page = officer.get("/sessions/gcm-its7/edit/versions?a=1&b=2").content.decode()
    assert "-venue:" in page or "+venue: Palais des Nations" in page
    r = officer.post("/sessions/gcm-its7/edit/versions", {"restore": "1"})
    assert r.status_code == 302
    assert "Palais des Nations" not in Draft.objects.get(slug="gcm-its7").text
    assert officer.post("/sessions/gcm-its7/edit/versions", {"restore": "99"}).status_code == 404
    published = programme_yaml(Session.objects.get(slug="gcm-its7"))
    assert "Palais des Nations" in published  # restoring is a draft until published


def test_days_segments_and_panels_are_added_and_removed_in_the_form(officer: Client) -> None:
    form = start(officer)
    r = officer.post("/sessions/gcm-its7/edit", {**form, "action": "add_day"})
    assert r.status_code == 302
    form = form_of(officer.get("/sessions/gcm-its7/edit").content.decode())
    assert form["days.2.date"] == "2017-05-24" and form["days-count"] == "3"
    officer.post("/sessions/gcm-its7/edit", {**form, "action": "add_segment:2"})
    form = form_of(officer.get("/sessions/gcm-its7/edit").content.decode())
    assert form["days.2.segments-count"] == "1"
    problems = officer.post("/sessions/gcm-its7/edit/check", form).json()["problems"]
    assert any(p["field"] == "days.2.segments.0.time" for p in problems)  # it needs a time
    officer.post("/sessions/gcm-its7/edit", {**form, "action": "remove_day:2"})
    officer.post(
        "/sessions/gcm-its7/edit",
        {**form_of(officer.get("/sessions/gcm-its7/edit").content.decode()), "action": "add_panel"},
    )
    form = form_of(officer.get("/sessions/gcm-its7/edit").content.decode())
    assert form["panels-count"] == "4" and form["panels.3.number"] == "4"
    for bad in ("remove_panel:99", "remove_segment:x.y", "add_segment:9999", "nonsense"):
        assert officer.post("/sessions/gcm-its7/edit", {**form, "action": bad}).status_code == 302


def test_a_bad_start_is_refused_with_a_reason(officer: Client) -> None:
    for data, reason in (
        ({"slug": "Bad Slug"}, "lower-case"),
        ({"slug": "gcm-its2-drivers"}, "exists already"),
        ({"slug": "x-y", "file": SimpleUploadedFile("a.yaml", b"- a list\n")}, "is a mapping"),
        ({"slug": "x-y", "file": SimpleUploadedFile("a.yaml", b"a: [unclosed\n")}, "not YAML"),
        ({"slug": "x-y", "file": SimpleUploadedFile("a.yaml", b"\xff\xfe")}, "UTF-8"),
    ):
        r = officer.post("/desk/", data)
        assert r.status_code == 400 and reason in r.content.decode(), (data, r.content[-500:])
    assert not Draft.objects.filter(slug="x-y").exists()


def test_a_title_in_several_languages_keeps_them_when_its_original_is_edited(
    officer: Client,
) -> None:
    start(officer)
    draft = Draft.objects.get(slug="gcm-its7")
    draft.text = draft.text.replace(
        "title: Sustainable development and poverty eradication",
        "title: {en: Sustainable development and poverty eradication, fr: Développement durable}",
    )
    draft.save()
    form = form_of(officer.get("/sessions/gcm-its7/edit").content.decode())
    assert form["panels.0.title"] == "Sustainable development and poverty eradication"
    form["panels.0.title"] = "Sustainable development"
    assert officer.post("/sessions/gcm-its7/edit", {**form, "action": "save"}).status_code == 302
    text = Draft.objects.get(slug="gcm-its7").text
    assert "en: Sustainable development\n" in text and "fr: Développement durable" in text


def test_the_problems_are_in_the_readers_language_next_to_their_fields(officer: Client) -> None:
    """The core's check messages, translated at the edge: the message and the English words
    among its parameters (a field's description, a segment kind); the data as it is."""
    form = start(officer)
    form["panels.1.number"] = "1"  # panel 1 defined twice (and panel 2 not defined)
    officer.post("/sessions/gcm-its7/edit", {**form, "action": "save"})
    page = officer.get("/sessions/gcm-its7/edit?lang=fr").content.decode()
    assert (
        'id="p-panels.1.number"><li class="error">la réunion-débat 1 est définie deux fois</li>'
        in page
    )
    page = officer.get("/sessions/gcm-its7/edit?lang=ar").content.decode()
    assert 'id="p-panels.1.number"><li class="error">حلقة النقاش 1 معرَّفة مرتين</li>' in page
    english = officer.get("/sessions/gcm-its7/edit?lang=en").content.decode()
    assert '<li class="error">panel 1 is defined twice</li>' in english

    form["panels.1.number"] = "two"  # a field's description among the parameters
    form["days.0.segments.0.kind"] = "closing"
    form["days.0.segments.2.kind"] = "lunch"  # a lunch that names panel 1
    fr = officer.post("/sessions/gcm-its7/edit/check?lang=fr", form).json()["problems"]
    messages = {p["field"]: p["message"] for p in fr}
    assert messages["panels.1.number"] == (
        "numéro de réunion-débat doit être un nombre entier, et non 'two'"
    )
    assert "une séquence «\u00a0pause déjeuner\u00a0» ne prend pas de numéro de réunion-débat" in [
        p["message"] for p in fr
    ]
    ar = officer.post("/sessions/gcm-its7/edit/check?lang=ar", form).json()["problems"]
    assert "يجب أن يكون رقم حلقة النقاش عددًا صحيحًا، لا 'two'" in [p["message"] for p in ar]
