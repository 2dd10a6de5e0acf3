import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views import i18n
from django.views.decorators.http import require_GET

from podium.programme import extensions
from podium.programme.models import Session
from podium.web import asyncapi, openapi


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (a cookie), and for a signed-in person their language too, so
    that their pages open in it on any browser."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    if person is not None and code in dict(settings.LANGUAGES) and person.language != code:
        person.language = code
        person.save(update_fields=["language"])
    return response


def home(request: HttpRequest) -> HttpResponse:
    sessions = [
        (session, extensions.links_for(session))
        for session in Session.objects.order_by("-start_date", "title")
    ]
    return render(request, "web/home.html", {"sessions": sessions})


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    """The API's OpenAPI 3.1 document."""
    return JsonResponse(openapi.document(), json_dumps_params={"ensure_ascii": False})


@require_GET
def asyncapi_json(request: HttpRequest) -> JsonResponse:
    """The floor socket's AsyncAPI 3.0 document."""
    return JsonResponse(asyncapi.document(), json_dumps_params={"ensure_ascii": False})


def _type_of(schema: dict[str, Any]) -> str:
    """A schema's type as a reader says it: "string", "Entity[]", "integer | null"…"""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    if "enum" in schema:
        return " | ".join(f'"{v}"' for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return _type_of(schema.get("items") or {}) + "[]"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return "{string: " + _type_of(schema["additionalProperties"]) + "}"
    return " | ".join(kind) if isinstance(kind, list) else str(kind)


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API for people: every operation, every schema, every problem code (from the same
    document as /api/openapi.json)."""
    doc = openapi.document()
    operations = [
        {"method": method.upper(), "path": path, **op}
        for path, item in doc["paths"].items()
        for method, op in item.items()
    ]
    for op in operations:
        op["answers"] = [
            (
                status,
                answer["description"],
                _type_of(next(iter(answer["content"].values()))["schema"]),
            )
            for status, answer in op["responses"].items()
        ]
        op["body_type"] = (
            _type_of(op["requestBody"]["content"]["application/json"]["schema"])
            if "requestBody" in op
            else ""
        )
        op["param_rows"] = [
            (p["name"], p["in"], _type_of(p["schema"]), p["required"], p["description"])
            for p in op["parameters"]
        ]
    schemas = []
    for name, schema in doc["components"]["schemas"].items():
        required = set(schema.get("required", ()))
        rows = [
            (prop, _type_of(s), prop in required, s.get("description", ""))
            for prop, s in (schema.get("properties") or {}).items()
        ]
        variants = [_type_of(s) for s in schema.get("oneOf", ())]
        schemas.append(
            {
                "name": name,
                "description": schema.get("description", ""),
                "rows": rows,
                "variants": variants,
            }
        )
    return render(
        request,
        "web/api_docs.html",
        {
            "doc": doc,
            "operations": operations,
            "schemas": schemas,
            "codes": [
                (code, status, re.sub(r"%\((\w+)\)s", r"‹\1›", gettext(meaning)))
                for code, status, meaning in openapi.problem_codes()
            ],
        },
    )
