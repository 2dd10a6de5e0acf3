"""The bare yardstick when Starlette is not installed: the reference server's `loop` mode as a
raw ASGI app on uvicorn (a set of sockets; `POST /bump?seq=N` sends one ~300-byte message to every
socket in a plain loop of `await send(...)`). Without Starlette's wrapper it is, if anything, a
little faster than ../shared/bench/reference_server.py, so ratios against it are conservative."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs

from podium.bench.payload import make_payload

clients: set[Any] = set()


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "websocket":
        await receive()
        await send({"type": "websocket.accept"})
        clients.add(send)
        try:
            while (await receive())["type"] != "websocket.disconnect":
                pass
        finally:
            clients.discard(send)
        return
    if scope["type"] == "lifespan":
        while True:
            m = await receive()
            await send({"type": m["type"] + ".complete"})
            if m["type"] == "lifespan.shutdown":
                return
    seq = int(parse_qs(scope["query_string"].decode()).get("seq", ["0"])[0])
    t0 = time.perf_counter()
    msg = make_payload(seq).decode()
    targets = list(clients)
    for s in targets:
        try:
            await s({"type": "websocket.send", "text": msg})
        except Exception:
            clients.discard(s)
    body = json.dumps(
        {"n": len(targets), "server_send_ms": (time.perf_counter() - t0) * 1e3}
    ).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})
