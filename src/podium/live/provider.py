"""Where sockets get a session's current snapshot, and who may see which view: functions the
floor app registers.

The live layer imports nothing from the other apps. The floor app registers, at startup, *sync*
functions: `fn(slug) -> (version, snapshot_bytes[, notes_json]) | None` (None for an unknown
session), which
the socket calls off the event loop on connect (when the process has no snapshot of that
session yet) and when a client or the Redis bus asks for a resync; and
`subscriber(slug, audience, headers) -> tuple[str, ...] | int` for the views that need to know
who connects (`delegate`: the delegations the user acts for; `console`: `()` for those who
chair), answering a close code (4401 not signed in, 4403 not allowed, 4404 no such session)
when the socket may not have it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import close_old_connections

Snapshot = tuple[int, bytes] | tuple[int, bytes, bytes]  # version, snapshot[, its notes]
Provider = Callable[[str], Snapshot | None]
Subscriber = Callable[[str, str, dict[str, str]], tuple[str, ...] | int]

_provider: Provider | None = None
_subscriber: Subscriber | None = None


def register_subscriber(fn: Subscriber | None) -> Subscriber | None:
    """Install `fn` as the judge of who may see which view; returns the previous one."""
    global _subscriber
    previous, _subscriber = _subscriber, fn
    return previous


def subscribe(slug: str, audience: str, headers: dict[str, str]) -> tuple[str, ...] | int:
    """The delegations whose view a socket gets (or `()`), or the close code refusing it; off
    the event loop (it reads the database)."""
    fn = _subscriber
    if fn is None:
        return 4403
    close_old_connections()
    try:
        return fn(slug, audience, headers)
    finally:
        close_old_connections()


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
    close_old_connections()
    try:
        return fn(slug)
    finally:
        close_old_connections()
