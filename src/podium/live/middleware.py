"""`DatabaseUnavailableMiddleware`: a lost database becomes a clear 503, not a 500.

Put it in settings.MIDDLEWARE (anywhere; first is best). When a view (a floor command, a page)
hits `django.db.OperationalError` or `InterfaceError` (PostgreSQL restarted, network cut, SQLite
locked too long), the transaction has been rolled back by `atomic()` — nothing half-written — and
the client gets `503 {"error": "..."}` with `Retry-After`. The broken connection is closed here;
the next request opens a fresh one (kept connections are health-checked before reuse,
`CONN_HEALTH_CHECKS`), so service resumes without a restart once the database is back.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import InterfaceError, OperationalError, close_old_connections
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from podium.problems import problem

log = logging.getLogger("podium.live")

DB_ERRORS = (OperationalError, InterfaceError)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    message = _("The database is unavailable; nothing was saved. Please try again in a moment.")
    accepts_html = "text/html" in request.headers.get("Accept", "") and not request.path.startswith(
        "/api/"
    )
    if accepts_html:
        response: HttpResponse = HttpResponse(message, status=503, content_type="text/plain")
    else:
        response = problem(503, message)
    response["Retry-After"] = "2"
    return response


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if isinstance(exception, DB_ERRORS):
            log.warning(
                "database unavailable on %s %s: %s", request.method, request.path, exception
            )
            close_old_connections()  # drop the broken connection now; the next request reconnects
            return unavailable_response(request)
        return None
