"""The live forecast: planned speakers first, a robust pace, its range, and advice."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podium.core import programme as prog
from podium.core import sessionfile
from podium.core.floor import Event, SegmentConfig, fold, snapshot
from podium.core.forecast import advise, forecast, pace_of, planned_to_come

from .kit import T0, Floor

SEED = Path(__file__).parents[2] / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"

EXPERT_PANEL = SegmentConfig(
    id="panel-1",
    planned_start=T0,
    planned_end=T0 + timedelta(hours=2, minutes=45),
    panel_number=1,
    reserve_s=420,
    slots=(
        {"role": "moderator_opening", "speaker": "M", "limit_s": 420, "min_s": 420},
        {"role": "expert", "speaker": "A", "limit_s": 420, "min_s": 300},
        {"role": "expert", "speaker": "B", "limit_s": 420, "min_s": 300},
        {"role": "expert", "speaker": "C", "limit_s": 420, "min_s": 300},
        {"role": "moderator_conclusion", "speaker": "M", "limit_s": 420, "min_s": 420},
    ),
)


def heard(f: Floor, *seconds: float, entity: str = "MEX") -> None:
    """Floor interventions of these lengths, one after the other."""
    for s in seconds:
        f.ok("request", entity=entity)
        f.ok("call_next")
        f.tick(s)
        f.ok("finish")


# --- pace ---------------------------------------------------------------------------------------


def test_two_mis_clicked_one_second_calls_leave_the_pace_at_the_limit() -> None:
    """Finding: two 1-second calls gave "Pace 0:07 → 1513 more fit"."""
    f = Floor(EXPERT_PANEL).discussing()
    heard(f, 1, 1)
    fc = forecast(f.state, f.now)
    assert fc is not None
    assert fc.pace_s == 180 and fc.fit is not None and fc.fit <= 45
    heard(f, 170, 150, 160)
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.pace_s == 160  # the median of the three real ones


def test_the_pace_is_the_median_of_the_recent_interventions_bounded_by_the_limit() -> None:
    assert pace_of([1, 1, 1, 1, 30], 180).median_s == 180  # mis-clicks: not counted
    assert pace_of([12, 15, 20, 30], 180).median_s == 60  # a third of the limit at least
    assert pace_of([120, 130, 900], 180).median_s == 130
    assert pace_of([200, 210, 220], 180).median_s == 180  # never above the limit
    assert pace_of([100] * 20 + [170] * 9, 180).median_s == 170  # the last 9 only
    assert pace_of([150, 150], 180).median_s == 180  # the limit until 3 are heard
    assert pace_of([], 0).median_s == 1  # never zero


def test_a_plain_mean_would_fail_this() -> None:
    """Two mis-clicks and three real interventions: the mean is 96.6 s, the median 160 s."""
    f = Floor(EXPERT_PANEL).discussing()
    heard(f, 1, 170, 1, 150, 160)
    assert sum(f.state.durations) / len(f.state.durations) < 100
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.pace_s == 160


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=4 * 3600, allow_nan=False), max_size=40),
    st.integers(min_value=0, max_value=4 * 3600),
)
def test_the_pace_stays_within_its_bounds_and_the_quartiles_around_it(
    durations: list[float], limit: int
) -> None:
    p = pace_of(durations, limit)
    top = max(1.0, float(limit))
    assert min(top, 30.0) <= p.low_s <= p.median_s <= p.high_s <= top


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=10, max_value=180), min_size=3, max_size=9),
    st.lists(st.floats(min_value=0, max_value=9.9), min_size=1, max_size=5),
)
def test_mis_clicks_do_not_move_the_pace(real: list[float], clicks: list[float]) -> None:
    mixed = [*real[:1], *clicks, *real[1:]]
    assert pace_of(mixed, 180) == pace_of(real, 180)


# --- planned speakers and the programme's budget ------------------------------------------------


def seed_configs() -> dict[str, SegmentConfig]:
    """The seed's segments as `podium.floor.services.segment_configs` builds them (by kind)."""
    p = sessionfile.load(SEED).programme
    assert p is not None
    out: dict[str, SegmentConfig] = {}
    for day in p.days:
        for seg in day.segments:
            if seg.kind not in prog.PANEL_KINDS:
                continue
            start, end = prog.utc_span(p, day, seg)
            slots = tuple(
                {"role": s.role, "limit_s": s.limit.max * 60, "min_s": s.limit.min * 60}
                for s in p.slots(seg)
            )
            reserve = 0
            if seg.kind == "expert_panel":
                reserve = p.limit("moderator_conclusion", seg.panel_number).max * 60
            key = f"{seg.kind}-{seg.panel_number or 1}"
            out[key] = SegmentConfig(
                id=key,
                kind=seg.kind,
                planned_start=start,
                planned_end=end,
                floor_limit_s=p.floor_options_of(seg).intervention.max * 60,
                panel_number=seg.panel_number,
                reserve_s=reserve,
                slots=slots,
            )
    return out


def seed_budget() -> dict[str, tuple[int, int]]:
    p = sessionfile.load(SEED).programme
    assert p is not None
    return {
        f"{b.kind}-{b.panel_number or 1}": (b.interventions.min, b.interventions.max)
        for b in prog.budget(p)
        if b.interventions is not None
    }


def opened(cfg: SegmentConfig, at: Any = None) -> Any:
    at = at or cfg.planned_start
    return fold([Event("segment_opened", at, {"segment": cfg.to_json()})])


@pytest.mark.parametrize("key", ["expert_panel-1", "summary_panel-1", "expert_panel-2"])
def test_at_opening_the_range_is_the_programmes_budget(key: str) -> None:
    """Finding: 52 fit in panel 1 where the programme says 43–45, 48 in the summary panel
    where it says 30."""
    cfg = seed_configs()[key]
    budget = seed_budget()[key]
    assert budget == {"expert_panel-1": (43, 45), "summary_panel-1": (30, 30)}.get(key, budget)
    for at in (cfg.planned_start, T0 + timedelta(days=3000)):  # on the day, and a rehearsal
        state = opened(cfg, at)
        fc = forecast(state, at)
        assert fc is not None
        assert (fc.fit_min, fc.fit_max) == budget
        assert fc.fit == budget[0]  # the planned speakers at their limits, the floor at its own
        out = snapshot(state, at)["forecast"]
        assert (out["fit_min"], out["fit"], out["fit_max"]) == (budget[0], budget[0], budget[1])


def test_planned_speakers_heard_are_no_longer_counted() -> None:
    f = Floor(EXPERT_PANEL)
    f.ok("open_segment")
    assert planned_to_come(EXPERT_PANEL, []).high_s == 420 * 5
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.planned_s == 2100 and (fc.fit_min, fc.fit_max) == (43, 45)
    f.ok("call", slot=0)  # the moderator's opening: under way, its time is the timer's
    f.tick(400)
    f.ok("finish")
    f.ok("call", slot=1)
    f.tick(300)
    f.ok("finish")
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.planned_s == 420 * 3  # two experts and the conclusion
    assert fc.available_s == 9900 - 700 - 420 * 3
    assert fc.fit == (9900 - 700 - 1260) // 180 and fc.fit_max == (9900 - 700 - 1020) // 180
    f.ok("call", slot=2)
    f.ok("call", slot=3)  # the first finished by the call of the next
    f.ok("call", slot=4)
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.planned_s == 0  # the conclusion under way: no reserve held


def test_a_slot_that_speaks_twice_counts_once() -> None:
    roles = ["expert", "expert", "expert", "expert", "moderator_opening"]
    assert planned_to_come(EXPERT_PANEL, roles).high_s == 420  # only the reserve


def test_slots_without_min_or_with_junk_fall_back_to_their_limit() -> None:
    cfg = SegmentConfig(
        id="x",
        reserve_s=0,
        slots=({"role": "expert", "limit_s": "n/a"}, {"role": "expert", "limit_s": 300}),
    )
    out = planned_to_come(cfg, [])
    assert (out.high_s, out.low_s) == (420 + 300, 420 + 300)


# --- warning and advice -------------------------------------------------------------------------


def test_advice_to_shorten_the_limit_when_the_line_is_longer_than_what_fits() -> None:
    cfg = SegmentConfig(id="panel-1", planned_start=T0, planned_end=T0 + timedelta(minutes=27))
    f = Floor(cfg).discussing()  # 27 min − 7 min reserve = 20 min for the floor: 6 at 3 min
    codes = ["MEX", "FRA", "BRA", "IND", "KEN", "DEU", "NGA", "BGD", "CHN", "ARG"]
    for code in codes[:6]:
        f.ok("request", entity=code)
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.all_heard and fc.advice is None
    for code in codes[6:]:
        f.ok("request", entity=code)
    out = snapshot(f.state, f.now)["forecast"]
    assert out["warning"] is True and out["queue"] == 10 and out["fit"] == 6
    # 1200 s for 10 waiting: at 2:00 each all are heard
    assert out["advice"] == "shorten_limit" and out["advice_limit_s"] == 120


def test_advice_to_close_the_list_when_even_a_minute_each_is_too_long() -> None:
    cfg = SegmentConfig(id="panel-1", planned_start=T0, planned_end=T0 + timedelta(minutes=12))
    f = Floor(cfg).discussing()  # 5 min for the floor: 5 at 1 min at most
    for code in ["MEX", "FRA", "BRA", "IND", "KEN", "DEU"]:
        f.ok("request", entity=code)
    fc = forecast(f.state, f.now)
    assert fc is not None and not fc.all_heard and fc.advice == "close_list"
    f.ok("close_list")
    fc = forecast(f.state, f.now)
    assert fc is not None and not fc.all_heard and fc.advice is None  # already closed


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=-3600, max_value=4 * 3600, allow_nan=False),
    st.integers(min_value=1, max_value=200),
    st.booleans(),
)
def test_a_shortened_limit_lets_everyone_waiting_be_heard(
    floor_s: float, queue: int, closed: bool
) -> None:
    advice, limit = advise(floor_s, queue, closed)
    if advice == "shorten_limit":
        assert limit is not None and limit >= 60 and limit % 30 == 0
        assert queue * limit <= floor_s < queue * (limit + 30)
    else:
        assert queue * 60 > floor_s and limit is None
        assert advice == (None if closed else "close_list")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=400), max_size=12),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=9000),
)
def test_the_range_holds_the_central_value_and_the_warning_follows_it(
    lengths: list[int], waiting: int, later: int
) -> None:
    f = Floor(EXPERT_PANEL).discussing()
    for s in lengths:
        heard(f, s)
    codes = ["MEX", "FRA", "BRA", "IND", "KEN", "DEU", "NGA", "BGD", "CHN", "ARG"]
    for i in range(min(waiting, len(codes))):
        f.ok("request", entity=codes[i])
    f.tick(later)
    fc = forecast(f.state, f.now)
    assert fc is not None and fc.fit is not None and fc.fit_min is not None
    assert fc.fit_max is not None
    assert 0 <= fc.fit_min <= fc.fit <= fc.fit_max
    assert fc.all_heard == (fc.queue <= fc.fit)
    assert (fc.advice is None) == fc.all_heard  # the list is open: there is always a remedy
    data: Mapping[str, Any] = fc.to_json()
    for key in ("pace_s", "queue", "projected_end", "warning", "all_heard", "fit", "available_s"):
        assert key in data
