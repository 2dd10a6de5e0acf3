"""The record folded from a normalised floor log: durations, pauses, extensions, not heard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from podium.core.record import interventions_from_log

T0 = datetime(2017, 5, 22, 15, 0, tzinfo=UTC)


def at(s: float) -> datetime:
    return T0 + timedelta(seconds=s)


def ev(kind: str, s: float, **kw: Any) -> dict[str, Any]:
    return {"type": kind, "at": at(s), **kw}


LOG = [
    ev("segment_opened", 0, segment="p1"),
    ev("speaker_called", 0, speaker="Mod", entity="MEX", category="moderator", limit_s=420),
    ev("timer_started", 5),
    ev("speaker_finished", 405),  # 400 s
    ev("discussion_opened", 410, segment="p1"),
    ev("request_made", 411, request_id="r1", entity="FRA", category="member-state"),
    ev(
        "request_made",
        412,
        request_id="r2",
        entity="GHA",
        category="member-state",
        on_behalf_of="African Group",
    ),
    ev("request_made", 413, request_id="r3", entity="BRA", category="member-state"),
    ev("request_made", 414, request_id="r4", entity="PER", category="member-state"),
    ev("request_withdrawn", 415, request_id="r4"),
    ev("speaker_called", 420, request_id="r2", speaker="Ms A", limit_s=180, departed=True),
    ev("timer_started", 420),
    ev("timer_paused", 500),
    ev("timer_resumed", 530),  # 30 s paused
    ev("timer_extended", 540, by_s=60),
    ev("speaker_finished", 680),  # 260 wall - 30 = 230 s, limit 240: within
    ev("speaker_called", 690, request_id="r1", speaker="Mr B", limit_s=180),
    ev("timer_started", 690),
    ev("discussion_closed", 900),  # ends Mr B at 210 s; r3 not heard
    ev("segment_closed", 1000, segment="p1"),
]


def test_fold_of_a_small_panel() -> None:
    rec = interventions_from_log(LOG)
    mod, a, b = rec.interventions
    assert (mod.number, mod.duration_s, mod.start) == (1, 400, at(5))
    assert mod.category == "moderator" and mod.overtime_s == 0
    assert a.entity == "GHA" and a.on_behalf_of == "African Group" and a.departed_from_order
    assert a.category == "member_state"
    assert a.paused_s == 30 and a.duration_s == 230 and a.limit_s == 240 and a.extended_s == 60
    assert a.overtime_s == 0
    assert b.entity == "FRA" and b.duration_s == 210 and b.overtime_s == 30
    assert [n.entity for n in rec.not_heard] == ["BRA"]  # PER withdrew
    assert rec.not_heard[0].closed_at == at(900)
    (seg,) = rec.segments
    assert seg.actual_s == 1000
