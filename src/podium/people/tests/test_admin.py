"""The secretariat's admin lists and forms for every people model open without error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from podium.people.models import Entity
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]


def test_admin_pages(session: Any, django_user_model: Any) -> None:
    grant("del", "delegate", session, Entity.objects.get(code="MEX"))
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    for model in (
        "entity",
        "person",
        "role",
        "nonobjectionlist",
        "objection",
        "accreditationevent",
        "apitoken",
    ):
        assert client.get(f"/admin/people/{model}/").status_code == 200, model
        assert client.get(f"/admin/people/{model}/add/").status_code == 200, model
    page = client.get("/admin/people/entity/?q=TUR").content.decode()
    assert "Türkiye" in page
