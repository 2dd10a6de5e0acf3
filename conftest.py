"""Test fixtures shared by every app: a real ASGI server and a real headless Chromium.

Where `CI` is set, a test that would skip (no browser, no PostgreSQL, no Redis) fails instead:
CI must prove what it claims to check.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    """Database connections close after each request in the test process: the test server's
    threads (ServerThread) must not hold connections to the test database when it is dropped.
    Servers started as subprocesses keep theirs (`PODIUM_CONN_MAX_AGE`), as in production."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    # the knowledge base indexes in the committing thread: what a test asserts is there when
    # its request returns, and no indexer thread holds a connection to the test database
    settings.PODIUM_KB_INDEX = "inline"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI, which must run it: {reason}"


@pytest.fixture(autouse=True)
def _own_rate_limit_buckets(settings: Any) -> None:
    """Each test gets its own Redis rate-limit buckets: user ids repeat from test to test (and
    run to run), and a bucket emptied by one test must not refuse the next one's commands."""
    import uuid

    from podium.live import ratelimit

    settings.LIVE_RATELIMIT_PREFIX = f"podium:rl:test-{uuid.uuid4().hex}:"
    ratelimit.reset()  # and the in-process ones


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """uvicorn serving podium.asgi in a thread of the test process (so it sees the test DB)."""

    def __init__(self, port: int = 0, **options: Any) -> None:
        import uvicorn

        from podium.asgi import application

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            **{"log_level": "warning", "lifespan": "on", **options},
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the ASGI test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def server_thread() -> type[ServerThread]:
    """ServerThread itself, for tests that start servers with their own uvicorn options
    (`server_thread(ws="websockets").start()`) and need no database."""
    return ServerThread


@pytest.fixture
def asgi_server(transactional_db: None, settings: Any) -> Iterator[ServerThread]:
    """A real ASGI server (HTTP + WebSockets) on a free port, sharing the test database."""
    settings.ALLOWED_HOSTS = ["*"]
    # Transactional tests flush every table, data migrations' rows included: put the
    # reference entities (States, groups, organizations) back, as a fresh database has them.
    from podium.people.loader import sync_reference_entities

    sync_reference_entities()
    server = ServerThread().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; never a downloaded browser.

    Function-scoped: Playwright's sync API keeps an event loop running in the main thread while
    it lives, which would break later tests that call asyncio.run()."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def postgres_url() -> str:
    """The PostgreSQL URL under test. Mark such tests `@pytest.mark.postgres`: `make test`
    deselects them in its SQLite pass and runs them in its PostgreSQL pass."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("DATABASE_URL does not point to PostgreSQL")
    return url


@pytest.fixture
def redis_url() -> str:
    """The Redis URL (REDIS_URL); skips locally, fails under CI when unset."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("REDIS_URL is not set")
    return url
