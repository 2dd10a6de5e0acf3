"""The record of a session: every intervention, and every request that was never heard.

Pure domain: no Django. The floor's event log is the source of truth; `interventions_from_log`
derives the record from it, and the Django app only enriches
each intervention with who the speaker is (regional group, gender) before computing statistics.
"""

from __future__ import annotations

from collections.abc import Iterable
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


# --- derivation from the floor's log ------------------------------------------------------------

# The vocabulary `interventions_from_log` folds: the floor engine's event types
# (`podium.core.floor.EVENT_TYPES`); other types are ignored.
EVENT_TYPES: tuple[str, ...] = (
    "segment_opened",  # segment: the segment's configuration ({"id", "title", ...}) or its id
    "segment_closed",  # segment
    "discussion_opened",  # segment, round
    "discussion_closed",  # segment, not_heard: waiting requests become "not heard"
    "round_switched",  # round
    "request_made",  # request_id, entity, entity_name, category, on_behalf_of, speaker
    "request_withdrawn",  # request_id
    "speaker_called",  # speaker, entity, entity_name, category, on_behalf_of, request_id, role,
    #                    limit_s, round, departed
    "timer_started",  # (re)starts the timer from zero, as the floor's timer does
    "timer_paused",
    "timer_resumed",
    "timer_extended",  # by_s
    "timer_stopped",  # the speaking time ends here even if the speaker is finished later
    "speaker_finished",
)

# The category of someone called by role rather than from a line of requests.
ROLE_CATEGORIES: dict[str, str] = {
    "moderator": "moderator",
    "summary": "moderator",
    "expert": "panelist",
    "panelist": "panelist",
    "thematic_expert": "thematic_expert",
    "co_chair": "co_chair",
    "secretary_general": "secretary_general",
}


def _str(ev: dict[str, Any], key: str) -> str:
    v = ev.get(key)
    return "" if v is None else str(v)


def normalise_event(event: Any) -> dict[str, Any]:
    """A floor event (an object with `type`, `at` and `data`, or already a dict) as one flat dict;
    a segment given as its configuration becomes its id (and `segment_title`)."""
    if isinstance(event, dict):
        flat = dict(event)
    else:
        flat = {"type": event.type, "at": event.at, **dict(getattr(event, "data", {}) or {})}
        if getattr(event, "by", ""):
            flat.setdefault("by", event.by)
    seg = flat.get("segment")
    if isinstance(seg, dict):
        flat["segment"] = str(seg.get("id", ""))
        flat["segment_title"] = str(seg.get("title", ""))
    return flat


@dataclass
class _Open:
    number: int
    ev: dict[str, Any]
    segment: str
    round: str
    called_at: datetime
    started_at: datetime | None = None
    paused_at: datetime | None = None
    stopped_at: datetime | None = None
    paused_s: float = 0.0
    limit_s: int = 0
    extended_s: int = 0


def interventions_from_log(events: Iterable[Any]) -> Record:
    """Fold the floor's events (`podium.core.floor.Event`s or flat dicts) into the record: every
    intervention from call to end, every request still waiting when its discussion closed, and
    when each segment actually ran.

    Speaking time follows the floor's timer: from its start (its last restart) to the finish, or
    to the timer's stop when stopped first, minus pauses; when the timer never started, from the
    call to the finish. The next call, the close of the discussion or of the segment also end an
    intervention.
    """
    interventions: list[Intervention] = []
    not_heard: list[NotHeard] = []
    opened: dict[str, datetime] = {}
    closed: dict[str, datetime] = {}
    order: list[str] = []
    pending: dict[str, dict[str, Any]] = {}
    segment = ""
    round_ = ""
    current: _Open | None = None

    def finish(at: datetime) -> None:
        nonlocal current
        if current is None:
            return
        c = current
        start = c.started_at or c.called_at
        end = c.stopped_at or at
        if c.paused_at is not None:
            end = min(end, c.paused_at) if c.stopped_at is None else end
        ev = c.ev
        role = _str(ev, "role")
        category = _str(ev, "category")
        if role and role != "floor" and role in ROLE_CATEGORIES:
            category = ROLE_CATEGORIES[role]
        elif not category and role in ROLE_CATEGORIES:
            category = ROLE_CATEGORIES[role]
        interventions.append(
            Intervention(
                number=c.number,
                speaker=_str(ev, "speaker") or _str(ev, "entity_name") or _str(ev, "entity"),
                entity=_str(ev, "entity"),
                entity_name=_str(ev, "entity_name"),
                category=normalise_category(category),
                segment=c.segment,
                round=c.round,
                start=start,
                end=max(end, start),
                limit_s=c.limit_s,
                paused_s=c.paused_s,
                on_behalf_of=_str(ev, "on_behalf_of"),
                departed_from_order=bool(ev.get("departed")),
                extended_s=c.extended_s,
                request_id=_str(ev, "request_id"),
                gender=_str(ev, "gender"),
                extra={
                    k: v
                    for k, v in ev.items()
                    if k in ("person", "person_id", "role", "requested_by")
                },
            )
        )
        current = None

    def close_requests(seg: str, at: datetime, only: set[str] | None = None) -> None:
        for rid, req in list(pending.items()):
            if req["segment"] != seg or (only is not None and rid not in only):
                continue
            not_heard.append(
                NotHeard(
                    entity=_str(req, "entity"),
                    entity_name=_str(req, "entity_name"),
                    category=normalise_category(_str(req, "category")),
                    segment=seg,
                    round=_str(req, "round"),
                    requested_at=req["at"],
                    closed_at=at,
                    on_behalf_of=_str(req, "on_behalf_of"),
                    speaker=_str(req, "speaker"),
                    request_id=rid,
                )
            )
            del pending[rid]

    for raw in events:
        ev = normalise_event(raw)
        kind = ev["type"]
        at: datetime = ev["at"]
        seg = _str(ev, "segment") or segment
        if kind == "segment_opened":
            finish(at)
            segment, round_ = seg, ""
            opened.setdefault(seg, at)
            if seg not in order:
                order.append(seg)
        elif kind == "segment_closed":
            finish(at)
            close_requests(seg, at)
            closed[seg] = at
            segment = ""
        elif kind == "discussion_opened":
            segment = seg
            round_ = _str(ev, "round")
        elif kind == "discussion_closed":
            finish(at)
            ids = ev.get("not_heard")
            close_requests(seg, at, None if ids is None else {str(i) for i in ids})
            for rid in [r for r, q in pending.items() if q["segment"] == seg]:
                del pending[rid]  # left the lines without being heard nor listed: withdrawn
            round_ = ""
        elif kind == "round_switched":
            round_ = _str(ev, "round")
        elif kind == "request_made":
            rid = _str(ev, "request_id") or f"{seg}:{_str(ev, 'entity')}:{at.isoformat()}"
            pending[rid] = {**ev, "segment": seg, "round": _str(ev, "round") or round_}
        elif kind == "request_withdrawn":
            pending.pop(_str(ev, "request_id"), None)
        elif kind == "speaker_called":
            finish(at)
            rid = _str(ev, "request_id")
            req = pending.pop(rid, None) if rid else None
            merged = {**(req or {}), **{k: v for k, v in ev.items() if v not in (None, "")}}
            if req is not None and req.get("by"):
                merged["requested_by"] = req["by"]
            if seg not in order:
                order.append(seg)
            current = _Open(
                number=len(interventions) + 1,
                ev=merged,
                segment=seg,
                round=_str(ev, "round") or round_,
                called_at=at,
                limit_s=int(ev.get("limit_s") or 0),
            )
        elif current is not None and kind == "timer_started":
            current.started_at, current.paused_at, current.stopped_at = at, None, None
            current.paused_s = 0.0
        elif current is not None and kind == "timer_paused":
            if current.paused_at is None:
                current.paused_at = at
        elif current is not None and kind == "timer_resumed":
            if current.paused_at is not None:
                current.paused_s += max(0.0, (at - current.paused_at).total_seconds())
                current.paused_at = None
        elif current is not None and kind == "timer_extended":
            by = int(ev.get("by_s") or 0)
            current.limit_s += by
            current.extended_s += by
        elif current is not None and kind == "timer_stopped":
            if current.stopped_at is None:
                if current.paused_at is not None:  # stopped while paused: the pause counts
                    current.paused_s += max(0.0, (at - current.paused_at).total_seconds())
                    current.paused_at = None
                current.stopped_at = at
        elif kind == "speaker_finished":
            finish(at)
    segments = tuple(SegmentTime(s, opened.get(s), closed.get(s)) for s in order)
    return Record(tuple(interventions), tuple(not_heard), segments)
