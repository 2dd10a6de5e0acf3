"""Errors of the API as RFC 9457 problem details (`application/problem+json`).

Every refusal an API client can get has the standard members (`type`, `title`, `status`,
`detail`) and, kept for the clients written before them, `error` (the same text as `detail`),
`code` (a stable machine-readable code, e.g. a floor refusal's) and `field` (the field at
fault, or null). `type` points at the code's entry in the API's human page (`/api/docs`).
This module sits beside `podium.db`, below the apps: each app answers its API errors with it.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, JsonResponse

MEDIA_TYPE = "application/problem+json"
DOCS = "/api/docs"

# A problem's code when the answer has no more specific one: by status.
GENERIC_CODE = {
    400: "invalid",
    401: "sign_in",
    403: "forbidden",
    404: "not_found",
    405: "method",
    408: "timeout",
    409: "conflict",
    413: "too_big",
    422: "failed",
    429: "too_many",
    500: "server_error",
    503: "unavailable",
}


def problem_body(
    status: int, detail: str, code: str | None = None, field: str | None = None
) -> dict[str, Any]:
    code = code or GENERIC_CODE.get(status, "error")
    return {
        "type": f"{DOCS}#problem-{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "error": detail,
        "code": code,
        "field": field,
    }


def problem(
    status: int,
    detail: str,
    code: str | None = None,
    field: str | None = None,
    **headers: str,
) -> JsonResponse:
    """The answer to a refused API request: `status` with `detail`, the reason a person reads."""
    response = JsonResponse(
        problem_body(status, str(detail), code, field),
        status=status,
        content_type=MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def is_api(request: HttpRequest) -> bool:
    """A request an API client made: under /api/, or asking for JSON rather than a page."""
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return ("application/json" in accept or MEDIA_TYPE in accept) and "text/html" not in accept
