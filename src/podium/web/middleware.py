"""At the door: a NUL refused, and the security headers of every answer.

`RefuseNulMiddleware` refuses what no field of Podium may hold: a NUL character.

PostgreSQL refuses NUL in any text (`DataError`), so a NUL in a search query, a URL or a form
field reached the database as a 500 (`/search/?q=a%00b`, `/api/entities/%00/`, a draft with
NUL). Here a request whose path, query string or form fields (urlencoded) hold one is
answered 400 with the reason, before any view runs; the floor's JSON commands are checked by
their own schema (`podium.core.commands`).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            reason = _("The request holds a NUL character, which no field may hold.")
            if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
                return JsonResponse({"error": reason, "code": "control_character"}, status=400)
            return HttpResponse(reason, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
        return True
    # (multipart bodies are left to their views, which check an upload's size before reading it)
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        return any("\x00" in v for _key, values in request.POST.lists() for v in values)
    return False


# No inline script anywhere (the pages load theirs from /static/; data is in JSON script tags,
# which are not run); sockets to this host only. The admin keeps Django's inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ADMIN_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy on every answer that has none of its own (a statement
    file has its sandbox), and a referrer policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_CSP if admin else CSP
        response.setdefault("Referrer-Policy", "same-origin")
        return response
