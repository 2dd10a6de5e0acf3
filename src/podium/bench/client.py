"""Fan-out load client (the method of ../shared/bench/fanout_client.py, adapted).

Opens N WebSocket connections with websockets' Sans-I/O client on raw asyncio protocols (cheap),
triggers B broadcasts with `POST <trigger>` (one at a time: the next only after the previous fully
arrived), and reports the time from trigger to the LAST client's receipt (p50/p99/max), messages
lost or out of order, server RSS per connection and server CPU per broadcast.

Messages must begin with `{"<key>":<number>,` (`seq` for the bare server, `version` for Podium);
`--base` is the number carried by broadcast 0.
"""

from __future__ import annotations

import argparse
import asyncio
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
    from websockets.client import ClientProtocol
    from websockets.frames import Frame, Opcode
    from websockets.http11 import Response
    from websockets.uri import parse_uri

    B, N, base = a.broadcasts, a.n, a.base
    recv = [[0.0] * N for _ in range(B)]
    cnt = [0] * B
    done = [asyncio.Event() for _ in range(B)]
    last_seen = [-1] * N
    disorder = [0]
    loop = asyncio.get_running_loop()

    class Lean(asyncio.Protocol):
        def __init__(self, i: int, fut: asyncio.Future[bool]) -> None:
            self.i, self.fut = i, fut
            self.p = ClientProtocol(parse_uri(f"ws://127.0.0.1:{a.port}{a.path}"), max_size=None)

        def connection_made(self, tr: Any) -> None:
            self.tr = tr
            self.p.send_request(self.p.connect())
            self._flush()

        def _flush(self) -> None:
            for d in self.p.data_to_send():
                if d:
                    self.tr.write(d)

        def data_received(self, data: bytes) -> None:
            t = clk()
            self.p.receive_data(data)
            for ev in self.p.events_received():
                if isinstance(ev, Frame):
                    if ev.opcode is Opcode.TEXT:
                        m = ev.data
                        c = m.index(b":")
                        seq = int(m[c + 1 : m.index(b",", c)]) - base
                        if 0 <= seq < B:
                            if seq <= last_seen[self.i]:
                                disorder[0] += 1
                            last_seen[self.i] = seq
                            recv[seq][self.i] = t
                            cnt[seq] += 1
                            if cnt[seq] == N:
                                done[seq].set()
                elif isinstance(ev, Response) and not self.fut.done():
                    if self.p.handshake_exc:
                        self.fut.set_exception(self.p.handshake_exc)
                    else:
                        self.fut.set_result(True)
            self._flush()

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

    async def trigger(seq: int) -> tuple[float, dict[str, Any]]:
        r, w = await asyncio.open_connection("127.0.0.1", a.port)
        t0 = clk()
        path = a.trigger.format(seq=seq)
        w.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode()
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
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/ws")
    p.add_argument("--trigger", default="/bump?seq={seq}")
    p.add_argument("--base", type=int, default=0)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--broadcasts", type=int, default=20)
    p.add_argument("--gap", type=float, default=0.2)
    p.add_argument("--server-pids", default="")
    p.add_argument("--label", default="")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--open-concurrency", type=int, default=100)
    a = p.parse_args()
    try:
        import uvloop

        res = uvloop.run(run(a))
    except ImportError:
        res = asyncio.run(run(a))
    print(json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in res.items()}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
