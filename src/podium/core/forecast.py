"""Live forecast of a segment: how many more interventions from the floor fit before its planned
end, when it ends at the present pace, and what the chair can do when the line is longer (pure).

**Time for the floor.** From now to the segment's planned end, less:

- the current speaker's remaining time;
- the planned speakers still to come: the segment's `slots` not yet heard in this opening of the
  segment. A slot is heard once an intervention in its role has been heard or is under way (the
  first n slots of a role when n have spoken in it); each slot still to come counts its limit
  (`limit_s`, what the floor grants) and, for the range, its shortest planned length (`min_s`,
  e.g. 5 minutes for an expert's 5–7; the limit when not given);
- the reserve (`reserve_s`: the moderator's conclusion on an expert panel), held until a
  `moderator_conclusion` is called. A planned conclusion slot is that reserve, not counted twice
  (the larger of the two is held).

`available_s` is that time with the planned speakers at their limits.

**Pace** (`pace_s`): the median speaking time of the last 9 floor interventions of the segment,
each bounded to [a third of the floor limit but at least 30 s; the floor limit]. An intervention
shorter than 10 s (a call made by mistake and ended at once) is not counted at all. Until 3 are
counted the pace is the floor limit. So two mis-clicked 1-second calls leave the pace at the
limit, and neither they nor one very long speech can move the median far.

**Range.** `fit` is the central value: the time for the floor (planned speakers at their limits)
÷ the pace. `fit_min` is the same at the upper quartile of those bounded interventions, `fit_max`
the time with the planned speakers at their shortest ÷ the lower quartile (quartiles by linear
interpolation, the "inclusive" method; both the floor limit until 3 are counted). So
`fit_min ≤ fit ≤ fit_max`, the spread narrows as the floor's pace settles, and at a panel's
opening the range is the programme's budget (`podium.core.programme.budget`): 43–45 for panel 1 of
the seed session, 30 for its summary panel.

**Warning and advice.** `all_heard` when the waiting line is no longer than `fit` (`warning`
otherwise); `projected_end` is when the segment ends if every request waiting is heard at the
pace, after the planned speakers and the reserve. When not all can be heard, `advice` says what
would help: `shorten_limit` with `advice_limit_s`, the longest floor limit in whole half-minutes
(at least 1 minute) at which everyone waiting is heard even if each speaks to it; else
`close_list` when the list is still open (even at 1 minute each the line is already longer than
what fits); else none (the list is closed: the warning stands).

A segment opened more than 12 hours away from its planned start (a rehearsal, a demo) keeps its
planned length from the moment it opened.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:  # the floor's snapshot draws the forecast: a runtime import would be a cycle
    from podium.core.floor import FloorState, SegmentConfig

REHEARSAL_S: Final[int] = 12 * 3600
# the pace: the median of the last RECENT floor interventions once MIN_HEARD are counted
RECENT: Final[int] = 9
MIN_HEARD: Final[int] = 3
# an intervention shorter than this is a call made by mistake: not counted in the pace
MISCLICK_S: Final[float] = 10.0
# each counted intervention is bounded below by the larger of these (and above by the limit)
PACE_FLOOR_S: Final[float] = 30.0
PACE_FLOOR_SHARE: Final[float] = 1 / 3
# the advice: a shorter limit in steps of ADVICE_STEP_S, never below ADVICE_MIN_LIMIT_S
ADVICE_STEP_S: Final[int] = 30
ADVICE_MIN_LIMIT_S: Final[int] = 60
# the planned speaker whose remarks the reserve keeps time for
CONCLUSION_ROLES: Final[frozenset[str]] = frozenset({"moderator_conclusion"})

Advice = Literal["shorten_limit", "close_list"]


@dataclass(frozen=True)
class Pace:
    """The floor's pace (s an intervention): the median and the quartiles around it."""

    median_s: float
    low_s: float  # the lower quartile: the quick end of the range
    high_s: float  # the upper quartile: the slow end
    counted: int  # how many interventions it is drawn from (0: the floor limit)


def pace_of(durations: Sequence[float], limit_s: float) -> Pace:
    """The robust pace of the floor interventions heard (`durations`, in the order heard)."""
    limit = max(1.0, float(limit_s))
    lo = min(limit, max(PACE_FLOOR_S, limit * PACE_FLOOR_SHARE))
    counted: list[float] = []
    for d in reversed(durations):  # the most recent first: only the last RECENT are needed
        if d >= MISCLICK_S and math.isfinite(d):
            counted.append(d)
            if len(counted) == RECENT:
                break
    if len(counted) < MIN_HEARD:
        return Pace(limit, limit, limit, 0)
    bounded = [min(limit, max(lo, d)) for d in counted]
    q1, q2, q3 = statistics.quantiles(bounded, n=4, method="inclusive")
    return Pace(q2, q1, q3, len(bounded))


def _seconds(value: Any, default: float) -> float:
    """A slot's length (s) as the log holds it; `default` when it is not a sane number."""
    if isinstance(value, bool):
        return default
    try:
        s = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return min(s, 4 * 3600.0) if math.isfinite(s) and s >= 0 else default


@dataclass(frozen=True)
class Planned:
    """The planned speaking time still to come (s): at the slots' limits and at their shortest."""

    high_s: float
    low_s: float


def planned_to_come(cfg: SegmentConfig, spoken_roles: Iterable[str]) -> Planned:
    """The time the segment's planned speakers not yet heard still need, the reserve included
    (`spoken_roles`: the role of each intervention heard or under way in this opening)."""
    spoken = Counter(spoken_roles)
    seen: dict[str, int] = {}
    high = low = 0.0
    end_high = end_low = 0.0
    for slot in cfg.slots:
        role = str(slot.get("role") or "")
        seen[role] = n = seen.get(role, 0) + 1
        if n <= spoken[role]:
            continue  # this slot has spoken
        limit = _seconds(slot.get("limit_s"), -1.0)
        if limit < 0:
            limit = float(cfg.limit_for(role or "expert"))
        shortest = min(limit, _seconds(slot.get("min_s"), limit))
        if role in CONCLUSION_ROLES:
            end_high, end_low = end_high + limit, end_low + shortest
        else:
            high, low = high + limit, low + shortest
    if not any(spoken[r] for r in CONCLUSION_ROLES):
        reserve = float(max(0, cfg.reserve_s))
        end_high, end_low = max(reserve, end_high), max(reserve, end_low)
    return Planned(high + end_high, low + end_low)


def spoken_roles(state: FloorState) -> list[str]:
    """The role of each intervention heard or under way in the open segment since it opened."""
    seg = state.segment
    if seg is None:
        return []
    key = seg.config.id
    out: list[str] = []
    for heard in reversed(state.heard):  # the open segment's are the last ones
        if heard.segment != key or heard.start < seg.opened_at:
            break
        out.append(heard.role)
    cur = state.current
    if cur is not None and cur.segment == key:
        out.append(cur.role)
    return out


@dataclass(frozen=True)
class Forecast:
    pace_s: float
    current_remaining_s: float
    queue: int
    available_s: float | None  # for the floor; None when the segment has no planned end
    fit: int | None  # the central value of the range
    projected_end: datetime | None  # when the segment ends if everyone waiting is heard
    planned_end: datetime | None
    all_heard: bool
    shifted: bool = False  # planned times moved to the actual opening (a rehearsal)
    fit_min: int | None = None
    fit_max: int | None = None
    planned_s: float = 0.0  # the planned speakers still to come, at their limits, and the reserve
    advice: Advice | None = None
    advice_limit_s: int | None = None  # with `shorten_limit`

    def wait_s(self, place: int) -> float:
        """Estimated wait (s) of the request at `place` (1-based) in its line."""
        return self.current_remaining_s + max(0, place - 1) * self.pace_s

    def to_json(self) -> dict[str, Any]:
        return {
            "pace_s": round(self.pace_s, 1),
            "current_remaining_s": round(self.current_remaining_s, 1),
            "queue": self.queue,
            "available_s": None if self.available_s is None else round(self.available_s, 1),
            "planned_s": round(self.planned_s, 1),
            "fit": self.fit,
            "fit_min": self.fit_min,
            "fit_max": self.fit_max,
            "projected_end": self.projected_end.isoformat() if self.projected_end else None,
            "planned_end": self.planned_end.isoformat() if self.planned_end else None,
            "all_heard": self.all_heard,
            "warning": not self.all_heard,
            "advice": self.advice,
            "advice_limit_s": self.advice_limit_s,
            "shifted": self.shifted,
        }


def _fits(seconds: float, pace_s: float) -> int:
    return max(0, math.floor(max(0.0, seconds) / max(1.0, pace_s)))


def advise(floor_s: float, queue: int, list_closed: bool) -> tuple[Advice | None, int | None]:
    """What lets a line of `queue` be heard in `floor_s` seconds of floor time: the longest
    limit (half-minutes, ≥ 1 min) at which all are heard speaking to it, else closing the list."""
    if queue <= 0:
        return None, None
    limit = int(max(0.0, floor_s) // queue) // ADVICE_STEP_S * ADVICE_STEP_S
    if limit >= ADVICE_MIN_LIMIT_S:
        return "shorten_limit", limit
    return (None, None) if list_closed else ("close_list", None)


def forecast(state: FloorState, now: datetime) -> Forecast | None:
    seg = state.segment
    if seg is None:
        return None
    cfg = seg.config
    pace = pace_of(state.durations, cfg.floor_limit_s)
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
    planned = planned_to_come(cfg, spoken_roles(state))
    if planned_end is None:
        return Forecast(
            pace.median_s,
            current_left,
            queue,
            None,
            None,
            None,
            None,
            True,
            planned_s=planned.high_s,
        )
    left = (planned_end - now).total_seconds() - current_left
    floor_s = left - planned.high_s  # the planned speakers at their limits
    fit = _fits(floor_s, pace.median_s)
    all_heard = queue <= fit
    advice, advice_limit = (None, None) if all_heard else advise(floor_s, queue, seg.list_closed)
    projected = now + timedelta(seconds=current_left + planned.high_s + queue * pace.median_s)
    return Forecast(
        pace_s=pace.median_s,
        current_remaining_s=current_left,
        queue=queue,
        available_s=floor_s,
        fit=fit,
        projected_end=projected,
        planned_end=planned_end,
        all_heard=all_heard,
        shifted=rehearsal,
        fit_min=_fits(floor_s, pace.high_s),
        fit_max=_fits(left - planned.low_s, pace.low_s),
        planned_s=planned.high_s,
        advice=advice,
        advice_limit_s=advice_limit,
    )
