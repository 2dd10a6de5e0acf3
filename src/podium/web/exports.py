"""Collects each capability's exporters for `podium export` (the wiring layer may import every app)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

EXPORT_MODULES = (
    "podium.programme.exports",
    "podium.people.exports",
    "podium.floor.exports",
    "podium.record.exports",
    "podium.sideevents.exports",
)

Exporter = Callable[[Any], bytes]


def exporters() -> dict[str, Exporter]:
    found: dict[str, Exporter] = {}
    for name in EXPORT_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module: let it surface
                raise
            continue
        for fmt, fn in getattr(module, "EXPORTERS", {}).items():
            if fmt in found:
                raise RuntimeError(f"export format {fmt!r} is offered twice ({name})")
            found[fmt] = fn
    return found
