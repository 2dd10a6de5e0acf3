"""Live forecast of a segment: at the current pace, when it ends and how many more fit (pure).

The pace is the mean speaking time of the floor interventions heard so far in the segment (the
floor limit until the first one ends). The time left is counted to the segment's planned end less
its reserve (the moderator's concluding remarks), after the current speaker's remaining time.
A segment opened more than 12 hours away from its planned start (a rehearsal, a demo) keeps its
planned length from the moment it opened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the floor's snapshot draws the forecast: a runtime import would be a cycle
    from podium.core.floor import FloorState

REHEARSAL_S = 12 * 3600


@dataclass(frozen=True)
class Forecast:
    pace_s: float
    current_remaining_s: float
    queue: int
    available_s: float | None  # None when the segment has no planned end
    fit: int | None
    projected_end: datetime | None  # when the segment ends if everyone waiting is heard
    planned_end: datetime | None
    all_heard: bool
    shifted: bool = False  # planned times moved to the actual opening (a rehearsal)

    def wait_s(self, place: int) -> float:
        """Estimated wait (s) of the request at `place` (1-based) in its line."""
        return self.current_remaining_s + max(0, place - 1) * self.pace_s

    def to_json(self) -> dict[str, Any]:
        return {
            "pace_s": round(self.pace_s, 1),
            "current_remaining_s": round(self.current_remaining_s, 1),
            "queue": self.queue,
            "available_s": None if self.available_s is None else round(self.available_s, 1),
            "fit": self.fit,
            "projected_end": self.projected_end.isoformat() if self.projected_end else None,
            "planned_end": self.planned_end.isoformat() if self.planned_end else None,
            "all_heard": self.all_heard,
            "warning": not self.all_heard,
            "shifted": self.shifted,
        }


def forecast(state: FloorState, now: datetime) -> Forecast | None:
    seg = state.segment
    if seg is None:
        return None
    cfg = seg.config
    pace = (
        sum(state.durations) / len(state.durations) if state.durations else float(cfg.floor_limit_s)
    )
    pace = max(pace, 1.0)
    cur = state.current
    current_left = 0.0
    if cur is not None:
        if cur.timer.stopped_at is not None:
            current_left = 0.0
        else:
            current_left = max(0.0, cur.timer.remaining_s(now))
    queue = len(state.all_requests())
    planned_end = cfg.planned_end
    rehearsal = False
    if planned_end is not None and cfg.planned_start is not None:
        # A segment opened on another day than planned (a rehearsal, a demo, a postponed panel)
        # keeps its planned length from the moment it opened.
        if abs((seg.opened_at - cfg.planned_start).total_seconds()) > REHEARSAL_S:
            planned_end = seg.opened_at + (planned_end - cfg.planned_start)
            rehearsal = True
    if planned_end is None:
        return Forecast(pace, current_left, queue, None, None, None, None, True)
    available = (planned_end - now).total_seconds() - cfg.reserve_s - current_left
    fit = max(0, math.floor(max(0.0, available) / pace))
    projected = now + timedelta(seconds=current_left + queue * pace + cfg.reserve_s)
    return Forecast(
        pace_s=pace,
        current_remaining_s=current_left,
        queue=queue,
        available_s=available,
        fit=fit,
        projected_end=projected,
        planned_end=planned_end,
        all_heard=queue <= fit,
        shifted=rehearsal,
    )
