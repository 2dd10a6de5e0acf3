"""The floor log as JSON lines: one event per line, `{"seq", "type", "at", "by", ...fields}`.

`at` is ISO 8601 with its UTC offset. Field names never collide with the envelope keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from podium.core.floor import Event

ENVELOPE = ("seq", "type", "at", "by")


def event_to_json(event: Event, seq: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if seq is not None:
        out["seq"] = seq
    out["type"] = event.type
    out["at"] = event.at.isoformat()
    out["by"] = event.by
    for k, v in event.data.items():
        if k not in ENVELOPE:
            out[k] = v
    return out


def event_from_json(data: dict[str, Any]) -> Event:
    fields = {k: v for k, v in data.items() if k not in ENVELOPE}
    return Event(
        type=str(data["type"]),
        at=datetime.fromisoformat(str(data["at"])),
        data=fields,
        by=str(data.get("by") or ""),
    )


def encode(events: Iterable[Event], start_seq: int = 1) -> bytes:
    lines = [
        json.dumps(event_to_json(e, seq), ensure_ascii=False, sort_keys=False)
        for seq, e in enumerate(events, start_seq)
    ]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def decode(text: str | bytes) -> Iterator[Event]:
    """The events of a JSON-lines log (blank lines skipped; ValueError names the bad line)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield event_from_json(json.loads(line))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"line {number}: {exc}") from exc
