"""A session from the bundled seed file, the demo rooms, an organizer and an OPGA officer."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from podium.people.models import Entity, Person, Role
from podium.programme.models import (
    Block,
    Day,
    Panel,
    PanelPerson,
    Segment,
    Session,
    SideEventWindow,
)
from podium.sideevents.demo import create_demo_rooms
from podium.sideevents.programme_link import zone_of

PASSWORD = "side-events-pass-1"
NY = ZoneInfo("America/New_York")

# The seed session's facts (procedural note, second informal thematic session).
PANELS = [
    (1, "Sustainable development and poverty eradication", 22, (10, 15), (13, 0)),
    (2, "Human-made crises as drivers of migration", 22, (15, 0), (17, 50)),
    (3, "Adverse effects of climate change and natural disasters", 23, (10, 15), (13, 0)),
]


@pytest.fixture
def session(db: None) -> Any:
    """The second informal thematic session, New York, 22–23 May 2017, built from the
    programme's models: blocks 10:00–13:00 and 15:00–18:00, side events 13:15–14:45."""
    session = Session.objects.create(
        slug="gcm-its2-drivers",
        title="Second informal thematic session: drivers of migration",
        venue="United Nations Headquarters",
        city="New York",
        time_zone="America/New_York",
        start_date=date(2017, 5, 22),
        end_date=date(2017, 5, 23),
    )
    days = {}
    for d in (22, 23):
        day = Day.objects.create(session=session, date=date(2017, 5, d))
        days[d] = day
        Block.objects.create(day=day, start=time(10), end=time(13))
        Block.objects.create(day=day, start=time(15), end=time(18))
        SideEventWindow.objects.create(day=day, start=time(13, 15), end=time(14, 45))
    for number, title, d, (h1, m1), (h2, m2) in PANELS:
        panel = Panel.objects.create(session=session, number=number, title=title)
        Segment.objects.create(
            session=session,
            day=days[d],
            kind="expert_panel",
            title=f"Panel {number}: {title}",
            start=datetime(2017, 5, d, h1, m1, tzinfo=NY),
            end=datetime(2017, 5, d, h2, m2, tzinfo=NY),
            panel_number=number,
        )
        if number == 3:
            PanelPerson.objects.create(
                session=session, panel=panel, role="expert", name="Jorge Ruiz"
            )
    create_demo_rooms(session)
    return session


def make_user(session: Any, username: str, role: str, entity: Any = None) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    person = Person.objects.create(family_name=username.title(), entity=entity, user=user)
    Role.objects.create(session=session, person=person, role=role, entity=entity)
    return user


def entity(code: str, kind: str, name: str, **kw: Any) -> Any:
    obj, _ = Entity.objects.get_or_create(code=code, defaults={"kind": kind, "name": name, **kw})
    return obj


@pytest.fixture
def mexico(db: None) -> Any:
    return entity("MEX", "member-state", "Mexico")


@pytest.fixture
def organizer(session: Any, mexico: Any) -> Any:
    return make_user(session, "mexdelegate", "delegate", mexico)


@pytest.fixture
def opga(session: Any) -> Any:
    return make_user(session, "opgaofficer", "secretariat")


def at(session: Any, day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2017, 5, day, hh, mm, tzinfo=zone_of(session))
