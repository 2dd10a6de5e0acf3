"""`publish(slug, version, payload, notes=b"")`: tell every screen of a session that the floor
changed (`payload`: the snapshot, as `GET /api/sessions/<slug>/floor` gives it; `notes`: its
notes as JSON, which only the consoles' view shows).

Sync and callable from any thread (Django's views run on podium.asgi's request threads) and from
async code on the server's loop. It hands the snapshot to this process's hub for the session (on
the loop thread) and, when `settings.REDIS_URL` is set, publishes it once on the Redis channel
`podium:floor`, which every server process subscribes to once. A process ignores its own messages
(they carry its origin id), so nothing is delivered twice. If Redis is unreachable the publish is
logged and dropped: other processes poll the provider while their subscription is down and resync
by version when it is back, so no screen stays stale.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis
from django.conf import settings

from podium.live import hub as hubmod

log = logging.getLogger("podium.live")

_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def redis_client(url: str) -> Any:
    """A sync Redis client per URL (thread-safe connection pool), with short timeouts."""
    client = _clients.get(url)
    if client is None:
        with _clients_lock:
            client = _clients.get(url)
            if client is None:
                client = _clients[url] = redis.Redis.from_url(
                    url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=30
                )
    return client


_standalone: bytes | None = None


def _standalone_origin() -> bytes:
    global _standalone
    if _standalone is None:
        _standalone = hubmod._origin()
    return _standalone


def _redis_publish(
    url: str, origin: bytes, slug: str, version: int, payload: bytes, notes: bytes
) -> None:
    message = b"%s\n%s\n%d\n%d\n%s%s" % (origin, slug.encode(), version, len(notes), notes, payload)
    try:
        redis_client(url).publish(hubmod.CHANNEL, message)
    except Exception as exc:  # Redis down: the others resync by version when it is back
        log.warning("could not publish %s v%d to Redis: %s", slug, version, exc)


def publish(slug: str, version: int, payload: bytes, notes: bytes = b"") -> None:
    """Deliver snapshot `payload` (the floor JSON, carrying `version`) to every screen of `slug`;
    each screen gets its audience's view of it (`notes`: for the consoles)."""
    rt = hubmod.current()
    on_loop = False
    if rt is not None and not rt.loop.is_closed():
        if threading.get_ident() == rt.thread_id:
            on_loop = True
            rt.deliver(slug, version, payload, notes)
        else:
            try:
                rt.loop.call_soon_threadsafe(rt.deliver, slug, version, payload, notes)
            except RuntimeError:  # loop closed meanwhile
                pass
    url = getattr(settings, "REDIS_URL", "") or ""
    if not url:
        return
    origin = rt.origin if rt is not None else _standalone_origin()
    if on_loop:
        # Never block the loop on a network call; one thread keeps publishes in order.
        global _executor
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="podium-publish")
        _executor.submit(_redis_publish, url, origin, slug, version, payload, notes)
    else:
        _redis_publish(url, origin, slug, version, payload, notes)
