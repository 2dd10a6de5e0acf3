"""Slow and odd clients never hold what others need: a trickled body holds no request thread
and no place in line, stalled headers and bodies are cut off, and slugs that name no session
leave nothing behind."""

from __future__ import annotations

import socket
import time
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from podium.floor import services

from .test_socket import api, token_for

SLUG = "gcm-its2-drivers"


@pytest.fixture
def server(transactional_db: None, settings: Any, server_thread: Any) -> Iterator[Any]:
    """`podium serve`'s HTTP protocol (headers on a deadline), sharing the test database."""
    from podium.people.loader import sync_reference_entities

    settings.ALLOWED_HOSTS = ["*"]
    sync_reference_entities()
    running = server_thread(http="podium.live.http:TimedHttpToolsProtocol").start()
    try:
        yield running
    finally:
        running.stop()


def trickle(port: int, path: str, token: str, length: int = 100) -> socket.socket:
    """A connection that sent its headers (signed in by `token`) and the first byte of a
    `length`-byte body."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nContent-Length: {length}\r\n\r\n{{".encode()
    )
    return s


def test_bodies_trickled_by_more_clients_than_threads_hold_no_request_thread(
    server: Any, seed: Any
) -> None:
    """Finding: 10 connections trickling a body stalled every request thread for everyone."""
    from podium import asgi

    mex = token_for("mex")
    slow = [trickle(server.port, f"/api/sessions/{SLUG}/floor", mex) for _ in range(12)]
    assert len(slow) > asgi.MAX_CONCURRENT_REQUESTS
    time.sleep(0.3)  # their headers and first bytes are in
    # every request thread is free: a read and a command are answered while they trickle on
    with urllib.request.urlopen(f"{server.url}/api/sessions/{SLUG}/floor", timeout=10) as r:
        assert r.status == 200
    status, _snap = api(
        server, token_for("mod1"), {"command": "open_segment", "segment": "panel-1"}
    )
    assert status == 200
    assert services._queues.get(SLUG) is None or not services._queues[SLUG].on_the_way
    for s in slow:
        s.close()


def test_a_stalled_body_is_answered_408_and_stalled_headers_are_cut_off(
    server: Any, seed: Any, monkeypatch: Any
) -> None:
    from podium import asgi
    from podium.live import http

    monkeypatch.setattr(asgi, "BODY_IDLE_S", 0.3)
    s = trickle(server.port, f"/api/sessions/{SLUG}/floor", token_for("mex"))
    s.settimeout(10)
    answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408"), answer
    s.close()
    monkeypatch.setattr(http, "HEADER_TIMEOUT_S", 0.3)
    half = socket.create_connection(("127.0.0.1", server.port))
    half.sendall(b"GET /api/sessions/")  # and nothing more
    half.settimeout(10)
    assert half.recv(4096) == b""  # closed by the server
    half.close()
    silent = socket.create_connection(("127.0.0.1", server.port))
    silent.settimeout(10)
    assert silent.recv(4096) == b""
    silent.close()


def test_slugs_that_name_no_session_leave_nothing_behind(server: Any, seed: Any) -> None:
    """Finding: 40,000 POSTs to random slugs grew the server by 61 MB, never freed."""
    token = token_for("mod1")
    before = set(services._queues)
    for _ in range(50):
        slug = uuid.uuid4().hex
        req = urllib.request.Request(
            f"{server.url}/api/sessions/{slug}/floor",
            data=b'{"command": "close_segment"}',
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            method="POST",
        )
        try:
            urllib.request.urlopen(req, timeout=10)
        except urllib.error.HTTPError as e:
            assert e.code == 404
    assert set(services._queues) <= before | {SLUG}
