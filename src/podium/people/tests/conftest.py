from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from podium.people import accreditation
from podium.people.loader import sync_reference_entities
from podium.people.models import Entity
from podium.programme.models import Session


def make_session(slug: str) -> Any:
    return Session.objects.create(
        slug=slug,
        title=f"Session {slug}",
        start_date=date(2017, 5, 22),
        end_date=date(2017, 5, 23),
    )


@pytest.fixture
def entities(db: None) -> None:
    """The reference entities. The data migration loads them, but a transactional test elsewhere
    (browser tests) flushes every table, so make sure they are there."""
    sync_reference_entities()


@pytest.fixture
def session(entities: None) -> Any:
    return make_session("its2")


@pytest.fixture
def other_session(entities: None) -> Any:
    return make_session("its3")


@pytest.fixture
def accredited_ngo(entities: None) -> Entity:
    ngo = Entity.objects.create(
        code="DEMO-NGO", name="Demo NGO", kind="stakeholder", category="ecosoc-ngo"
    )
    accreditation.register_ecosoc(ngo, timezone.now(), ecosoc_status="special")
    return ngo


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    """Accounts are created by the dozen here; PBKDF2's deliberate slowness is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
