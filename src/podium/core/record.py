"""The record of a session: every intervention, and every request that was never heard.

Pure domain: no Django. The floor's event log is the source of truth; `interventions_from_log`
derives the record from it, and the Django app only enriches
each intervention with who the speaker is (regional group, gender) before computing statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

# Categories of speaker, in the order tables list them.
CATEGORIES: tuple[str, ...] = (
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

CATEGORY_LABELS: dict[str, str] = {
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


def normalise_category(value: str | None) -> str:
    """Map the many spellings of a category (floor rounds, entity kinds, roles) to one key."""
    if not value:
        return "other"
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "member_states": "member_state",
        "state": "member_state",
        "states": "member_state",
        "observer": "observer_state",
        "observers": "observer_state",
        "observer_states": "observer_state",
        "groups": "group",
        "group_of_states": "group",
        "stakeholders": "stakeholder",
        "ngo": "stakeholder",
        "panelists": "panelist",
        "expert": "panelist",
        "experts": "panelist",
        "co_chairs": "co_chair",
        "cochair": "co_chair",
        "co_facilitator": "co_chair",
        "chair": "co_chair",
        "sg": "secretary_general",
        "igos": "igo",
        "un": "un_entity",
        "un_entities": "un_entity",
    }
    key = aliases.get(key, key)
    return key if key in CATEGORIES else "other"


@dataclass(frozen=True)
class Intervention:
    """One person speaking once, from being called to the end of their time."""

    number: int  # 1-based order of the intervention in the session
    speaker: str  # the person's name (or the delegation's when the person is not known)
    entity: str  # the entity's code or name ("" for a panelist speaking in a personal capacity)
    category: str  # one of CATEGORIES
    segment: str  # the segment's key (as the floor names it)
    start: datetime
    end: datetime
    limit_s: int  # 0 when the slot had no limit
    paused_s: float = 0.0  # time the timer stood still (not counted as speaking time)
    round: str = ""  # the round of the discussion ("" outside a discussion)
    on_behalf_of: str = ""  # the group of States the speaker spoke for
    departed_from_order: bool = False  # the moderator called someone else than suggested
    entity_name: str = ""
    regional_group: str = ""  # filled by the app from people's data
    gender: str = ""  # self-declared; "" when unknown
    extended_s: int = 0  # extra time granted by the moderator (already part of limit_s)
    request_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def duration_s(self) -> float:
        """Speaking time in seconds: wall time between call and end, minus pauses."""
        return max(0.0, (self.end - self.start).total_seconds() - self.paused_s)

    @property
    def overtime_s(self) -> float:
        """Seconds spoken beyond the limit (0 when within the limit or when there was none)."""
        if self.limit_s <= 0:
            return 0.0
        return max(0.0, self.duration_s - self.limit_s)

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


@dataclass(frozen=True)
class SegmentTime:
    """When a segment actually ran, from the log (None when it never opened or never closed)."""

    segment: str
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    @property
    def actual_s(self) -> float | None:
        if self.opened_at is None or self.closed_at is None:
            return None
        return max(0.0, (self.closed_at - self.opened_at).total_seconds())


@dataclass(frozen=True)
class Record:
    """The whole record of a session's floor."""

    interventions: tuple[Intervention, ...] = ()
    not_heard: tuple[NotHeard, ...] = ()
    segments: tuple[SegmentTime, ...] = ()

    def speakers_of(self, segment: str) -> list[Intervention]:
        """The interventions of one segment, in the order they were heard."""
        return [i for i in self.interventions if i.segment == segment]

    def segment_keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.segments:
            seen.setdefault(s.segment, None)
        for i in self.interventions:
            seen.setdefault(i.segment, None)
        return list(seen)
