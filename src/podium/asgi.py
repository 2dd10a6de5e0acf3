"""ASGI entry point: Django for HTTP, Podium's own thin endpoint for WebSockets.

The WebSocket fan-out does not go through Channels: see docs/benchmarks.md for why.

HTTP requests run Django's sync views in threads, one per request, each with its own database
connection; a burst (200 delegations asking for the floor in one second) would open as many
connections and exceed PostgreSQL's `max_connections`. So at most `PODIUM_MAX_CONCURRENT_REQUESTS`
(default 32; 0 = no limit) requests per process are inside Django at once; the others wait, in
arrival order, on the event loop (cheap), instead of failing.
"""

from __future__ import annotations

import asyncio
import os
import weakref

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

from podium.live.asgi import websocket_application  # noqa: E402

MAX_CONCURRENT_REQUESTS = int(os.environ.get("PODIUM_MAX_CONCURRENT_REQUESTS", "32"))
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _gate() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Semaphore(MAX_CONCURRENT_REQUESTS)
    return gate


async def application(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "websocket":
        await websocket_application(scope, receive, send)
        return
    if scope["type"] == "lifespan":
        await websocket_application(scope, receive, send)
        return
    if MAX_CONCURRENT_REQUESTS > 0:
        async with _gate():
            await django_application(scope, receive, send)
        return
    await django_application(scope, receive, send)
