"""Per-process fan-out: one hub per session, holding this process's sockets for it.

A change reaches a hub once (from `notify.publish` in this process, or from the Redis bus), is
encoded once as a WebSocket text frame, and the same bytes are written to every socket in a plain
synchronous loop: no task and no await per socket per message. A socket whose write buffer is full
(a slow client) is skipped: it keeps only its newest pending snapshot, a small flusher writes that
one when the socket drains, and a socket that stays behind longer than `LIVE_SLOW_SOCKET_SECONDS`
is dropped (its client reconnects and gets the current state). Versions only grow, so skipping is
safe: every snapshot is complete.

Everything here runs on the server's event loop thread; `Runtime.deliver` is the one entry point,
called directly on that thread or through `call_soon_threadsafe` from others (see notify.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import struct
import threading
import uuid
from typing import Any

from django.conf import settings

from podium.live import provider

log = logging.getLogger("podium.live")

CHANNEL = b"podium:floor"


def setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def text_frame(payload: bytes) -> bytes:
    """An unmasked, unfragmented server->client text frame (RFC 6455 5.2): same bytes for all."""
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x81, n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x81, 126, n)
    else:
        header = struct.pack("!BBQ", 0x81, 127, n)
    return header + payload


class Conn:
    """One socket of a hub. Subclasses differ in how bytes reach the wire."""

    __slots__ = ("hub", "version", "pending", "closed", "__weakref__")

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.version = -1  # newest version this socket has been given
        self.pending: tuple[int, bytes, bytes] | None = None
        self.closed = False

    def offer(self, version: int, payload: bytes, frame: bytes) -> None:
        raise NotImplementedError

    async def send_text(self, text: str) -> None:
        raise NotImplementedError


class DirectConn(Conn):
    """uvicorn's websockets-sansio protocol (its default): synchronous writes to the transport.

    Without per-message compression the pre-encoded frame is written as is; with it (browsers
    offer it, and plain uvicorn accepts it), the protocol object compresses per socket, still
    without an await.
    """

    __slots__ = ("proto", "transport", "deflate", "flusher", "behind_since")

    def __init__(self, hub: Hub, proto: Any) -> None:
        super().__init__(hub)
        self.proto = proto
        self.transport = proto.transport
        self.deflate = bool(proto.conn.extensions)
        self.flusher: asyncio.Task[None] | None = None
        self.behind_since = 0.0

    def _write(self, payload: bytes, frame: bytes) -> None:
        if self.deflate:
            self.proto.conn.send_text(payload)
            self.transport.write(b"".join(self.proto.conn.data_to_send()))
        else:
            self.transport.write(frame)

    def offer(self, version: int, payload: bytes, frame: bytes) -> None:
        if version <= self.version or self.closed:
            return
        proto = self.proto
        if proto.close_sent or proto.disconnected or self.transport.is_closing():
            return
        if self.pending is None and proto.writable.is_set():
            self.version = version
            self._write(payload, frame)
            return
        # Behind: keep only the newest snapshot; one flusher per backlog episode.
        self.pending = (version, payload, frame)
        if self.flusher is None:
            self.behind_since = self.hub.loop.time()
            self.flusher = self.hub.loop.create_task(self._flush())

    async def _flush(self) -> None:
        limit = float(setting("LIVE_SLOW_SOCKET_SECONDS", 10.0))
        try:
            await asyncio.wait_for(self.proto.writable.wait(), limit)
        except TimeoutError:
            log.info("dropping a socket of %s: %.0f s behind", self.hub.slug, limit)
            self.hub.dropped += 1
            self.closed = True
            self.transport.abort()
            return
        finally:
            self.flusher = None
        pending, self.pending = self.pending, None
        if pending is not None and not (self.proto.close_sent or self.transport.is_closing()):
            self.version = pending[0]
            self._write(pending[1], pending[2])

    async def send_text(self, text: str) -> None:
        proto = self.proto
        if proto.close_sent or proto.disconnected or self.transport.is_closing():
            return
        proto.conn.send_text(text.encode())
        self.transport.write(b"".join(proto.conn.data_to_send()))

    def stop(self) -> None:
        self.closed = True
        if self.flusher is not None:
            self.flusher.cancel()


class GenericConn(Conn):
    """Any other ASGI server: one writer task per socket (for its lifetime, not per message).

    A socket whose send has been stuck for longer than `LIVE_SLOW_SOCKET_SECONDS` is dropped at
    the next change (its writer is cancelled; the keepalive closes the connection)."""

    __slots__ = ("send", "wake", "writer", "sending_since")

    def __init__(self, hub: Hub, send: Any) -> None:
        super().__init__(hub)
        self.send = send
        self.wake = asyncio.Event()
        self.sending_since = 0.0
        self.writer = hub.loop.create_task(self._run())

    def offer(self, version: int, payload: bytes, frame: bytes) -> None:
        if version <= self.version or self.closed:
            return
        if self.pending is None or version > self.pending[0]:
            self.pending = (version, payload, frame)
            self.wake.set()
        if self.sending_since:
            limit = float(setting("LIVE_SLOW_SOCKET_SECONDS", 10.0))
            if self.hub.loop.time() - self.sending_since > limit:
                self.hub.dropped += 1
                self.stop()

    async def _run(self) -> None:
        loop = self.hub.loop
        while not self.closed:
            await self.wake.wait()
            self.wake.clear()
            pending, self.pending = self.pending, None
            if pending is None or pending[0] <= self.version:
                continue
            self.version = pending[0]
            self.sending_since = loop.time()
            try:
                await self.send({"type": "websocket.send", "text": self.hub.text(pending)})
            except Exception:  # the peer went away: the receive loop will notice
                self.closed = True
                return
            self.sending_since = 0.0

    async def send_text(self, text: str) -> None:
        await self.send({"type": "websocket.send", "text": text})

    def stop(self) -> None:
        self.closed = True
        self.writer.cancel()


class Hub:
    """This process's sockets for one session and the newest snapshot it has seen."""

    def __init__(self, runtime: Runtime, slug: str) -> None:
        self.runtime = runtime
        self.loop = runtime.loop
        self.slug = slug
        self.conns: dict[Conn, None] = {}
        self.version = -1
        self.payload = b""
        self.frame = b""
        self.trusted = False  # False until a snapshot is loaded, and while the bus is down
        self.refreshing: asyncio.Future[bool] | None = None
        self.delivered = 0  # changes applied (each written once to every socket)
        self._text: tuple[int, str] = (-1, "")
        self.dropped = 0

    def deliver(self, version: int, payload: bytes) -> bool:
        if version <= self.version:
            return False
        self.version, self.payload = version, payload
        frame = self.frame = text_frame(payload)
        self.delivered += 1
        for conn in tuple(self.conns):
            conn.offer(version, payload, frame)
        return True

    def text(self, pending: tuple[int, bytes, bytes]) -> str:
        """The snapshot as str for ASGI `send()`, decoded once per version (generic path)."""
        if self._text[0] != pending[0]:
            self._text = (pending[0], pending[1].decode())
        return self._text[1]

    async def refresh(self) -> bool:
        """Load the newest snapshot from the provider (coalesced). False: unknown session."""
        if self.refreshing is None:
            self.refreshing = asyncio.ensure_future(self._refresh())
        fut = self.refreshing
        return await asyncio.shield(fut)

    async def _refresh(self) -> bool:
        try:
            snap = await self.loop.run_in_executor(None, provider.fetch, self.slug)
        finally:
            self.refreshing = None
        if snap is None:
            return False
        version, payload = snap
        self.deliver(version, payload)
        self.trusted = self.runtime.bus_ok
        return True

    def add(self, conn: Conn) -> None:
        self.conns[conn] = None
        if self.version >= 0:
            conn.offer(self.version, self.payload, self.frame)

    def remove(self, conn: Conn) -> None:
        self.conns.pop(conn, None)
        self.remove_if_empty()

    def remove_if_empty(self) -> None:
        if not self.conns and self.refreshing is None and self.runtime.hubs.get(self.slug) is self:
            del self.runtime.hubs[self.slug]


def _origin() -> bytes:
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}".encode()


class Runtime:
    """The live layer of one server process, bound to its event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.thread_id = threading.get_ident()
        self.hubs: dict[str, Hub] = {}
        self.origin = _origin()
        self.redis_url: str = setting("REDIS_URL", "") or ""
        self.bus_ok = not self.redis_url  # no bus: this process sees every change itself
        self.bus_task: asyncio.Task[None] | None = None
        self.resubscribed = 0  # times the bus subscription was re-established after a loss
        self.bus_messages = 0  # changes received from other processes

    def hub(self, slug: str) -> Hub:
        hub = self.hubs.get(slug)
        if hub is None:
            hub = self.hubs[slug] = Hub(self, slug)
        return hub

    def deliver(self, slug: str, version: int, payload: bytes) -> None:
        hub = self.hubs.get(slug)
        if hub is not None:
            hub.deliver(version, payload)

    def start(self) -> None:
        if self.redis_url and self.bus_task is None:
            self.bus_task = self.loop.create_task(self._bus())

    async def stop(self) -> None:
        if self.bus_task is not None:
            self.bus_task.cancel()
            try:
                await self.bus_task
            except (asyncio.CancelledError, Exception):
                pass
            self.bus_task = None

    async def resync_all(self) -> None:
        for hub in list(self.hubs.values()):
            try:
                await hub.refresh()
            except Exception as exc:  # e.g. the database is down too: try again later
                log.warning("resync of %s failed: %s", hub.slug, exc)

    def _on_message(self, data: bytes) -> None:
        try:
            origin, slug, version, payload = data.split(b"\n", 3)
        except ValueError:
            return
        if origin == self.origin:
            return  # this process delivered it already
        self.bus_messages += 1
        hub = self.hubs.get(slug.decode())
        if hub is not None:
            hub.deliver(int(version), payload)

    async def _bus(self) -> None:
        """One Redis subscription for the whole process; on loss, poll and resubscribe."""
        import redis.asyncio as aioredis
        from redis.exceptions import RedisError

        delay = 0.2
        lost = False
        while True:
            client = aioredis.Redis.from_url(
                self.redis_url, socket_connect_timeout=2, socket_keepalive=True
            )
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(CHANNEL)
                self.bus_ok = True
                delay = 0.2
                if lost:
                    self.resubscribed += 1
                    log.warning("Redis is back: resubscribed, resyncing %d hub(s)", len(self.hubs))
                # Anything published while we were not subscribed is lost: resync by version.
                await self.resync_all()
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        self._on_message(message["data"])
                raise ConnectionError("subscription ended")
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError, ConnectionError) as exc:
                if not lost or self.bus_ok:
                    log.warning("Redis subscription lost (%s); polling the provider meanwhile", exc)
                lost, self.bus_ok = True, False
                for hub in self.hubs.values():
                    hub.trusted = False
                # No notification can reach us now: keep screens current from the provider.
                await self.resync_all()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                try:
                    await pubsub.aclose()
                    await client.aclose()
                except Exception:
                    pass

    def stats(self) -> dict[str, Any]:
        return {
            "bus_ok": self.bus_ok,
            "resubscribed": self.resubscribed,
            "bus_messages": self.bus_messages,
            "hubs": {
                slug: {
                    "sockets": len(h.conns),
                    "version": h.version,
                    "delivered": h.delivered,
                    "dropped": h.dropped,
                }
                for slug, h in self.hubs.items()
            },
        }


_runtime: Runtime | None = None


def current() -> Runtime | None:
    return _runtime


def ensure_runtime() -> Runtime:
    """The runtime of the running loop (created on lifespan startup or on the first socket)."""
    global _runtime
    loop = asyncio.get_running_loop()
    if _runtime is None or _runtime.loop is not loop or loop.is_closed():
        _runtime = Runtime(loop)
        _runtime.start()
    return _runtime


async def shutdown_runtime() -> None:
    global _runtime
    rt, _runtime = _runtime, None
    if rt is not None:
        await rt.stop()


def dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))
