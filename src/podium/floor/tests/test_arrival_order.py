"""Commands are decided in the order they reached the server, and those that wait while another
transaction is written are decided together, each with its own answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from podium.core.commands import Actor, Command, Refusal, command
from podium.floor import services

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "gcm-its2-drivers"
CODES = ["MEX", "BGD", "DEU", "NGA", "FRA", "KEN"]


def _discussing(seed: Any) -> None:
    services.execute(seed, {"command": "open_segment", "segment": "panel-1"})
    services.execute(seed, {"command": "open_discussion"})


def _request(code: str) -> Command:
    return command(command="request", entity=code)


CHAIR = Actor.system("mod1")


def _accept(seed: Any, cmd: Command, ticket: int, actor: Actor = CHAIR) -> Any:
    return services.accept(seed, cmd, actor, services.directory_of(seed), ticket)


def _in_thread(results: dict[str, Any], key: str, fn: Callable[[], Any]) -> threading.Thread:
    def run() -> None:
        try:
            results[key] = fn()
        except Exception as exc:  # noqa: BLE001 - checked by the test
            results[key] = exc
        finally:
            connection.close()

    t = threading.Thread(target=run)
    t.start()
    return t


def _line(seed: Any) -> list[str]:
    services.forget()
    return [r.entity for r in services.state_of(seed).lines["member_states"]]


def test_the_line_follows_arrival_even_when_later_requests_reach_the_floor_first(
    seed: Any,
) -> None:
    """Six requests arrive in order, but reach the floor in the reverse order (the first ones
    were slower to authenticate): the line is still in the order they arrived."""
    _discussing(seed)
    tickets = {code: services.arrived(SLUG) for code in CODES}
    results: dict[str, Any] = {}
    threads = []
    for code in reversed(CODES):
        threads.append(
            _in_thread(results, code, lambda c=code: _accept(seed, _request(c), tickets[c]))
        )
        time.sleep(0.02)
    for t in threads:
        t.join(timeout=30)
    assert all(not isinstance(r, (Exception, Refusal)) for r in results.values()), results
    assert _line(seed) == CODES


def test_commands_waiting_together_are_decided_together_each_with_its_own_answer(
    seed: Any,
) -> None:
    """While an earlier command is still on its way, four others wait; when it turns out not to
    be a command after all, the four are decided in one transaction: one accepted, one refused
    by the rules, one refused by who may send it, one accepted — in arrival order."""
    from podium.people.directory import info_of
    from podium.people.models import Entity

    _discussing(seed)
    services.execute(seed, _request("FRA"))
    first = services.arrived(SLUG)  # on its way, never decided (say, a bad token)
    later = [services.arrived(SLUG) for _ in range(4)]
    bgd = Entity.objects.get(code="BGD")
    delegate_of_bangladesh = Actor(username="bgd", delegations={"BGD": info_of(bgd)})
    sent = [
        (_request("MEX"), CHAIR),
        (_request("FRA"), CHAIR),
        (_request("DEU"), delegate_of_bangladesh),
        (_request("KEN"), CHAIR),
    ]
    results: dict[str, Any] = {}
    threads = [
        _in_thread(results, str(i), lambda i=i: _accept(seed, sent[i][0], later[i], sent[i][1]))
        for i in range(4)
    ]
    time.sleep(0.1)
    assert results == {}  # all four wait for the one that arrived first
    services.gone(SLUG, first)
    for t in threads:
        t.join(timeout=30)

    mex, fra, mine, ken = (results[str(i)] for i in range(4))
    assert isinstance(fra, Refusal) and fra.code == "already_in_line"
    assert isinstance(mine, Refusal) and mine.code == "not_your_delegation"
    assert [e.type for e in mex.events] == [e.type for e in ken.events] == ["request_made"]
    assert mex.state.version == ken.state.version == services.state_of(seed).version
    assert mex.payload == ken.payload  # one snapshot for the batch, which shows both
    assert _line(seed) == ["FRA", "MEX", "KEN"]


def test_an_announced_command_that_never_comes_does_not_hold_the_floor(
    seed: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "ARRIVAL_WAIT_S", 0.2)
    _discussing(seed)
    services.arrived(SLUG)  # never decided, never said gone
    ticket = services.arrived(SLUG)
    results: dict[str, Any] = {}
    t = _in_thread(results, "MEX", lambda: _accept(seed, _request("MEX"), ticket))
    t.join(timeout=30)
    assert not t.is_alive()
    assert not isinstance(results["MEX"], (Exception, Refusal)), results
    assert _line(seed) == ["MEX"]
    # and it is not waited for again
    assert services.execute(seed, _request("KEN")) is not None
    assert _line(seed) == ["MEX", "KEN"]


def test_commands_through_the_server_take_a_ticket_on_arrival_and_give_it_back(
    asgi_server: Any, seed: Any, monkeypatch: Any
) -> None:
    """The wiring: `podium.asgi` gives each floor command its ticket as it arrives, the view
    decides the command with it, and the ticket is released with the answer, whether the
    command was accepted or refused."""
    import json
    import urllib.error
    import urllib.request

    from django.contrib.auth import get_user_model

    from podium.people.models import ApiToken

    _discussing(seed)
    decided_with: list[int | None] = []
    accept = services.accept

    def recording(session: Any, cmd: Any, actor: Any, where: Any, ticket: Any = None) -> Any:
        decided_with.append(ticket)
        return accept(session, cmd, actor, where, ticket)

    monkeypatch.setattr(services, "accept", recording)
    _t, raw = ApiToken.issue(get_user_model().objects.get(username="mex"))

    def post(body: dict[str, Any]) -> int:
        req = urllib.request.Request(
            f"{asgi_server.url}/api/sessions/{SLUG}/floor",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {raw}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                return int(r.status)
        except urllib.error.HTTPError as e:
            return int(e.code)

    assert post({"command": "request"}) == 200
    assert post({"command": "request"}) == 400  # already in line: refused by the rules
    assert post({"command": "call_next"}) == 403  # not a chair: refused on the floor's state
    assert post({"command": "call_next", "start": "no"}) == 400  # malformed: never decided
    assert len(decided_with) == 3 and all(isinstance(t, int) for t in decided_with)
    assert decided_with[0] < decided_with[1] < decided_with[2]
    assert SLUG not in services._queues  # nothing left to wait for, nothing kept
    assert _line(seed) == ["MEX"]
