"""The floor engine: rules a moderator and delegations notice, and invariants under random use."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from podium.core import commands, floorlog
from podium.core.commands import Context, Refusal
from podium.core.floor import Event, FloorState, SegmentConfig, fold, initial_state, snapshot
from podium.core.forecast import forecast

from .kit import PANEL, T0, Floor, directory


def test_no_pre_inscribed_list_until_the_discussion_opens() -> None:
    f = Floor()
    f.ok("open_segment")
    out = f.refused("request", entity="MEX")
    assert out.code == "no_pre_inscription" and "no pre-inscribed list" in out.reason
    assert snapshot(f.state, f.now)["segment"]["requests_open"] is False  # the phone says so
    f.ok("open_discussion")
    assert snapshot(f.state, f.now)["segment"]["requests_open"] is True
    f.ok("request", entity="MEX")
    assert [r.entity for r in f.state.lines["member_states"]] == ["MEX"]


def test_pre_inscription_option_allows_early_requests() -> None:
    f = Floor(SegmentConfig(id="panel-1", pre_inscription=True))
    f.ok("open_segment")
    assert snapshot(f.state, f.now)["segment"]["requests_open"] is True
    f.ok("request", entity="MEX")
    assert len(f.state.all_requests()) == 1


def test_a_delegation_cannot_be_twice_in_a_line() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    out = f.do("request", entity="mex")
    assert isinstance(out, Refusal) and out.code == "already_in_line"


def test_order_groups_first_then_those_who_have_not_spoken() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    f.ok("finish")  # Mexico has now spoken on this panel
    f.ok("request", entity="MEX")
    f.ok("request", entity="FRA")
    f.ok("request", entity="ZAF", on_behalf_of="AFRICAN")  # South Africa is an African State
    assert [r.entity for r in f.state.lines["member_states"]] == ["ZAF", "FRA", "MEX"]
    assert f.state.suggested() is not None and f.state.suggested().entity == "ZAF"  # type: ignore[union-attr]


def test_moderator_may_call_someone_else_and_it_is_recorded() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("request", entity="FRA")
    fra = f.state.lines["member_states"][1].id
    events = f.ok("call", request_id=fra)
    called = [e for e in events if e.type == "speaker_called"][0]
    assert called.data["departed"] is True
    assert called.data["suggested_request_id"] == f.state.lines["member_states"][0].id
    assert f.state.current is not None and f.state.current.entity == "FRA"
    assert f.state.current.timer.limit_s == 180


def test_stakeholders_only_in_rounds_open_to_them() -> None:
    f = Floor(SegmentConfig(id="panel-1", rounds=("member_states", "panelists", "stakeholders")))
    f.ok("open_segment")
    f.ok("open_discussion")
    assert f.refused("request", entity="NGO1").code == "round_not_open"
    f.ok("switch_round")  # panelists: stakeholders are next, they may queue
    f.ok("request", entity="NGO1")
    f.ok("switch_round")
    assert f.state.segment is not None and f.state.segment.round == "stakeholders"
    f.ok("call_next")
    assert f.state.current is not None and f.state.current.entity == "NGO1"


def test_timer_warning_red_overtime_pause_extend() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    timer = lambda: f.state.current.timer  # noqa: E731
    f.tick(100)
    assert timer().phase(f.now) == "running"
    f.ok("pause_timer")
    f.tick(600)  # paused time does not count
    assert timer().remaining_s(f.now) == 80
    f.ok("resume_timer")
    f.tick(60)
    assert timer().phase(f.now) == "warning"
    f.tick(25)
    assert timer().phase(f.now) == "overtime" and timer().remaining_s(f.now) == -5
    f.ok("extend_timer", by_s=60)
    assert timer().phase(f.now) == "running" and timer().remaining_s(f.now) == 55
    f.ok("finish")
    assert f.state.current is None and f.state.durations == (185.0,)


def test_forecast_warns_when_the_queue_cannot_all_be_heard() -> None:
    cfg = SegmentConfig(id="panel-1", planned_end=T0 + timedelta(minutes=20), reserve_s=420)
    f = Floor(cfg).discussing()
    for code in ["MEX", "FRA", "BRA", "IND", "KEN"]:
        f.ok("request", entity=code)
    fc = forecast(f.state, f.now)
    assert fc is not None
    # 13 min available after the reserve, 3 min a speaker: 4 fit, 5 wait
    assert fc.fit == 4 and fc.queue == 5 and not fc.all_heard
    snap = snapshot(f.state, f.now)
    assert snap["forecast"]["warning"] is True
    assert [i["place"] for i in snap["lines"]["member_states"]] == [1, 2, 3, 4, 5]
    assert snap["lines"]["member_states"][2]["wait_s"] == 360


def test_close_discussion_leaves_waiting_requests_not_heard() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    events = f.ok("close_discussion")
    assert events[-1].data["not_heard"] == ["r1"]
    assert f.state.all_requests() == []


def test_log_round_trips_through_json_lines() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX", speaker="Ms. A")
    f.ok("call_next")
    f.tick(30)
    f.ok("note", text="Mexico thanked the panel")
    data = floorlog.encode(f.log)
    assert fold(floorlog.decode(data)) == f.state


# --- invariants under random command sequences ---------------------------------------------

ENTITIES = ["MEX", "FRA", "BRA", "VAT", "IOM", "NGO1", "NGO2", "G77", "XYZ"]


def bodies(state: FloorState) -> st.SearchStrategy[dict[str, object]]:
    ids = [r.id for r in state.all_requests()] or ["r1"]
    entity = st.sampled_from(ENTITIES)
    return st.one_of(
        st.just({"command": "open_segment", "segment": PANEL.id}),
        st.sampled_from(
            [
                {"command": n}
                for n in (
                    "close_segment",
                    "open_discussion",
                    "close_discussion",
                    "switch_round",
                    "close_list",
                    "reopen_list",
                    "call_next",
                    "pause_timer",
                    "resume_timer",
                    "stop_timer",
                    "start_timer",
                    "finish",
                )
            ]
        ),
        entity.map(lambda e: {"command": "request", "entity": e}),
        entity.map(lambda e: {"command": "request", "entity": e, "on_behalf_of": "G77"}),
        st.integers(0, 3).map(lambda i: {"command": "request", "slot": i}),
        st.sampled_from(ids).map(lambda i: {"command": "withdraw", "request_id": i}),
        st.sampled_from(ids).map(lambda i: {"command": "call", "request_id": i}),
        st.integers(0, 3).map(lambda i: {"command": "call", "slot": i}),
        st.tuples(st.sampled_from(ids), st.integers(0, 5)).map(
            lambda t: {"command": "move", "request_id": t[0], "position": t[1]}
        ),
        st.integers(1, 120).map(lambda s: {"command": "extend_timer", "by_s": s}),
        st.just({"command": "call", "speaker": "Expert", "role": "expert"}),
        entity.map(lambda e: {"command": "call", "entity": e}),
        st.just({"command": "note", "text": "n"}),
    )


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_command_sequences_keep_the_invariants(data: st.DataObject) -> None:
    from .kit import MODERATOR

    state = initial_state()
    log: list[Event] = []
    now = T0
    where = directory()
    for _ in range(data.draw(st.integers(1, 40))):
        cmd = commands.parse(data.draw(bodies(state)))
        assert not isinstance(cmd, Refusal), cmd
        now += timedelta(seconds=data.draw(st.integers(0, 200)))
        out = commands.decide(state, cmd, Context(MODERATOR, now, where))
        if isinstance(out, Refusal):
            # a refusal its handler declares, with a reason
            assert out.code in commands.HANDLERS[cmd.command].refusals, out.code
            assert out.reason
            continue
        before = state.version
        for e in out:
            log.append(e)
            floorlog.event_from_json(floorlog.event_to_json(e))  # every event fits its schema
        state = fold(out, state)
        # version strictly increases, one per event
        assert state.version == before + len(out) > before
        # no delegation twice in the lines
        entities = [r.entity.upper() for r in state.all_requests() if r.entity]
        assert len(entities) == len(set(entities))
        # at most one speaker, and a timer only for them
        assert state.current is None or state.segment is not None
        # every request sits in the line of its category
        for name, line in state.lines.items():
            assert all(r.line == name for r in line)
        # the snapshot is JSON-able
        floorlog.encode(out)
        json.dumps(snapshot(state, now, include_notes=True))
        if state.current is not None:
            assert state.current.timer.elapsed_s(now) >= 0
        # the forecast's durations are the record's floor interventions since the segment opened
        heard_here = [
            i.speaking_s
            for i in state.heard
            if i.role == "floor" and state.segment and i.segment == state.segment.config.id
        ]
        assert tuple(heard_here[len(heard_here) - len(state.durations) :]) == state.durations
    # the fold of the log is the live state, also through JSON lines
    assert fold(log) == state
    assert fold(floorlog.decode(floorlog.encode(log))) == state


def test_a_moderators_slot_does_not_count_as_the_delegation_speaking() -> None:
    f = Floor()
    f.ok("open_segment")
    f.ok("call", slot=0)  # the moderator's opening: the moderator comes from Bangladesh
    cur = f.state.current
    assert cur is not None and cur.timer.limit_s == 420 and cur.role == "moderator_opening"
    assert cur.entity == "" and cur.represents == "BGD" and cur.represents_name == "Bangladesh"
    f.ok("finish")
    f.ok("open_discussion")
    f.ok("request", entity="BGD")
    f.ok("request", entity="MEX")
    assert [r.entity for r in f.state.lines["member_states"]] == ["BGD", "MEX"]
