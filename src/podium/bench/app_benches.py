"""Benchmarks 3-5: they drive the floor, the pages and the record, each in a subprocess with
Django set up (so a missing or broken app is reported as such, not as a crash of the bench)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from statistics import median
from typing import Any

import django
from django.core.management import call_command
from django.test import Client


def run(key: str, quick: bool = False, env: dict[str, str] | None = None) -> dict[str, Any]:
    argv = [sys.executable, "-m", "podium.bench.app_benches", key] + (["--quick"] if quick else [])
    full = dict(os.environ)
    full.update(env or {})
    with tempfile.TemporaryDirectory(prefix="podium-bench-") as tmp:
        full.setdefault("PODIUM_DATA_DIR", tmp)
        if key == "pages":  # its own SQLite database, seeded by `podium demo`
            full["PODIUM_DATA_DIR"] = tmp
            full.pop("DATABASE_URL", None)
            full["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
        out = subprocess.run(argv, capture_output=True, text=True, timeout=600, env=full)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        err = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return {"text": f"Not measured: the benchmark failed ({err})."}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{median(xs) * 1e3:.0f} ms (min {xs[0] * 1e3:.0f}, max {xs[-1] * 1e3:.0f})"


def bench_summary(quick: bool) -> dict[str, Any]:
    try:  # in the child, after django.setup(); a broken record app is reported, not a crash
        from podium.record.documents import render_docx, render_pdf, synthetic_summary
    except ImportError as exc:
        return {"text": f"Pending: the record app's summary generator is not available ({exc})."}
    runs = 1 if quick else 3
    build, docx, pdf = [], [], []
    sizes = {}
    for _ in range(runs):
        t = time.perf_counter()
        content = synthetic_summary(300)
        build.append(time.perf_counter() - t)
        t = time.perf_counter()
        d = render_docx(content)
        docx.append(time.perf_counter() - t)
        t = time.perf_counter()
        p = render_pdf(content)
        pdf.append(time.perf_counter() - t)
        sizes = {"docx": len(d), "pdf": len(p)}
    text = (
        f"Synthetic two-day session, 300 interventions, 3 panels + summary panel "
        f"(`podium.record.documents.synthetic_summary`), median of {runs}: content and statistics "
        f"{_ms(build)}; DOCX {_ms(docx)} ({sizes['docx'] // 1024} KB); PDF {_ms(pdf)} "
        f"({sizes['pdf'] // 1024} KB)."
    )
    return {"text": text}


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def bench_pages(quick: bool) -> dict[str, Any]:
    """Server time (the whole Django stack, in process, no network) of the three busiest pages."""
    call_command("migrate", verbosity=0, interactive=False)
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    slug = re.search(r"/sessions/([^/\s]+)/", text)
    if slug is None:
        return {"text": f"Not measured: `podium demo` printed no session ({text[:200]!r})."}
    accounts = re.findall(r"^\s+(\S+)\s+(\S+)\s+(.*)$", text, re.M)
    pages = {
        "programme page": (f"/sessions/{slug[1]}/", None),
        "moderator console": (f"/sessions/{slug[1]}/floor/console", "console"),
        "room screen": (f"/sessions/{slug[1]}/room", None),
    }
    runs = 10 if quick else 100
    lines = []
    for name, (url, needs) in pages.items():
        client = Client()
        if needs:
            who = [a for a in accounts if re.search("secretariat|co.?chair|moderator", a[2], re.I)]
            if who:
                client.login(username=who[0][0], password=who[0][1])
        times, status = [], 0
        for i in range(runs + 5):
            t = time.perf_counter()
            response = client.get(url)
            dt = time.perf_counter() - t
            status = response.status_code
            if i >= 5:
                times.append(dt)
        if status != 200:
            lines.append(f"| {name} | `{url}` | not measured: HTTP {status} | |")
            continue
        lines.append(
            f"| {name} | `{url}` | {_pct(times, 0.5) * 1e3:.1f} / {_pct(times, 0.99) * 1e3:.1f} "
            f"| {len(response.content) // 1024} KB |"
        )
    head = [
        f"Seed session from `podium demo`, SQLite, {runs} GETs each after 5 warm-ups, Django's "
        "whole stack in process (no network):",
        "",
        "| page | URL | p50 / p99 ms | size |",
        "|---|---|---|---|",
    ]
    return {"text": "\n".join(head + lines)}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    django.setup()
    key, quick = sys.argv[1], "--quick" in sys.argv
    fn = {"summary": bench_summary, "pages": bench_pages}.get(key)
    if fn is None:
        result = {"text": "Pending: the app this benchmark drives is not in the repository yet."}
    else:
        result = fn(quick)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
