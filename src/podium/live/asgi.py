"""The thin ASGI WebSocket endpoint beside Django: `/ws/sessions/<slug>/floor`.

Protocol (see docs/realtime.md):
- server -> client: the floor snapshot (the JSON of `GET /api/sessions/<slug>/floor`, with its
  `version`) on connect and after every change; versions only grow, a client may miss
  intermediate ones (a slow screen gets the newest) but never gets an older one after a newer.
  Replies to client messages carry a `type`: `{"type": "pong", "version": N}`,
  `{"type": "error", "error": "..."}`.
- client -> server: small JSON, `{"type": "ping"}` or `{"type": "resync"}` (the server then reloads
  the snapshot from the database and sends it, even if the version did not change).
- close codes: 4404 unknown session or path, 4403 origin not allowed, 1009 message too big,
  1008 too many messages or unsupported message, 1011 floor temporarily unavailable (retry),
  1012 server restarting. Dead peers are closed by the server's ping/pong keepalive.
"""

from __future__ import annotations

import logging
import os
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from django.conf import settings
from django.http.request import split_domain_port, validate_host

from podium.live import hub as hubmod
from podium.live import provider

log = logging.getLogger("podium.live")

PATH = re.compile(r"^/ws/sessions/(?P<slug>[-a-zA-Z0-9_]{1,100})/floor/?$")

try:  # uvicorn's default WebSocket protocol: lets the hub write synchronously (see hub.py)
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
except ImportError:  # pragma: no cover
    WebSocketsSansIOProtocol = None


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    """The handshake's cookie and authorization headers (what the floor needs to know who
    connects)."""
    wanted = {b"cookie": "cookie", b"authorization": "authorization"}
    return {wanted[k]: v.decode("latin-1") for k, v in scope.get("headers", []) if k in wanted}


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def origin_allowed(origin: str) -> bool:
    """Browsers send Origin: it must be one of ALLOWED_HOSTS or CSRF_TRUSTED_ORIGINS.

    Clients that send no Origin (not a browser, so no cross-site risk) are let in.
    """
    if not origin:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(parts.netloc)
    if domain and validate_host(domain, allowed):
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        t = urlsplit(trusted)
        if t.scheme != parts.scheme:
            continue
        if t.netloc == parts.netloc:
            return True
        if t.netloc.startswith("*.") and parts.netloc.endswith(t.netloc[1:]):
            return True
    return False


async def _lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            hubmod.ensure_runtime()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await hubmod.shutdown_runtime()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _close(send: Any, code: int, reason: str) -> None:
    await send({"type": "websocket.close", "code": code, "reason": reason})


async def websocket_application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["type"] != "websocket":  # pragma: no cover - routed by podium.asgi
        raise ValueError(f"unexpected scope {scope['type']}")
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    # Accept first so that the browser sees a close code and a reason, not a bare HTTP 403.
    await send({"type": "websocket.accept"})
    match = PATH.match(scope.get("path", ""))
    if match is None:
        await _close(send, 4404, "no such socket")
        return
    if not origin_allowed(_header(scope, b"origin")):
        await _close(send, 4403, "origin not allowed")
        return
    await _serve(match["slug"], receive, send, scope)


AUDIENCES = ("room", "public", "delegate", "console", "full")


def _audience(scope: dict[str, Any]) -> str | None:
    """`?view=room|public|delegate|console`; none: `full` (the whole snapshot, as `GET
    /api/sessions/<slug>/floor` gives it); None for anything else."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    wanted = (query.get("view") or ["full"])[-1]
    return wanted if wanted in AUDIENCES else None


async def _serve(slug: str, receive: Any, send: Any, scope: dict[str, Any]) -> None:
    runtime = hubmod.ensure_runtime()
    max_bytes = int(hubmod.setting("LIVE_MAX_MESSAGE_BYTES", 4096))
    rate = float(hubmod.setting("LIVE_CLIENT_MESSAGES_PER_S", 5.0))
    burst = float(hubmod.setting("LIVE_CLIENT_MESSAGES_BURST", 20))

    audience = _audience(scope)
    if audience is None:
        await _close(send, 4400, "unknown view")
        return
    codes: tuple[str, ...] = ()
    if audience in ("delegate", "console"):
        # who the user is (cookie or bearer token) and whether this view is theirs: the floor
        # answers, off the loop (it reads the database)
        try:
            verdict = await runtime.loop.run_in_executor(
                None, provider.subscribe, slug, audience, _headers(scope)
            )
        except Exception as exc:
            log.warning("could not check a %s socket of %s: %s", audience, slug, exc)
            await _close(send, 1011, "floor temporarily unavailable, retry")
            return
        if isinstance(verdict, int):
            reasons = {4401: "sign in first", 4403: "not allowed", 4404: "unknown session"}
            await _close(send, verdict, reasons.get(verdict, "refused"))
            return
        codes = verdict
    hub = runtime.hub(slug)
    try:
        if not hub.trusted:
            if not await hub.refresh():
                hub.remove_if_empty()
                await _close(send, 4404, "unknown session")
                return
    except Exception as exc:
        log.warning("no snapshot for %s: %s", slug, exc)
        hub.remove_if_empty()
        await _close(send, 1011, "floor temporarily unavailable, retry")
        return
    group: hubmod.Group = (audience, codes)

    proto = getattr(send, "__self__", None)
    conn: hubmod.DirectConn | hubmod.GenericConn
    direct = hubmod.setting(
        "LIVE_DIRECT_WRITES", os.environ.get("PODIUM_LIVE_DIRECT_WRITES") != "0"
    )
    if (
        direct
        and WebSocketsSansIOProtocol is not None
        and isinstance(proto, WebSocketsSansIOProtocol)
    ):
        proto.conn.max_message_size = max_bytes  # refuse big frames before buffering them
        proto.transport.set_write_buffer_limits(
            high=int(hubmod.setting("LIVE_WRITE_BUFFER_BYTES", 64 * 1024))
        )
        conn = hubmod.DirectConn(hub, proto, group)
    else:
        conn = hubmod.GenericConn(hub, send, group)
    hub.add(conn)  # sends the current view
    tokens, last = burst, time.monotonic()
    try:
        while True:
            message = await receive()
            if message["type"] != "websocket.receive":
                break  # websocket.disconnect
            data = message.get("text")
            if data is None:
                data = message.get("bytes") or b""
            if len(data) > max_bytes:
                await _close(send, 1009, "message too big")
                break
            now = time.monotonic()
            tokens = min(burst, tokens + (now - last) * rate)
            last = now
            if tokens < 1:
                await _close(send, 1008, "too many messages")
                break
            tokens -= 1
            try:  # orjson: a 2,000-deep message is an error frame, not a dropped socket
                kind = orjson.loads(data).get("type")
            except (orjson.JSONDecodeError, AttributeError):
                kind = None
            if kind == "ping":
                await conn.send_text(hubmod.dumps({"type": "pong", "version": hub.version}))
            elif kind == "resync":
                try:
                    await hub.refresh()
                except Exception as exc:
                    log.warning("resync of %s failed: %s", slug, exc)
                    await conn.send_text(
                        hubmod.dumps({"type": "error", "error": "floor temporarily unavailable"})
                    )
                    continue
                conn.version = -1  # send the current view even if the version is the same
                conn.pending = None
                hub.offer_view(conn)
            else:
                await conn.send_text(
                    hubmod.dumps({"type": "error", "error": "unsupported message"})
                )
    except Exception as exc:  # the peer vanished mid-send
        log.debug("socket of %s ended: %s", slug, exc)
    finally:
        conn.stop()
        hub.remove(conn)
