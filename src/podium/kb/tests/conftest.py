"""Fixtures of the knowledge base's tests: the seed session and its people (as the record's
tests have them), and delivered statements indexed after their commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from podium.kb.search import INDEX
from podium.people.models import Entity
from podium.record.models import Contribution, Statement
from podium.record.tests import conftest as record_fixtures

# the record's fixtures: the seed session, a private media folder, a secretariat officer
session = record_fixtures.session
media_root = record_fixtures.media_root
secretariat = record_fixtures.secretariat
make_user = record_fixtures.make_user


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    """Each test's database starts empty: so does this process's in-memory index."""
    INDEX.reset()


@pytest.fixture
def say(session: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Deliver a statement (indexed once its transaction commits)."""

    def make(code: str, text: str, language: str = "en", delivered: bool = True, **kw: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return Statement.objects.create(
                session=kw.pop("in_session", session),
                entity=Entity.objects.get(code=code),
                language=language,
                kind="txt",
                size=len(text.encode()),
                text=text,
                delivered_at=timezone.now() if delivered else None,
                **kw,
            )

    return make


@pytest.fixture
def tag(session: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Tag a contribution (indexed, and its objectives suggested, after its commit)."""

    def make(code: str, text: str, kind: str = "recommendation", statement: Any = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return Contribution.objects.create(
                session=session,
                entity=Entity.objects.get(code=code),
                kind=kind,
                text=text,
                statement=statement,
            )

    return make
