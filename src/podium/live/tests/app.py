"""ASGI app for multi-process live tests: podium.asgi plus a file-backed test provider.

Run by the tests as `uvicorn podium.live.tests.app:application` in real subprocesses.
`PODIUM_LIVE_TEST_DIR` holds `<slug>.json` snapshots (the provider reads them, as the floor app
reads its log). `POST /_test/publish/<slug>` (body: a snapshot with its version) writes the file
then calls `notify.publish`, like a floor command that commits then notifies. `GET /_test/stats`
returns this process's hub counters.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from podium.asgi import application as podium_application
from podium.live import hub, notify, provider

DIR = Path(os.environ.get("PODIUM_LIVE_TEST_DIR", "."))


def file_provider(slug: str) -> tuple[int, bytes] | None:
    path = DIR / f"{slug}.json"
    if not path.exists():
        return None
    data = path.read_bytes()
    return int(json.loads(data)["version"]), data


def write_snapshot(directory: Path, slug: str, payload: bytes) -> None:
    tmp = directory / f".{slug}.tmp"
    tmp.write_bytes(payload)
    tmp.replace(directory / f"{slug}.json")


provider.register(file_provider)


async def _read_body(receive: Any) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def _respond(send: Any, status: int, data: Any) -> None:
    body = json.dumps(data).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    path = scope.get("path", "")
    if scope["type"] == "http" and path.startswith("/_test/"):
        if path.startswith("/_test/publish/"):
            slug = path.rsplit("/", 1)[1]
            payload = await _read_body(receive)
            write_snapshot(DIR, slug, payload)
            notify.publish(slug, int(json.loads(payload)["version"]), payload)
            await _respond(send, 200, {"ok": True})
            return
        if path == "/_test/stats":
            rt = hub.current()
            await _respond(send, 200, rt.stats() if rt else {})
            return
        if path == "/_test/pid":
            await _respond(send, 200, {"pid": os.getpid()})
            return
    await podium_application(scope, receive, send)
