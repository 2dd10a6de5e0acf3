"""A session from the bundled seed file, the demo rooms, an organizer and an OPGA officer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

SEED_FILE = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
PASSWORD = "side-events-pass-1"


@pytest.fixture
def session(db: None) -> Any:
    from podium.programme.services import import_session_file
    from podium.sideevents.demo import create_demo_rooms

    session = import_session_file(str(SEED_FILE))
    create_demo_rooms(session)
    return session


def make_user(session: Any, username: str, role: str, entity: Any = None) -> Any:
    from django.contrib.auth import get_user_model

    from podium.people.models import Person, Role

    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    person = Person.objects.create(family_name=username.title(), entity=entity, user=user)
    Role.objects.create(session=session, person=person, role=role, entity=entity)
    return user


def entity(code: str, kind: str, name: str, **kw: Any) -> Any:
    from podium.people.models import Entity

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
    from podium.sideevents.programme_link import zone_of

    return datetime(2017, 5, day, hh, mm, tzinfo=zone_of(session))
