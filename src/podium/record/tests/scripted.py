"""A scripted two-panel session, run through the floor engine and stored as the floor's log.

Panel 1 and panel 2 of the seed session; the numbers the tests expect are computed by hand in
the comments (durations in seconds).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from podium.core import commands, floor
from podium.core.commands import Actor, Context, EntityInfo, Refusal
from podium.floor import services
from podium.floor.models import FloorEvent
from podium.floor.signals import floor_changed
from podium.record import adapters

# a stakeholder of the script (accredited), beside the reference data's entities
STAKEHOLDERS = {"STK1": EntityInfo("STK1", "Migrant NGO", "stakeholder", accredited=True)}


class _Directory:
    def __init__(self, session: Any) -> None:
        self.base = services.directory_of(session)

    def entity(self, code: str) -> EntityInfo | None:
        return STAKEHOLDERS.get(code) or self.base.entity(code)

    def segment(self, key: str) -> floor.SegmentConfig | None:
        return self.base.segment(key)


class Script:
    def __init__(self, session: Any) -> None:
        self.session = session
        self.state = floor.initial_state()
        self.events: list[floor.Event] = []
        self.directory = _Directory(session)

    def do(self, at: Any, name: str, by: str = "moderator", **args: Any) -> None:
        cmd = commands.parse({"command": name, **args})
        assert not isinstance(cmd, Refusal), cmd.reason
        actor = Actor(username=by, chairs_all=True)
        out = commands.decide(self.state, cmd, Context(actor, at, self.directory))
        assert not isinstance(out, Refusal), out.reason
        for e in out:
            self.state = floor.apply(self.state, e)
            self.events.append(e)

    def request(self, at: Any, entity: str, by: str = "", **kw: Any) -> str:
        self.do(at, "request", by=by or "moderator", entity=entity, **kw)
        return str(self.events[-1].data["request_id"])

    def save(self) -> None:
        """Store the log, and tell the apps as the floor does after a commit."""
        FloorEvent.objects.bulk_create(
            FloorEvent.from_event(self.session, n, e) for n, e in enumerate(self.events, start=1)
        )
        floor_changed.send(sender=floor.Event, session=self.session, events=self.events)


def config(segment: Any) -> str:
    return adapters.floor_segment_id(segment)


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
    fra = f.request(s(710), "FRA", by="fradelegate")
    f.request(s(711), "GHA", by="ghadelegate", on_behalf_of="AFRICAN")
    bra = f.request(s(712), "BRA")
    f.request(s(713), "CHE")
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
    f.request(s(430), "ARG")
    f.do(s(440), "call_next")
    f.do(s(600), "extend_timer", by_s=60)
    f.do(s(680), "finish")  # 240 (limit 240 after the extension)
    f.do(s(690), "switch_round", round="stakeholders")
    f.request(s(691), "STK1")
    f.do(s(700), "call_next")
    f.do(s(900), "finish")  # 200: 20 over
    f.do(s(910), "close_segment")
    f.save()
    return f
