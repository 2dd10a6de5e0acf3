"""The chair's message and countdown on the room screens: with or without a segment open,
apart from the speaker's timer."""

from __future__ import annotations

from podium.core import views
from podium.core.floor import snapshot

from .kit import Floor


def test_a_message_and_a_countdown_reach_the_room_without_any_segment() -> None:
    f = Floor()
    f.ok("project_message", text="Please take your seats")
    f.ok("start_countdown", seconds=300, label="The meeting resumes")
    room = views.room(snapshot(f.state, f.now))
    assert room["message"] == "Please take your seats"
    assert (
        room["countdown"]["limit_s"] == 300 and room["countdown"]["label"] == "The meeting resumes"
    )
    assert "remaining_s" not in room["countdown"]  # instants only: screens count down
    f.tick(60)
    assert f.state.countdown is not None and f.state.countdown.remaining_s(f.now) == 240
    f.ok("project_message", text="")
    f.ok("stop_countdown")
    room = views.room(snapshot(f.state, f.now))
    assert room["message"] == "" and room["countdown"] is None
    assert f.refused("stop_countdown").code == "no_countdown"
    assert f.refused("start_countdown", seconds=0).code == "out_of_range"


def test_the_new_commands_refuse_what_an_attacker_sends() -> None:
    f = Floor().discussing()
    assert f.refused("project_message", text="a\x00b").code == "control_character"
    assert f.refused("project_message", text="\ud800").code == "surrogate"
    assert f.refused("project_message", text="x" * 201).code == "too_long"
    assert f.refused("start_countdown", seconds=float("inf")).code == "not_an_integer"
    assert f.refused("start_countdown", seconds=14_401).code == "out_of_range"
    assert f.refused("request_reply", entity=" MEX").code == "malformed"
    assert f.refused("point_of_order", entity="MEX\u200b").code == "malformed"
    assert f.refused("call_reply", request_id="r01").code == "malformed"  # padded id
