"""Each audience's view of the floor: only what it shows, and nothing new unless that changed."""

from __future__ import annotations

import json
from dataclasses import replace

from podium.core import views
from podium.core.floor import snapshot, upcoming

from .kit import PANEL, Floor, reference_entities

PANEL_ROUNDS = replace(PANEL, rounds=("member_states", "panelists"))
STATES = sorted(code for code, e in reference_entities().items() if e.kind == "member-state")[:160]


def body(f: Floor, audience: str) -> bytes:
    return views.body(views.of(snapshot(f.state, f.now), audience))


def test_a_public_screen_never_receives_the_waiting_delegations() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX", speaker="Ana Torres")
    f.ok("request", entity="DEU", on_behalf_of="EU")
    for audience in ("public", "room", "delegate"):
        text = body(f, audience).decode()
        assert "Ana Torres" not in text and '"lines"' not in text, audience
    assert "Ana Torres" not in body(f, "room").decode()
    # the room's "next" names the delegations (not the people), the console everything
    assert "MEX" in body(f, "room").decode()
    assert "Ana Torres" in body(f, "console").decode()


def test_a_request_far_down_the_line_changes_nothing_on_the_room_or_public_screens() -> None:
    f = Floor().discussing()
    for code in STATES[:150]:
        f.ok("request", entity=code)
    room, public, phone = body(f, "room"), body(f, "public"), body(f, "delegate")
    console = body(f, "console")
    f.ok("request", entity=STATES[150])  # place 151
    assert body(f, "room") == room and body(f, "public") == public
    assert body(f, "delegate") != phone  # the count of those waiting
    assert body(f, "console") != console
    f.ok("request", entity="ZAF", on_behalf_of="AFRICAN")  # a group: first in line
    assert body(f, "room") != room


def test_the_room_is_sent_the_next_ten_in_the_order_of_the_round() -> None:
    """Ten of those waiting (the line layout shows ten); while the panelists respond, the
    panelists first, then the States (the order the floor would call them in)."""
    f = Floor(PANEL_ROUNDS).discussing()
    for code in STATES[:12]:
        f.ok("request", entity=code)
    f.ok("request", slot=1)  # the expert asks to respond
    room = views.room(snapshot(f.state, f.now))
    assert [r["entity"] for r in room["next"]] == STATES[:10]
    f.ok("switch_round")  # panelists respond
    room = views.room(snapshot(f.state, f.now))
    assert [r["line"] for r in room["next"]] == ["panelists"] + ["member_states"] * 9
    assert room["next"][0]["speaker"] == "Dr A. Expert"
    assert [r["entity"] for r in room["next"][1:]] == STATES[:9]
    assert [r.id for r in upcoming(f.state, 10)] == [
        r["request_id"] for r in views.upcoming(snapshot(f.state, f.now), 10)
    ]


def test_a_running_timer_changes_no_view() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    before = {a: body(f, a) for a in views.AUDIENCES if a != "console"}
    f.tick(75)
    assert {a: body(f, a) for a in before} == before
    f.ok("pause_timer")
    assert body(f, "room") != before["room"]


def test_each_phone_sees_its_own_place_and_wait() -> None:
    f = Floor().discussing()
    for code in ("MEX", "FRA", "BRA"):
        f.ok("request", entity=code)
    snap = snapshot(f.state, f.now)
    mine = views.requests_by_entity(snap)
    assert mine["BRA"]["place"] == 3 and mine["BRA"]["line"] == "member_states"
    assert mine["BRA"]["wait_min"] == 6  # two floor interventions of 3 minutes ahead
    phone = views.with_mine(views.body(views.delegate(snap)), {"BRA": mine["BRA"], "KEN": None})
    data = json.loads(views.frame(7, "2017-05-22T15:00:00+00:00", phone))
    assert data["version"] == 7 and data["view"] == "delegate"
    assert data["mine"] == {"BRA": mine["BRA"], "KEN": None}
    assert data["waiting"]["member_states"] == 3


def test_views_keep_what_each_screen_draws() -> None:
    f = Floor().discussing()
    f.ok("request", entity="MEX")
    f.ok("call_next")
    snap = snapshot(f.state, f.now)
    room = views.room(snap)
    assert room["current"]["entity"] == "MEX" and set(room["current"]["timer"]) == {
        "started_at",
        "limit_s",
        "paused_total_s",
        "paused_at",
        "stopped_at",
        "warning_s",
    }
    assert room["segment"]["requests_open"] is True and room["round"] == "member_states"
    assert views.console(snap)["lines"] == snap["lines"]


def test_a_console_is_sent_a_patch_that_rebuilds_its_view() -> None:
    """A new request at place 151 sends the console its lines' order and that one request, not
    the 150 it already has."""
    f = Floor().discussing()
    for code in STATES[:150]:
        f.ok("request", entity=code)
    old = views.console(snapshot(f.state, f.now))
    f.ok("request", entity=STATES[150])
    new = views.console(snapshot(f.state, f.now))
    patch = views.console_patch(old, new)
    assert list(patch["lines"]["member_states"]["items"]) == ["r151"]
    assert len(views.body(patch)) < len(views.body(new)) / 5
    # applied as the console's script does, it gives the new view
    assert views.apply_patch(old, patch) == new
    # a group statement goes first: every place moves, the requests themselves do not
    f.ok("request", entity="ZAF", on_behalf_of="AFRICAN")
    newer = views.console(snapshot(f.state, f.now))
    again = views.console_patch(new, newer)
    assert list(again["lines"]["member_states"]["items"]) == ["r152"]
    assert again["lines"]["member_states"]["order"][0] == "r152"
    assert views.apply_patch(new, again) == newer
    data = json.loads(views.patch_frame(9, 8, "2017-05-22T15:00:00+00:00", again))
    assert (data["version"], data["base"], data["view"]) == (9, 8, "console")
