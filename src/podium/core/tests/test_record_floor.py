"""A scripted two-panel session run through the floor engine; its record and statistics are
checked against numbers computed by hand (see the comments)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from podium.core import commands, floor
from podium.core.commands import Context, Refusal
from podium.core.floor import SegmentConfig, record_of
from podium.core.record import Record
from podium.core.statistics import PlannedSegment, all_tables

from .kit import directory

T0 = datetime(2017, 5, 22, 14, 15, tzinfo=UTC)  # 10:15 in New York
P2 = T0 + timedelta(hours=5)  # 15:15 in New York
PANELS = (
    SegmentConfig(id="p1", title="Panel 1", panel_number=1),
    SegmentConfig(id="p2", title="Panel 2", panel_number=2),
)
CHAIR = commands.Actor(username="test", chairs_all=True)


class Script:
    def __init__(self) -> None:
        self.log: list[floor.Event] = []
        self.state = floor.initial_state()
        self.where = directory(*PANELS)

    def do(self, at: datetime, name: str, **args: Any) -> None:
        cmd = commands.parse({"command": name, **args})
        assert not isinstance(cmd, Refusal), cmd.reason
        out = commands.decide(self.state, cmd, Context(CHAIR, at, self.where))
        assert not isinstance(out, Refusal), out.reason
        for e in out:
            self.state = floor.apply(self.state, e)
            self.log.append(e)

    def request(self, at: datetime, entity: str, **kw: Any) -> str:
        self.do(at, "request", entity=entity, **kw)
        return str(self.log[-1].data["request_id"])


def s(base: datetime, sec: float) -> datetime:
    return base + timedelta(seconds=sec)


def run_session() -> list[floor.Event]:
    f = Script()
    # Panel 1
    f.do(T0, "open_segment", segment="p1")
    f.do(T0, "call", speaker="H.E. Moderator One", entity="MEX", role="moderator")  # 420 s limit
    f.do(s(T0, 400), "finish")  # 400 s
    f.do(s(T0, 400), "call", speaker="Dr Expert A", role="expert")  # 420 s limit
    f.do(s(T0, 700), "finish")  # 300 s
    f.do(s(T0, 700), "open_discussion")
    fra = f.request(s(T0, 710), "FRA")
    f.request(s(T0, 711), "GHA", on_behalf_of="AFRICAN")  # goes first
    bra = f.request(s(T0, 712), "BRA")
    f.request(s(T0, 713), "CHE")
    f.do(s(T0, 720), "call_next")  # Ghana, as suggested
    f.do(s(T0, 920), "finish")  # 200 s: 20 s over the 180 s limit
    f.do(s(T0, 925), "call", request_id=bra)  # France was suggested: a departure
    f.do(s(T0, 1000), "pause_timer")
    f.do(s(T0, 1030), "resume_timer")
    f.do(s(T0, 1105), "finish")  # 180 s wall - 30 s paused = 150 s
    f.do(s(T0, 1110), "call", request_id=fra)  # suggested: France
    f.do(s(T0, 1290), "finish")  # 180 s: exactly the limit
    f.do(s(T0, 1300), "close_discussion")  # Switzerland not heard
    f.do(s(T0, 1300), "call", speaker="H.E. Moderator One", entity="MEX", role="moderator")
    f.do(s(T0, 1700), "finish")  # 400 s
    f.do(s(T0, 1700), "close_segment")  # panel 1 ran 1700 s
    # Panel 2
    f.do(P2, "open_segment", segment="p2")
    f.do(P2, "call", speaker="H.E. Moderator Two", entity="SWE", role="moderator")
    f.do(s(P2, 420), "finish")  # 420 s: exactly the limit
    f.do(s(P2, 420), "open_discussion")
    f.request(s(P2, 430), "ARG")
    f.do(s(P2, 440), "call_next")
    f.do(s(P2, 600), "extend_timer", by_s=60)  # limit 240 s
    f.do(s(P2, 680), "finish")  # 240 s: within the extended limit
    f.do(s(P2, 690), "switch_round", round="stakeholders")
    f.request(s(P2, 691), "NGO1")
    f.do(s(P2, 700), "call_next")
    f.do(s(P2, 900), "finish")  # 200 s: 20 s over
    f.do(s(P2, 910), "close_segment")  # panel 2 ran 910 s
    return f.log


def record() -> Record:
    return record_of(floor.fold(run_session()))


def test_interventions_follow_the_log() -> None:
    rec = record()
    got = [
        (i.entity or i.represents, i.role, i.category, i.segment, i.speaking_s, i.overtime_s)
        for i in rec.interventions
    ]
    assert got == [
        ("MEX", "moderator", "moderator", "p1", 400, 0),
        ("", "expert", "panelist", "p1", 300, 0),
        ("GHA", "floor", "member_state", "p1", 200, 20),
        ("BRA", "floor", "member_state", "p1", 150, 0),
        ("FRA", "floor", "member_state", "p1", 180, 0),
        ("MEX", "moderator", "moderator", "p1", 400, 0),
        ("SWE", "moderator", "moderator", "p2", 420, 0),
        ("ARG", "floor", "member_state", "p2", 240, 60),  # 60 s over the rule, as granted
        ("NGO1", "floor", "stakeholder", "p2", 200, 20),
    ]
    ghana, brazil = rec.interventions[2], rec.interventions[3]
    assert ghana.on_behalf_of == "AFRICAN" and not ghana.departed_from_order
    assert ghana.entity_name == "Ghana"
    assert brazil.departed_from_order and brazil.paused_s == 30
    arg = rec.interventions[7]
    assert (arg.limit_s, arg.granted_s, arg.extended_s, arg.overtime_granted_s) == (180, 240, 60, 0)
    assert rec.interventions[8].round == "stakeholders"
    assert [(n.entity, n.segment) for n in rec.not_heard] == [("CHE", "p1")]


def test_statistics_match_hand_computed_numbers() -> None:
    planned = [
        PlannedSegment("p1", "Panel 1", T0, T0 + timedelta(minutes=30)),
        PlannedSegment("p2", "Panel 2", P2, P2 + timedelta(minutes=15)),
    ]
    tables = {t.key: t for t in all_tables(record(), planned)}
    totals = dict(tables["totals"].rows)
    assert totals["interventions"] == 5 and totals["planned_speakers"] == 4
    assert totals["speaking_time_min"] == 41.5  # 2490 s
    assert totals["over_limit"] == 3 and totals["overtime_total_min"] == 1.7  # 100 s
    assert totals["over_granted"] == 2  # Ghana and the stakeholder: 20 s each
    assert totals["departed_from_suggested_order"] == 1
    assert totals["requests_not_heard"] == 1
    by_cat = {r["category"]: r for r in tables["by-category"].as_dicts()}
    assert set(by_cat) == {"Member State", "Stakeholder"}
    assert by_cat["Member State"]["interventions"] == 4
    assert by_cat["Member State"]["total_s"] == 770 and by_cat["Member State"]["over_limit"] == 2
    assert by_cat["Stakeholder"]["over_limit"] == 1
    by_role = {r["role"]: r for r in tables["by-role"].as_dicts()}
    assert by_role["Moderator"]["interventions"] == 3 and by_role["Moderator"]["total_s"] == 1220
    assert by_role["Expert's presentation"]["total_s"] == 300
    by_panel = {r["segment"]: r for r in tables["by-panel"].as_dicts()}
    assert list(by_panel) == ["Panel 1", "Panel 2"]
    assert by_panel["Panel 1"]["interventions"] == 6 and by_panel["Panel 1"]["total_s"] == 1630
    assert by_panel["Panel 2"]["interventions"] == 3 and by_panel["Panel 2"]["total_s"] == 860
    pva = {r["segment"]: r for r in tables["planned-vs-actual"].as_dicts()}
    assert pva["Panel 1"]["actual_min"] == 28.3 and pva["Panel 1"]["difference_min"] == -1.7
    assert pva["Panel 2"]["actual_min"] == 15.2 and pva["Panel 2"]["difference_min"] == 0.2
    ot = {r["segment"]: r for r in tables["overtime"].as_dicts()}
    assert ot["Panel 1"]["overtime_total_s"] == 20 and ot["Panel 2"]["overtime_max_s"] == 60
    assert ot["Panel 2"]["over_granted"] == 1 and ot["Panel 2"]["overtime_granted_total_s"] == 20
