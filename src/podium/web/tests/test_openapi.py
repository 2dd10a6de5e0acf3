"""The OpenAPI document: valid OpenAPI 3.1, every API route in it, real answers true to it, and
every error a problem (RFC 9457)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

from podium.core import sideevents as core_sideevents
from podium.people.models import Entity
from podium.people.services import grant
from podium.problems import MEDIA_TYPE
from podium.programme.services import import_session_file
from podium.record.tests.conftest import SEED
from podium.record.tests.scripted import run_two_panels
from podium.sideevents import services as sideevents
from podium.sideevents.demo import create_demo_rooms
from podium.sideevents.programme_link import zone_of
from podium.web import openapi

pytestmark = pytest.mark.django_db
NOT_OPERATIONS = {"/api/openapi.json", "/api/asyncapi.json", "/api/docs"}


def api_routes() -> set[str]:
    """The URL configuration's API routes, as OpenAPI writes them (/api/sessions/{slug})."""
    out: set[str] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("api/"):
                    for kind in ("slug", "str", "int"):
                        route = route.replace(f"<{kind}:", "<")
                    out.add("/" + route.replace("<", "{").replace(">", "}"))

    walk(get_resolver().url_patterns, "")
    return out


def conforms(body: Any, schema_name: str) -> None:
    """`body` is valid against the document's component `schema_name` (refs resolved)."""
    doc = openapi.document()
    root = {**doc, "$ref": f"#/components/schemas/{schema_name}"}
    jsonschema.Draft202012Validator(root).validate(body)


def test_the_document_is_valid_openapi_31_and_served_with_its_human_page(client: Client) -> None:
    served = client.get("/api/openapi.json")
    assert served.status_code == 200 and served["Content-Type"] == "application/json"
    doc = served.json()
    validate(doc)  # raises on an invalid OpenAPI 3.1 document
    assert doc["openapi"] == "3.1.0"
    command = doc["components"]["schemas"]["FloorCommand"]
    assert {v["$ref"].rsplit("/", 1)[-1] for v in command["oneOf"]} >= {"RequestFloor", "Call"}
    page = client.get("/api/docs").content.decode()
    for op in openapi.OPERATIONS:
        assert f'id="{op.operation_id}"' in page
    assert 'id="problem-not_a_member"' in page and 'id="schema-RequestFloor"' in page
    socket = client.get("/api/asyncapi.json").json()
    assert socket["asyncapi"] == "3.0.0"
    assert socket["channels"]["floor"]["address"] == "/ws/sessions/{slug}/floor"
    assert "FloorView" in socket["components"]["schemas"]


def test_every_api_route_is_described_and_nothing_else() -> None:
    described = {op.path for op in openapi.OPERATIONS}
    assert api_routes() - NOT_OPERATIONS == described


@pytest.fixture
def full_session(db: None) -> Any:
    """The seed session after two panels, with an approved side event and a delegate."""
    session = import_session_file(SEED)
    create_demo_rooms(session)
    run_two_panels(session)
    mexico = Entity.objects.get(code="MEX")
    delegate = grant("del-mex", "delegate", session, mexico).user
    officer = grant("officer", "secretariat", session).user
    start = datetime(2017, 5, 22, 13, 15, tzinfo=zone_of(session))
    event = sideevents.submit(
        session,
        delegate,
        mexico,
        sideevents.Proposal(
            title="Remittances and development",
            slots=[(start, start + timedelta(minutes=75))],
            contact_name="Ana",
            contact_email="ana@example.org",
            needs=core_sideevents.RoomNeeds(40),
            speakers=[core_sideevents.Speaker("Ana Pérez", core_sideevents.Gender.FEMALE)],
        ),
    )
    sideevents.act(event, officer, "review")
    sideevents.act(event, officer, "approve")
    return session, delegate, officer


def test_real_answers_are_true_to_the_document(full_session: Any) -> None:
    session, delegate, officer = full_session
    slug = session.slug
    chair, phone = Client(), Client()
    chair.force_login(officer)
    phone.force_login(delegate)
    checks = [
        (phone, "/api/me/", "Me"),
        (chair, "/api/entities/", "EntityList"),
        (chair, "/api/entities/?kind=group", "EntityList"),
        (chair, "/api/entities/mex/", "Entity"),
        (chair, "/api/sessions/", "SessionList"),
        (chair, f"/api/sessions/{slug}", "Programme"),
        (chair, f"/api/sessions/{slug}/floor", "FloorView"),
        (chair, f"/api/sessions/{slug}/floor?notes=1", "FloorView"),
        (chair, f"/api/sessions/{slug}/floor?view=console", "FloorView"),
        (phone, f"/api/sessions/{slug}/floor?view=delegate", "FloorView"),
        (Client(), f"/api/sessions/{slug}/floor?view=room", "FloorView"),
        (Client(), f"/api/sessions/{slug}/record", "Record"),
        (Client(), f"/api/sessions/{slug}/side-events", "SideEventList"),
        (Client(), "/api/series/gcm-informal-thematic-sessions/statistics", "SeriesStatistics"),
    ]
    for client, url, schema in checks:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        conforms(body, schema)
        assert body, url
    record = Client().get(f"/api/sessions/{slug}/record").json()
    assert len(record["interventions"]) == 9 and record["not_heard"]
    assert Client().get(f"/api/sessions/{slug}/side-events").json()["side_events"]
    # a command's answer: the floor after it
    opened = chair.post(
        f"/api/sessions/{slug}/floor",
        {"command": "note", "text": "Interpretation in six languages confirmed."},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=_csrf(chair),
    )
    assert opened.status_code == 200, opened.content[:300]
    conforms(opened.json(), "FloorView")
    assert opened.json()["notes"][-1]["text"] == "Interpretation in six languages confirmed."


def _csrf(client: Client) -> str:
    client.get("/sessions/")  # sets the CSRF cookie on a page
    return client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""


def test_every_api_error_is_a_problem(full_session: Any) -> None:
    """Finding: errors were `{"error": …}` or an HTML page; now RFC 9457 problem details
    whoever answers (a view, Django's 404 and 405, CSRF, the NUL guard), `error` kept."""
    session, delegate, _officer = full_session
    slug = session.slug
    phone = Client(enforce_csrf_checks=True)
    phone.force_login(delegate)
    cases = [
        (Client().get("/api/sessions/nope"), 404, "not_found"),
        (Client().get("/api/sessions/nope/floor"), 404, "not_found"),
        (Client().get("/api/sessions/nope/record"), 404, "not_found"),
        (Client().get("/api/sessions/nope/side-events"), 404, "not_found"),
        (Client().get("/api/series/nope/statistics"), 404, "not_found"),
        (Client().get("/api/entities/ZZZ/"), 404, "not_found"),
        (Client().get("/api/entities/?kind=planet"), 400, "unknown_kind"),
        (Client().get("/api/me/"), 401, "sign_in"),
        (Client().get("/api/no-such-thing/"), 404, "not_found"),
        (Client().post("/api/sessions/"), 405, "method"),
        (Client().get(f"/api/sessions/{slug}/floor?view=phone"), 400, "unknown_view"),
        (Client().get(f"/api/sessions/{slug}/floor?view=console"), 401, "sign_in"),
        (Client().get("/api/entities/?kind=a%00b"), 400, "control_character"),
        (Client().post(f"/api/sessions/{slug}/floor", {"command": "call_next"}), 401, "sign_in"),
        (phone.post(f"/api/sessions/{slug}/floor", {"command": "call_next"}), 403, "csrf"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, (response.status_code, response.content)
        assert response["Content-Type"] == MEDIA_TYPE, response.request["PATH_INFO"]
        body = response.json()
        conforms(body, "Problem")
        assert body["status"] == status and body["code"] == code, body
        assert body["error"] == body["detail"] and body["type"] == f"/api/docs#problem-{code}"
    assert "Allow" in Client().post("/api/sessions/")
