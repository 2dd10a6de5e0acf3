"""Reference entities in the database and the public read-only entities API."""

from __future__ import annotations

import pytest
from django.test import Client

from podium.people.loader import sync_reference_entities
from podium.people.models import Entity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]


def test_reference_entities_are_loaded_and_the_loader_is_idempotent() -> None:
    assert Entity.objects.filter(kind="member-state").count() == 193
    assert Entity.objects.filter(kind="observer-state").count() == 2
    before = Entity.objects.count()
    sync_reference_entities()
    assert Entity.objects.count() == before
    g77 = Entity.objects.get(code="G77")
    assert g77.members.count() == 134
    assert Entity.objects.get(code="NGA").member_of.filter(code="AFRICAN").exists()


def test_entities_api_filters_by_kind() -> None:
    client = Client()
    data = client.get("/api/entities/?kind=member-state").json()
    assert data["count"] == 193
    tur = next(e for e in data["entities"] if e["code"] == "TUR")
    assert tur == {
        "code": "TUR",
        "name": "Türkiye",
        "names": {
            "ar": "تركيا",
            "zh-hans": "土耳其",
            "en": "Türkiye",
            "fr": "Türkiye",
            "ru": "Турция",
            "es": "Türkiye",
        },
        "kind": "member-state",
        "iso2": "TR",
        "iso3": "TUR",
        "numeric": "792",
        "regional_groups": ["APG", "WEOG"],
        "election_group": "WEOG",
        "observes": [],
        "accreditation": None,
    }
    observers = client.get("/api/entities/?kind=observer-state").json()["entities"]
    assert sorted(e["name"] for e in observers) == ["Holy See", "State of Palestine"]
    groups = client.get("/api/entities/?kind=group").json()["entities"]
    eu = next(e for e in groups if e["code"] == "EU")
    assert len(eu["members"]) == 27
    igo = client.get("/api/entities/?kind=igo").json()["entities"]
    assert "IOM" in {e["code"] for e in igo}
    un = client.get("/api/entities/?kind=un-entity").json()["entities"]
    assert "UNHCR" in {e["code"] for e in un}
    Entity.objects.create(code="NGO-1", name="NGO one", kind="stakeholder", category="ngo")
    stakeholders = client.get("/api/entities/?kind=stakeholder").json()["entities"]
    assert stakeholders[0]["accreditation"] is None and stakeholders[0]["category"] == "ngo"
    bad = client.get("/api/entities/?kind=country")
    assert bad.status_code == 400 and "unknown kind" in bad.json()["error"]
    assert client.get("/api/entities/kir/").json()["regional_groups"] == []
    assert client.get("/api/entities/nope/").status_code == 404
