"""Benchmark 3: 200 delegations request the floor within one second, through the real API.

A throwaway database (SQLite file, or a fresh PostgreSQL database created and dropped here), the
seed session with panel 1's discussion open (`podium.bench.scenario`), one server process as
`podium serve` runs it, and 200 `POST /api/sessions/<slug>/floor {"command": "request"}` with
each delegation's own Bearer token, sent 5 ms apart. Checked: every request accepted (HTTP 200),
every delegation in the line once, the line in the order the requests were sent, each answer a
snapshot that already shows the delegation's own request.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import orjson
import psycopg

from podium.bench.client import pct
from podium.core import commands
from podium.core.commands import Actor, Context, EntityInfo, StaticDirectory
from podium.core.floor import SegmentConfig, fold


async def _http(
    port: int, method: str, path: str, token: str, body: bytes = b""
) -> tuple[int, bytes]:
    r, w = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    w.write(head.encode() + body)
    await w.drain()
    data = await r.read()
    w.close()
    status = int(data.split(b" ", 2)[1])
    payload = data.split(b"\r\n\r\n", 1)[1]
    if b"transfer-encoding: chunked" in data.split(b"\r\n\r\n", 1)[0].lower():
        out, rest = b"", payload
        while rest:
            size_s, rest = rest.split(b"\r\n", 1)
            size = int(size_s, 16)
            if not size:
                break
            out, rest = out + rest[:size], rest[size + 2 :]
        payload = out
    return status, payload


async def _under_way(port: int, path: str, secretariat: str, delegates: list[list[str]]) -> None:
    """A session under way on this server: the chair has opened panel 1 and its discussion
    through it, and each delegation's phone has fetched the floor."""
    for command in (
        {"command": "open_segment", "segment": "panel-1"},
        {"command": "open_discussion"},
    ):
        status, answer = await _http(port, "POST", path, secretariat, json.dumps(command).encode())
        if status != 200:
            raise RuntimeError(f"{command['command']}: {status} {answer[:200]!r}")
    for _code, token in delegates:
        await _http(port, "GET", path, token)
    await asyncio.sleep(1.0)


async def _storm(
    port: int, slug: str, delegates: list[list[str]], gap: float, secretariat: str = ""
) -> dict[str, Any]:
    """The burst; after `_under_way` when the secretariat's token is given."""
    path = f"/api/sessions/{slug}/floor"
    body = json.dumps({"command": "request"}).encode()
    results: list[dict[str, Any]] = []
    if secretariat:
        await _under_way(port, path, secretariat, delegates)

    async def one(i: int, code: str, token: str) -> None:
        await asyncio.sleep(i * gap)
        t0 = time.perf_counter()
        status, payload = await _http(port, "POST", path, token, body)
        dt = time.perf_counter() - t0
        version, own = None, False
        if status == 200:
            snap = json.loads(payload)
            version = snap["version"]
            own = any(q["entity"] == code for line in snap["lines"].values() for q in line)
        results.append(
            {
                "i": i,
                "code": code,
                "status": status,
                "ms": dt * 1e3,
                "version": version,
                "own_in_answer": own,
                "error": payload[:200].decode(errors="replace") if status != 200 else "",
            }
        )

    t = time.perf_counter()
    await asyncio.gather(*(one(i, c, tok) for i, (c, tok) in enumerate(delegates)))
    span = time.perf_counter() - t
    status, final = await _http(port, "GET", path, delegates[0][1])
    return {"results": results, "final": json.loads(final), "span_s": span}


def _out_of_place(sent: list[str], decided: list[str]) -> int:
    """How many requests were decided out of their send order: those outside the longest run
    that kept it (one late request counts once, not for every one it moved)."""
    position = {code: i for i, code in enumerate(sent)}
    tails: list[int] = []
    for code in decided:
        p = position.get(code, -1)
        k = bisect.bisect_left(tails, p)
        tails[k : k + 1] = [p]
    return len(decided) - len(tails)


def _check(out: dict[str, Any], n: int) -> dict[str, Any]:
    """Every request accepted, every delegation in the line once, and the line in the order the
    requests were sent: request ids (given in the order the server decides) ascending along each
    line and, across lines, in the send order. (Versions are not distinct: requests that arrive
    while a transaction is written are decided together and answered with the same snapshot.)"""
    res = out["results"]
    errors = [r for r in res if r["status"] != 200]
    lines = out["final"]["lines"]
    queued = [item for name in ("member_states", "observers") for item in lines.get(name, [])]
    codes = [q["entity"] for q in queued]

    def rid(q: dict[str, Any]) -> int:
        return int(str(q.get("id", q.get("request_id", "r0")))[1:])

    lines_ascending = all(
        [rid(q) for q in lines.get(name, [])] == sorted(rid(q) for q in lines.get(name, []))
        for name in ("member_states", "observers")
    )
    decided_order = [q["entity"] for q in sorted(queued, key=rid)]
    version_of = {r["code"]: r["version"] for r in res if r["version"] is not None}
    answered = [version_of.get(code, -1) for code in decided_order]
    sent_order = [r["code"] for r in sorted(res, key=lambda r: r["i"])]
    swaps = _out_of_place(sent_order, decided_order)
    # each answer is a snapshot at or after its own command: never older than an earlier one's
    follow = answered == sorted(answered)
    ms = [r["ms"] for r in res]
    return {
        "n": n,
        "ok": n - len(errors),
        "errors": [e["error"] for e in errors[:3]],
        "in_line": len(set(codes)),
        "duplicates": len(codes) - len(set(codes)),
        "lines_ascending": lines_ascending,
        "versions_follow_ids": follow,
        "own_in_answer": all(r["own_in_answer"] for r in res if r["status"] == 200),
        "arrival_order": lines_ascending and follow and swaps == 0,
        "not_in_send_order": swaps,
        "p50_ms": pct(ms, 0.5),
        "p99_ms": pct(ms, 0.99),
        "max_ms": max(ms),
        "span_s": out["span_s"],
    }


def _pg_database(base: str) -> tuple[str, Any]:
    name = f"podium_bench_{os.getpid()}_{int(time.time())}"
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def run(db: str, n: int = 200, gap: float = 0.005, warm: bool = True) -> dict[str, Any]:
    """One burst on a fresh server; `warm`: in a session under way (`_under_way`), else as the
    server's first work."""
    from podium.bench.__main__ import django_env, run_scenario, start_podium  # cycle: it imports us

    with tempfile.TemporaryDirectory(prefix="podium-bench-floor-") as tmp:
        env = django_env(PODIUM_DATA_DIR=tmp)
        env.pop("REDIS_URL", None)
        drop = None
        if db == "postgres":
            base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/podium"
            env["DATABASE_URL"], drop = _pg_database(base)
        else:
            env.pop("DATABASE_URL", None)
        try:
            # under way: the server itself opens the discussion; else the set-up did
            sc = run_scenario(env, "--delegations", str(n), *(["--no-discussion"] if warm else []))
            srv = start_podium("podium.asgi:application", env)
            try:
                chair = sc["secretariat"] if warm else ""
                out = asyncio.run(_storm(srv.port, sc["slug"], sc["delegates"], gap, chair))
            finally:
                srv.stop()
        finally:
            if drop is not None:
                drop()
    result = _check(out, len(sc["delegates"]))
    result["db"] = db
    result["warm"] = warm
    return result


def boundary_cost(waiting: int = 199, rounds: int = 2000) -> dict[str, float]:
    """What the typed boundary and the core's decision cost per request to speak (µs, one
    core): the body decoded and parsed against its schema, then authorized and decided on a
    floor where `waiting` requests already wait (the 200th of a burst)."""
    cfg = SegmentConfig(id="panel-1", title="Panel 1")
    codes = [f"S{n:03d}" for n in range(waiting + 1)]
    entities = {c: EntityInfo(c, f"State {c}", "member-state") for c in codes}
    where = StaticDirectory(entities, {cfg.id: cfg})
    now = datetime(2017, 5, 22, 15, 0, tzinfo=UTC)
    chair = Actor.system()
    state = fold([])
    for body in ({"command": "open_segment", "segment": cfg.id}, {"command": "open_discussion"}):
        out = commands.decide(state, commands.command(**body), Context(chair, now, where))
        assert isinstance(out, list)
        state = fold(out, state)
    for c in codes[:-1]:
        out = commands.decide(
            state, commands.command(command="request", entity=c), Context(chair, now, where)
        )
        assert isinstance(out, list)
        state = fold(out, state)
    last = codes[-1]
    delegate = Actor(username="d", delegations={last: entities[last]}, person="A. Delegate")
    raw = b'{"command": "request"}'

    def timed(fn: Any) -> float:
        start = time.perf_counter()
        for _ in range(rounds):
            fn()
        return (time.perf_counter() - start) / rounds * 1e6

    parse_us = timed(lambda: commands.parse(orjson.loads(raw)))
    cmd = commands.parse(orjson.loads(raw))
    assert not isinstance(cmd, commands.Refusal)
    ctx = Context(delegate, now, where)
    decide_us = timed(lambda: commands.decide(state, cmd, ctx))
    fold_us = timed(lambda: fold(commands.decide(state, cmd, ctx), state))  # type: ignore[arg-type]
    return {"parse_us": parse_us, "decide_us": decide_us, "fold_us": fold_us - decide_us}


def text(results: list[dict[str, Any]]) -> str:
    rows = [
        "One server process (as `podium serve`), 200 delegations each with its own token, "
        '`POST /api/sessions/<slug>/floor {"command": "request"}` sent 5 ms apart (all within '
        "one second), on a fresh connection each. Goal: all recorded in arrival order, no "
        "error, p99 ≤ 50 ms. *Under way*: the chair opened panel 1 and its discussion through "
        "this server and each delegation's phone fetched the floor before the burst; *just "
        "started*: the burst is the server's first work.",
        "",
        "| database | server | accepted | in the line (dupl.) | line in arrival order "
        "| p50 / p99 / max ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        order = "yes" if r["arrival_order"] else f"NO ({r['not_in_send_order']} out of place)"
        rows.append(
            f"| {r['db']} | {'under way' if r.get('warm', True) else 'just started'} | "
            f"{r['ok']}/{r['n']} | {r['in_line']} ({r['duplicates']}) | {order} | "
            f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} / {r['max_ms']:.1f} |"
        )
        if r["errors"]:
            rows.append(f"|  |  | errors: {'; '.join(r['errors'])} | | | |")
    cost = boundary_cost()
    rows += [
        "",
        "What the typed boundary costs per request to speak (one core, the 200th of a burst, "
        f"199 waiting): body decoded and parsed against its schema {cost['parse_us']:.1f} µs; "
        f"authorized and decided by the core {cost['decide_us']:.1f} µs; folded into the state "
        f"{cost['fold_us']:.1f} µs.",
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    dbs = sys.argv[1:] or ["sqlite", "postgres"]
    print(text([run(db, warm=warm) for db in dbs for warm in (True, False)]))
