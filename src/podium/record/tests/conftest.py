"""Fixtures of the record's tests: the bundled seed session (three panels and a summary panel,
as the procedural note has it) and people holding roles in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from podium.people.models import Entity, Person, Role
from podium.programme.services import import_session_file

SEED = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"


@pytest.fixture
def session(db: None) -> Any:
    return import_session_file(SEED)


@pytest.fixture(autouse=True)
def media_root(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_user(session: Any, username: str, role: str, entity: str | None = None, **kw: Any) -> Any:
    user = User.objects.create_user(username, password="pw-" + username)
    ent = Entity.objects.get(code=entity) if entity else None
    person = Person.objects.create(
        user=user, family_name=username.title(), entity=ent, gender=kw.pop("gender", "")
    )
    Role.objects.create(session=session, person=person, role=role, entity=ent, **kw)
    return user


@pytest.fixture
def secretariat(session: Any) -> Any:
    return make_user(session, "officer", "secretariat")


@pytest.fixture
def delegate(session: Any) -> Any:
    """A delegate of Mexico."""
    return make_user(session, "mexdelegate", "delegate", "MEX")
