"""Rights of reply: asked for during the segment, taken at its end with their own limit; those
not taken are recorded as not heard."""

from __future__ import annotations

from podium.core.floor import SegmentConfig, record_of, snapshot

from .kit import PANEL, Floor, delegate_of

REPLY_PANEL = SegmentConfig(
    **{**PANEL.__dict__, "limits": {**PANEL.limits, "reply": 120}}  # limits: {reply: 2}
)


def test_a_right_of_reply_waits_apart_and_is_taken_at_the_end_within_its_limit() -> None:
    f = Floor(REPLY_PANEL).discussing()
    f.ok("request", entity="BGD")
    f.ok("request_reply", actor=delegate_of("MEX"))
    assert [r.entity for r in f.state.all_requests()] == ["BGD"]  # not in a line
    assert [r["entity"] for r in snapshot(f.state, f.now)["replies"]] == ["MEX"]
    assert f.refused("call_reply").code == "replies_at_end"
    f.ok("call_next")
    f.ok("close_discussion")
    f.ok("call_reply")
    cur = f.state.current
    assert cur is not None and cur.entity == "MEX" and cur.role == "reply"
    assert cur.timer.limit_s == 120  # the reply's own limit
    f.ok("finish")
    heard = record_of(f.state).interventions[-1]
    assert heard.role == "reply" and heard.category == "member_state"


def test_replies_not_taken_are_not_heard_when_the_segment_closes() -> None:
    f = Floor().discussing()
    f.ok("request_reply", entity="MEX")
    f.ok("close_segment")
    assert [n.entity for n in record_of(f.state).not_heard] == ["MEX"]
    assert f.state.replies == ()
