"""Fixtures for the live layer: a test snapshot provider and real servers/clients."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State
from websockets.uri import parse_uri

from podium.live import notify, provider


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(popen: subprocess.Popen[Any], timeout: float = 10) -> None:
    """Terminate a server subprocess; kill it if it has not exited within `timeout` seconds."""
    popen.terminate()
    try:
        popen.wait(timeout)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait()


def snapshot(slug: str, version: int, pad: int = 0) -> bytes:
    """A floor-like snapshot (the live layer only relies on `version`)."""
    return json.dumps(
        {"version": version, "session": slug, "server_time": time.time(), "pad": "x" * pad},
        separators=(",", ":"),
    ).encode()


class Snapshots:
    """A test provider: the newest snapshot of each session, as the floor app would give."""

    def __init__(self) -> None:
        self.data: dict[str, tuple[int, bytes]] = {}
        self.calls = 0

    def __call__(self, slug: str) -> tuple[int, bytes] | None:
        self.calls += 1
        return self.data.get(slug)

    def new_session(self) -> str:
        slug = "s-" + uuid.uuid4().hex[:10]
        self.data[slug] = (1, snapshot(slug, 1))
        return slug

    def publish(self, slug: str, version: int, pad: int = 0) -> bytes:
        payload = snapshot(slug, version, pad)
        self.data[slug] = (version, payload)
        notify.publish(slug, version, payload)
        return payload


@pytest.fixture
def snapshots() -> Iterator[Snapshots]:
    snaps = Snapshots()
    previous = provider.register(snaps)
    try:
        yield snaps
    finally:
        provider.register(previous)


@pytest.fixture
def ws_server(settings: Any, server_thread: Any) -> Iterator[Any]:
    """The root conftest's ServerThread (uvicorn serving podium.asgi in a thread), no database;
    every change sent as it comes (coalescing is tested on its own)."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.PODIUM_LIVE_FRAME_MS = 0
    server = server_thread().start()
    try:
        yield server
    finally:
        server.stop()


class RawClient:
    """A WebSocket client on a plain socket (websockets' Sans-I/O protocol): it reads only when
    told to, so a test can play a slow screen."""

    def __init__(self, port: int, path: str, origin: str = "", rcvbuf: int = 0) -> None:
        self.sock = socket.socket()
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.connect(("127.0.0.1", port))
        self.sock.settimeout(10)
        self.proto = ClientProtocol(parse_uri(f"ws://127.0.0.1:{port}{path}"), max_size=None)
        request = self.proto.connect()
        if origin:
            request.headers["Origin"] = origin
        self.proto.send_request(request)
        self.flush()
        self.messages: list[bytes] = []
        self.closed: tuple[int, str] | None = None
        while self.proto.handshake_exc is None and not self._handshaken():
            self.pump()

    def _handshaken(self) -> bool:
        return self.proto.state is not State.CONNECTING

    def flush(self) -> None:
        for data in self.proto.data_to_send():
            if data:
                self.sock.sendall(data)

    def pump(self) -> bool:
        """Read once; False at end of stream."""
        try:
            data = self.sock.recv(1 << 20)
        except (ConnectionResetError, TimeoutError):
            data = b""
        if not data:
            self.proto.receive_eof()
            if self.closed is None:
                self.closed = (1006, "")
            return False
        self.proto.receive_data(data)
        for event in self.proto.events_received():
            if isinstance(event, Frame):
                if event.opcode is Opcode.TEXT:
                    self.messages.append(bytes(event.data))
                elif event.opcode is Opcode.CLOSE and self.proto.close_rcvd is not None:
                    self.closed = (self.proto.close_rcvd.code, self.proto.close_rcvd.reason)
        self.flush()
        return True

    def send_text(self, text: str) -> None:
        self.proto.send_text(text.encode())
        self.flush()

    def versions(self) -> list[int]:
        return [json.loads(m)["version"] for m in self.messages if b'"type"' not in m[:10]]

    def read_until(self, predicate: Any, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; got {self.versions()[-5:]}, closed={self.closed}")
            if self.closed is not None or not self.pump():
                if predicate(self):
                    return
                raise AssertionError(f"closed {self.closed} before the expected messages")

    def read_to_close(self, timeout: float = 10) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while self.closed is None and time.monotonic() < deadline:
            if not self.pump():
                break
        assert self.closed is not None, "the server did not close the socket"
        return self.closed

    def close(self) -> None:
        self.sock.close()
