"""Rate limiting (in-process and shared through Redis) and the `podium serve` command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from podium.live import ratelimit

from .conftest import RawClient, free_port


def test_rate_limit_in_process(settings: Any) -> None:
    settings.REDIS_URL = ""
    key = "user:" + os.urandom(4).hex()
    assert [ratelimit.allow(key, rate_per_s=0.001, burst=3) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert ratelimit.allow(key + "-other", rate_per_s=0.001, burst=1)


@pytest.mark.redis
def test_rate_limit_shared_through_redis(settings: Any, redis_url: str) -> None:
    settings.REDIS_URL = redis_url
    key = "user:" + os.urandom(4).hex()
    assert [ratelimit.allow(key, rate_per_s=0.001, burst=2) for _ in range(2)] == [True, True]
    ratelimit.reset()  # another worker: no local memory, same Redis bucket
    assert ratelimit.allow(key, rate_per_s=0.001, burst=2) is False


def test_serve_refuses_the_development_secret_key(settings: Any) -> None:
    """Finding: `podium serve` started silently with the default SECRET_KEY."""
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    settings.DEBUG = settings.DEMO = False
    with pytest.raises(CommandError, match="SECRET_KEY"):
        call_command("serve")


def test_serve_refuses_several_workers_without_redis(settings: Any) -> None:
    settings.SECRET_KEY = "a-test-key-" + "x" * 40
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("serve", "--workers", "2")


@pytest.mark.redis
@pytest.mark.slow
def test_serve_runs_several_workers(redis_url: str, tmp_path: Any) -> None:
    port = free_port()
    env = dict(os.environ, REDIS_URL=redis_url, PODIUM_DATA_DIR=str(tmp_path), PODIUM_DEMO="1")
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "podium", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline() + proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in banner and "2 worker(s)" in banner
        deadline = time.monotonic() + 20
        while True:
            try:
                client = RawClient(port, "/ws/nothing")
                break
            except OSError:
                assert time.monotonic() < deadline, "podium serve did not start"
                time.sleep(0.1)
        # The WebSocket endpoint answers on the workers (this path is not a floor socket).
        assert client.read_to_close() == (4404, "no such socket")
    finally:
        proc.terminate()
        proc.wait(15)
