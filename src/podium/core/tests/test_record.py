"""The record as a projection of the floor's own fold: what the floor measured is what the record,
the statistics and the summary say."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from podium.core import commands, floorlog
from podium.core.commands import Context, Refusal
from podium.core.floor import Event, fold, initial_state, record_of
from podium.core.statistics import all_tables

from .kit import MODERATOR, PANEL, T0, Floor, directory


def test_an_expert_still_speaking_when_the_discussion_closes_is_recorded_as_the_floor_timed_them() -> (
    None
):
    """Finding: the discussion closed at 100 s while an expert spoke; the expert finished at
    400 s. The floor measured 390 s; the record said 90 s (a second interpreter of the log
    ended the intervention at the close)."""
    f = Floor().discussing()
    f.tick(10)
    f.ok("call", slot=1)  # the expert, at 10 s
    f.tick(90)
    f.ok("close_discussion")  # at 100 s: the expert keeps their slot
    assert f.state.current is not None and f.state.current.role == "expert"
    f.tick(300)
    events = f.ok("finish")  # at 400 s
    assert events[0].data["speaking_s"] == 390
    (expert,) = record_of(f.state).interventions
    assert expert.speaking_s == 390 and expert.role == "expert"


def test_a_planned_slot_is_recorded_under_its_role_not_as_the_state_it_comes_from() -> None:
    """Finding: the moderator's opening was recorded as "Bangladesh, member_state, APG, TBC"."""
    f = Floor()
    f.ok("open_segment")
    f.ok("call", slot=0)  # the moderator, from Bangladesh
    f.tick(400)
    f.ok("finish")
    f.ok("open_discussion")
    f.ok("request", entity="MEX")
    f.ok("call_next")
    f.tick(150)
    f.ok("finish")
    record = record_of(f.state)
    mod, mex = record.interventions
    assert (mod.role, mod.category, mod.entity, mod.represents) == (
        "moderator_opening",
        "moderator",
        "",
        "BGD",
    )
    assert mod.speaker == "H.E. Moderator" and mod.represents_name == "Bangladesh"
    assert (mex.role, mex.category, mex.entity) == ("floor", "member_state", "MEX")
    tables = {t.key: t for t in all_tables(record)}
    by_category = {r["category"]: r["interventions"] for r in tables["by-category"].as_dicts()}
    assert by_category == {"Member State": 1}  # the moderator is not a Member State's turn
    by_role = {r["role"]: r["interventions"] for r in tables["by-role"].as_dicts()}
    assert by_role == {"Moderator's opening": 1}
    totals = dict(tables["totals"].rows)
    assert totals["interventions"] == 1 and totals["planned_speakers"] == 1
    assert totals["entities_heard"] == 1


def test_overtime_is_measured_against_the_rule_and_separately_against_the_time_granted() -> None:
    """Finding: 3:12 against a 3:00 rule, with a minute's extension, showed no overtime."""
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    f.tick(100)
    f.ok("extend_timer", by_s=60)
    f.tick(92)
    f.ok("finish")
    (mex,) = record_of(f.state).interventions
    assert (mex.speaking_s, mex.limit_s, mex.granted_s, mex.extended_s) == (192, 180, 240, 60)
    assert mex.overtime_s == 12 and mex.over_limit and mex.overtime_granted_s == 0
    overtime = {t.key: t for t in all_tables(record_of(f.state))}["overtime"].as_dicts()[0]
    assert overtime["over_limit"] == 1 and overtime["overtime_total_s"] == 12
    assert overtime["over_granted"] == 0


def test_waiting_requests_are_not_heard_when_the_discussion_or_segment_closes() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("request", entity="FRA")
    f.ok("request", entity="BRA")
    f.ok("withdraw", request_id="r3")  # withdrawn: not "not heard"
    f.tick(5)
    f.ok("close_discussion")
    record = record_of(f.state)
    assert [(n.entity, n.segment, n.round) for n in record.not_heard] == [
        ("MEX", "panel-1", "member_states"),
        ("FRA", "panel-1", "member_states"),
    ]
    assert record.not_heard[0].closed_at == T0 + timedelta(seconds=5)


def test_the_record_names_each_segment_once() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    f.ok("close_segment")
    record = record_of(f.state)
    titles = {"panel-1": "Panel 1"}
    rows = {t.key: t for t in all_tables(record, titles=titles)}["by-panel"].rows
    assert [r[0] for r in rows] == ["Panel 1"]
    assert record.segments[0].closed_at is not None


def test_a_log_from_before_slots_named_their_state_still_folds_into_the_same_record() -> None:
    """A log written by an earlier version: the slot's State was its `entity`, and a call or a
    close ended an intervention without `speaking_s`."""
    log = floorlog.decode(
        "\n".join(
            [
                '{"type": "segment_opened", "at": "2017-05-22T14:30:00+00:00", "by": "m",'
                ' "segment": {"id": "panel-1", "title": "Panel 1", "rounds": ["member_states"]}}',
                '{"type": "speaker_called", "at": "2017-05-22T14:30:00+00:00", "by": "m",'
                ' "speaker": "TBC", "entity": "BGD", "entity_name": "Bangladesh",'
                ' "category": "member-state", "role": "moderator_opening", "limit_s": 420}',
                '{"type": "timer_started", "at": "2017-05-22T14:30:00+00:00", "by": "m"}',
                '{"type": "discussion_opened", "at": "2017-05-22T14:37:00+00:00", "by": "m",'
                ' "round": "member_states", "round_index": 0}',
                '{"type": "segment_closed", "at": "2017-05-22T14:40:00+00:00", "by": "m",'
                ' "segment": "panel-1"}',
            ]
        )
    )
    (mod,) = record_of(fold(log)).interventions
    assert (mod.category, mod.entity, mod.represents, mod.speaking_s) == (
        "moderator",
        "",
        "BGD",
        600,
    )


ENTITIES = ["MEX", "FRA", "BRA", "IOM", "NGO1"]


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_the_records_speaking_times_are_the_floors_for_any_sequence_of_commands(
    data: st.DataObject,
) -> None:
    state = initial_state()
    log: list[Event] = []
    now = T0
    where = directory()
    ids = st.sampled_from(["r1", "r2", "r3", "r4"])
    body = st.one_of(
        st.just({"command": "open_segment", "segment": PANEL.id}),
        st.sampled_from(
            [{"command": c} for c in ("close_segment", "open_discussion", "close_discussion")]
            + [{"command": c} for c in ("call_next", "finish", "pause_timer", "resume_timer")]
            + [{"command": c} for c in ("stop_timer", "start_timer", "switch_round")]
        ),
        st.sampled_from(ENTITIES).map(lambda e: {"command": "request", "entity": e}),
        ids.map(lambda i: {"command": "call", "request_id": i}),
        st.integers(0, 2).map(lambda i: {"command": "call", "slot": i, "start": i != 1}),
        st.integers(1, 90).map(lambda s: {"command": "extend_timer", "by_s": s}),
    )
    for _ in range(data.draw(st.integers(1, 40))):
        cmd = commands.parse(data.draw(body))
        assert not isinstance(cmd, Refusal)
        now += timedelta(seconds=data.draw(st.integers(0, 300)))
        out = commands.decide(state, cmd, Context(MODERATOR, now, where))
        if isinstance(out, Refusal):
            continue
        log.extend(out)
        state = fold(out, state)
    finished = [e.data["speaking_s"] for e in log if e.type == "speaker_finished"]
    record = record_of(state)
    # every intervention ended by the floor's own `speaker_finished`, with the floor's time
    assert [i.speaking_s for i in record.interventions] == finished
    assert record_of(fold(floorlog.decode(floorlog.encode(log)))) == record
    for i in record.interventions:
        assert i.start <= i.end and i.speaking_s >= 0
        assert i.speaking_s <= (i.end - i.start).total_seconds() + 1e-6
