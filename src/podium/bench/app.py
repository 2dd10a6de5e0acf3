"""Podium's ASGI app for the fan-out benchmark.

podium.asgi plus `POST /_bench/bump?slug=S&seq=N`, which calls `podium.live.notify.publish` from a
worker thread, exactly as a floor command's sync view does after its commit (benchmarks 3-4 drive
the real floor commands). A provider gives version 0 for any `bench-*` session.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import parse_qs

from podium.asgi import application as podium_application
from podium.bench.payload import make_payload
from podium.live import notify, provider

_floor_provider = provider.get()


def bench_provider(slug: str) -> tuple[int, bytes] | None:
    if slug.startswith("bench-"):
        return 0, make_payload(0, "version")
    return _floor_provider(slug) if _floor_provider else None


provider.register(bench_provider)


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http" and scope["path"] == "/_bench/bump":
        q = parse_qs(scope["query_string"].decode())
        slug, seq = q["slug"][0], int(q["seq"][0])
        t0 = time.perf_counter()
        payload = make_payload(seq + 1, "version")
        await asyncio.get_running_loop().run_in_executor(
            None, notify.publish, slug, seq + 1, payload
        )
        body = json.dumps({"server_send_ms": (time.perf_counter() - t0) * 1e3}).encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})
        return
    await podium_application(scope, receive, send)
