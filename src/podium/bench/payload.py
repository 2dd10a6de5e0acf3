"""The ~300-byte update of ../shared/bench/payload.py, keyed `version` for Podium's socket."""

from __future__ import annotations

import json
import time


def make_payload(seq: int, key: str = "seq") -> bytes:
    d = {
        key: seq,
        "type": "speaker.changed",
        "meeting": "council-2025-06-12",
        "agenda_item": {"id": 7, "title": "Budget amendment 3b"},
        "speaker": {
            "id": 1000 + seq,
            "name": f"Delegate Example {seq}",
            "delegation": "Northern Region",
            "role": "member",
        },
        "timer": {
            "running": True,
            "duration_s": 180,
            "remaining_s": 180,
            "started_at": round(time.time(), 3),
        },
        "queue": [1001, 1002, 1003, 1004, 1005],
    }
    return json.dumps(d, separators=(",", ":")).encode()
