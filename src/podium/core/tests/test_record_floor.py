"""A scripted two-panel session run through the floor engine; its record and statistics are
checked against numbers computed by hand (see the comments)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from podium.core import floor
from podium.core.record import Record, interventions_from_log
from podium.core.statistics import PlannedSegment, all_tables

T0 = datetime(2017, 5, 22, 14, 15, tzinfo=UTC)  # 10:15 in New York
P2 = T0 + timedelta(hours=5)  # 15:15 in New York


class Script:
    def __init__(self) -> None:
        self.log: list[floor.Event] = []
        self.state = floor.initial_state()

    def do(self, at: datetime, name: str, **args: Any) -> None:
        out = floor.decide(self.state, floor.Command(name, args, by="test"), at)
        assert not isinstance(out, floor.Refusal), out.reason
        for e in out:
            self.state = floor.apply(self.state, e)
            self.log.append(e)

    def request(self, at: datetime, entity: str, category: str = "member-state", **kw: Any) -> str:
        self.do(at, "request", entity=entity, category=category, **kw)
        return str(self.log[-1].data["request_id"])


def s(base: datetime, sec: float) -> datetime:
    return base + timedelta(seconds=sec)


def run_session() -> list[floor.Event]:
    f = Script()
    # Panel 1
    f.do(T0, "open_segment", segment={"id": "p1", "title": "Panel 1", "kind": "expert_panel"})
    f.do(T0, "call", speaker="H.E. Moderator One", entity="MEX", role="moderator")  # 420 s limit
    f.do(s(T0, 400), "finish")  # 400 s
    f.do(s(T0, 400), "call", speaker="Dr Expert A", role="expert")  # 420 s limit
    f.do(s(T0, 700), "finish")  # 300 s
    f.do(s(T0, 700), "open_discussion")
    fra = f.request(s(T0, 710), "FRA", entity_name="France")
    f.request(s(T0, 711), "GHA", entity_name="Ghana", on_behalf_of="African Group")  # goes first
    bra = f.request(s(T0, 712), "BRA", entity_name="Brazil")
    f.request(s(T0, 713), "CHE", entity_name="Switzerland")
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
    f.do(P2, "open_segment", segment={"id": "p2", "title": "Panel 2", "kind": "expert_panel"})
    f.do(P2, "call", speaker="H.E. Moderator Two", entity="SWE", role="moderator")
    f.do(s(P2, 420), "finish")  # 420 s: exactly the limit
    f.do(s(P2, 420), "open_discussion")
    f.request(s(P2, 430), "ARG", entity_name="Argentina")
    f.do(s(P2, 440), "call_next")
    f.do(s(P2, 600), "extend_timer", by_s=60)  # limit 240 s
    f.do(s(P2, 680), "finish")  # 240 s: within the extended limit
    f.do(s(P2, 690), "switch_round", round="stakeholders")
    f.request(s(P2, 691), "STK1", category="stakeholder", entity_name="Migrant NGO")
    f.do(s(P2, 700), "call_next")
    f.do(s(P2, 900), "finish")  # 200 s: 20 s over
    f.do(s(P2, 910), "close_segment")  # panel 2 ran 910 s
    return f.log


def record() -> Record:
    return interventions_from_log(run_session())


def test_interventions_follow_the_log() -> None:
    rec = record()
    got = [(i.entity, i.category, i.segment, i.duration_s, i.overtime_s) for i in rec.interventions]
    assert got == [
        ("MEX", "moderator", "p1", 400, 0),
        ("", "panelist", "p1", 300, 0),
        ("GHA", "member_state", "p1", 200, 20),
        ("BRA", "member_state", "p1", 150, 0),
        ("FRA", "member_state", "p1", 180, 0),
        ("MEX", "moderator", "p1", 400, 0),
        ("SWE", "moderator", "p2", 420, 0),
        ("ARG", "member_state", "p2", 240, 0),
        ("STK1", "stakeholder", "p2", 200, 20),
    ]
    ghana, brazil = rec.interventions[2], rec.interventions[3]
    assert ghana.on_behalf_of == "African Group" and not ghana.departed_from_order
    assert brazil.departed_from_order and brazil.paused_s == 30
    assert rec.interventions[7].limit_s == 240 and rec.interventions[7].extended_s == 60
    assert rec.interventions[8].round == "stakeholders"
    assert [(n.entity, n.segment) for n in rec.not_heard] == [("CHE", "p1")]


def test_statistics_match_hand_computed_numbers() -> None:
    planned = [
        PlannedSegment("p1", "Panel 1", T0, T0 + timedelta(minutes=30)),
        PlannedSegment("p2", "Panel 2", P2, P2 + timedelta(minutes=15)),
    ]
    tables = {t.key: t for t in all_tables(record(), planned)}
    totals = dict(tables["totals"].rows)
    assert totals["interventions"] == 9
    assert totals["speaking_time_min"] == 41.5  # 2490 s
    assert totals["over_limit"] == 2 and totals["overtime_total_min"] == 0.7  # 40 s
    assert totals["departed_from_suggested_order"] == 1
    assert totals["requests_not_heard"] == 1
    by_cat = {r["category"]: r for r in tables["by-category"].as_dicts()}
    assert by_cat["Moderator"]["interventions"] == 3 and by_cat["Moderator"]["total_s"] == 1220
    assert by_cat["Panelist"]["total_s"] == 300
    assert by_cat["Member State"]["interventions"] == 4
    assert by_cat["Member State"]["total_s"] == 770 and by_cat["Member State"]["over_limit"] == 1
    assert by_cat["Stakeholder"]["over_limit"] == 1
    by_panel = {r["segment"]: r for r in tables["by-panel"].as_dicts()}
    assert by_panel["Panel 1"]["interventions"] == 6 and by_panel["Panel 1"]["total_s"] == 1630
    assert by_panel["Panel 2"]["interventions"] == 3 and by_panel["Panel 2"]["total_s"] == 860
    pva = {r["segment"]: r for r in tables["planned-vs-actual"].as_dicts()}
    assert pva["Panel 1"]["actual_min"] == 28.3 and pva["Panel 1"]["difference_min"] == -1.7
    assert pva["Panel 2"]["actual_min"] == 15.2 and pva["Panel 2"]["difference_min"] == 0.2
    ot = {r["segment"]: r for r in tables["overtime"].as_dicts()}
    assert ot["Panel 1"]["overtime_total_s"] == 20 and ot["Panel 2"]["overtime_max_s"] == 20
