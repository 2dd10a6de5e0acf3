"""Entities' names in the reader's language: the API (`?lang=`, `Accept-Language`) and pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

from podium.people import accreditation
from podium.people.models import Entity
from podium.people.names import name_of, names_of
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]

SIX = {"ar", "zh-hans", "en", "fr", "ru", "es"}


def test_the_list_in_french_with_every_name_beside() -> None:
    data = Client().get("/api/entities/?kind=member-state&lang=fr").json()
    deu = next(e for e in data["entities"] if e["code"] == "DEU")
    assert deu["name"] == "Allemagne"
    assert deu["names"] == {
        "ar": "ألمانيا",
        "zh-hans": "德国",
        "en": "Germany",
        "fr": "Allemagne",
        "ru": "Германия",
        "es": "Alemania",
    }
    assert {"code", "kind", "iso2", "iso3", "numeric", "regional_groups"} <= set(deu)
    assert all(set(e["names"]) == SIX for e in data["entities"])


def test_one_entity_in_the_language_asked_for_else_accept_language() -> None:
    client = Client()
    assert client.get("/api/entities/deu/?lang=fr").json()["name"] == "Allemagne"
    assert client.get("/api/entities/DEU/", HTTP_ACCEPT_LANGUAGE="es").json()["name"] == "Alemania"
    listed = client.get("/api/entities/?kind=member-state", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert next(e for e in listed.json()["entities"] if e["code"] == "DEU")["name"] == "Alemania"
    # `lang` wins over the header; no language at all: English
    assert client.get("/api/entities/DEU/?lang=ru", HTTP_ACCEPT_LANGUAGE="es").json()["name"] == (
        "Германия"
    )
    assert client.get("/api/entities/DEU/").json()["name"] == "Germany"
    assert client.get("/api/entities/TUR/?lang=zh-hans").json()["name"] == "土耳其"


def test_an_unknown_language_is_a_problem() -> None:
    client = Client()
    for url in ("/api/entities/?lang=xx", "/api/entities/DEU/?lang=xx", "/api/entities/?lang=FR"):
        r = client.get(url)
        assert r.status_code == 400, url
        assert r["Content-Type"] == "application/problem+json"
        body = r.json()
        assert body["code"] == "unknown_language" and body["field"] == "lang"
        assert "unknown language" in body["detail"] and body["status"] == 400


def test_a_stakeholder_keeps_its_own_name_in_every_language() -> None:
    Entity.objects.create(code="NGO-1", name="Migrants United", kind="stakeholder")
    r = Client().get("/api/entities/ngo-1/?lang=ar").json()
    assert r["name"] == "Migrants United" and set(r["names"].values()) == {"Migrants United"}


def test_the_helper_and_the_template_filter() -> None:
    mex = Entity.objects.get(code="MEX")
    assert name_of(mex, "fr") == "Mexique" and name_of("mex", "es") == "México"
    assert names_of(mex)["ru"] == "Мексика"
    template = Template("{% load people_tags %}{{ e|entity_name }}|{{ e|entity_name:'ar' }}")
    with translation.override("fr"):
        assert name_of(mex) == "Mexique"
        assert template.render(Context({"e": mex})) == "Mexique|المكسيك"
    with translation.override("en"):
        assert template.render(Context({"e": mex})) == "Mexico|المكسيك"


def test_the_delegation_page_in_french(session: Any) -> None:
    g = grant("fp-mex", "focal_point", session, Entity.objects.get(code="MEX"))
    client = Client()
    client.force_login(g.user)
    url = f"/sessions/{session.slug}/delegations/MEX/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<title>Mexique" in page and "Mexique</h1>" in page
    assert "Mexico" not in page
    assert "Mexico</h1>" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "México</h1>" in client.get(url + "?lang=es").content.decode()


def test_the_people_and_accreditation_pages_in_the_readers_language(session: Any) -> None:
    admin = grant("sec", "secretariat", session)
    grant("d-deu", "delegate", session, Entity.objects.get(code="DEU"))
    client = Client()
    client.force_login(admin.user)
    page = client.get(f"/sessions/{session.slug}/people/?lang=es").content.decode()
    assert "Alemania" in page and "Germany" not in page

    ngo = Entity.objects.create(code="NGO-2", name="Migrants United", kind="stakeholder")
    now = timezone.now()
    nol = accreditation.publish_list("List 1", [ngo], now + timedelta(days=7), now)
    accreditation.object_to(nol.listings.get(), Entity.objects.get(code="DEU"), now)
    delegate = Client()
    delegate.force_login(grant("d-grc", "delegate", session, Entity.objects.get(code="GRC")).user)
    page = delegate.get("/accreditation/?lang=fr").content.decode()
    assert "Grèce" in page
    assert "Greece" not in page and "Migrants United" in page
    page = client.get(
        "/accreditation/?lang=ru"
    ).content.decode()  # the secretariat sees who objected
    assert "Германия" in page and "Germany" not in page


def test_the_composition_page_in_french(session: Any) -> None:
    grant("m1", "moderator", session, Entity.objects.get(code="DEU"), 1, family_name="Müller")
    grant("x1", "expert", session, Entity.objects.get(code="IOM"), 1, family_name="Smith")
    client = Client()
    client.force_login(grant("sec", "secretariat", session).user)
    page = client.get(f"/sessions/{session.slug}/composition?lang=fr").content.decode()
    assert "Müller (Allemagne)" in page
    assert "Smith (Organisation internationale pour les migrations)" in page
    assert "États d&#x27;Europe occidentale et autres États (1)" in page
    english = client.get(f"/sessions/{session.slug}/composition?lang=en").content.decode()
    assert "Müller (Germany)" in english and "Western European and other States (1)" in english
