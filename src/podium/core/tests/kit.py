"""A floor driven by commands as the app drives it (parse, decide as an actor, fold), with the
reference data's States, groups and organizations as its directory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from podium.core import commands
from podium.core.commands import Actor, Context, EntityInfo, Refusal, StaticDirectory
from podium.core.entities import all_entities
from podium.core.floor import Event, FloorState, SegmentConfig, fold, initial_state

T0 = datetime(2017, 5, 22, 14, 30, tzinfo=UTC)
PANEL = SegmentConfig(
    id="panel-1",
    title="Panel 1",
    planned_start=T0,
    planned_end=T0 + timedelta(hours=2, minutes=45),
    panel_number=1,
    slots=(
        {"role": "moderator_opening", "speaker": "H.E. Moderator", "entity": "BGD", "limit_s": 420},
        {"role": "expert", "speaker": "Dr A. Expert", "entity": "", "limit_s": 420},
        {
            "role": "moderator_conclusion",
            "speaker": "H.E. Moderator",
            "entity": "BGD",
            "limit_s": 420,
        },
    ),
)
# accredited stakeholders (and one that is not)
STAKEHOLDERS = {
    "NGO1": EntityInfo("NGO1", "Migrant Network", "stakeholder", accredited=True),
    "NGO2": EntityInfo("NGO2", "Diaspora Forum", "stakeholder", accredited=True),
    "NGO3": EntityInfo("NGO3", "Not Yet Accredited", "stakeholder", accredited=False),
}


@cache
def reference_entities() -> dict[str, EntityInfo]:
    records = all_entities()
    groups: dict[str, set[str]] = {}
    for g in records:
        for member in g.members:
            groups.setdefault(member, set()).add(g.code)
    out = {
        r.code.upper(): EntityInfo(r.code, r.name, r.kind, frozenset(groups.get(r.code, ())))
        for r in records
    }
    out.update(STAKEHOLDERS)
    return out


def directory(*segments: SegmentConfig) -> StaticDirectory:
    return StaticDirectory(reference_entities(), {s.id: s for s in (segments or (PANEL,))})


def delegate_of(code: str, username: str = "", person: str = "") -> Actor:
    """Someone acting for one delegation."""
    info = reference_entities()[code]
    return Actor(
        username=username or f"delegate-{code.lower()}", delegations={code: info}, person=person
    )


MODERATOR = Actor(username="mod1", chairs=frozenset({"panel-1"}))
CO_CHAIR = Actor(username="cochair", chairs_all=True)
NOBODY = Actor(username="someone")
ANONYMOUS = Actor(signed_in=False)


class Floor:
    """A floor driven by commands, keeping its log like the app does."""

    def __init__(self, *segments: SegmentConfig, actor: Actor = MODERATOR) -> None:
        self.state: FloorState = initial_state()
        self.log: list[Event] = []
        self.now = T0
        self.segments = segments or (PANEL,)
        self.directory = directory(*self.segments)
        self.actor = actor

    def do(self, name: str, *, actor: Actor | None = None, **fields: Any) -> list[Event] | Refusal:
        if name == "open_segment":
            fields.setdefault("segment", self.segments[0].id)
        cmd = commands.parse({"command": name, **fields})
        if isinstance(cmd, Refusal):
            return cmd
        who = actor or self.actor
        out = commands.decide(self.state, cmd, Context(who, self.now, self.directory))
        if not isinstance(out, Refusal):
            self.log.extend(out)
            self.state = fold(out, self.state)
        return out

    def ok(self, name: str, **fields: Any) -> list[Event]:
        out = self.do(name, **fields)
        assert not isinstance(out, Refusal), (out.code, out.reason)
        return out

    def refused(self, name: str, **fields: Any) -> Refusal:
        out = self.do(name, **fields)
        assert isinstance(out, Refusal), out
        return out

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def discussing(self) -> Floor:
        """The segment open and its discussion open: delegations may ask for the floor."""
        self.ok("open_segment")
        self.ok("open_discussion")
        return self
