"""Smoke version of benchmark 3 (correctness only, no timing): 30 delegations request the floor at
the same moment through the real API of a real server process (as `podium serve` runs it, on a
throwaway database of its own: a SQLite file with WAL, or a fresh PostgreSQL database); every
request is accepted, once, the line is in the order the server accepted them, and each answer
already shows the delegation's own request (requests decided together share one snapshot)."""

from __future__ import annotations

import pytest

from podium.bench.floorbench import run

pytestmark = pytest.mark.slow


def _assert_all_in_order(result: dict[str, object]) -> None:
    assert result["errors"] == [] and result["ok"] == 30
    assert result["in_line"] == 30 and result["duplicates"] == 0
    assert result["lines_ascending"] and result["versions_follow_ids"]
    assert result["own_in_answer"]


def test_simultaneous_requests_on_sqlite() -> None:
    _assert_all_in_order(run("sqlite", n=30, gap=0.0))


@pytest.mark.postgres
def test_simultaneous_requests_on_postgresql(postgres_url: str) -> None:
    _assert_all_in_order(run("postgres", n=30, gap=0.0))
