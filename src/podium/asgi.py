"""ASGI entry point: Django's HTTP views on a fixed pool of threads, Podium's own thin endpoint
for WebSockets. A request's body is read whole on the event loop first (`PODIUM_BODY_TIMEOUT_S`,
`PODIUM_BODY_IDLE_S`, `PODIUM_MAX_BODY_BYTES`), so a slow client never holds a request thread.

The WebSocket fan-out does not go through Channels: see docs/benchmarks.md for why.

HTTP goes to Django's WSGI handler, run by a2wsgi on `PODIUM_MAX_CONCURRENT_REQUESTS` threads
(default 8) per process, the rest waiting in arrival order. Measured against Django's ASGI
handler (docs/benchmarks.md, benchmark 3), whose sync views run each request on a thread of its
own with a new database connection and hop between the event loop and threads for every
middleware, this path costs about half the CPU per request: the threads live as long as the
process and keep their database connections (`PODIUM_CONN_MAX_AGE`, checked before reuse, so a
lost database is reconnected on the next request). The pool also bounds the connections a burst
can open (keep `workers × threads` below PostgreSQL's `max_connections`).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")

import orjson  # noqa: E402
from a2wsgi import WSGIMiddleware  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import Resolver404, get_resolver, resolve  # noqa: E402
from django.utils import translation  # noqa: E402

log = logging.getLogger("podium")
MAX_CONCURRENT_REQUESTS = max(1, int(os.environ.get("PODIUM_MAX_CONCURRENT_REQUESTS", "8")))

django_application = WSGIMiddleware(get_wsgi_application(), workers=MAX_CONCURRENT_REQUESTS)


def _warm_up() -> None:
    """Import the URL configuration (and with it every view) and load the translations now, not
    on the first request after a start, which would otherwise wait for them (~0.1 s); then
    freeze what is loaded (see below)."""
    get_resolver().url_patterns  # noqa: B018 - the property imports the modules
    with translation.override(settings.LANGUAGE_CODE):  # loads the catalogs
        translation.gettext("Sign in first.")
    # What exists now (modules, settings, URL patterns) lives as long as the process: out of the
    # collector's way, so that a full collection under a burst of requests does not walk it
    # (measured: a 70 ms pause in the middle of benchmark 3 without this).
    gc.collect()
    gc.freeze()
    # And no automatic full collection: with thousands of sockets open they walk every one
    # (measured: 90–240 ms pauses in benchmark 6 at 5,000 screens). The young generations are
    # still collected as usual; the live layer runs the full collection when the floor is quiet
    # (podium.live.hub.Runtime.collector).
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000_000)


_warm_up()

# The apps are ready now (get_wsgi_application set Django up): their modules may be imported.
from podium.floor import services as floor  # noqa: E402
from podium.live import hub as live_hub  # noqa: E402
from podium.live.asgi import websocket_application  # noqa: E402
from podium.problems import MEDIA_TYPE, problem_body  # noqa: E402


def _floor_command_slug(path: str) -> str | None:
    """The session's slug when `path` is the floor's command URL (`floor:api`, as the URL
    configuration says), else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return str(match.kwargs["slug"]) if match.view_name == "floor:api" else None


def _connect_threads() -> None:
    """Start the request threads, open their database connections and run the floor's reads
    once on each before the first request (the first burst after a start, a restart in the
    middle of a panel, would otherwise pay for them); nothing to keep where connections close
    after each request (CONN_MAX_AGE=0, as in the test process)."""
    if settings.DATABASES["default"].get("CONN_MAX_AGE") == 0:
        return
    everyone = threading.Barrier(MAX_CONCURRENT_REQUESTS)

    def connect() -> None:
        try:
            everyone.wait(timeout=10)  # one task per thread
            connection.ensure_connection()
            floor.prepare_connection()
        except Exception as exc:  # the database is not there yet: the first request connects
            log.warning("could not connect a request thread at start: %s", exc)

    for _ in range(MAX_CONCURRENT_REQUESTS):
        django_application.executor.submit(connect)


# A request's body is read here, on the event loop, before the request takes a thread or (a floor
# command) its place in line: a client trickling its body holds no request thread and no ticket.
BODY_TIMEOUT_S = float(os.environ.get("PODIUM_BODY_TIMEOUT_S", "30"))  # for the whole body
BODY_IDLE_S = float(os.environ.get("PODIUM_BODY_IDLE_S", "10"))  # between two of its chunks
MAX_BODY_BYTES = int(os.environ.get("PODIUM_MAX_BODY_BYTES", str(64 * 1024 * 1024)))


async def _respond(scope, send, status: int, text: bytes) -> None:  # type: ignore[no-untyped-def]
    """Answer before Django runs: plain text, or problem details under /api/."""
    kind = b"text/plain; charset=utf-8"
    if str(scope.get("path", "")).startswith("/api/"):
        kind = MEDIA_TYPE.encode()
        text = orjson.dumps(problem_body(status, text.decode().strip()))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": text})


async def _read_body(scope, receive, send):  # type: ignore[no-untyped-def]
    """The request's `receive`, its body already read whole; None when the client went away or
    was answered (413 too big, 408 too slow)."""
    declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        await _respond(scope, send, 413, b"Request body too large.\n")
        return None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + BODY_TIMEOUT_S
    chunks: list[bytes] = []
    size = 0
    while True:
        left = min(BODY_IDLE_S, deadline - loop.time())
        try:
            message = await asyncio.wait_for(receive(), max(0.0, left))
        except TimeoutError:
            await _respond(scope, send, 408, b"The request body came too slowly.\n")
            return None
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            await _respond(scope, send, 413, b"Request body too large.\n")
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
    given = False

    async def replay():  # type: ignore[no-untyped-def]
        nonlocal given
        if not given:
            given = True
            return whole
        return await receive()  # then whatever comes: the client leaving

    return replay


_in_flight = 0  # HTTP requests being served (podium.live.hub.requests_under_way reads it)


def _under_way() -> int:
    return _in_flight


live_hub.requests_under_way = _under_way


async def application(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "lifespan":

        async def receive_and_prepare():  # type: ignore[no-untyped-def]
            message = await receive()
            if message["type"] == "lifespan.startup":
                _connect_threads()
            return message

        await websocket_application(scope, receive_and_prepare, send)
        return
    if scope["type"] == "websocket":
        await websocket_application(scope, receive, send)
        return
    global _in_flight
    _in_flight += 1
    try:
        await _http(scope, receive, send)
    finally:
        _in_flight -= 1


async def _http(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
        receive = await _read_body(scope, receive, send)
        if receive is None:
            return
    slug = _floor_command_slug(scope["path"]) if scope["method"] == "POST" else None
    if slug is None:
        await django_application(scope, receive, send)
        return
    # A floor command's place in line is taken here, as soon as it has arrived whole, before
    # the request waits for a thread and is authenticated (see floor.services.arrived).
    ticket = scope["podium.floor_ticket"] = floor.arrived(slug)
    try:
        await django_application(scope, receive, send)
    finally:
        floor.gone(slug, ticket)
