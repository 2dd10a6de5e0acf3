"""Undo of the last irreversible action (a compensating event, within 10 s, while nothing else
happened) and the buttons the console may offer now (`available`: the handlers' own rules)."""

from __future__ import annotations

from podium.core import commands, floorlog
from podium.core.floor import fold, record_of, snapshot

from .kit import T0, Floor


def waiting(n: int = 3) -> Floor:
    f = Floor().discussing()
    for code in ("MEX", "BGD", "DEU", "NGA", "FRA")[:n]:
        f.ok("request", entity=code)
    return f


def test_undo_of_a_closed_discussion_puts_the_requests_back_and_the_log_keeps_both() -> None:
    f = waiting(3)
    before = f.state
    f.ok("close_discussion")
    assert not f.state.segment.discussion_open and len(record_of(f.state).not_heard) == 3
    assert snapshot(f.state, f.now)["undo"]["not_heard"] == 3  # the console says what it did
    f.tick(4)
    f.ok("undo")
    assert f.state.segment.discussion_open
    assert [r.entity for r in f.state.all_requests()] == [r.entity for r in before.all_requests()]
    assert record_of(f.state).not_heard == ()  # back in line: not "not heard"
    assert [e.type for e in f.log][-2:] == ["discussion_closed", "undone"]
    assert f.state.notes[-1].text == "Undone: close_discussion"
    # the log read back folds to the same floor (a restart loses nothing)
    again = fold(floorlog.decode(floorlog.encode(f.log)))
    assert again == f.state
    assert f.refused("undo").code == "nothing_to_undo"  # once


def test_undo_of_a_closed_segment_reopens_it_with_its_line() -> None:
    f = waiting(2)
    f.ok("call_next")
    f.ok("close_segment")
    assert f.state.segment is None and f.state.current is None
    f.ok("undo")
    assert f.state.segment is not None and f.state.segment.config.id == "panel-1"
    assert [r.entity for r in f.state.all_requests()] == ["BGD"]
    assert f.state.current is not None and f.state.current.entity == "MEX"  # the speaker too
    assert "panel-1" not in f.state.closed_segments


def test_undo_is_refused_after_ten_seconds_or_once_something_else_happened() -> None:
    f = waiting(2)
    f.ok("switch_round")
    f.tick(10.5)
    assert f.refused("undo").code == "undo_too_late"
    g = waiting(2)
    g.ok("withdraw", request_id="r1")
    g.ok("request", entity="NGA")  # something else happened since
    assert g.refused("undo").code == "nothing_to_undo"
    h = waiting(2)
    h.ok("withdraw", request_id="r1")
    h.ok("undo")
    assert [r.entity for r in h.state.all_requests()] == ["MEX", "BGD"]


def test_the_buttons_follow_the_floor() -> None:
    f = Floor()
    assert commands.available(f.state, T0)["open_segment"] is None
    f.ok("open_segment")
    now = commands.available(f.state, T0)
    assert now["open_segment"] == "other_segment_open"  # the rule of `open_segment`
    assert now["open_discussion"] is None and now["close_discussion"] == "discussion_not_open"
    assert now["call_next"] == "discussion_not_open" and now["finish"] == "no_speaker"
    f.ok("open_discussion")
    f.ok("request", entity="MEX")
    now = commands.available(f.state, T0)
    assert now["open_discussion"] == "discussion_open" and now["close_discussion"] is None
    assert now["call_next"] is None and now["reopen_list"] == "list_open"
    f.ok("call_next")
    now = commands.available(f.state, T0)
    assert now["pause_timer"] is None and now["resume_timer"] == "timer_not_paused"
    assert now["start_timer"] == "timer_running" and now["finish"] is None
    assert now["call_next"] == "nobody_waiting"


def test_who_has_spoken_lists_the_open_segments_interventions_only() -> None:
    f = waiting(2)
    f.ok("call_next")
    f.tick(65)
    f.ok("finish")
    heard = snapshot(f.state, f.now)["heard_here"]
    assert [(h["entity"], h["speaking_s"]) for h in heard] == [("MEX", 65)]
    f.ok("close_segment")
    assert snapshot(f.state, f.now)["heard_here"] == []  # another segment's are not shown
