"""WebSocket endpoint (placeholder until the live hub lands): refuses sockets, accepts lifespan."""

from __future__ import annotations

from typing import Any


async def websocket_application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "websocket.close", "code": 4404})
