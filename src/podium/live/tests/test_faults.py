"""Faults with real processes, on PostgreSQL (the production setup): a worker killed with -9 in
the middle of an intervention, and the database connection lost under commands."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from podium.bench.scenario import setup as setup_scenario
from podium.floor.models import FloorEvent

from .conftest import RawClient
from .faults import CuttableProxy, Served

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _db_url(port: int | None = None) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return (
        f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}/{db['NAME']}"
    )


def api(base: str, slug: str, token: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(
        f"{base}/api/sessions/{slug}/floor",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


@pytest.fixture
def scenario(postgres_url: str, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return setup_scenario(delegations=3)


@pytest.fixture
def served(tmp_path: Any) -> Iterator[Any]:
    started: list[Served] = []

    def start(env: dict[str, str], workers: int = 2) -> Served:
        full = {"PODIUM_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "127.0.0.1"}
        full.update(env)
        s = Served(full, workers=workers)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def test_kill_9_mid_intervention_loses_nothing_and_the_timer_runs_on(
    scenario: dict[str, Any], served: Any, redis_url: str
) -> None:
    slug, chair = scenario["slug"], scenario["secretariat"]
    (code, token), *_ = scenario["delegates"]
    server = served({"DATABASE_URL": _db_url(), "REDIS_URL": redis_url}, workers=2)
    assert api(server.url, slug, token, {"command": "request"})[0] == 200
    status, before = api(server.url, slug, chair, {"command": "call_next"})
    assert status == 200 and before["current"]["entity"] == code
    assert before["current"]["timer"]["started_at"]
    t_before = time.monotonic()

    old = server.workers()
    assert len(old) == 2
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while True:  # uvicorn's supervisor starts new workers
        new = server.workers()
        if len(new) == 2 and not set(new) & set(old):
            break
        assert time.monotonic() < deadline, f"workers were not restarted: {old} -> {new}"
        time.sleep(0.2)

    screen = None
    while screen is None:
        try:
            screen = RawClient(server.port, f"/ws/sessions/{slug}/floor")
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.2)
    screen.read_until(lambda c: len(c.versions()) >= 1, timeout=20)
    after = json.loads(screen.messages[0])
    waited = time.monotonic() - t_before
    # Same state, rebuilt from the log by a new process ...
    assert after["version"] == before["version"]
    assert after["current"]["entity"] == code
    assert after["current"]["called_at"] == before["current"]["called_at"]
    timer_b, timer_a = before["current"]["timer"], after["current"]["timer"]
    assert timer_a["started_at"] == timer_b["started_at"] and timer_a["paused_at"] is None
    # ... and the timer is where it truly is: it kept running while no worker was alive.
    assert timer_a["elapsed_s"] >= timer_b["elapsed_s"] + waited - 1.0
    # The floor goes on: the next command is accepted on the restarted workers.
    status, paused = api(server.url, slug, chair, {"command": "pause_timer"})
    assert status == 200 and paused["version"] > before["version"]


def test_database_lost_commands_get_503_nothing_half_written_then_recovery(
    scenario: dict[str, Any], served: Any
) -> None:
    slug = scenario["slug"]
    (_a, token_a), (_b, token_b), (_c, token_c) = scenario["delegates"]
    proxy = CuttableProxy(("127.0.0.1", 5432))
    try:
        server = served({"DATABASE_URL": _db_url(proxy.port)}, workers=1)
        status, snap = api(server.url, slug, token_a, {"command": "request"})
        assert status == 200
        events_before = FloorEvent.objects.count()
        pid = server.workers()

        proxy.cut()
        for token in (token_b, token_c):
            status, body = api(server.url, slug, token, {"command": "request"})
            assert status == 503, body
            assert "database is unavailable" in body["error"]
        assert FloorEvent.objects.count() == events_before  # nothing half-written

        proxy.restore()
        status, snap2 = api(server.url, slug, token_b, {"command": "request"})
        assert status == 200, snap2  # recovered without a restart
        assert server.workers() == pid
        assert snap2["version"] == snap["version"] + 1
        assert FloorEvent.objects.count() == events_before + 1
    finally:
        proxy.close()
