"""Benchmarks 3-5: they drive the floor, the pages and the record, each in a subprocess with
Django set up (so a missing or broken app is reported as such, not as a crash of the bench)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from statistics import median
from typing import Any


def run(key: str, quick: bool = False) -> dict[str, Any]:
    argv = [sys.executable, "-m", "podium.bench.app_benches", key] + (["--quick"] if quick else [])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
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
    try:
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


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    import django

    django.setup()
    key, quick = sys.argv[1], "--quick" in sys.argv
    fn = {"summary": bench_summary}.get(key)
    if fn is None:
        result = {"text": "Pending: the app this benchmark drives is not in the repository yet."}
    else:
        result = fn(quick)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
