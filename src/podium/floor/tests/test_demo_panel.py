"""`make run`'s demo accounts run panel 1 of the seed session from start to end."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import SEED_FILE, client_for, post

pytestmark = pytest.mark.django_db
SLUG = "gcm-its2-drivers"


@pytest.fixture
def demo(db: None) -> Any:
    from podium.people.demo import create_demo_accounts
    from podium.people.loader import sync_reference_entities
    from podium.programme.services import import_session_file

    sync_reference_entities()
    session = import_session_file(SEED_FILE)
    create_demo_accounts(session)
    return session


def ok(c: Any, **body: Any) -> dict[str, Any]:
    r = post(c, SLUG, **body)
    assert r.status_code == 200, r.json()
    return dict(r.json())


def test_demo_accounts_run_panel_1_from_start_to_end(demo: Any) -> None:
    from podium.core import floorlog
    from podium.core.floor import fold, record_of
    from podium.floor.exports import EXPORTERS

    mod = client_for("moderator1")
    delegates = {code: client_for(f"delegate-{code.lower()}") for code in ("mex", "bgd", "deu")}
    ngo = client_for("stakeholder")

    snap = ok(mod, command="open_segment", segment="panel-1")
    slots = snap["segment"]["slots"]
    assert [s["role"] for s in slots][:2] == ["moderator_opening", "expert"]
    # the moderator's opening remarks and the three experts' presentations
    for i, slot in enumerate(slots[:-1]):
        snap = ok(mod, command="call", slot=i)
        assert snap["current"]["timer"]["limit_s"] == slot["limit_s"]
        assert snap["current"]["role"] == slot["role"] and snap["current"]["entity"] == ""
        ok(mod, command="finish")
    ok(mod, command="open_discussion")
    for c in delegates.values():
        ok(c, command="request")
    snap = ok(mod, command="call_next")
    assert snap["current"]["entity"] == "MEX" and snap["current"]["departed"] is False
    ok(mod, command="extend_timer", by_s=30)
    deu = next(r for r in snap["lines"]["member_states"] if r["entity"] == "DEU")
    snap = ok(mod, command="call", request_id=deu["request_id"])  # out of the suggested order
    assert snap["current"]["departed"] is True
    ok(mod, command="finish")
    ok(mod, command="switch_round")  # panelists respond
    snap = ok(mod, command="call", slot=1, role="panelist")  # the first expert responds
    assert snap["current"]["timer"]["limit_s"] == 180
    ok(mod, command="finish")
    ok(mod, command="switch_round")  # stakeholders
    ok(ngo, command="request")
    snap = ok(mod, command="call_next")
    assert snap["current"]["category"] == "stakeholder"
    ok(mod, command="finish")
    ok(mod, command="note", text="Bangladesh not heard: time")
    snap = ok(mod, command="close_discussion")
    ok(mod, command="call", slot=len(slots) - 1)
    snap = ok(mod, command="close_segment")
    assert snap["segment"] is None and snap["closed_segments"] == ["panel-1"]

    # the record is derived from the log: every intervention, and Bangladesh not heard
    record = record_of(fold(floorlog.decode(EXPORTERS["floorlog"](demo))))
    assert len(record.interventions) == 9
    assert [i.role for i in record.interventions].count("floor") == 3
    assert [n.entity for n in record.not_heard] == ["BGD"]
