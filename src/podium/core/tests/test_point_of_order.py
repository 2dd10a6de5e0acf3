"""A point of order interrupts: it goes to the chair at once (no line), the speaker's timer
stands still until the chair settles it, and the record keeps its times."""

from __future__ import annotations

from podium.core import floorlog
from podium.core.commands import Actor
from podium.core.floor import fold, record_of, snapshot

from .kit import Floor, delegate_of


def test_a_point_of_order_stops_the_speakers_clock_until_the_chair_settles_it() -> None:
    f = Floor().discussing()
    f.ok("request", entity="BGD")
    f.ok("request", entity="NGA")
    f.ok("call_next")
    f.tick(40)
    left = f.state.current.timer.remaining_s(f.now)
    f.ok("point_of_order", actor=delegate_of("MEX"))
    assert f.state.current.timer.paused_at == f.now  # it interrupts
    point = snapshot(f.state, f.now)["points_of_order"]
    assert [p["entity"] for p in point] == ["MEX"]  # to the chair at once, in no line
    assert all(r.entity != "MEX" for r in f.state.all_requests())
    f.tick(25)
    assert f.state.current.timer.remaining_s(f.now) == left  # the clock stood still
    f.ok("settle_point_of_order")
    assert f.state.current.timer.paused_at is None
    f.tick(10)
    assert f.state.current.timer.remaining_s(f.now) == left - 10
    (recorded,) = record_of(f.state).points_of_order
    assert recorded.entity == "MEX" and recorded.segment == "panel-1"
    assert (recorded.settled_at - recorded.raised_at).total_seconds() == 25
    assert snapshot(f.state, f.now)["points_of_order"] == []
    assert fold(floorlog.decode(floorlog.encode(f.log))) == f.state  # the log says it all


def test_a_paused_timer_stays_paused_and_only_states_raise_points() -> None:
    f = Floor().discussing()
    f.ok("request", entity="BGD")
    f.ok("call_next")
    f.ok("pause_timer")
    f.ok("point_of_order", entity="MEX", actor=Actor.system())
    f.ok("settle_point_of_order")
    assert f.state.current.timer.paused_at is not None  # the chair's own pause holds
    assert f.refused("point_of_order", entity="NGO1").code == "point_of_order_states"
    assert f.refused("point_of_order", entity="MEX", actor=delegate_of("BGD")).code == (
        "not_your_delegation"
    )
