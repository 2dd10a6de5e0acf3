"""The OpenAPI 3.1 document of Podium's API, generated from the code.

Each operation is a row of `OPERATIONS`: its path, the schemas of its parameters, body and
answers. Bodies are the apps' pydantic schemas (`<app>/schemas.py`) and the floor's command
schema, the very one that parses every command (`podium.core.commands`); errors are RFC 9457
problem details (`podium.problems`). `web/tests/test_openapi.py` keeps this table equal to the
URL configuration (no API route undocumented) and checks real answers against it; the
Schemathesis run (`web/tests/test_schemathesis.py`) fuzzes every operation from it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from podium.core.commands import REFUSALS, command_schema
from podium.core.entities import LANGUAGES, REGIONAL_GROUPS
from podium.core.views import AUDIENCES
from podium.floor.schemas import FloorView
from podium.kb.schemas import ObjectiveContributions, ObjectiveList, SearchResults, ThemeList
from podium.people.models import EntityKind
from podium.people.schemas import Entity, EntityList, Me
from podium.problems import GENERIC_CODE, MEDIA_TYPE
from podium.programme.schemas import Programme, SessionList
from podium.record.models import Contribution
from podium.record.schemas import Record, SeriesStatistics
from podium.sideevents.schemas import SideEventList

REF = "#/components/schemas/{model}"
SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 100}


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # "path" or "query"
    schema: dict[str, Any]
    description: str = ""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as OpenAPI writes it: /api/sessions/{slug}
    operation_id: str
    tag: str
    summary: str
    ok: type[BaseModel]
    errors: tuple[int, ...] = ()
    params: tuple[Param, ...] = ()
    body: str | None = None  # a component's name
    signed_in: bool = False  # needs a session cookie or a bearer token
    description: str = ""
    notes: tuple[str, ...] = field(default=())


SLUG_PARAM = Param("slug", "path", SLUG, "The session's slug.")
SERIES_PARAM = Param(
    "slug", "path", SLUG, "The series' slug: its name slugified (gcm-informal-thematic-sessions)."
)
VIEW_PARAM = Param(
    "view",
    "query",
    {"type": "string", "enum": list(AUDIENCES)},
    "One audience's view (what its screen's socket is sent) instead of the whole snapshot; "
    "`delegate` and `console` need a signed-in delegate or chair.",
)
LANG_PARAM = Param(
    "lang",
    "query",
    {"type": "string", "enum": list(LANGUAGES)},
    "The language of `name` (one of the six official languages); without it, the request's "
    "`Accept-Language`, else English. `names` always holds all six.",
)

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "get",
        "/api/me/",
        "getMe",
        "people",
        "The signed-in account and its roles per session",
        Me,
        (401,),
        signed_in=True,
    ),
    Operation(
        "get",
        "/api/entities/",
        "listEntities",
        "people",
        "States, observers, UN entities, stakeholders and groups of States",
        EntityList,
        (400,),
        (
            Param(
                "kind",
                "query",
                {"type": "string", "enum": list(EntityKind.values)},
                "Only entities of this kind.",
            ),
            LANG_PARAM,
        ),
    ),
    Operation(
        "get",
        "/api/entities/{code}/",
        "getEntity",
        "people",
        "One entity, with a stakeholder's accreditation now",
        Entity,
        (400, 404),
        (
            Param("code", "path", {"type": "string", "maxLength": 40}, "Its code, any case."),
            LANG_PARAM,
        ),
    ),
    Operation("get", "/api/sessions/", "listSessions", "programme", "Every session", SessionList),
    Operation(
        "get",
        "/api/sessions/{slug}",
        "getProgramme",
        "programme",
        "A session's programme in the session-file format, with its time budget",
        Programme,
        (404,),
        (SLUG_PARAM,),
    ),
    Operation(
        "get",
        "/api/sessions/{slug}/floor",
        "getFloor",
        "floor",
        "The floor now: the whole snapshot, or one audience's view",
        FloorView,
        (400, 401, 403, 404),
        (
            SLUG_PARAM,
            VIEW_PARAM,
            Param(
                "notes",
                "query",
                {"type": "string", "enum": ["1"]},
                "With the whole snapshot: the floor's notes too (for those who chair).",
            ),
        ),
        description="Screens follow the floor over the WebSocket (`/api/asyncapi.json`).",
    ),
    Operation(
        "post",
        "/api/sessions/{slug}/floor",
        "sendFloorCommand",
        "floor",
        "Send a floor command (request the floor, call a speaker, start a timer…)",
        FloorView,
        (400, 401, 403, 404, 409, 413, 422, 429),
        (SLUG_PARAM, VIEW_PARAM),
        body="FloorCommand",
        signed_in=True,
        description=(
            "The command is checked against its schema first, then who may send it, then the "
            "floor's rules; each refusal has a `code` (the list: `/api/docs`). The answer is "
            "the floor after the command. A cookie session sends its CSRF token "
            "(`X-CSRFToken`); a bearer token needs none. A form-encoded body is read too."
        ),
    ),
    Operation(
        "get",
        "/api/sessions/{slug}/record",
        "getRecord",
        "record",
        "The record: every intervention, every request not heard, each segment's time",
        Record,
        (404,),
        (SLUG_PARAM,),
    ),
    Operation(
        "get",
        "/api/series/{slug}/statistics",
        "getSeriesStatistics",
        "record",
        "Who spoke how often across a series' sessions: by delegation, regional group, category",
        SeriesStatistics,
        (404,),
        (SERIES_PARAM,),
    ),
    Operation(
        "get",
        "/api/sessions/{slug}/side-events",
        "listSideEvents",
        "sideevents",
        "The approved side events",
        SideEventList,
        (404,),
        (SLUG_PARAM,),
    ),
    Operation(
        "get",
        "/api/search",
        "searchKnowledgeBase",
        "knowledge",
        "Search what the sessions said, by meaning and words, across sessions and languages",
        SearchResults,
        (400,),
        (
            Param(
                "q",
                "query",
                {"type": "string", "minLength": 1, "maxLength": 500},
                "The question or words, in any of the six languages (required).",
            ),
            Param("session", "query", SLUG, "Only this session (its slug)."),
            Param(
                "lang",
                "query",
                {
                    "type": "string",
                    "enum": ["ar", "zh", "en", "fr", "ru", "es", "other", "zh-hans"],
                },
                "Only passages in this language.",
            ),
            Param(
                "tag",
                "query",
                {"type": "string", "enum": ["statement", "summary", *Contribution.Kind.values]},
                "Only statements, published summaries or contributions of this type.",
            ),
            Param(
                "objective",
                "query",
                {"type": "integer", "minimum": 1, "maximum": 23},
                "Only contributions linked to this objective of the compact (not rejected).",
            ),
            Param(
                "region",
                "query",
                {"type": "string", "enum": list(REGIONAL_GROUPS)},
                "Only delegations of this regional group.",
            ),
            Param(
                "category",
                "query",
                {"type": "string", "enum": list(EntityKind.values)},
                "Only entities of this kind.",
            ),
            Param(
                "entity",
                "query",
                {"type": "string", "maxLength": 40},
                "Only this entity (its code).",
            ),
            Param(
                "limit",
                "query",
                {"type": "integer", "minimum": 1, "maximum": 100},
                "How many results (20 without it).",
            ),
        ),
        description=(
            "Public passages for everyone; a session's secretariat also finds its statements "
            "not delivered yet. Ranked by reciprocal-rank fusion of the multilingual embedding's "
            "similarity and the record's word-form match."
        ),
    ),
    Operation(
        "get",
        "/api/objectives/",
        "listObjectives",
        "knowledge",
        "The 23 objectives of the Global Compact (A/RES/73/195), with their source",
        ObjectiveList,
    ),
    Operation(
        "get",
        "/api/objectives/{number}/contributions",
        "listObjectiveContributions",
        "knowledge",
        "The contributions of every session linked to one objective (confirmed, then suggested)",
        ObjectiveContributions,
        (404,),
        (Param("number", "path", {"type": "integer", "minimum": 1, "maximum": 23}, "1 to 23."),),
    ),
    Operation(
        "get",
        "/api/sessions/{slug}/themes",
        "listThemes",
        "knowledge",
        "Drafting help: what a session or one of its segments said, grouped by objective",
        ThemeList,
        (400, 401, 403, 404),
        (
            SLUG_PARAM,
            Param(
                "segment",
                "query",
                {"type": "string", "maxLength": 100},
                "One segment by the floor's key (panel-1, summary…); the whole session without it.",
            ),
        ),
        signed_in=True,
        description=(
            "For those who write the summary: the secretariat, the co-chairs and the thematic "
            "expert (the session and any segment), a panel's moderator (that panel). Counts the "
            "passages of delivered statements and the tagged contributions; a passage counts for "
            'the objective it is clearly closest to (docs/record.md, "Drafting help"), a '
            "contribution for the objectives the secretariat confirmed, never a rejected one. "
            "An unknown segment is a 404 naming the session's segments."
        ),
    ),
)

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An error as RFC 9457 problem details; `error` (= `detail`), `code` and "
    "`field` are kept for the clients written before.",
    "required": ["type", "title", "status", "detail", "error", "code"],
    "properties": {
        "type": {"type": "string", "description": "The code's entry in /api/docs."},
        "title": {"type": "string", "description": "The HTTP status's phrase."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "The reason, in the reader's language."},
        "error": {"type": "string", "description": "The same as `detail`."},
        "code": {"type": "string", "description": "A stable code: see /api/docs."},
        "field": {"type": ["string", "null"], "description": "The field at fault."},
    },
}

STATUS_TEXT = {
    400: _("Malformed, or against the rules"),
    401: _("Not signed in"),
    403: _("Not allowed"),
    404: _("No such thing"),
    409: _("The floor changed meanwhile (`expected_version`)"),
    413: _("Too big"),
    422: _("Could not be recorded"),
    429: _("Too many requests: wait a moment"),
}

# The codes a problem may carry besides the floor's refusals (the API's own).
API_CODES: dict[str, str] = {
    "csrf": "CSRF check failed: a cookie session sends its CSRF token.",
    "invalid_json": "The body is not valid JSON.",
    "too_big": "The command or body is too big.",
    "too_many": "Too many commands; wait a moment.",
    "stale": "The floor changed: refresh and try again.",
    "unknown_view": "Unknown view.",
    "unknown_kind": "Unknown kind of entity.",
    "unknown_language": "Unknown language: `lang` is one of ar, zh-hans, en, fr, ru, es.",
    "control_character": "The request holds a NUL character.",
    "method": "Use another method.",
}


def _components() -> dict[str, Any]:
    models = {op.ok for op in OPERATIONS}
    _refs, defs = models_json_schema(
        [(m, "serialization") for m in sorted(models, key=lambda m: m.__name__)],
        ref_template=REF,
    )
    schemas: dict[str, Any] = dict(defs.get("$defs", {}))
    commands = command_schema(ref_template=REF)
    schemas.update(commands.pop("$defs", {}))
    schemas["FloorCommand"] = {
        **commands,
        "description": "A floor command: one object per command, named by `command` "
        "(docs/floor.md says who may send each and why it may be refused).",
    }
    schemas["Problem"] = PROBLEM_SCHEMA
    return schemas


def _operation(op: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "operationId": op.operation_id,
        "tags": [op.tag],
        "summary": op.summary,
        "parameters": [
            {
                "name": p.name,
                "in": p.where,
                "required": p.where == "path",
                "schema": p.schema,
                "description": p.description,
            }
            for p in op.params
        ],
        "responses": {
            "200": {
                "description": "OK",
                "content": {
                    "application/json": {"schema": {"$ref": REF.format(model=op.ok.__name__)}}
                },
            },
            **{
                str(status): {
                    "description": str(STATUS_TEXT.get(status, "")),
                    "content": {MEDIA_TYPE: {"schema": {"$ref": REF.format(model="Problem")}}},
                }
                for status in op.errors
            },
        },
    }
    if op.description:
        out["description"] = op.description
    if op.body:
        out["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=op.body)}}},
        }
    if op.signed_in:
        out["security"] = [{"bearer": []}, {"cookie": []}]
    return out


@functools.cache
def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document (built once per process: it depends on code only)."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Podium API",
            "version": "1",
            "summary": "Plan, run and record UN-style intergovernmental meetings.",
            "description": "Read the programme, the floor, the record and the side events; send "
            "floor commands. Errors are problem details (RFC 9457). Human page: /api/docs. "
            "The floor's WebSocket: /api/asyncapi.json.",
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "people", "description": "Accounts and entities"},
            {"name": "programme", "description": "Sessions and their programmes"},
            {"name": "floor", "description": "The list of speakers and the timer"},
            {"name": "record", "description": "What was said, derived from the floor's log"},
            {"name": "sideevents", "description": "Side events"},
            {"name": "knowledge", "description": "What the sessions said, searched by meaning"},
        ],
        "paths": paths,
        "components": {
            "schemas": _components(),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from /accounts/ or `podium token` (it expires).",
                },
                "cookie": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
        },
    }


def problem_codes() -> list[tuple[str, int | None, str]]:
    """Every `code` a problem may carry: (code, status or None when it varies, meaning)."""
    status_of_kind = {"sign_in": 401, "forbidden": 403, "invalid": 400, "failed": 422}
    out = [(c, status_of_kind[s.kind], s.template) for c, s in REFUSALS.items()]
    known = {c for c, _s, _t in out}
    out += [(c, None, t) for c, t in API_CODES.items() if c not in known]
    known |= set(API_CODES)
    out += [(c, s, str(STATUS_TEXT.get(s, ""))) for s, c in GENERIC_CODE.items() if c not in known]
    return sorted(out)
