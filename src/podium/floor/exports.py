"""Exporters for `podium export SLUG --format floorlog`: the floor's log as JSON lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from podium.core import floorlog
from podium.floor.services import log_of


def floorlog_of(session: Any) -> bytes:
    return floorlog.encode(log_of(session))


EXPORTERS: dict[str, Callable[[Any], bytes]] = {"floorlog": floorlog_of}
