"""The floor API as the console, the delegates and integrations use it."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from podium.floor import services
from podium.floor.models import FloorEvent

from .conftest import client_for, post

pytestmark = pytest.mark.django_db
SLUG = "gcm-its2-drivers"


def open_panel_1(mod: Client) -> None:
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod, SLUG, command="open_discussion").status_code == 200


def test_anyone_reads_the_snapshot(seed: Any) -> None:
    snap = client_for(None).get(f"/api/sessions/{SLUG}/floor").json()
    assert snap["version"] == 0 and snap["segment"] is None and "server_time" in snap
    assert client_for(None).get("/api/sessions/nope/floor").status_code == 404


def test_panel_1_from_request_to_call(seed: Any) -> None:
    mod, mex = client_for("mod1"), client_for("mex")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    early = post(mex, SLUG, command="request")
    assert early.status_code == 400 and "no pre-inscribed list" in early.json()["error"]
    assert post(mod, SLUG, command="open_discussion").json()["round"] == "member_states"
    refused = post(mex, SLUG, command="request", on_behalf_of="G77")  # Mexico left the G77
    assert refused.status_code == 400 and refused.json()["code"] == "not_a_member"
    snap = post(mex, SLUG, command="request", on_behalf_of="GRULAC").json()
    line = snap["lines"]["member_states"]
    assert [(r["entity"], r["on_behalf_of"], r["place"]) for r in line] == [("MEX", "GRULAC", 1)]
    assert line[0]["speaker"] == "Ana Torres"
    snap = post(mod, SLUG, command="call_next").json()
    assert snap["current"]["entity_name"] == "Mexico" and snap["current"]["timer"]["limit_s"] == 180
    assert snap["current"]["timer"]["phase"] == "running"


def test_only_the_segment_moderator_co_chairs_and_secretariat_run_the_floor(seed: Any) -> None:
    mod2, chair, mex = client_for("mod2"), client_for("chair"), client_for("mex")
    r = post(mod2, SLUG, command="open_segment", segment="panel-1")
    assert r.status_code == 403 and "error" in r.json()
    assert post(mex, SLUG, command="open_segment", segment="panel-1").status_code == 403
    assert post(client_for(None), SLUG, command="open_discussion").status_code == 401
    assert post(chair, SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod2, SLUG, command="open_discussion").status_code == 403
    assert post(mex, SLUG, command="open_discussion").status_code == 403
    # the summary panel is chaired by the co-chairs, not by a panel's moderator
    post(chair, SLUG, command="close_segment")
    assert (
        post(client_for("mod1"), SLUG, command="open_segment", segment="summary").status_code == 403
    )


def test_a_delegate_acts_only_for_their_own_delegation(seed: Any) -> None:
    mod, mex, bgd = client_for("mod1"), client_for("mex"), client_for("bgd")
    open_panel_1(mod)
    r = post(bgd, SLUG, command="request", entity="MEX")
    assert r.status_code == 403
    rid = post(mex, SLUG, command="request").json()["lines"]["member_states"][0]["request_id"]
    assert post(bgd, SLUG, command="withdraw", request_id=rid).status_code == 403
    assert post(bgd, SLUG, command="call_next").status_code == 403
    assert (
        post(mex, SLUG, command="withdraw", request_id=rid).json()["lines"]["member_states"] == []
    )
    assert post(bgd, SLUG, command="request", on_behalf_of="MEX").status_code == 400  # not a group


def test_stakeholders_only_in_rounds_open_to_them(seed: Any) -> None:
    mod, ngo = client_for("mod1"), client_for("ngo")
    open_panel_1(mod)  # rounds: member states, panelists, stakeholders, panelists
    r = post(ngo, SLUG, command="request")
    assert r.status_code == 400 and r.json()["code"] == "round_not_open"
    post(mod, SLUG, command="switch_round")  # panelists respond; stakeholders come next
    snap = post(ngo, SLUG, command="request").json()
    assert snap["lines"]["stakeholders"][0]["entity"] == "TEST-NGO"


def test_a_stale_expected_version_gets_409_and_the_log_stays_whole(seed: Any) -> None:
    mod, chair = client_for("mod1"), client_for("chair")
    open_panel_1(mod)
    version = mod.get(f"/api/sessions/{SLUG}/floor").json()["version"]
    assert (
        post(chair, SLUG, command="note", text="one", expected_version=version).status_code == 200
    )
    r = post(mod, SLUG, command="note", text="two", expected_version=version)
    assert r.status_code == 409 and "refresh" in r.json()["error"]
    seqs = list(FloorEvent.objects.filter(session=seed).values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_racing_worker_retries_on_the_fresh_state(seed: Any) -> None:
    """Another worker appended an event this process has not seen: the (session, seq) constraint
    refuses the stale insert and the command is decided again on the new state."""
    from django.utils import timezone

    mod = client_for("mod1")
    open_panel_1(mod)
    state = services.state_of(seed)
    FloorEvent.objects.create(  # written by "another worker"
        session=seed,
        seq=state.version + 1,
        type="note_added",
        at=timezone.now(),
        data={"text": "x"},
    )
    services._cache[seed.pk] = services._Cached(state, services._cache[seed.pk].last)
    orig = services.state_of
    calls = []

    def stale_once(session: Any) -> Any:
        calls.append(1)
        return state if len(calls) == 1 else orig(session)

    services.state_of = stale_once  # type: ignore[assignment]
    try:
        out = services.execute(seed, {"command": "note", "text": "mine"})
    finally:
        services.state_of = orig  # type: ignore[assignment]
    assert not hasattr(out, "reason")
    texts = [e.data.get("text") for e in services.log_of(seed) if e.type == "note_added"]
    assert texts == ["x", "mine"] and len(calls) == 2


def test_bearer_token_and_csrf(seed: Any) -> None:
    from django.contrib.auth import get_user_model

    from podium.people.models import ApiToken

    _token, raw = ApiToken.issue(get_user_model().objects.get(username="mod1"))
    c = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    body = json.dumps({"command": "open_segment", "segment": "panel-1"})
    r = c.post(
        f"/api/sessions/{SLUG}/floor",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert r.status_code == 200 and r.json()["segment"]["id"] == "panel-1"
    # a cookie session without the CSRF token is refused
    c.force_login(get_user_model().objects.get(username="mod1"))
    r = c.post(
        f"/api/sessions/{SLUG}/floor",
        json.dumps({"command": "open_discussion"}),
        content_type="application/json",
    )
    assert r.status_code == 403 and "CSRF" in r.json()["error"]


def test_bad_commands_are_4xx_with_a_reason(seed: Any) -> None:
    mod = client_for("mod1")
    for body in (
        {"command": "dance"},
        {"command": "open_segment", "segment": "nope"},
        {"command": "extend_timer", "by_s": "x"},
    ):
        r = post(mod, SLUG, **body)
        assert 400 <= r.status_code < 500 and r.json()["error"]
    r = mod.post(f"/api/sessions/{SLUG}/floor", "{not json", content_type="application/json")
    assert r.status_code == 400


def test_restart_mid_timer_keeps_state_and_time(seed: Any) -> None:
    """A new server (an empty cache) rebuilds the floor from the log, and the running timer is
    where it truly is: events are backdated here as if the server died 50 seconds ago."""
    mod, mex = client_for("mod1"), client_for("mex")
    open_panel_1(mod)
    post(mex, SLUG, command="request")
    post(mod, SLUG, command="call_next")
    post(mod, SLUG, command="pause_timer")
    post(mod, SLUG, command="resume_timer")
    before = mod.get(f"/api/sessions/{SLUG}/floor").json()
    # 50 s pass while the process is dead: shift the whole log back in time
    for row in FloorEvent.objects.filter(session=seed):
        row.at -= timedelta(seconds=50)
        row.save(update_fields=["at"])
    services.forget()
    after = client_for(None).get(f"/api/sessions/{SLUG}/floor").json()
    assert after["version"] == before["version"]
    assert after["current"]["entity"] == "MEX"
    assert after["lines"] == before["lines"]
    left_before = before["current"]["timer"]["remaining_s"]
    left_after = after["current"]["timer"]["remaining_s"]
    assert 45 <= left_before - left_after <= 60
    # and the floor goes on: the next command appends after the last event
    assert post(mod, SLUG, command="finish").status_code == 200
    assert FloorEvent.objects.filter(session=seed).count() == after["version"] + 1


def test_export_floorlog_and_replay_agree(seed: Any, tmp_path: Any) -> None:
    from podium.floor.exports import EXPORTERS

    mod, mex = client_for("mod1"), client_for("mex")
    open_panel_1(mod)
    post(mex, SLUG, command="request")
    live = post(mod, SLUG, command="call_next").json()
    data = EXPORTERS["floorlog"](seed)
    lines = data.decode().splitlines()
    assert json.loads(lines[0])["type"] == "segment_opened" and json.loads(lines[0])["seq"] == 1
    path = tmp_path / "floor.jsonl"
    path.write_bytes(data)
    out = StringIO()
    call_command("replay", str(path), stdout=out)
    replayed = json.loads(out.getvalue())
    assert replayed["version"] == live["version"] == len(lines)
    assert replayed["current"]["entity"] == "MEX"
    assert replayed["segment"]["id"] == "panel-1"


def test_pages_and_who_sees_them(seed: Any) -> None:
    assert client_for(None).get(f"/sessions/{SLUG}/room").status_code == 200
    live = client_for(None).get(f"/sessions/{SLUG}/live")
    assert live.status_code == 200 and "Sustainable development" in live.content.decode()
    assert client_for("mod1").get(f"/sessions/{SLUG}/floor/console").status_code == 200
    assert client_for("mex").get(f"/sessions/{SLUG}/floor/console").status_code == 403
    assert client_for("mex").get(f"/sessions/{SLUG}/floor/delegate").status_code == 200
    assert client_for(None).get(f"/sessions/{SLUG}/floor/delegate").status_code == 302


def test_the_chair_says_which_language_the_speaker_speaks(seed: Any) -> None:
    """For the interpretation channel: the room and public views carry it; it holds for the
    current speaker only; nobody speaking, or a language that is not one of the six (or
    "other"), is refused with its reason."""
    from podium.floor import services

    chair = client_for("mod1")
    slug = seed.slug
    r = post(chair, slug, command="set_language", language="es")
    assert r.status_code == 400 and r.json()["code"] == "no_speaker"
    panel1 = next(c for c in services.segment_configs(seed) if c.panel_number == 1)
    assert post(chair, slug, command="open_segment", segment=panel1.id).status_code == 200
    assert post(chair, slug, command="call", entity="MEX").status_code == 200
    r = post(chair, slug, command="set_language", language="klingon")
    assert r.status_code == 400
    assert post(client_for("mex"), slug, command="set_language", language="es").status_code == 403
    assert post(chair, slug, command="set_language", language="es").status_code == 200
    state = services.state_of(seed)
    for audience in ("room", "public", "console"):
        assert b'"language":"es"' in services.view_bytes(seed, state, audience, [])
    assert post(chair, slug, command="call", entity="BGD").status_code == 200
    assert b'"language":""' in services.view_bytes(seed, services.state_of(seed), "room", [])
