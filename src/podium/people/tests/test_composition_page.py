"""The panel composition page: aggregate gender per panel, Parity Pledge warning, regions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from podium.people.models import Entity
from podium.people.services import grant
from podium.programme.models import Panel, PanelPerson

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]


def test_single_sex_panel_is_flagged_and_regions_shown(session: Any) -> None:
    def e(code: str) -> Entity:
        return Entity.objects.get(code=code)

    grant("m1", "moderator", session, e("DEU"), 1, family_name="Müller", gender="male")
    grant("x1", "expert", session, e("FRA"), 1, family_name="Dupont", gender="male")
    grant("x2", "expert", session, e("IOM"), 1, family_name="Smith", gender="male")
    grant("m2", "moderator", session, e("BGD"), 2, family_name="Rahman", gender="male")
    grant("x3", "expert", session, e("NGA"), 2, family_name="Okafor", gender="female")
    grant("t", "thematic_expert", session, None, family_name="Thema", gender="female")
    client = Client()
    client.force_login(grant("sec", "secretariat", session).user)
    page = client.get(f"/sessions/{session.slug}/composition").content.decode()
    panel1 = page[page.index('id="panel-1"') : page.index('id="panel-2"')]
    panel2 = page[page.index('id="panel-2"') : page.index('id="panel-summary"')]
    assert "Single-sex panel" in panel1 and "Single-sex panel" not in panel2
    assert "Western European and other States (2)" in panel1
    assert "Not a State" in panel1
    assert "Asia-Pacific States (1)" in panel2 and "African States (1)" in panel2
    summary = page[page.index('id="panel-summary"') :]
    assert "Müller" in summary and "Thema" in summary


def test_programme_panels_and_people_are_merged_with_roles(session: Any) -> None:
    p1 = Panel.objects.create(
        session=session, kind="expert", number=1, title="Sustainable development"
    )
    summary = Panel.objects.create(session=session, kind="summary", title="Summary panel")
    for name, role, entity, gender in [
        ("H.E. Ms. Farida Hossain", "moderator", "BGD", ""),
        ("Ms. Amy Pope", "expert", "IOM", "female"),
        ("TBC", "expert", "", ""),
    ]:
        PanelPerson.objects.create(
            session=session, panel=p1, role=role, name=name, entity=entity, gender=gender
        )
    PanelPerson.objects.create(
        session=session, panel=summary, role="thematic_expert", name="Dr. Thema", gender="F"
    )
    # the moderator holds a role here and declared her gender here
    grant(
        "m1",
        "moderator",
        session,
        Entity.objects.get(code="BGD"),
        1,
        given_name="Farida",
        family_name="Hossain",
        title="H.E.",
        gender="female",
    )
    client = Client()
    client.force_login(grant("sec", "secretariat", session).user)
    page = client.get(f"/sessions/{session.slug}/composition").content.decode()
    panel1 = page[page.index('id="panel-1"') : page.index('id="panel-summary"')]
    assert "Sustainable development" in panel1
    assert panel1.count("Hossain") == 1  # one person, not two
    assert "Single-sex panel (all female)" in panel1  # two women, the TBC slot is not counted
    assert "TBC" not in panel1
    summary_html = page[page.index('id="panel-summary"') :]
    assert "Hossain" in summary_html and "Dr. Thema" in summary_html
