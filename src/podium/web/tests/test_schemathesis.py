"""Schemathesis against a live server: every operation of /api/openapi.json, with data made
from its schemas (valid and invalid), as each role's bearer token and anonymously. No answer
is a 500; every answer has a documented status, content type and body.

Bounded: `EXAMPLES` cases an operation, each sent seven times (an unknown session as it came,
then the seed session as each role), about a thousand requests in all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from podium.people.models import ApiToken, Entity
from podium.people.services import grant
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED
from podium.web import openapi

EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = [
    ("secretariat", None, None),
    ("co_chair", "MEX", None),
    ("moderator", "BGD", 1),
    ("delegate", "MEX", None),
    ("focal_point", "DEU", None),
    ("stakeholder", "IOM", None),
]

schema = schemathesis.openapi.from_dict(openapi.document())


@pytest.fixture
def live(asgi_server: Any, settings: Any) -> Iterator[tuple[str, str, dict[str, str]]]:
    """The live server's URL, the seed session's slug and a bearer token per role."""
    settings.PODIUM_FLOOR_RATE_PER_S = 1000.0  # the fuzzer is one client sending many commands
    session = import_session_file(SEED)
    tokens = {}
    for role, entity, panel in ROLES:
        g = grant(
            f"fuzz-{role}",
            role,
            session,
            Entity.objects.get(code=entity) if entity else None,
            panel,
        )
        tokens[role] = ApiToken.issue(g.user, "schemathesis")[1]
    yield asgi_server.url, session.slug, tokens


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_document(
    case: schemathesis.Case, live: tuple[str, str, dict[str, str]]
) -> None:
    url, slug, tokens = live
    case.call_and_validate(base_url=url, checks=CHECKS)
    if "slug" in (case.path_parameters or {}):
        case.path_parameters = {**case.path_parameters, "slug": slug}
    case.call_and_validate(base_url=url, checks=CHECKS, headers={"Authorization": ""})
    for token in tokens.values():
        case.call_and_validate(
            base_url=url, checks=CHECKS, headers={"Authorization": f"Bearer {token}"}
        )
