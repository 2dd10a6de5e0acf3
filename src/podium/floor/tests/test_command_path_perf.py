"""The command path stays lean (a request to speak is one read of the log and one insert) and,
lean as it is, still decides on the database's state when this process is behind another one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from podium.core.commands import Actor
from podium.floor import services

from .conftest import client_for, post

pytestmark = pytest.mark.django_db
SLUG = "gcm-its2-drivers"


def _token_client(username: str) -> Client:
    from django.contrib.auth import get_user_model

    from podium.people.models import ApiToken

    _t, raw = ApiToken.issue(get_user_model().objects.get(username=username), "test")
    return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {raw}")


def _open(segment: str, by: str) -> None:
    session = services.session_by_slug(SLUG)
    services.execute(session, {"command": "open_segment", "segment": segment}, Actor.system(by))
    services.execute(session, {"command": "open_discussion"}, Actor.system(by))


def test_a_delegation_requests_the_floor_in_a_few_queries(
    seed: Any, django_assert_max_num_queries: Any
) -> None:
    _open("panel-1", "mod1")
    mex = _token_client("mex")
    # session, token (+ its last-used stamp), roles (the speaker's name comes with them), the
    # session row's lock (PostgreSQL), the log read, the insert (+ the transaction's own
    # statements); no second read of the log, no entity query
    with django_assert_max_num_queries(10):
        r = mex.post(
            f"/api/sessions/{SLUG}/floor",
            json.dumps({"command": "request"}),
            content_type="application/json",
        )
    assert r.status_code == 200, r.content
    snap = r.json()
    assert [q["entity"] for q in snap["lines"]["member_states"]] == ["MEX"]
    assert snap["lines"]["member_states"][0]["speaker"] == "Ana Torres"
    assert "notes" not in snap
    # the answer is the snapshot every screen gets, at the log's version
    screens = services.snapshot_of(seed, services.state_of(seed))
    assert snap["version"] == screens["version"] and snap["lines"] == screens["lines"]


def test_chairs_get_the_notes_in_the_same_answer(seed: Any) -> None:
    mod = client_for("mod1")
    _open("panel-1", "mod1")
    r = post(mod, SLUG, command="note", text="Ünïcode ✓")
    assert r.status_code == 200
    snap = r.json()
    assert [n["text"] for n in snap["notes"]] == ["Ünïcode ✓"]
    assert snap["version"] == services.state_of(seed).version


def test_a_process_behind_the_log_checks_permissions_on_the_logs_state(seed: Any) -> None:
    """This process last saw panel 1 open; another worker has since closed it and opened panel 2.
    Panel 1's moderator may no longer run the floor; panel 2's may."""
    _open("panel-1", "mod1")
    behind = services._cache[seed.pk]
    services.execute(seed, {"command": "close_segment"})
    _open("panel-2", "mod2")
    version = services.state_of(seed).version

    services._cache[seed.pk] = behind  # as if the other worker's events were never read here
    r = post(client_for("mod1"), SLUG, command="note", text="not mine to write")
    assert r.status_code == 403
    assert services.state_of(seed).version == version

    services._cache[seed.pk] = behind
    r = post(client_for("mod2"), SLUG, command="note", text="panel 2")
    assert r.status_code == 200, r.content
    assert r.json()["segment"]["id"] == "panel-2"
    texts = [e.data.get("text") for e in services.log_of(seed) if e.type == "note_added"]
    assert texts == ["panel 2"]


def test_a_process_behind_the_log_checks_who_withdraws_on_the_logs_state(seed: Any) -> None:
    """Same segment open, but Bangladesh asked for the floor through another worker: this
    process has not seen that request, so Mexico's delegate passes the first check; the
    check on the log's state refuses to withdraw someone else's request."""
    _open("panel-1", "mod1")
    behind = services._cache[seed.pk]
    services.execute(seed, {"command": "request", "entity": "BGD"})
    request_id = services.state_of(seed).lines["member_states"][0].id

    services._cache[seed.pk] = behind
    r = post(client_for("mex"), SLUG, command="withdraw", request_id=request_id)
    assert r.status_code == 403, r.content
    assert [q.entity for q in services.state_of(seed).lines["member_states"]] == ["BGD"]


def test_a_new_connection_runs_the_command_paths_reads_once_at_start(
    seed: Any, django_assert_num_queries: Any
) -> None:
    """What `podium.asgi` runs on each request thread's connection at start: the session,
    log, token and roles reads, matching nothing, changing nothing."""
    from podium.floor.models import FloorEvent

    with django_assert_num_queries(4):
        services.prepare_connection()
    assert FloorEvent.objects.count() == 0
