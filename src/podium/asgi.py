"""ASGI entry point: Django for HTTP, Podium's own thin endpoint for WebSockets.

The WebSocket fan-out does not go through Channels: see docs/benchmarks.md for why.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

from podium.live.asgi import websocket_application  # noqa: E402


async def application(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "websocket":
        await websocket_application(scope, receive, send)
        return
    if scope["type"] == "lifespan":
        await websocket_application(scope, receive, send)
        return
    await django_application(scope, receive, send)
