"""Several operators at once: every accepted command lands once, the log stays contiguous, and
its fold is the state every worker reports."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from podium.core.commands import Refusal
from podium.core.floor import fold
from podium.floor import services
from podium.floor.models import FloorEvent

CODES = ["MEX", "BGD", "DEU", "NGA", "FRA", "BRA", "IND", "KEN"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_corrupt_the_log(seed: Any) -> None:
    services.execute(seed, {"command": "open_segment", "segment": "panel-1"})
    services.execute(seed, {"command": "open_discussion"})
    results: dict[str, Any] = {}
    start = threading.Barrier(len(CODES))

    def worker(code: str) -> None:
        try:
            start.wait()
            if code in ("FRA", "BRA"):  # two "workers" without the shared cache
                services.forget()
            results[code] = services.execute(seed, {"command": "request", "entity": code})
        except Exception as exc:  # noqa: BLE001 - reported below
            results[code] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(c,)) for c in CODES]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(not isinstance(r, (Exception, Refusal)) for r in results.values()), results
    seqs = list(FloorEvent.objects.filter(session=seed).values_list("seq", flat=True))
    assert seqs == list(range(1, 2 + len(CODES) + 1))
    services.forget()
    state = services.state_of(seed)
    assert state == fold(services.log_of(seed))
    assert sorted(r.entity for r in state.lines["member_states"]) == sorted(CODES)
