"""The record of a session: every intervention, and every request that was never heard.

Pure domain: no Django. The record is a projection of the floor's own fold
(`podium.core.floor.record_of(state)`): an intervention is written down by the very transition
that ends it on the floor (`speaker_finished`, a new call, the close of a discussion or of the
segment), with the speaking time the floor measured; there is no second interpreter of the log.
The Django app only adds who the speaker is (regional group, gender) before computing statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

# Categories of speaker, in the order tables list them.
CATEGORIES: Final[tuple[str, ...]] = (
    "co_chair",
    "secretary_general",
    "moderator",
    "panelist",
    "thematic_expert",
    "member_state",
    "observer_state",
    "group",
    "igo",
    "un_entity",
    "stakeholder",
    "other",
)

# The categories of those who speak from the floor (counted by category and region); the others
# speak in the programme's planned slots (counted by role).
FLOOR_CATEGORIES: Final[frozenset[str]] = frozenset(
    {"member_state", "observer_state", "group", "igo", "un_entity", "stakeholder"}
)
STATE_CATEGORIES: Final[frozenset[str]] = frozenset({"member_state", "observer_state", "group"})

CATEGORY_LABELS: Final[dict[str, str]] = {
    "co_chair": "Co-facilitator",
    "secretary_general": "Secretary-General of the conference",
    "moderator": "Moderator",
    "panelist": "Panelist",
    "thematic_expert": "Thematic expert",
    "member_state": "Member State",
    "observer_state": "Observer State",
    "group": "Group of States",
    "igo": "Intergovernmental organization",
    "un_entity": "UN entity",
    "stakeholder": "Stakeholder",
    "other": "Other",
}


def category_of_kind(kind: str) -> str:
    """The record's category of an entity kind (`member-state` -> `member_state`)."""
    key = kind.replace("-", "_")
    return key if key in CATEGORIES else "other"


@dataclass(frozen=True)
class Intervention:
    """One person speaking once, from being called to the end of their time.

    `role` is `floor` for a delegation's intervention from the floor, else the planned slot's
    role (`moderator_opening`, `expert`, `thematic_expert`…) or `panelist` (a panelist's
    response). A floor intervention speaks for `entity`; a slot's speaker speaks in their own
    role, and the State or organization they come from is only an attribute (`represents`).
    """

    number: int  # 1-based order of the intervention in the session
    segment: str  # the segment's key (as the floor names it)
    role: str
    category: str  # one of CATEGORIES
    speaker: str  # the person's name ("" when the programme does not name them yet)
    entity: str  # the delegation speaking from the floor ("" for a slot)
    entity_name: str
    start: datetime  # when their time started (the timer's start, else the call)
    end: datetime
    speaking_s: float  # as the floor's timer measured it: pauses excluded
    limit_s: int  # the rule's limit for the role in the segment (0: none)
    granted_s: int  # the limit the timer finally showed (the chair's, with extensions)
    paused_s: float = 0.0
    extended_s: int = 0  # extra time granted by the chair
    represents: str = ""  # a slot speaker's State or organization (code)
    represents_name: str = ""
    round: str = ""  # the round of the discussion ("" outside a discussion)
    on_behalf_of: str = ""  # the group of States the delegation spoke for
    departed_from_order: bool = False  # the chair called someone else than suggested
    request_id: str = ""
    requested_by: str = ""  # the account that asked for the floor
    regional_group: str = ""  # filled by the app from people's data
    gender: str = ""  # self-declared; "" when unknown

    @property
    def from_floor(self) -> bool:
        return self.role == "floor"

    @property
    def overtime_s(self) -> float:
        """Seconds spoken beyond the rule's limit (0 within it, or when there is none)."""
        return max(0.0, self.speaking_s - self.limit_s) if self.limit_s > 0 else 0.0

    @property
    def overtime_granted_s(self) -> float:
        """Seconds spoken beyond the time the chair granted (the limit with extensions)."""
        return max(0.0, self.speaking_s - self.granted_s) if self.granted_s > 0 else 0.0

    @property
    def over_limit(self) -> bool:
        return self.overtime_s > 0

    def with_person(self, *, regional_group: str = "", gender: str = "") -> Intervention:
        return replace(self, regional_group=regional_group, gender=gender)


@dataclass(frozen=True)
class NotHeard:
    """A request to speak still waiting when its discussion closed (its statement is still kept)."""

    entity: str
    category: str
    segment: str
    requested_at: datetime
    closed_at: datetime | None = None
    round: str = ""
    on_behalf_of: str = ""
    speaker: str = ""
    entity_name: str = ""
    regional_group: str = ""
    request_id: str = ""
    requested_by: str = ""


@dataclass(frozen=True)
class SegmentTime:
    """When a segment actually ran (first opening to last closing; None when it never did)."""

    segment: str
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    @property
    def actual_s(self) -> float | None:
        if self.opened_at is None or self.closed_at is None:
            return None
        return max(0.0, (self.closed_at - self.opened_at).total_seconds())


@dataclass(frozen=True)
class PointOfOrder:
    """A point of order: who raised it, on which segment, when, and when the chair settled it
    (None while it waits). It interrupts: the speaker's timer stands still meanwhile."""

    entity: str
    entity_name: str
    speaker: str
    segment: str
    raised_at: datetime
    by: str = ""
    settled_at: datetime | None = None
    paused_timer: bool = False  # it stopped the speaker's running timer (resumed when settled)


@dataclass(frozen=True)
class Record:
    """The whole record of a session's floor."""

    interventions: tuple[Intervention, ...] = ()
    not_heard: tuple[NotHeard, ...] = ()
    segments: tuple[SegmentTime, ...] = ()
    points_of_order: tuple[PointOfOrder, ...] = ()

    def speakers_of(self, segment: str) -> list[Intervention]:
        """The interventions of one segment, in the order they were heard."""
        return [i for i in self.interventions if i.segment == segment]

    def floor_interventions(self) -> list[Intervention]:
        return [i for i in self.interventions if i.from_floor]

    def slot_interventions(self) -> list[Intervention]:
        return [i for i in self.interventions if not i.from_floor]

    def segment_keys(self) -> list[str]:
        """Every segment the record names, once, in the order it first appears."""
        seen: dict[str, None] = {}
        for s in self.segments:
            seen.setdefault(s.segment, None)
        for i in self.interventions:
            seen.setdefault(i.segment, None)
        for n in self.not_heard:
            seen.setdefault(n.segment, None)
        return list(seen)


def intervention_json(i: Intervention) -> dict[str, object]:
    """An intervention as the API and `podium replay --format record` write it."""
    return {
        "number": i.number,
        "segment": i.segment,
        "role": i.role,
        "category": i.category,
        "speaker": i.speaker,
        "entity": i.entity,
        "entity_name": i.entity_name,
        "represents": i.represents,
        "represents_name": i.represents_name,
        "on_behalf_of": i.on_behalf_of,
        "round": i.round,
        "start": i.start.isoformat(),
        "end": i.end.isoformat(),
        "speaking_s": round(i.speaking_s, 1),
        "paused_s": round(i.paused_s, 1),
        "limit_s": i.limit_s,
        "granted_s": i.granted_s,
        "extended_s": i.extended_s,
        "overtime_s": round(i.overtime_s, 1),
        "overtime_granted_s": round(i.overtime_granted_s, 1),
        "departed_from_suggested_order": i.departed_from_order,
        "request_id": i.request_id,
        "regional_group": i.regional_group,
    }


def not_heard_json(n: NotHeard) -> dict[str, object]:
    return {
        "entity": n.entity,
        "entity_name": n.entity_name,
        "category": n.category,
        "segment": n.segment,
        "round": n.round,
        "on_behalf_of": n.on_behalf_of,
        "request_id": n.request_id,
        "requested_at": n.requested_at.isoformat(),
        "closed_at": n.closed_at.isoformat() if n.closed_at else None,
    }


def record_json(record: Record) -> dict[str, object]:
    """The whole record as JSON: interventions, requests not heard, segment times."""
    return {
        "interventions": [intervention_json(i) for i in record.interventions],
        "not_heard": [not_heard_json(n) for n in record.not_heard],
        "segments": [
            {
                "segment": s.segment,
                "opened_at": s.opened_at.isoformat() if s.opened_at else None,
                "closed_at": s.closed_at.isoformat() if s.closed_at else None,
                "actual_s": None if s.actual_s is None else round(s.actual_s, 1),
            }
            for s in record.segments
        ],
    }
