"""Benchmark 3: 200 delegations request the floor within one second, through the real API.

A throwaway database (SQLite file, or a fresh PostgreSQL database created and dropped here), the
seed session with panel 1's discussion open (`podium.bench.scenario`), one server process as
`podium serve` runs it, and 200 `POST /api/sessions/<slug>/floor {"command": "request"}` with
each delegation's own Bearer token, sent 5 ms apart. Checked: every request accepted (HTTP 200),
every delegation in the line once, the line in the order the server accepted them (request ids
and versions ascending together), each client's own snapshot version distinct.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from podium.bench.client import pct


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


async def _storm(port: int, slug: str, delegates: list[list[str]], gap: float) -> dict[str, Any]:
    path = f"/api/sessions/{slug}/floor"
    body = json.dumps({"command": "request"}).encode()
    results: list[dict[str, Any]] = []

    async def one(i: int, code: str, token: str) -> None:
        await asyncio.sleep(i * gap)
        t0 = time.perf_counter()
        status, payload = await _http(port, "POST", path, token, body)
        dt = time.perf_counter() - t0
        version = None
        if status == 200:
            version = json.loads(payload)["version"]
        results.append(
            {
                "i": i,
                "code": code,
                "status": status,
                "ms": dt * 1e3,
                "version": version,
                "error": payload[:200].decode(errors="replace") if status != 200 else "",
            }
        )

    t = time.perf_counter()
    await asyncio.gather(*(one(i, c, tok) for i, (c, tok) in enumerate(delegates)))
    span = time.perf_counter() - t
    status, final = await _http(port, "GET", path, delegates[0][1])
    return {"results": results, "final": json.loads(final), "span_s": span}


def _check(out: dict[str, Any], n: int) -> dict[str, Any]:
    res = out["results"]
    errors = [r for r in res if r["status"] != 200]
    lines = out["final"]["lines"]
    queued = [item for name in ("member_states", "observers") for item in lines.get(name, [])]
    codes = [q["entity"] for q in queued]
    version_of = {r["code"]: r["version"] for r in res if r["version"] is not None}
    in_order = True
    for name in ("member_states", "observers"):
        seq = [version_of.get(q["entity"], -1) for q in lines.get(name, [])]
        ids = [int(str(q.get("id", q.get("request_id", "r0")))[1:]) for q in lines.get(name, [])]
        if seq != sorted(seq) or ids != sorted(ids):
            in_order = False
    ms = [r["ms"] for r in res]
    sent_order = [r["code"] for r in sorted(res, key=lambda r: r["i"])]
    accepted_order = sorted(version_of, key=lambda c: version_of[c])
    swaps = sum(1 for a, b in zip(sent_order, accepted_order, strict=False) if a != b)
    return {
        "n": n,
        "ok": n - len(errors),
        "errors": [e["error"] for e in errors[:3]],
        "in_line": len(set(codes)),
        "duplicates": len(codes) - len(set(codes)),
        "arrival_order": in_order,
        "versions_distinct": len(set(version_of.values())) == len(version_of),
        "accepted_not_in_send_order": swaps,
        "p50_ms": pct(ms, 0.5),
        "p99_ms": pct(ms, 0.99),
        "max_ms": max(ms),
        "span_s": out["span_s"],
    }


def _pg_database(base: str) -> tuple[str, Any]:
    import psycopg

    name = f"podium_bench_{os.getpid()}_{int(time.time())}"
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def run(db: str, n: int = 200, gap: float = 0.005) -> dict[str, Any]:
    from podium.bench.__main__ import django_env, run_scenario, start_podium

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
            sc = run_scenario(env, "--delegations", str(n))
            srv = start_podium("podium.asgi:application", env)
            try:
                out = asyncio.run(_storm(srv.port, sc["slug"], sc["delegates"], gap))
            finally:
                srv.stop()
        finally:
            if drop is not None:
                drop()
    result = _check(out, len(sc["delegates"]))
    result["db"] = db
    return result


def text(results: list[dict[str, Any]]) -> str:
    rows = [
        "One server process (as `podium serve`), 200 delegations each with its own token, "
        '`POST /api/sessions/<slug>/floor {"command": "request"}` sent 5 ms apart (all within '
        "one second). Goal: all recorded in arrival order, no error, p99 ≤ 50 ms.",
        "",
        "| database | accepted | in the line (dupl.) | arrival order kept | p50 / p99 / max ms |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        rows.append(
            f"| {r['db']} | {r['ok']}/{r['n']} | {r['in_line']} ({r['duplicates']}) | "
            f"{'yes' if r['arrival_order'] and r['versions_distinct'] else 'NO'} | "
            f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} / {r['max_ms']:.1f} |"
        )
        if r["errors"]:
            rows.append(f"|  | errors: {'; '.join(r['errors'])} | | | |")
    return "\n".join(rows)


if __name__ == "__main__":
    dbs = sys.argv[1:] or ["sqlite", "postgres"]
    print(text([run(db) for db in dbs]))
