"""At the door: a NUL refused, and the security headers of every answer.

`RefuseNulMiddleware` refuses what no field of Podium may hold: a NUL character.

PostgreSQL refuses NUL in any text (`DataError`), so a NUL in a search query, a URL or a form
field reached the database as a 500 (`/search/?q=a%00b`, `/api/entities/%00/`, a draft with
NUL). Here a request whose path, query string or form fields (urlencoded or multipart) hold one is
answered 400 with the reason, before any view runs; the floor's JSON commands are checked by
their own schema (`podium.core.commands`).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from podium.problems import problem


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            reason = _("The request holds a NUL character, which no field may hold.")
            if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
                return problem(400, reason, "control_character")
            return HttpResponse(reason, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
        return True
    if request.method != "POST":
        return False
    if request.content_type == "application/x-www-form-urlencoded":
        return any("\x00" in v for _key, values in request.POST.lists() for v in values)
    if request.content_type == "multipart/form-data":
        # The fields of a multipart body, not its files (a PDF holds NULs). A body larger than
        # an upload may be is left to its view, which refuses it from its length unread.
        limit = int(getattr(settings, "PODIUM_MAX_STATEMENT_BYTES", 10 * 1024 * 1024)) + 65536
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            return False
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


class ApiProblemMiddleware:
    """Under /api/, every error is problem details (`podium.problems`): a 404 raised by a view
    keeps its reason; an error page Django or a middleware wrote (405, CSRF's 403, a 500 after
    it was logged) is answered as a problem with the status's reason."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith("/api/")
            and "json" not in response.get("Content-Type", "")
        ):
            reason = GENERIC_REASONS.get(response.status_code) or response.reason_phrase
            answer = problem(response.status_code, str(reason))
            if "Allow" in response:
                answer["Allow"] = response["Allow"]
            return answer
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and request.path.startswith("/api/"):
            reason = str(exception) if exception.args else _("Nothing here: check the address.")
            return problem(404, reason)
        return None


GENERIC_REASONS = {
    403: gettext_lazy("Not allowed (a cookie session sends its CSRF token)."),
    404: gettext_lazy("Nothing here: check the address."),
    405: gettext_lazy("This address does not take this method."),
    500: gettext_lazy("The server failed; nothing was changed by this request. Try again."),
}


class ReaderLanguageMiddleware:
    """The reader's language, after Django's LocaleMiddleware (which reads the language cookie,
    then `Accept-Language`): `?lang=fr` wins for that request (a room screen or a webcast page
    may have its own language without changing the browser's), and a signed-in person's chosen
    language wins over `Accept-Language` where the browser has no cookie yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wanted = request.GET.get("lang", "")  # exactly a code of LANGUAGES, as the API has it
        if wanted not in self.codes:
            wanted = ""
            # (not for the API: its clients send no cookie, and the floor's path stays lean)
            if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and not request.path.startswith(
                "/api/"
            ):
                person = getattr(getattr(request, "user", None), "person", None)
                wanted = str(getattr(person, "language", "") or "")
        if wanted in self.codes:
            translation.activate(wanted)
            request.LANGUAGE_CODE = wanted
        return self.get_response(request)


class ResetLanguageMiddleware:
    """Outermost: after the answer, the thread's language goes back to the default. Django's
    LocaleMiddleware (and `?lang=`) activate a language for the request and leave it active on
    the thread, where the next piece of work that is not a request (a socket's snapshot, a
    command, a test) would speak it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()
