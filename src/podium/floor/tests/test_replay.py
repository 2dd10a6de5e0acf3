"""`podium replay FILE [--at TIME] [--format state|record|stats]`: the state, the record or the
statistics of an exported log, all from the one fold; a bad line is named by FILE:LINE."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from podium.floor.exports import EXPORTERS

from .conftest import client_for, post

pytestmark = pytest.mark.django_db
SLUG = "gcm-its2-drivers"

GOOD = (
    '{"seq": 1, "type": "segment_opened", "at": "2017-05-22T14:30:00+00:00", "by": "m",'
    ' "segment": {"id": "panel-1", "title": "Panel 1", "rounds": ["member_states"]}}\n'
    '{"seq": 2, "type": "discussion_opened", "at": "2017-05-22T14:31:00+00:00", "by": "m",'
    ' "round": "member_states", "round_index": 0}\n'
)


def replay(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podium.cli", "replay", str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            '{"type": "request_made", "at": "2017-05-22T14:32:00+00:00", "line": "member_states"}',
            "request_id: Field required",
        ),
        ('{"type": "request_made", "at": "2017-05-22T14:32:00+00:00"', "not JSON"),
        ('{"type": "coffee_break", "at": "2017-05-22T14:32:00+00:00"}', "unknown event type"),
        ('{"type": "timer_started", "at": "yesterday"}', "at: not an ISO 8601 time"),
        ('{"type": "timer_started", "at": "2017-05-22T14:32:00"}', "no UTC offset"),
        (
            '{"type": "timer_extended", "at": "2017-05-22T14:32:00+00:00", "by_s": 1e999}',
            "infinity",
        ),
        ('{"type": "timer_extended", "at": "2017-05-22T14:32:00+00:00", "by_s": -5}', "by_s"),
    ],
)
def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    """Finding 8: a log line missing a field printed a traceback."""
    path = tmp_path / "floor.jsonl"
    path.write_text(GOOD + line + "\n")
    done = replay(path)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith(f"{path}:3: "), done.stderr
    assert reason in done.stderr and "Traceback" not in done.stderr


def test_replay_formats_come_from_the_one_fold(seed: Any, tmp_path: Path) -> None:
    mod, mex, bgd = client_for("mod1"), client_for("mex"), client_for("bgd")
    post(mod, SLUG, command="open_segment", segment="panel-1")
    post(mod, SLUG, command="call", slot=0)
    post(mod, SLUG, command="finish")
    post(mod, SLUG, command="open_discussion")
    post(mex, SLUG, command="request")
    post(bgd, SLUG, command="request")
    post(mod, SLUG, command="call_next")
    live = post(mod, SLUG, command="finish").json()
    post(mod, SLUG, command="close_discussion")
    path = tmp_path / "floor.jsonl"
    path.write_bytes(EXPORTERS["floorlog"](seed))

    def run(*args: str) -> dict[str, Any]:
        out = StringIO()
        call_command("replay", str(path), *args, stdout=out)
        return dict(json.loads(out.getvalue()))

    record = run("--format", "record")
    api = client_for(None).get(f"/api/sessions/{SLUG}/record").json()
    assert [i["speaking_s"] for i in record["interventions"]] == [
        i["speaking_s"] for i in api["interventions"]
    ]
    assert [(i["role"], i["entity"]) for i in record["interventions"]] == [
        ("moderator_opening", ""),
        ("floor", "MEX"),
    ]
    assert [n["entity"] for n in record["not_heard"]] == ["BGD"]
    stats = {t["key"]: t for t in run("--format", "stats")["tables"]}
    totals = {r["measure"]: r["value"] for r in stats["totals"]["rows"]}
    assert totals["interventions"] == 1 and totals["planned_speakers"] == 1
    assert totals["requests_not_heard"] == 1
    # --at: the floor as it was then (Mexico speaking, Bangladesh waiting)
    at = next(
        e["at"]
        for e in map(json.loads, path.read_text().splitlines())
        if e["type"] == "speaker_called" and e.get("entity") == "MEX"
    )
    then = run("--at", at)
    assert then["current"]["entity"] == "MEX"
    assert [r["entity"] for r in then["lines"]["member_states"]] == ["BGD"]
    assert run()["version"] == live["version"] + 1
