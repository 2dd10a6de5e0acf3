"""Several server processes sharing changes through Redis, and Redis going away and coming back.

Real uvicorn subprocesses serve `podium.live.tests.app` (podium.asgi plus a file-backed test
provider); the Redis-restart test runs its OWN redis-server on a free port.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from podium.live.tests.app import write_snapshot

from .conftest import RawClient, free_port, snapshot, stop_process

pytestmark = [pytest.mark.redis, pytest.mark.slow]


class Proc:
    def __init__(self, redis_url: str, directory: Path) -> None:
        self.port = free_port()
        env = dict(os.environ)
        env.update(
            REDIS_URL=redis_url,
            PODIUM_LIVE_TEST_DIR=str(directory),
            PODIUM_LIVE_FRAME_MS="0",  # every change as it comes: what is checked is its path
            PODIUM_DATA_DIR=str(directory),
            ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "podium.settings"),
        )
        env.pop("DATABASE_URL", None)  # the test provider reads files, not the database
        self.popen = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "podium.live.tests.app:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--lifespan",
                "on",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                self.get("/_test/pid")
                break
            except OSError:
                if time.monotonic() > deadline or self.popen.poll() is not None:
                    raise RuntimeError("test server did not start") from None
                time.sleep(0.05)

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
            return json.loads(r.read())

    def publish(self, slug: str, version: int) -> None:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/_test/publish/{slug}",
            data=snapshot(slug, version),
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 200

    def stop(self) -> None:
        stop_process(self.popen)


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Any]:
    started: list[Proc] = []

    def start(redis_url: str) -> Proc:
        p = Proc(redis_url, tmp_path)
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


def ws(slug: str) -> str:
    return f"/ws/sessions/{slug}/floor"


def test_two_processes_share_every_change_once(redis_url: str, procs: Any, tmp_path: Path) -> None:
    slug = "twoproc-" + os.urandom(4).hex()
    write_snapshot(tmp_path, slug, snapshot(slug, 1))
    a, b = procs(redis_url), procs(redis_url)
    on_a = RawClient(a.port, ws(slug))
    on_b = RawClient(b.port, ws(slug))
    for client in (on_a, on_b):
        client.read_until(lambda c: c.versions() == [1])
    for v in range(2, 31):
        a.publish(slug, v)
    # v31 comes from B once B has v30 (were it first, v30 would rightly be skipped as older)
    on_b.read_until(lambda c: c.versions()[-1:] == [30])
    b.publish(slug, 31)
    for client in (on_a, on_b):
        client.read_until(lambda c: c.versions()[-1:] == [31])
        assert client.versions() == list(range(1, 32))
    stats_a, stats_b = a.get("/_test/stats"), b.get("/_test/stats")
    # Each process applied each change once: its own from the local call, the others' from Redis.
    assert stats_a["hubs"][slug]["delivered"] == 31
    assert stats_b["hubs"][slug]["delivered"] == 31
    assert stats_a["bus_messages"] == 1  # only v31, from B
    assert stats_b["bus_messages"] == 29  # v2..v30, from A


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[Any]:
    """A redis-server of this test's own, which the test may kill and restart."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed")
    port = free_port()

    class Own:
        url = f"redis://127.0.0.1:{port}/0"
        popen: subprocess.Popen[bytes] | None = None

        def start(self) -> None:
            self.popen = subprocess.Popen(
                [
                    exe,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
            )

            deadline = time.monotonic() + 10
            while True:
                try:
                    redis.Redis.from_url(self.url).ping()
                    return
                except redis.ConnectionError:
                    assert time.monotonic() < deadline, "own redis did not start"
                    time.sleep(0.05)

        def kill(self) -> None:
            assert self.popen is not None
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait()

    own = Own()
    own.start()
    yield own
    if own.popen and own.popen.poll() is None:
        own.kill()


def test_redis_restart_resubscribes_and_screens_resync(
    redis_url: str, own_redis: Any, procs: Any, tmp_path: Path
) -> None:
    slug = "restart-" + os.urandom(4).hex()
    write_snapshot(tmp_path, slug, snapshot(slug, 1))
    a, b = procs(own_redis.url), procs(own_redis.url)
    screen = RawClient(b.port, ws(slug))
    screen.read_until(lambda c: c.versions() == [1])
    a.publish(slug, 2)
    screen.read_until(lambda c: c.versions() == [1, 2])

    own_redis.kill()
    # A command is committed on A while Redis is down: the notification is lost, yet B's screen
    # is not left stale (B polls the provider while its subscription is down).
    a.publish(slug, 3)
    screen.read_until(lambda c: c.versions()[-1:] == [3], timeout=15)

    own_redis.start()
    deadline = time.monotonic() + 15
    while not (b.get("/_test/stats")["bus_ok"] and b.get("/_test/stats")["resubscribed"] >= 1):
        assert time.monotonic() < deadline, "B never resubscribed"
        time.sleep(0.1)
    while not a.get("/_test/stats")["bus_ok"]:
        assert time.monotonic() < deadline, "A never resubscribed"
        time.sleep(0.1)
    a.publish(slug, 4)  # back to push notifications
    screen.read_until(lambda c: c.versions()[-1:] == [4])
    assert screen.versions() == [1, 2, 3, 4]
