"""Benchmarks 3-5, which drive the floor, the pages and the record (filled in as they land)."""

from __future__ import annotations

from typing import Any


def run(key: str, quick: bool = False) -> dict[str, Any]:
    return {"text": "Pending: the app this benchmark drives is not in the repository yet."}
