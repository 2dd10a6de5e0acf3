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
