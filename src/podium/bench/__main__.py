"""`make bench` = `python -m podium.bench [--quick] [--only fanout,scale,...] [--no-write]`.

Starts every server it measures (the bare yardstick too), runs them side by side, prints the
results and writes them, with date and machine, into docs/benchmarks.md (between the markers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn

from podium.bench import app_benches, floorbench, fullroom, kb

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "bench"
PY = sys.executable
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def taskset(core: str) -> list[str]:
    return ["taskset", "-c", core] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except FileNotFoundError:
        return []


class Server:
    def __init__(
        self,
        argv: list[str],
        port: int,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
        workers: int = 1,
    ) -> None:
        self.port = port
        self.popen = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if self.popen.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {argv}") from None
                time.sleep(0.1)
        self.pids = [self.popen.pid]
        if workers > 1:
            while len(children(self.popen.pid)) < workers and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)
            self.pids = [c for c in children(self.popen.pid)]

    def stop(self) -> None:
        self.popen.terminate()
        try:
            self.popen.wait(10)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


def django_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


UVICORN_PODIUM = [
    "--ws",
    "websockets-sansio",
    "--ws-per-message-deflate",
    "false",
    "--ws-max-size",
    "4096",
    "--lifespan",
    "on",
    "--no-access-log",
    "--log-level",
    "warning",
]


def start_podium(app: str, env: dict[str, str], core: str | None = "0", workers: int = 1) -> Server:
    """uvicorn serving one of Podium's ASGI apps (`module:attr`) with the measured options, on a
    free port; pinned to `core` unless it is None."""
    port = free_port()
    argv = [*(taskset(core) if core is not None else []), PY, "-m", "uvicorn"]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        argv += ["--workers", str(workers)]
    return Server([*argv, *UVICORN_PODIUM, app], port, env=env, workers=workers)


def run_scenario(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Seed a session through `podium.bench.scenario` in `env`; its JSON summary."""
    setup = subprocess.run(
        [PY, "-m", "podium.bench.scenario", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if setup.returncode != 0:
        raise RuntimeError(setup.stderr[-1500:])
    return dict(json.loads(setup.stdout.strip().splitlines()[-1]))


def start_bare(port: int) -> tuple[Server, str]:
    try:  # a probe: the yardstick needs Starlette, which Podium itself does not depend on
        import starlette  # noqa: F401

        if (SHARED / "reference_server.py").exists():
            env = dict(os.environ, FANOUT_MODE="loop")
            argv = [
                *taskset("0"),
                PY,
                "-m",
                "uvicorn",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-access-log",
                "--log-level",
                "warning",
                "reference_server:app",
            ]
            return Server(argv, port, env=env, cwd=str(SHARED)), "Starlette reference_server (loop)"
    except ImportError:
        pass
    argv = [
        *taskset("0"),
        PY,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        "podium.bench.bare:app",
    ]
    return Server(argv, port), "bare ASGI loop (podium.bench.bare)"


def client(
    port: int,
    n: int,
    label: str,
    pids: list[int],
    path: str = "/ws",
    trigger: str = "/bump?seq={seq}",
    base: int = 0,
    broadcasts: int = 20,
    core: str | None = "1",
    extra: list[str] | None = None,
) -> dict[str, Any]:
    argv = [
        *(taskset(core) if core else []),
        PY,
        "-m",
        "podium.bench.client",
        "--port",
        str(port),
        "--n",
        str(n),
        "--label",
        label,
        "--path",
        path,
        "--trigger",
        trigger,
        "--base",
        str(base),
        "--broadcasts",
        str(broadcasts),
        "--gap",
        "0.1",
        "--server-pids",
        ",".join(map(str, pids)),
        *(extra or []),
    ]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"client failed: {out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"  {label:<34} N={n:<6} p50 {result['p50_ms']:>7.1f}  p99 {result['p99_ms']:>7.1f}  "
        f"max {result['max_ms']:>7.1f} ms  {result['kb_per_conn']:>5.1f} KB/conn  "
        f"missing {result['missing']}  out-of-order {result['out_of_order']}",
        flush=True,
    )
    return result


def bump_client(
    srv: Server, n: int, label: str, prefix: str, broadcasts: int, core: str | None = "1"
) -> dict[str, Any]:
    """N screens of a fresh session on `srv` (podium.bench.app), changed through /_bench/bump."""
    slug = f"{prefix}-{time.time_ns()}"
    return client(
        srv.port,
        n,
        label,
        srv.pids,
        path=f"/ws/sessions/{slug}/floor",
        trigger=f"/_bench/bump?slug={slug}&seq={{seq}}",
        base=1,
        broadcasts=broadcasts,
        core=core,
    )


def _bench_app_run(
    env: dict[str, str], n: int, label: str, prefix: str, broadcasts: int
) -> dict[str, Any]:
    """bump_client against its own podium.bench.app server (one process, core 0) in `env`."""
    pod = start_podium("podium.bench.app:application", env)
    try:
        return bump_client(pod, n, label, prefix, broadcasts)
    finally:
        pod.stop()


def bench_fanout(sizes: list[int], broadcasts: int, with_generic: bool = True) -> dict[str, Any]:
    """1. One process, N screens: Podium's socket against the bare loop, side by side."""
    print("1. fan-out, one process (server on core 0, client on core 1)", flush=True)
    rows = []
    for n in sizes:
        port = free_port()
        bare, bare_name = start_bare(port)
        try:
            b = client(port, n, "bare", bare.pids, broadcasts=broadcasts)
        finally:
            bare.stop()
        env = django_env()
        env.pop("REDIS_URL", None)
        p = _bench_app_run(env, n, "podium", f"bench-{n}", broadcasts)
        generic = None
        if with_generic:
            env_g = dict(env, PODIUM_LIVE_DIRECT_WRITES="0")
            generic = _bench_app_run(
                env_g, n, "podium, ASGI send() path", f"bench-g-{n}", broadcasts
            )
        rows.append(
            {
                "n": n,
                "bare": b,
                "podium": p,
                "bare_name": bare_name,
                "generic": generic,
                "ratio_p99": p["p99_ms"] / b["p99_ms"] if b["p99_ms"] else None,
            }
        )
    return {"rows": rows}


def bench_scale(n: int, broadcasts: int) -> dict[str, Any]:
    """2. Two workers (uvicorn --workers 2), PostgreSQL, Redis: real floor commands (pause and
    resume the speaker's timer through the API) pushed to N screens split across the workers."""
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    base_db = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/podium"
    if not base_db.startswith("postgres"):
        base_db = "postgres://postgres@127.0.0.1:5432/podium"
    print(f"2. fan-out, 2 workers + Redis + PostgreSQL, real floor commands, N={n}", flush=True)
    db_url, drop = floorbench._pg_database(base_db)
    try:
        with tempfile.TemporaryDirectory(prefix="podium-bench-scale-") as tmp:
            env = django_env(REDIS_URL=redis_url, DATABASE_URL=db_url, PODIUM_DATA_DIR=tmp)
            sc = run_scenario(env, "--delegations", "1", "--speaking")
            srv = start_podium("podium.bench.app:application", env, core=None, workers=2)
            port = srv.port
            try:
                slug = sc["slug"]
                req = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/sessions/{slug}/floor",
                    headers={"Authorization": f"Bearer {sc['secretariat']}"},
                )
                with urllib.request.urlopen(req, timeout=10) as resp:
                    snap = resp.read()
                version = json.loads(snap)["version"]
                bodies = json.dumps([{"command": "pause_timer"}, {"command": "resume_timer"}])
                pub = bump_client(
                    srv, n, "publish, 2 workers", "bench-scale", broadcasts, core=None
                )
                r = client(
                    port,
                    n,
                    "podium 2 workers",
                    srv.pids,
                    path=f"/ws/sessions/{slug}/floor",
                    trigger=f"/api/sessions/{slug}/floor",
                    base=version + 1,
                    broadcasts=broadcasts,
                    core=None,
                    extra=["--trigger-bodies", bodies, "--token", sc["secretariat"]],
                )
            finally:
                srv.stop()
    finally:
        drop()
    return {"result": r, "publish": pub, "redis": redis_url, "snapshot_bytes": len(snap)}


def machine() -> str:
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model or platform.processor()}, {os.cpu_count()} cores, {mem:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"uvicorn {uvicorn.__version__}; load average {os.getloadavg()[0]:.1f} at start "
        "(the machine is shared)"
    )


def render(results: dict[str, Any], when: str, host: str, took: float) -> str:
    out = [f"Run {when} on {host} ({took:.0f} s in all).", ""]
    fan = results.get("fanout")
    if fan:
        out += [
            "### 1. Fan-out on one process (time to the last screen, ms; 20 broadcasts)",
            "",
            f"Yardstick: {fan['rows'][0]['bare_name']}. Goal: p99 ≤ 1.5× bare, ≤ 40 KB per "
            "connection.",
            "",
            "| N | bare p50 / p99 / max | Podium p50 / p99 / max | p99 ratio | KB/conn bare / "
            "Podium | CPU ms/bcast bare / Podium | lost / out of order |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in fan["rows"]:
            b, p = row["bare"], row["podium"]
            out.append(
                f"| {row['n']:,} | {b['p50_ms']:.1f} / {b['p99_ms']:.1f} / {b['max_ms']:.1f} | "
                f"{p['p50_ms']:.1f} / {p['p99_ms']:.1f} / {p['max_ms']:.1f} | "
                f"{row['ratio_p99']:.2f}× | {b['kb_per_conn']:.1f} / {p['kb_per_conn']:.1f} | "
                f"{b['server_cpu_ms_per_bcast']:.1f} / {p['server_cpu_ms_per_bcast']:.1f} | "
                f"{p['missing']} / {p['out_of_order']} |"
            )
        out.append("")
    if fan and any(row.get("generic") for row in fan["rows"]):
        out += [
            "Podium through the ASGI `send()` per socket instead of direct transport writes "
            "(`PODIUM_LIVE_DIRECT_WRITES=0`: one long-lived writer task per socket; what any other "
            "ASGI server gets), same run, p50 / p99 / max ms and CPU ms per broadcast: "
            + "; ".join(
                f"N={row['n']:,}: {g['p50_ms']:.1f} / {g['p99_ms']:.1f} / {g['max_ms']:.1f}, "
                f"{g['server_cpu_ms_per_bcast']:.1f}"
                for row in fan["rows"]
                if (g := row.get("generic"))
            )
            + ". This measured difference is why the hub writes directly under uvicorn.",
            "",
        ]
    sc = results.get("scale")
    if sc:
        r, pub = sc["result"], sc.get("publish")
        out += [f"### 2. Two workers, Redis, PostgreSQL ({r['n']:,} screens)", ""]
        if pub:
            out += [
                f"Fan-out alone (`notify.publish` from a worker thread, the ~340-byte message of "
                f"benchmark 1): p50 {pub['p50_ms']:.1f} ms, **p99 {pub['p99_ms']:.1f} ms**, max "
                f"{pub['max_ms']:.1f} ms (goal p99 ≤ 250 ms); {pub['kb_per_conn']:.1f} KB per "
                f"connection over both workers; {pub['missing']} lost, {pub['out_of_order']} out "
                f"of order; server CPU {pub['server_cpu_ms_per_bcast']:.1f} ms per broadcast "
                "(both workers).",
                "",
            ]
        out += [
            "Through real floor commands (pause / resume the speaker's timer with the "
            "secretariat's token, `POST /api/sessions/<slug>/floor`: written to PostgreSQL, "
            "published, carried by Redis to the other worker), timed from sending the command to "
            f"the last screen's receipt of the new snapshot ({sc.get('snapshot_bytes', 0):,} "
            f"bytes): p50 {r['p50_ms']:.1f} ms, **p99 {r['p99_ms']:.1f} ms**, max "
            f"{r['max_ms']:.1f} ms; {r['missing']} lost, {r['out_of_order']} out of order; server "
            f"CPU {r['server_cpu_ms_per_bcast']:.1f} ms per broadcast (both workers).",
            "",
            "The two workers, Redis, PostgreSQL and the load client (receiving 10,000 messages "
            "per broadcast) share the machine's 2 cores.",
            "",
        ]
    for key, title in (
        ("floor", "3. 200 delegations request the floor within one second"),
        ("pages", "4. Server time of the programme page, the console, the room screen"),
        ("summary", "5. Co-facilitators' summary, 300 interventions"),
        (
            "room",
            "6. and 8. The full room: 200 delegations request the floor, every screen watching",
        ),
        ("e2e", "7. End-to-end fan-out: a real floor command to N public screens"),
        ("kb", "9. The knowledge base: embedding, index size, query latency, retrieval quality"),
    ):
        if key in results:
            out += [f"### {title}", "", results[key]["text"], ""]
    return "\n".join(out)


def _sections(block: str) -> tuple[list[str], dict[int, list[str]]]:
    """A results block's lines before its first `### N.` heading, and each numbered section."""
    head: list[str] = []
    sections: dict[int, list[str]] = {}
    current: list[str] = head
    for line in block.splitlines():
        if line.startswith("### ") and line.split()[1].rstrip(".").isdigit():
            current = sections.setdefault(int(line.split()[1].rstrip(".")), [])
        current.append(line)
    return head, sections


def merge(old: str, new: str) -> str:
    """`new` (the results of a run of some sections, `--only`) in place of those sections of
    `old`; the others, and `old`'s first lines (the date and machine of the full run), kept."""
    old_head, old_sections = _sections(old)
    _, new_sections = _sections(new)
    merged = {**old_sections, **new_sections}
    lines = list(old_head)
    for key in sorted(merged):
        body = merged[key]
        lines += body if body[-1:] == [""] else [*body, ""]
    return "\n".join(lines).rstrip("\n")


def write_doc(text: str, partial: bool = False) -> None:
    doc = REPO / "docs" / "benchmarks.md"
    body = doc.read_text() if doc.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in body:
        body += f"\n## Latest results\n\n{START}\n{END}\n"
    head, rest = body.split(START, 1)
    old, tail = rest.split(END, 1) if END in rest else ("", "")
    if partial and old.strip():
        text = merge(old.strip("\n"), text)
    doc.write_text(f"{head}{START}\n{text}\n{END}{tail}")
    print(f"results written to {doc}")


SECTIONS = ["fanout", "scale", "floor", "pages", "summary", "room", "e2e", "kb"]


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m podium.bench")
    ap.add_argument("--quick", action="store_true", help="small sizes (a dry run)")
    ap.add_argument("--only", default=",".join(SECTIONS))
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    only = set(a.only.split(","))
    nofile = raise_nofile()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    print(f"Podium bench, {when}\n{host}; open files limit {nofile}", flush=True)
    t0 = time.monotonic()
    results: dict[str, Any] = {}
    if "fanout" in only:
        results["fanout"] = bench_fanout([100, 500] if a.quick else [1000, 5000], 20)
    if "scale" in only:
        results["scale"] = bench_scale(1000 if a.quick else 10000, 10 if a.quick else 20)
    if "floor" in only:
        print("3. 200 delegations request the floor within one second", flush=True)
        runs = []
        for db in ("sqlite", "postgres"):
            for warm in (True, False):
                try:
                    runs.append(floorbench.run(db, n=50 if a.quick else 200, warm=warm))
                except Exception as exc:  # report, do not abort the other benchmarks
                    print(f"  {db}: failed: {exc}", flush=True)
        results["floor"] = {"text": floorbench.text(runs) if runs else "Not measured (failed)."}
        print(results["floor"]["text"], flush=True)
    if "room" in only:
        print("6. and 8. the full room", flush=True)
        rows = []
        for n in [200] if a.quick else [1000, 5000]:
            rows.append(fullroom.repeated(n, times=1 if a.quick else 3))
        if not a.quick:
            try:
                rows.append(fullroom.full_room(10_000, db="postgres", workers=2))
            except Exception as exc:  # report, do not abort the other benchmarks
                print(f"  8: failed: {exc}", flush=True)
        results["room"] = {"text": fullroom.text(rows)}
        print(results["room"]["text"], flush=True)
    if "e2e" in only:
        print("7. end-to-end fan-out", flush=True)
        rows7 = fullroom.end_to_end([100, 500] if a.quick else [1000, 5000])
        results["e2e"] = {"text": fullroom.end_to_end_text(rows7)}
        print(results["e2e"]["text"], flush=True)
    for key in ("pages", "summary"):
        if key in only:
            results[key] = app_benches.run(key, quick=a.quick)
            print(results[key]["text"], flush=True)
    if "kb" in only:
        print("9. the knowledge base", flush=True)
        results["kb"] = {"text": kb.run(quick=a.quick)["text"]}
        print(results["kb"]["text"], flush=True)
    partial = not set(SECTIONS) <= only
    if partial:  # the sections run say when and where, the others keep the full run's line
        for r in (r for r in results.values() if "text" in r):
            r["text"] = f"*Run alone (`--only {a.only}`) {when} on {host}.*\n\n" + r["text"]
    text = render(results, when, host, time.monotonic() - t0)
    print(text)
    if not a.no_write:
        write_doc(text, partial=partial)


if __name__ == "__main__":
    main()
