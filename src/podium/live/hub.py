"""Per-process fan-out: one hub per session, holding this process's sockets for it.

A change reaches a hub once (from `notify.publish` in this process, or from the Redis bus): the
floor's full snapshot. Each socket subscribes to an audience (`podium.core.views`: `room`,
`public`, `delegate` — with the delegations its user acts for —, `console`, or `full`, the
whole snapshot without notes, for integrations). The hub broadcasts at most every
`PODIUM_LIVE_FRAME_MS` (50 ms; a change after a quiet spell leaves at once, and the newest
state always wins): it decodes the snapshot once, computes each subscribed audience's view once
(each group of phones of the same delegations: the shared part once, their `mine` once), and a
group whose view did not change is sent nothing. A view is encoded once as a WebSocket text
frame and the same bytes are written to every socket of its group in a plain synchronous loop:
no task and no await per socket per message. A socket whose write buffer is full (a slow client)
is skipped: it keeps only its newest pending view, a small flusher writes that one when the
socket drains, and a socket that stays behind longer than `LIVE_SLOW_SOCKET_SECONDS` is dropped
(its client reconnects and gets the current state). Versions (the floor's, at the broadcast)
only grow, so skipping is safe: every view is complete.

Everything here runs on the server's event loop thread; `Runtime.deliver` is the one entry point,
called directly on that thread or through `call_soon_threadsafe` from others (see notify.py).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import struct
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
import redis.asyncio as aioredis
from django.conf import settings
from redis.exceptions import RedisError

from podium.core import views
from podium.live import provider

log = logging.getLogger("podium.live")

CHANNEL = b"podium:floor"
# What a socket is sent: (audience, the delegations of a phone; () for the other audiences)
Group = tuple[str, tuple[str, ...]]
# A console's patch: (the version it applies to, its message, its frame)
Patch = tuple[int, bytes, bytes]


# How many HTTP requests this process is serving; the server (podium.asgi) installs its count:
# a broadcast pauses between its slices only when requests are waiting for the interpreter.
requests_under_way: Callable[[], int] = lambda: 0  # noqa: E731


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
    """One socket of a hub, subscribed to one audience's view (`group`). Subclasses differ in
    how bytes reach the wire."""

    __slots__ = ("hub", "group", "version", "pending", "closed", "__weakref__")

    def __init__(self, hub: Hub, group: Group = ("full", ())) -> None:
        self.hub = hub
        self.group = group
        self.version = -1  # newest version this socket has been given
        self.pending: tuple[int, bytes, bytes] | None = None
        self.closed = False

    def offer(self, version: int, payload: bytes, frame: bytes, patch: Patch | None = None) -> None:
        """Send the view at `version` (or, to a socket that has the view at `patch`'s base
        version, that patch instead)."""
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

    def __init__(self, hub: Hub, proto: Any, group: Group = ("full", ())) -> None:
        super().__init__(hub, group)
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

    def offer(self, version: int, payload: bytes, frame: bytes, patch: Patch | None = None) -> None:
        if version <= self.version or self.closed:
            return
        proto = self.proto
        if proto.close_sent or proto.disconnected or self.transport.is_closing():
            return
        if self.pending is None and proto.writable.is_set():
            if patch is not None and patch[0] == self.version:
                payload, frame = patch[1], patch[2]
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

    def __init__(self, hub: Hub, send: Any, group: Group = ("full", ())) -> None:
        super().__init__(hub, group)
        self.send = send
        self.wake = asyncio.Event()
        self.sending_since = 0.0
        self.writer = hub.loop.create_task(self._run())

    def offer(self, version: int, payload: bytes, frame: bytes, patch: Patch | None = None) -> None:
        if version <= self.version or self.closed:
            return
        if self.pending is None or version > self.pending[0]:
            if self.pending is None and patch is not None and patch[0] == self.version:
                payload, frame = patch[1], patch[2]  # follows what was last written
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
                await self.send({"type": "websocket.send", "text": self.hub.text(pending[1])})
            except Exception:  # the peer went away: the receive loop will notice
                self.closed = True
                return
            self.sending_since = 0.0

    async def send_text(self, text: str) -> None:
        await self.send({"type": "websocket.send", "text": text})

    def stop(self) -> None:
        self.closed = True
        self.writer.cancel()


@dataclass
class _Round:
    """What one broadcast computes once for all its groups."""

    full: tuple[int, bytes, bytes] = (-1, b"", b"")
    server_time: str = ""
    shared: dict[str, bytes] = field(default_factory=dict)
    mine: dict[str, dict[str, Any]] | None = None


class Hub:
    """This process's sockets for one session, grouped by what they are sent, and the newest
    snapshot it has seen."""

    def __init__(self, runtime: Runtime, slug: str) -> None:
        self.runtime = runtime
        self.loop = runtime.loop
        self.slug = slug
        self.conns: dict[Conn, None] = {}
        self.groups: dict[Group, dict[Conn, None]] = {}
        self.version = -1  # of the newest snapshot received
        self.payload = b""
        self.notes = b""  # the newest snapshot's notes (JSON), for the consoles' view
        self.trusted = False  # False until a snapshot is loaded, and while the bus is down
        self.refreshing: asyncio.Future[bool] | None = None
        self.delivered = 0  # snapshots received
        self.broadcasts = 0  # times the views were computed and sent
        self.dropped = 0
        self.frame_s = float(setting("PODIUM_LIVE_FRAME_MS", 50)) / 1000
        self.frame_timer: asyncio.TimerHandle | None = None
        self.last_broadcast = -1e9
        # the snapshot last broadcast (what every group was last sent is computed from it)
        self.sent_version = -1
        self.sent_snapshot: dict[str, Any] | None = None
        # each group's last view: version, body, message, frame
        self.views: dict[Group, tuple[int, bytes, bytes, bytes]] = {}
        self.console_views: dict[Group, tuple[int, dict[str, Any]]] = {}  # to patch against
        self.sent_payload = b""
        self.sent_notes = b""
        # a broadcast under way: the groups whose view is still to compute ("view", group) and
        # the sockets still to write ("send", (sockets, what to offer, from which one))
        self.work: deque[tuple[str, Any]] = deque()
        self.unsent: set[Group] = set()  # groups this broadcast has not reached yet
        self.round = _Round()
        self.again = False  # a change came while a broadcast was under way
        self.slice_s = float(setting("LIVE_SLICE_MS", 2)) / 1000
        # phones are sent at most every LIVE_PHONE_FRAME_MS (150), consoles every
        # LIVE_CONSOLE_FRAME_MS (100): a place in line, a count, a long line need not follow
        # every request of a burst (300 phones made 80 % of the writes); PODIUM_LIVE_FRAME_MS=0,
        # every change as it comes, holds for them too
        self.slow_frames = {
            audience: max(self.frame_s, float(setting(name, ms)) / 1000) if self.frame_s else 0.0
            for audience, name, ms in (
                ("delegate", "LIVE_PHONE_FRAME_MS", 150),
                ("console", "LIVE_CONSOLE_FRAME_MS", 100),
            )
        }
        self.slow_timer: asyncio.TimerHandle | None = None
        self.audience_sent: dict[str, int] = {}  # the floor version each audience was sent
        self.audience_at: dict[str, float] = {}  # when
        self._texts: dict[int, str] = {}

    def deliver(self, version: int, payload: bytes, notes: bytes = b"") -> bool:
        """A new snapshot (and its notes): broadcast now, or at the next frame if one left less
        than `frame_s` ago (then the newest snapshot by that time is the one sent)."""
        if version <= self.version:
            return False
        self.version, self.payload, self.notes = version, payload, notes
        self.delivered += 1
        if self.frame_timer is None:
            wait = self.frame_s - (self.loop.time() - self.last_broadcast)
            if wait <= 0:
                self.broadcast()
            else:
                self.frame_timer = self.loop.call_later(wait, self._on_frame)
        return True

    def _on_frame(self) -> None:
        self.frame_timer = None
        self.broadcast()

    def _on_slow_frame(self) -> None:
        self.slow_timer = None
        self.broadcast()

    def _frame(self, audience: str) -> float:
        return self.slow_frames.get(audience, self.frame_s)

    def broadcast(self) -> None:
        """Send each group the view of the newest snapshot, if its view changed. The work is
        done in slices of at most `LIVE_SLICE_MS` (2 ms) of the event loop, each followed by a
        pause as long, so that the request threads (which need the interpreter the slices hold)
        go on meanwhile: in one go, a round for 5,000 screens held every request up for ~10 ms.
        A change coming while a broadcast is under way follows it."""
        if self.work:
            self.again = True
            return
        now = self.loop.time()
        behind = {g[0] for g in self.groups if self.audience_sent.get(g[0], -1) < self.version}
        due = {a for a in behind if now - self.audience_at.get(a, -1e9) >= self._frame(a)}
        later = behind - due  # phones, sent at most every LIVE_PHONE_FRAME_MS
        if later and self.slow_timer is None:
            wait = min(self.audience_at[a] + self._frame(a) for a in later) - now
            self.slow_timer = self.loop.call_later(max(0.0, wait), self._on_slow_frame)
        if self.sent_version != self.version:  # (what a socket joining now is sent)
            self.sent_version, self.sent_snapshot = self.version, None
            self.sent_payload, self.sent_notes = self.payload, self.notes
            self._texts.clear()
        if not due:
            return
        self.last_broadcast = now
        self.broadcasts += 1
        for audience in due:
            self.audience_sent[audience], self.audience_at[audience] = self.version, now
        self.round = _Round(
            full=(self.version, self.payload, text_frame(self.payload)),
            server_time=datetime.now(UTC).isoformat(),
        )
        groups = [g for g in self.groups if g[0] in due]
        self.work.extend(("view", group) for group in groups)
        self.unsent.update(groups)
        self._drain()

    def _drain(self) -> None:
        deadline = time.perf_counter() + self.slice_s
        work = self.work
        while work:
            kind, item = work[0]
            if kind == "view":
                work.popleft()
                self.unsent.discard(item)
                members = self.groups.get(item)
                args = self._view_for(item) if members else None
                if members and args is not None:
                    work.appendleft(("send", (tuple(members), args, 0)))
            else:
                conns, args, start = item
                stop = start
                while stop < len(conns) and time.perf_counter() < deadline:
                    conns[stop].offer(*args)
                    stop += 1
                if stop < len(conns):
                    work[0] = ("send", (conns, args, stop))
                else:
                    work.popleft()
            if time.perf_counter() >= deadline:
                break
        if work:
            if requests_under_way():
                # a pause as long as the slice: the request threads, which need the interpreter
                # the slice held, have it meanwhile
                self.loop.call_later(self.slice_s, self._drain)
            else:
                self.loop.call_soon(self._drain)
        elif self.again:
            self.again = False
            if self.frame_timer is None:
                wait = self.frame_s - (self.loop.time() - self.last_broadcast)
                self.frame_timer = self.loop.call_later(max(0.0, wait), self._on_frame)

    def _view_for(self, group: Group) -> tuple[Any, ...] | None:
        """What this round offers a group's sockets: None when its view did not change."""
        r = self.round
        if group[0] == "full":  # the snapshot as it came: no decoding, sent every time
            self.views[group] = (r.full[0], b"", r.full[1], r.full[2])
            return r.full
        snap = self._decoded()
        if group[0] == "console":
            return self._console(group, snap, r.server_time)
        if group[0] == "delegate" and r.mine is None:
            r.mine = views.requests_by_entity(snap)
        body = self._body(snap, group, r.shared, r.mine)
        last = self.views.get(group)
        if last is not None and last[1] == body:
            return None  # this audience's view did not change: nothing to send
        payload = views.frame(self.sent_version, r.server_time, body)
        frame = text_frame(payload)
        self.views[group] = (self.sent_version, body, payload, frame)
        return (self.sent_version, payload, frame)

    def _console(
        self, group: Group, snap: dict[str, Any], server_time: str
    ) -> tuple[Any, ...] | None:
        """The consoles' view, and for those that have the one sent last, a patch of it."""
        view = views.console(snap)
        body = views.body(view)
        last = self.views.get(group)
        if last is not None and last[1] == body:
            return None
        payload = views.frame(self.sent_version, server_time, body)
        frame = text_frame(payload)
        patch: Patch | None = None
        before = self.console_views.get(group)
        if before is not None:
            message = views.patch_frame(
                self.sent_version, before[0], server_time, views.console_patch(before[1], view)
            )
            patch = (before[0], message, text_frame(message))
        self.views[group] = (self.sent_version, body, payload, frame)
        self.console_views[group] = (self.sent_version, view)
        return (self.sent_version, payload, frame, patch)

    def _decoded(self) -> dict[str, Any]:
        """The snapshot last broadcast, decoded once (with its notes)."""
        if self.sent_snapshot is None:
            snap = orjson.loads(self.sent_payload)
            if self.sent_notes:
                snap["notes"] = orjson.loads(self.sent_notes)
            self.sent_snapshot = snap
        return self.sent_snapshot

    @staticmethod
    def _body(
        snap: dict[str, Any],
        group: Group,
        shared: dict[str, bytes],
        mine: dict[str, dict[str, Any]] | None,
    ) -> bytes:
        audience, codes = group
        common = shared.get(audience)
        if common is None:
            common = shared[audience] = views.body(views.of(snap, audience))
        if audience != "delegate":
            return common
        own = mine if mine is not None else views.requests_by_entity(snap)
        return views.with_mine(common, {code: own.get(code) for code in codes})

    def view_of(self, group: Group) -> tuple[int, bytes, bytes] | None:
        """What a socket of `group` is sent on joining: the group's view of the snapshot last
        broadcast (computed now if nobody of that group has been sent it)."""
        cached = self.views.get(group)
        behind = self.audience_sent.get(group[0], -1) < self.sent_version
        if cached is not None and (
            cached[0] == self.sent_version or group in self.unsent or behind
        ):
            # (a broadcast under way, or the phones' next frame, has yet to reach this group: it
            # will send the newer view)
            return cached[0], cached[2], cached[3]
        if self.sent_version < 0:
            return None
        if group[0] == "full":
            return self.sent_version, self.sent_payload, text_frame(self.sent_payload)
        snap = self._decoded()
        mine = views.requests_by_entity(snap) if group[0] == "delegate" else None
        body = self._body(snap, group, {}, mine)
        payload = views.frame(self.sent_version, datetime.now(UTC).isoformat(), body)
        frame = text_frame(payload)
        self.views[group] = (self.sent_version, body, payload, frame)
        return self.sent_version, payload, frame

    def text(self, payload: bytes) -> str:
        """A view as str for ASGI `send()`, decoded once per broadcast (generic path)."""
        key = id(payload)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = payload.decode()
        return found

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
        version, payload, *notes = snap
        if self.deliver(version, payload, notes[0] if notes else b"") and self.frame_timer:
            self.frame_timer.cancel()  # a socket waits for it: no need to wait for the frame
            self.frame_timer = None
            self.broadcast()
        self.trusted = self.runtime.bus_ok
        return True

    def add(self, conn: Conn) -> None:
        self.conns[conn] = None
        self.groups.setdefault(conn.group, {})[conn] = None
        self.offer_view(conn)

    def offer_view(self, conn: Conn) -> None:
        found = self.view_of(conn.group)
        if found is not None:
            conn.offer(*found)

    def remove(self, conn: Conn) -> None:
        self.conns.pop(conn, None)
        members = self.groups.get(conn.group)
        if members is not None:
            members.pop(conn, None)
            if not members:
                del self.groups[conn.group]
                self.views.pop(conn.group, None)
                self.console_views.pop(conn.group, None)
        self.remove_if_empty()

    def remove_if_empty(self) -> None:
        if not self.conns and self.refreshing is None and self.runtime.hubs.get(self.slug) is self:
            for timer in (self.frame_timer, self.slow_timer):
                if timer is not None:
                    timer.cancel()
            self.work.clear()
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
        self.collector_task: asyncio.Task[None] | None = None
        self.last_delivery = 0.0  # loop time of the newest change delivered to a hub
        self.full_collections = 0
        self.resubscribed = 0  # times the bus subscription was re-established after a loss
        self.bus_messages = 0  # changes received from other processes

    def hub(self, slug: str) -> Hub:
        hub = self.hubs.get(slug)
        if hub is None:
            hub = self.hubs[slug] = Hub(self, slug)
        return hub

    def deliver(self, slug: str, version: int, payload: bytes, notes: bytes = b"") -> None:
        self.last_delivery = self.loop.time()
        hub = self.hubs.get(slug)
        if hub is not None:
            hub.deliver(version, payload, notes)

    def start(self) -> None:
        if self.redis_url and self.bus_task is None:
            self.bus_task = self.loop.create_task(self._bus())
        if self.collector_task is None:
            self.collector_task = self.loop.create_task(self.collector())

    async def collector(self) -> None:
        """Full garbage collections when the floor is quiet: `podium.asgi` turns the automatic
        ones off (with thousands of sockets they pause the process for 100 ms and more). At most
        every `LIVE_GC_EVERY_S` (300) seconds, once nothing was delivered for 2 s, and in any
        case after four times that."""
        every = float(setting("LIVE_GC_EVERY_S", 300.0))
        last = self.loop.time()
        while True:
            await asyncio.sleep(min(5.0, every / 4))
            now = self.loop.time()
            due = now - last >= every
            if (due and now - self.last_delivery > 2.0) or now - last >= 4 * every:
                gc.collect()
                self.full_collections += 1
                last = self.loop.time()

    async def stop(self) -> None:
        if self.collector_task is not None:
            self.collector_task.cancel()
            self.collector_task = None
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
        try:  # origin, slug, version, the notes' length, then the notes and the snapshot
            origin, slug, version, size, rest = data.split(b"\n", 4)
            notes, payload = rest[: int(size)], rest[int(size) :]
        except ValueError:
            return
        if origin == self.origin:
            return  # this process delivered it already
        self.bus_messages += 1
        hub = self.hubs.get(slug.decode())
        if hub is not None:
            hub.deliver(int(version), payload, notes)

    async def _bus(self) -> None:
        """One Redis subscription for the whole process; on loss, poll and resubscribe."""
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
            "full_collections": self.full_collections,
            "hubs": {
                slug: {
                    "sockets": len(h.conns),
                    "version": h.version,
                    "delivered": h.delivered,
                    "broadcasts": h.broadcasts,
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
