"""A scripted two-panel session, run through the floor engine and stored as the floor's log.

Panel 1 and panel 2 of the seed session; the numbers the tests expect are computed by hand in
the comments (durations in seconds).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from podium.core import floor
from podium.record import adapters


class Script:
    def __init__(self, session: Any) -> None:
        self.session = session
        self.state = floor.initial_state()
        self.events: list[floor.Event] = []

    def do(self, at: Any, name: str, by: str = "moderator", **args: Any) -> None:
        out = floor.decide(self.state, floor.Command(name, args, by=by), at)
        assert not isinstance(out, floor.Refusal), out.reason
        for e in out:
            self.state = floor.apply(self.state, e)
            self.events.append(e)

    def request(self, at: Any, entity: str, by: str = "", **kw: Any) -> str:
        kw.setdefault("category", "member-state")
        self.do(at, "request", by=by, entity=entity, **kw)
        return str(self.events[-1].data["request_id"])

    def save(self) -> None:
        from podium.floor.models import FloorEvent

        FloorEvent.objects.bulk_create(
            FloorEvent.from_event(self.session, n, e) for n, e in enumerate(self.events, start=1)
        )


def config(segment: Any) -> dict[str, Any]:
    return {
        "id": adapters.floor_segment_id(segment),
        "title": adapters.segment_title(segment),
        "kind": segment.kind,
        "panel_number": segment.panel_number,
    }


def run_two_panels(session: Any) -> Script:
    """Panel 1: 6 interventions (one over by 20 s, one departure), Switzerland not heard.
    Panel 2: 3 interventions (a stakeholder over by 20 s)."""
    p1, p2 = [s for s in adapters.segments_of(session) if s.kind == "expert_panel"][:2]
    f = Script(session)
    t = p1.start

    def s(sec: float) -> Any:
        return t + timedelta(seconds=sec)

    f.do(s(0), "open_segment", segment=config(p1))
    f.do(s(0), "call", speaker="H.E. Moderator One", entity="BGD", role="moderator")
    f.do(s(400), "finish")  # 400 (limit 420)
    f.do(s(400), "call", speaker="Dr Expert A", role="expert")
    f.do(s(700), "finish")  # 300 (limit 420)
    f.do(s(700), "open_discussion")
    fra = f.request(s(710), "FRA", by="fradelegate", entity_name="France")
    f.request(s(711), "GHA", by="ghadelegate", entity_name="Ghana", on_behalf_of="African Group")
    bra = f.request(s(712), "BRA", entity_name="Brazil")
    f.request(s(713), "CHE", entity_name="Switzerland")
    f.do(s(720), "call_next")  # Ghana first (group statement)
    f.do(s(920), "finish")  # 200: 20 over
    f.do(s(925), "call", request_id=bra)  # France suggested: departure
    f.do(s(1000), "pause_timer")
    f.do(s(1030), "resume_timer")
    f.do(s(1105), "finish")  # 180 - 30 paused = 150
    f.do(s(1110), "call", request_id=fra)
    f.do(s(1290), "finish")  # 180
    f.do(s(1300), "close_discussion")  # Switzerland not heard
    f.do(s(1300), "call", speaker="H.E. Moderator One", entity="BGD", role="moderator")
    f.do(s(1700), "finish")  # 400
    f.do(s(1700), "close_segment")

    t = p2.start
    f.do(s(0), "open_segment", segment=config(p2))
    f.do(s(0), "call", speaker="H.E. Moderator Two", entity="GHA", role="moderator")
    f.do(s(420), "finish")  # 420
    f.do(s(420), "open_discussion")
    f.request(s(430), "ARG", entity_name="Argentina")
    f.do(s(440), "call_next")
    f.do(s(600), "extend_timer", by_s=60)
    f.do(s(680), "finish")  # 240 (limit 240 after the extension)
    f.do(s(690), "switch_round", round="stakeholders")
    f.request(s(691), "STK1", category="stakeholder", entity_name="Migrant NGO")
    f.do(s(700), "call_next")
    f.do(s(900), "finish")  # 200: 20 over
    f.do(s(910), "close_segment")
    f.save()
    return f
