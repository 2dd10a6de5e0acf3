"""Contributions tagged on delivered statements, found by theme, type, group and words."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.test import Client

from podium.people.models import Entity
from podium.programme.models import Session
from podium.record import adapters, services
from podium.record.models import Contribution, Statement, Theme
from podium.record.tests.conftest import make_user
from podium.record.tests.scripted import run_two_panels


def statement(session: Any, code: str, text: str, segment: Any = None) -> Statement:
    st = Statement(
        session=session,
        entity=Entity.objects.get(code=code),
        segment=segment,
        language="en",
        kind="txt",
        size=len(text),
        text=text,
    )
    st.file.save("s.txt", ContentFile(text.encode()), save=False)
    st.save()
    services.sync_delivered(session, services.record_of(session))  # as an upload does
    return st


def test_statements_become_public_once_delivered_or_not_heard(client: Client, session: Any) -> None:
    p1 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][0]
    france = statement(session, "FRA", "Statement of France", p1)
    swiss = statement(session, "CHE", "Statement of Switzerland", p1)
    peru = statement(session, "PER", "Statement of Peru", p1)
    run_two_panels(session)
    page = client.get(f"/sessions/{session.slug}/archive").content.decode()
    for st in (france, swiss, peru):
        st.refresh_from_db()
    assert france.is_public and swiss.is_public  # heard; not heard at the close (UN practice)
    assert not peru.is_public  # never asked for the floor
    assert f"/statements/{france.pk}/" in page and f"/statements/{peru.pk}/" not in page


def test_search_finds_a_tagged_commitment_by_theme(
    client: Client, session: Any, secretariat: Any
) -> None:
    climate = Theme.objects.get(slug="climate-change")
    p3 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][2]
    fiji = statement(session, "FJI", "Fiji will relocate coastal villages with dignity.", p3)
    fiji.delivered_at = p3.start
    fiji.save()
    client.force_login(secretariat)
    r = client.post(
        f"/sessions/{session.slug}/contributions/add",
        {
            "statement": fiji.pk,
            "kind": "commitment",
            "text": "Fiji pledges planned relocation of coastal villages, avec dignité.",
            "themes": ["climate-change"],
        },
    )
    assert r.status_code == 302
    c = Contribution.objects.get()
    assert list(c.themes.all()) == [climate] and c.entity.code == "FJI"
    anonymous = Client()
    found = anonymous.get("/search/", {"theme": "climate-change"}).content.decode()
    assert "Fiji pledges planned relocation" in found
    assert (
        "Fiji pledges"
        not in anonymous.get("/search/", {"theme": "conflict-prevention"}).content.decode()
    )
    # words (any case, any accent), type, regional group and session filters
    assert (
        "Fiji pledges"
        in anonymous.get(
            "/search/",
            {
                "q": "RELOCATION dignité".replace("é", "e"),
                "kind": "commitment",
                "regional_group": "APG",
                "session": session.slug,
            },
        ).content.decode()
    )
    assert (
        "Fiji pledges"
        not in anonymous.get(
            "/search/", {"q": "relocation", "regional_group": "WEOG"}
        ).content.decode()
    )
    assert (
        "Fiji pledges"
        not in anonymous.get(
            "/search/", {"q": "relocation", "kind": "recommendation"}
        ).content.decode()
    )


def test_only_the_secretariat_or_the_speakers_delegation_tags(client: Client, session: Any) -> None:
    fiji = statement(session, "FJI", "Fiji statement")
    other = make_user(session, "mexdelegate", "delegate", "MEX")
    client.force_login(other)
    r = client.post(
        f"/sessions/{session.slug}/contributions/add",
        {"statement": fiji.pk, "kind": "commitment", "text": "x"},
    )
    assert r.status_code == 403
    own = make_user(session, "fjidelegate", "delegate", "FJI")
    client.force_login(own)
    r = client.post(
        f"/sessions/{session.slug}/contributions/add",
        {"statement": fiji.pk, "kind": "good_practice", "text": "Community-led relocation"},
    )
    assert r.status_code == 302 and Contribution.objects.filter(kind="good_practice").exists()


def test_a_passage_of_an_intervention_is_tagged_with_its_speaker(
    client: Client, session: Any, secretariat: Any
) -> None:
    run_two_panels(session)  # intervention 3: Ghana, on behalf of the African Group, panel 1
    client.force_login(secretariat)
    r = client.post(
        f"/sessions/{session.slug}/contributions/add",
        {
            "intervention": "3",
            "kind": "recommendation",
            "text": "Remittance costs below 3%",
            "themes": ["poverty-eradication"],
        },
    )
    assert r.status_code == 302
    c = Contribution.objects.get()
    assert c.entity.code == "GHA" and c.segment.panel_number == 1
    found = Client().get("/search/", {"regional_group": "AFRICAN", "theme": "poverty-eradication"})
    assert "Remittance costs below 3%" in found.content.decode()
    listed = client.get(f"/sessions/{session.slug}/contributions/").content.decode()
    assert "Remittance costs below 3%" in listed and 'name="themes"' in listed  # and the tag form
    assert (
        'name="themes"'
        not in Client().get(f"/sessions/{session.slug}/contributions/").content.decode()
    )
    assert (
        client.post(
            f"/sessions/{session.slug}/contributions/add",
            {"intervention": "99", "kind": "recommendation", "text": "x"},
        ).status_code
        == 400
    )


def test_search_spans_the_sessions_of_a_series(client: Client, session: Any) -> None:
    other = Session.objects.create(
        slug="its3",
        title="Third session",
        series=session.series,
        start_date=session.start_date,
        end_date=session.end_date,
    )
    elsewhere = Session.objects.create(
        slug="other",
        title="Other process",
        series="Another series",
        start_date=session.start_date,
        end_date=session.end_date,
    )
    for s, text in [
        (session, "Data on remittances, second"),
        (other, "Data on remittances, third"),
        (elsewhere, "Data on remittances, elsewhere"),
    ]:
        Contribution.objects.create(session=s, kind="data", text=text)
    page = client.get("/search/", {"q": "remittances", "series": session.series}).content.decode()
    assert "second" in page and "third" in page and "elsewhere" not in page


def test_a_delivered_statements_file_is_public_without_visiting_its_page_first(
    client: Client, session: Any
) -> None:
    p1 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][0]
    france = statement(session, "FRA", "Statement of France", p1)
    file_url = f"/sessions/{session.slug}/statements/{france.pk}/file"
    assert client.get(file_url).status_code == 404  # not delivered yet
    run_two_panels(session)  # France is heard on panel 1
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Statement of France"


def test_a_malformed_tag_is_a_400_naming_the_field_and_stores_nothing(
    client: Client, session: Any, secretariat: Any
) -> None:
    """Finding: `statement=abc` or `intervention=²` (a digit to `str.isdigit`, not to `int`)
    answered 500."""
    client.force_login(secretariat)
    url = f"/sessions/{session.slug}/contributions/add"
    good = {"kind": "commitment", "text": "A passage"}
    for field, value in [
        ("statement", "abc"),
        ("intervention", "²"),
        ("intervention", "9" * 40),
        ("entity", "99999999999999999999"),
        ("segment", "-1"),
        ("kind", "manifesto"),
        ("text", "x" * 5_001),
        ("themes", "no-such-theme"),
    ]:
        r = client.post(url, {**good, field: value})
        assert r.status_code == 400 and field in r.content.decode(), (field, value)
    assert client.post(url, {**good, "text": ""}).status_code == 400
    assert not Contribution.objects.exists()


def test_search_filters_statements_by_their_language(client: Client, session: Any) -> None:
    p1 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][0]
    france = statement(session, "FRA", "Migration et développement durable", p1)
    france.language = "fr"
    france.save()
    statement(session, "CHE", "Migration and sustainable development", p1)
    run_two_panels(session)  # both delivered or not heard: public
    page = client.get("/search/?q=migration&language=fr").content.decode()
    assert "développement" in page and "sustainable development" not in page
    page = client.get("/search/?q=migration").content.decode()
    assert "développement" in page and "sustainable development" in page
    assert '<option value="fr">French</option>' in page


def test_the_archive_lists_the_statements_of_one_language(client: Client, session: Any) -> None:
    p1 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][0]
    france = statement(session, "FRA", "Migration et développement durable", p1)
    france.language = "fr"
    france.save()
    swiss = statement(session, "CHE", "Migration and sustainable development", p1)
    run_two_panels(session)
    url = f"/sessions/{session.slug}/archive"
    page = client.get(url).content.decode()
    assert f"/statements/{france.pk}/" in page and f"/statements/{swiss.pk}/" in page
    assert "?language=fr#h-statements" in page
    page = client.get(url + "?language=fr").content.decode()
    assert f"/statements/{france.pk}/" in page and f"/statements/{swiss.pk}/" not in page
    assert client.get(url + "?language=xx").status_code == 200  # unknown: every language
