"""Fan-out load client (the method of ../shared/bench/fanout_client.py, adapted).

Opens N WebSocket connections (a minimal hand-written client on raw asyncio protocols, cheaper
than websockets' own so that the server, not the client, is measured),
triggers B broadcasts with `POST <trigger>` (one at a time: the next only after the previous fully
arrived), and reports the time from trigger to the LAST client's receipt (p50/p99/max), messages
lost or out of order, server RSS per connection and server CPU per broadcast.

Messages must begin with `{"<key>":<number>,` (`seq` for the bare server, `version` for Podium);
`--base` is the number carried by broadcast 0.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import sys
import time
from typing import Any

clk = time.perf_counter


def rss_kb(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def cpu_s(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except FileNotFoundError:
            pass
    return total


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


async def run(a: Any) -> dict[str, Any]:
    B, N, base = a.broadcasts, a.n, a.base
    recv = [[0.0] * N for _ in range(B)]
    cnt = [0] * B
    done = [asyncio.Event() for _ in range(B)]
    last_seen = [-1] * N
    disorder = [0]
    loop = asyncio.get_running_loop()

    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {a.path} HTTP/1.1\r\nHost: 127.0.0.1:{a.port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()

    def receipt(i: int, m: bytes, t: float) -> None:
        c = m.index(b":")
        seq = int(m[c + 1 : m.index(b",", c)]) - base
        if 0 <= seq < B:
            if seq <= last_seen[i]:
                disorder[0] += 1
            last_seen[i] = seq
            recv[seq][i] = t
            cnt[seq] += 1
            if cnt[seq] == N:
                done[seq].set()

    class Lean(asyncio.Protocol):
        """A minimal client: one upgrade request, then unmasked server frames parsed by hand
        (a few microseconds per message, so that the client is not what is measured)."""

        def __init__(self, i: int, fut: asyncio.Future[bool]) -> None:
            self.i, self.fut, self.buf, self.open = i, fut, b"", False

        def connection_made(self, tr: Any) -> None:
            self.tr = tr
            tr.write(request)

        def data_received(self, data: bytes) -> None:
            t = clk()
            buf = self.buf + data if self.buf else data
            if not self.open:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    self.buf = buf
                    return
                if not buf.startswith(b"HTTP/1.1 101"):
                    self.fut.set_exception(ConnectionError(buf[:40].decode(errors="replace")))
                    return
                self.open = True
                self.fut.set_result(True)
                buf = buf[end + 4 :]
            pos, n = 0, len(buf)
            while n - pos >= 2:
                op, ln = buf[pos] & 0x0F, buf[pos + 1] & 0x7F
                head = 2
                if ln == 126:
                    if n - pos < 4:
                        break
                    ln, head = int.from_bytes(buf[pos + 2 : pos + 4], "big"), 4
                elif ln == 127:
                    if n - pos < 10:
                        break
                    ln, head = int.from_bytes(buf[pos + 2 : pos + 10], "big"), 10
                if n - pos < head + ln:
                    break
                body = buf[pos + head : pos + head + ln]
                pos += head + ln
                if op == 1:
                    receipt(self.i, body, t)
                elif op == 9:  # ping -> pong (masked with a zero key)
                    self.tr.write(bytes((0x8A, 0x80 | len(body))) + b"\0\0\0\0" + body)
            self.buf = buf[pos:] if pos < n else b""

        def connection_lost(self, exc: Any) -> None:
            if not self.fut.done():
                self.fut.set_exception(ConnectionError("lost during handshake"))

    conns: list[Any] = [None] * N
    sem = asyncio.Semaphore(a.open_concurrency)

    async def open_one(i: int) -> None:
        async with sem:
            for attempt in range(5):
                try:
                    fut: asyncio.Future[bool] = loop.create_future()
                    _tr, pr = await loop.create_connection(
                        lambda fut=fut: Lean(i, fut), "127.0.0.1", a.port
                    )
                    await asyncio.wait_for(fut, 30)
                    conns[i] = pr
                    return
                except (TimeoutError, OSError):
                    if attempt == 4:
                        raise
                    await asyncio.sleep(0.2)

    bodies = json.loads(a.trigger_bodies) if a.trigger_bodies else []
    auth = f"Authorization: Bearer {a.token}\r\n" if a.token else ""

    async def trigger(seq: int) -> tuple[float, dict[str, Any]]:
        r, w = await asyncio.open_connection("127.0.0.1", a.port)
        t0 = clk()
        path = a.trigger.format(seq=seq)
        body = json.dumps(bodies[seq % len(bodies)]).encode() if bodies else b""
        w.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
            f"Content-Type: application/json\r\n{auth}Connection: close\r\n\r\n".encode()
            + body
        )
        await w.drain()
        body = await r.read()
        w.close()
        try:
            b = body.split(b"\r\n\r\n", 1)[1]
            return t0, json.loads(b[b.index(b"{") : b.rindex(b"}") + 1])
        except Exception:
            return t0, {}

    pids = [int(p) for p in a.server_pids.split(",") if p]
    rss0 = rss_kb(pids)
    t_open = clk()
    await asyncio.gather(*(open_one(i) for i in range(N)))
    open_s = clk() - t_open
    await asyncio.sleep(1.5)
    rss1 = rss_kb(pids)
    cpu0 = cpu_s(pids)
    trig = [0.0] * B
    for s in range(B):
        if s:
            try:
                await asyncio.wait_for(done[s - 1].wait(), a.timeout)
            except TimeoutError:
                pass
            await asyncio.sleep(a.gap)
        trig[s], _info = await trigger(s)
    for s in range(B):
        try:
            await asyncio.wait_for(done[s].wait(), max(0.1, a.timeout - (clk() - trig[s])))
        except TimeoutError:
            pass
    cpu = cpu_s(pids) - cpu0
    last_ms, missing = [], 0
    for s in range(B):
        got = [t - trig[s] for t in recv[s] if t > 0]
        missing += N - len(got)
        if got:
            last_ms.append(max(got) * 1e3)
    return {
        "label": a.label,
        "n": N,
        "broadcasts": B,
        "open_s": round(open_s, 2),
        "p50_ms": pct(last_ms, 0.5),
        "p99_ms": pct(last_ms, 0.99),
        "max_ms": max(last_ms) if last_ms else float("nan"),
        "median_client_ms": statistics.median(last_ms) if last_ms else float("nan"),
        "missing": missing,
        "out_of_order": disorder[0],
        "server_rss_mb": rss1 / 1024,
        "kb_per_conn": (rss1 - rss0) / N,
        "server_cpu_ms_per_bcast": cpu * 1e3 / B,
        "last_ms": [round(x, 1) for x in last_ms],
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/ws")
    p.add_argument("--trigger", default="/bump?seq={seq}")
    p.add_argument("--base", type=int, default=0)
    p.add_argument("--trigger-bodies", default="", help="JSON list of bodies, cycled")
    p.add_argument("--token", default="")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--broadcasts", type=int, default=20)
    p.add_argument("--gap", type=float, default=0.2)
    p.add_argument("--server-pids", default="")
    p.add_argument("--label", default="")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--open-concurrency", type=int, default=100)
    a = p.parse_args()
    try:  # a probe: uvloop is optional (the measuring client is faster with it)
        import uvloop

        res = uvloop.run(run(a))
    except ImportError:
        res = asyncio.run(run(a))
    print(json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in res.items()}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
