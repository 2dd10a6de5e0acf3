"""Where sockets get a session's current snapshot: a function the floor app registers.

The live layer imports nothing from the other apps. The floor app registers, at startup, a *sync*
function `fn(slug) -> (version, snapshot_bytes) | None` (None for an unknown session). The socket
calls it off the event loop, on connect (when the process has no snapshot of that session yet) and
when a client or the Redis bus asks for a resync.
"""

from __future__ import annotations

from collections.abc import Callable

Snapshot = tuple[int, bytes]
Provider = Callable[[str], Snapshot | None]

_provider: Provider | None = None


def register(fn: Provider | None) -> Provider | None:
    """Install `fn` as the snapshot provider; returns the previous one (tests restore it)."""
    global _provider
    previous, _provider = _provider, fn
    return previous


def get() -> Provider | None:
    return _provider


def fetch(slug: str) -> Snapshot | None:
    """Call the provider (sync: run it in a worker thread from async code).

    Raises LookupError when no provider is registered. Django DB connections opened in the calling
    thread are closed afterwards when they are unusable, so a lost database recovers by itself.
    """
    fn = _provider
    if fn is None:
        raise LookupError("no floor snapshot provider is registered")
    from django.db import close_old_connections

    close_old_connections()
    try:
        return fn(slug)
    finally:
        close_old_connections()
