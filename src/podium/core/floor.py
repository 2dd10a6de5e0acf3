"""The live floor of a session as an append-only event log (pure domain: no Django, no clock).

- `apply(state, event) -> state` folds one event (total: it never refuses nor raises);
- `fold(events) -> state` is the whole log folded from `initial_state()`;
- `record_of(state)` is the record (interventions, requests not heard, segment times): a
  projection of the same fold, written by the transitions that end an intervention;
- `snapshot(state, now)` is the picture every screen draws.

Commands (what may be asked of the floor, by whom, and the events each produces) are in
`podium.core.commands`.

The log is self-contained: `segment_opened` carries the segment's configuration (title, planned
end, slot limits, rounds policy, pre-inscription option), so `fold` needs nothing but the events
and anyone can audit a session's floor offline (`podium replay FILE`).

Lines. A request to speak waits in the line of its entity's kind: `member_states` (Member
States), `observers` (observer States, IGOs, UN entities), `stakeholders` (accredited
stakeholders) and `panelists` (a panelist asking to respond). A request is placed by the
speaking-order policy when it is made (`podium.core.order`); the chair may move it, and may call
anyone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Final, Literal, get_args

from podium.core import order
from podium.core.entities import lookup as reference_entity
from podium.core.forecast import forecast
from podium.core.record import (
    Intervention,
    NotHeard,
    PointOfOrder,
    Record,
    SegmentTime,
    category_of_kind,
)

# --- configuration ------------------------------------------------------------------------------

LINES: Final[tuple[str, ...]] = ("member_states", "observers", "stakeholders", "panelists")
# The line a request waits in, by the kind of the entity asking (groups of States do not ask:
# one of their members speaks on their behalf).
LINE_OF_KIND: Final[dict[str, str]] = {
    "member-state": "member_states",
    "observer-state": "observers",
    "igo": "observers",
    "un-entity": "observers",
    "stakeholder": "stakeholders",
    "panelist": "panelists",
}
# Which lines a round calls from.
ROUND_LINES: Final[dict[str, tuple[str, ...]]] = {
    "member_states": ("member_states", "observers"),
    "observers": ("observers",),
    "stakeholders": ("stakeholders",),
    "panelists": ("panelists",),
    "all": ("member_states", "observers", "stakeholders"),
}
# The note: "alternating segments between Member States and panelists", stakeholders per A/RES/71/280.
DEFAULT_ROUNDS: Final[tuple[str, ...]] = (
    "member_states",
    "panelists",
    "stakeholders",
    "panelists",
)


@dataclass(frozen=True)
class SpeakingRole:
    """A way of holding the floor: the record's category of who speaks so, and the default
    time limit (s) when the programme gives none."""

    category: str
    limit_s: int


# Every role a speaker may be called in. `floor`: a delegation from its line (its category is
# its entity's kind); `panelist`: a panelist responding; the others are the programme's planned
# slots (`podium.core.programme`), limits from the procedural note.
ROLES: Final[dict[str, SpeakingRole]] = {
    "floor": SpeakingRole("", 180),
    "panelist": SpeakingRole("panelist", 180),
    "moderator": SpeakingRole("moderator", 420),
    "moderator_opening": SpeakingRole("moderator", 420),
    "moderator_conclusion": SpeakingRole("moderator", 420),
    "summary_moderator": SpeakingRole("moderator", 900),
    "expert": SpeakingRole("panelist", 420),
    "thematic_expert": SpeakingRole("thematic_expert", 900),
    "co_chair": SpeakingRole("co_chair", 600),
    "welcome": SpeakingRole("co_chair", 600),
    "conclusions": SpeakingRole("co_chair", 1200),
    "closing": SpeakingRole("co_chair", 600),
    "issue_brief": SpeakingRole("secretary_general", 300),
    # a right of reply: a State, at the end of the segment, within its own limit
    "reply": SpeakingRole("", 180),
}
DEFAULT_LIMITS: Final[dict[str, int]] = {name: r.limit_s for name, r in ROLES.items()}
# The longest time limit a turn may have (4 hours): bounds every timer and forecast.
MAX_LIMIT_S: Final[int] = 4 * 3600
# "30 seconds left": when a running timer turns to its warning phase.
WARNING_S: Final[int] = 30


def round_key(name: str) -> str:
    """Round names as the floor spells them ("member-states" in session files)."""
    return name.strip().lower().replace("-", "_")


def _as_int(value: Any, default: int = 0, lo: int = 0, hi: int = 2**31 - 1) -> int:
    """An integer from a stored value, within [lo, hi]; `default` when it is not a number (a
    fold never raises on what a log holds)."""
    if isinstance(value, bool):
        return default
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return max(lo, min(hi, n))


def _as_seconds(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        s = float(value)
    except (TypeError, ValueError):
        return None
    return s if math.isfinite(s) and s >= 0 else None


def _as_str(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class SegmentConfig:
    """What the floor needs to know of a programme segment (built by the programme app)."""

    id: str
    kind: str = "expert_panel"
    title: str = ""
    planned_start: datetime | None = None
    planned_end: datetime | None = None
    limits: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    floor_limit_s: int = 180
    rounds: tuple[str, ...] = DEFAULT_ROUNDS
    pre_inscription: bool = False
    panel_number: int | None = None
    reserve_s: int = 420  # kept free before the planned end (the moderator's concluding remarks)
    # the planned speaking turns: {"role", "speaker", "entity", "limit_s", "min_s"?} in speaking
    # order (`min_s`: the shortest the programme plans, for the forecast's range)
    slots: tuple[Mapping[str, Any], ...] = ()

    def limit_for(self, role: str) -> int:
        """The rule's time limit (s) of a role in this segment."""
        if role == "floor":
            return self.floor_limit_s
        default = DEFAULT_LIMITS.get(role, self.floor_limit_s)
        return _as_int(self.limits.get(role, default), default, 0, MAX_LIMIT_S)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "planned_start": _iso(self.planned_start),
            "planned_end": _iso(self.planned_end),
            "limits": dict(self.limits),
            "floor_limit_s": self.floor_limit_s,
            "rounds": list(self.rounds),
            "pre_inscription": self.pre_inscription,
            "panel_number": self.panel_number,
            "reserve_s": self.reserve_s,
            "slots": [dict(x) for x in self.slots],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SegmentConfig:
        """The configuration a `segment_opened` event carries (bounded: a fold never raises)."""
        rounds = tuple(
            r for r in (round_key(str(x)) for x in (data.get("rounds") or ())) if r in ROUND_LINES
        )
        if "rounds" not in data:
            rounds = DEFAULT_ROUNDS
        pn = data.get("panel_number")
        limits = data.get("limits")
        slots = data.get("slots") or ()
        return cls(
            id=_as_str(data.get("id")),
            kind=_as_str(data.get("kind") or "expert_panel"),
            title=_as_str(data.get("title")),
            planned_start=_parse_dt(data.get("planned_start")),
            planned_end=_parse_dt(data.get("planned_end")),
            limits={
                str(k): _as_int(v, 0, 0, MAX_LIMIT_S)
                for k, v in (
                    dict(limits) if isinstance(limits, Mapping) else DEFAULT_LIMITS
                ).items()
            },
            floor_limit_s=_as_int(data.get("floor_limit_s"), 180, 0, MAX_LIMIT_S) or 180,
            rounds=rounds,
            pre_inscription=bool(data.get("pre_inscription")),
            panel_number=_as_int(pn, 0, 0, 10**6) if pn is not None else None,
            reserve_s=_as_int(data.get("reserve_s", 420), 0, 0, MAX_LIMIT_S),
            slots=tuple(dict(x) for x in slots if isinstance(x, Mapping))
            if isinstance(slots, (list, tuple))
            else (),
        )


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def _parse_dt(v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v
    try:
        parsed = datetime.fromisoformat(str(v))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


# --- events -------------------------------------------------------------------------------------

EVENT_TYPES: Final[tuple[str, ...]] = (
    "segment_opened",  # segment (config dict)
    "segment_closed",  # segment
    "discussion_opened",  # segment, round, round_index
    "discussion_closed",  # segment, not_heard (request ids)
    "round_switched",  # round, round_index
    "request_made",  # request_id, entity, entity_name, category, line, on_behalf_of, speaker,
    #                  position, role, represents
    "request_withdrawn",  # request_id, reason
    "request_moved",  # request_id, position
    "list_closed",  # -
    "list_reopened",  # -
    "speaker_called",  # request_id, speaker, entity, entity_name, category, on_behalf_of, role,
    #                    represents, represents_name, limit_s, rule_limit_s, round,
    #                    suggested_request_id, departed
    "timer_started",  # -
    "timer_paused",  # -
    "timer_resumed",  # -
    "timer_extended",  # by_s
    "timer_stopped",  # -
    "speaker_finished",  # speaking_s
    "note_added",  # text
    "language_set",  # language: the language the current speaker speaks (interpretation)
    "undone",  # what: the command whose events are undone (the floor is as it was before)
    "point_of_order_raised",  # entity, entity_name, speaker (the speaker's timer stops)
    "point_of_order_settled",  # - (the first waiting; the timer goes on if it stopped it)
    "reply_requested",  # request_id, entity, entity_name, category, speaker (a right of reply)
    "message_projected",  # text: what the room screens show ("" takes it down)
    "countdown_started",  # limit_s, label: a countdown of its own on the room screens
    "countdown_stopped",  # -
)
# What may be undone, within UNDO_S and while nothing else happened: the first event of such a
# command carries `undo_point: <command>`, its other events `undo_part: <command>`.
UNDOABLE: Final[frozenset[str]] = frozenset(
    {"close_discussion", "close_segment", "switch_round", "withdraw"}
)
UNDO_S: Final = 10
# The languages a speaker may be said to speak: the six official ones, or another.
FloorLanguage = Literal["ar", "zh", "en", "fr", "ru", "es", "other"]
FLOOR_LANGUAGES: Final[tuple[str, ...]] = get_args(FloorLanguage)


@dataclass(frozen=True)
class Event:
    """One fact of the floor: a type, when it happened, who did it and its fields."""

    type: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    by: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


# --- state --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    id: str
    entity: str
    entity_name: str
    category: str  # the entity's kind (`member-state`…), or `panelist`
    line: str
    on_behalf_of: str
    speaker: str
    requested_at: datetime
    by: str = ""
    round: str = ""  # the round when it was made
    represents: str = ""  # a panelist's State or organization


@dataclass(frozen=True)
class Timer:
    """Server-authoritative: remaining = limit - (now - started_at - paused)."""

    started_at: datetime | None = None
    limit_s: int = 0
    paused_total_s: float = 0.0
    paused_at: datetime | None = None
    stopped_at: datetime | None = None

    def elapsed_s(self, now: datetime) -> float:
        if self.started_at is None:
            return 0.0
        end = self.paused_at or self.stopped_at or now
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_total_s)

    def remaining_s(self, now: datetime) -> float:
        return self.limit_s - self.elapsed_s(now)

    def paused_s(self, now: datetime) -> float:
        """All the time the timer stood still, the pause still under way included."""
        extra = 0.0
        if self.paused_at is not None:
            extra = max(0.0, ((self.stopped_at or now) - self.paused_at).total_seconds())
        return self.paused_total_s + extra

    def phase(self, now: datetime) -> str:
        if self.started_at is None:
            return "ready"
        if self.stopped_at is not None:
            return "stopped"
        if self.paused_at is not None:
            return "paused"
        left = self.remaining_s(now)
        if self.limit_s > 0 and left <= 0:
            return "overtime"
        if self.limit_s > 0 and left <= WARNING_S:
            return "warning"
        return "running"

    def to_json(self, now: datetime) -> dict[str, Any]:
        left = self.remaining_s(now)
        return {
            "started_at": _iso(self.started_at),
            "limit_s": self.limit_s,
            "paused_total_s": round(self.paused_total_s, 3),
            "paused_at": _iso(self.paused_at),
            "stopped_at": _iso(self.stopped_at),
            "elapsed_s": round(self.elapsed_s(now), 3),
            "remaining_s": round(left, 3),
            "overtime_s": round(max(0.0, -left), 3) if self.limit_s > 0 else 0.0,
            "phase": self.phase(now),
            "warning_s": WARNING_S,
        }


@dataclass(frozen=True)
class Current:
    speaker: str
    entity: str
    entity_name: str
    category: str
    on_behalf_of: str
    role: str
    request_id: str
    called_at: datetime
    round: str
    departed: bool
    suggested_request_id: str
    timer: Timer
    segment: str = ""
    rule_limit_s: int = 0
    represents: str = ""
    represents_name: str = ""
    requested_by: str = ""
    language: str = ""  # "" until the chair says which (FLOOR_LANGUAGES)
    extended_s: int = 0  # added by the chair since the call

    def speaking_s(self, at: datetime) -> float:
        """How long they have spoken at `at`: the timer's time (pauses excluded) once started;
        from the call when the chair never started it."""
        if self.timer.started_at is None:
            return max(0.0, (at - self.called_at).total_seconds())
        return self.timer.elapsed_s(at)


@dataclass(frozen=True)
class SegmentState:
    config: SegmentConfig
    opened_at: datetime
    discussion_open: bool = False
    discussion_opened_at: datetime | None = None
    round_index: int = -1
    list_closed: bool = False

    @property
    def round(self) -> str:
        if not self.discussion_open or not (0 <= self.round_index < len(self.config.rounds)):
            return ""
        return self.config.rounds[self.round_index]

    @property
    def requests_open(self) -> bool:
        """Delegations may ask for the floor: the discussion is open, or the segment keeps a
        pre-inscribed list before it opens (a closed list is refused separately)."""
        return self.discussion_open or self.config.pre_inscription


@dataclass(frozen=True)
class Note:
    at: datetime
    text: str
    by: str = ""


@dataclass(frozen=True)
class FloorState:
    version: int = 0
    segment: SegmentState | None = None
    lines: Mapping[str, tuple[Request, ...]] = field(
        default_factory=lambda: {name: () for name in LINES}
    )
    current: Current | None = None
    # entities heard on each panel (segment id -> entities), for "has spoken goes after".
    spoken: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # speaking times (s) of the floor interventions heard in the open segment, for the forecast.
    durations: tuple[float, ...] = ()
    closed_segments: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    request_counter: int = 0
    last_at: datetime | None = None
    # the record, as the floor writes it down (see `record_of`)
    heard: tuple[Intervention, ...] = ()
    unheard: tuple[NotHeard, ...] = ()
    segment_times: tuple[SegmentTime, ...] = ()
    # the last undoable command, while it may be undone: the state before it
    undo: Undo | None = None
    points_of_order: tuple[PointOfOrder, ...] = ()  # all, those waiting without `settled_at`
    replies: tuple[Request, ...] = ()  # rights of reply asked for, taken at the segment's end
    message: str = ""  # the chair's message on the room screens ("Please take your seats")
    countdown: Timer | None = None  # the chair's own countdown (a break, a vote), not a speaker's
    countdown_label: str = ""

    def all_requests(self) -> list[Request]:
        return [r for name in LINES for r in self.lines.get(name, ())]

    def find_request(self, request_id: str) -> Request | None:
        """The waiting request with exactly this id."""
        for r in self.all_requests():
            if r.id == request_id:
                return r
        return None

    def find_reply(self, request_id: str) -> Request | None:
        return next((r for r in self.replies if r.id == request_id), None)

    def pending_points_of_order(self) -> list[PointOfOrder]:
        return [p for p in self.points_of_order if p.settled_at is None]

    def spoken_here(self) -> frozenset[str]:
        if self.segment is None:
            return frozenset()
        return self.spoken.get(self.segment.config.id, frozenset())

    def round_lines(self) -> tuple[str, ...]:
        if self.segment is None:
            return ()
        return ROUND_LINES.get(self.segment.round, ())

    def suggested(self) -> Request | None:
        """The next speaker by the policy: the head of the current round's lines."""
        return order.suggest(
            [self.lines.get(name, ()) for name in self.round_lines()],
        )


@dataclass(frozen=True)
class Undo:
    """An undoable command just carried out: what it was, when, by whom, and the floor before it
    (`prior` holds no undo of its own, so states never chain)."""

    what: str
    at: datetime
    by: str
    prior: FloorState

    def until(self) -> datetime:
        return self.at + timedelta(seconds=UNDO_S)


def initial_state() -> FloorState:
    return FloorState()


def record_of(state: FloorState) -> Record:
    """The record of the floor folded so far: the interventions heard, the requests not heard,
    and when each segment ran."""
    return Record(state.heard, state.unheard, state.segment_times, state.points_of_order)


# --- apply --------------------------------------------------------------------------------------


def _with_line(
    state: FloorState, name: str, line: Sequence[Request]
) -> dict[str, tuple[Request, ...]]:
    lines = {k: tuple(v) for k, v in state.lines.items()}
    lines[name] = tuple(line)
    return lines


def _remove_request(state: FloorState, request_id: str) -> dict[str, tuple[Request, ...]]:
    return {k: tuple(r for r in v if r.id != request_id) for k, v in state.lines.items()}


def _category_of(cur: Current) -> str:
    if cur.role in ("floor", "reply"):
        return category_of_kind(cur.category)
    role = ROLES.get(cur.role)
    return role.category if role is not None else "other"


def _finish(state: FloorState, at: datetime, speaking_s: float | None) -> FloorState:
    """The current intervention ends at `at`: the floor writes it into the record."""
    cur = state.current
    if cur is None:
        return state
    spoken_s = speaking_s if speaking_s is not None else cur.speaking_s(at)
    start = cur.timer.started_at or cur.called_at
    intervention = Intervention(
        number=len(state.heard) + 1,
        segment=cur.segment or (state.segment.config.id if state.segment else ""),
        role=cur.role,
        category=_category_of(cur),
        speaker=cur.speaker,
        entity=cur.entity,
        entity_name=cur.entity_name,
        start=start,
        end=max(at, start),
        speaking_s=round(spoken_s, 3),
        limit_s=cur.rule_limit_s,
        granted_s=cur.timer.limit_s,
        paused_s=round(cur.timer.paused_s(at), 3),
        extended_s=cur.extended_s,
        represents=cur.represents,
        represents_name=cur.represents_name,
        round=cur.round,
        on_behalf_of=cur.on_behalf_of,
        departed_from_order=cur.departed,
        request_id=cur.request_id,
        requested_by=cur.requested_by,
    )
    spoken = dict(state.spoken)
    durations = state.durations
    if cur.role == "floor":  # a moderator's or expert's slot does not count
        if cur.entity:
            spoken[intervention.segment] = spoken.get(intervention.segment, frozenset()) | {
                cur.entity.upper()
            }
        if state.segment is not None and state.segment.config.id == intervention.segment:
            durations = (*durations, intervention.speaking_s)
    return replace(
        state,
        current=None,
        spoken=spoken,
        durations=durations,
        heard=(*state.heard, intervention),
    )


def _not_heard(state: FloorState, at: datetime, ids: Any = None) -> FloorState:
    """The waiting requests (those named by `ids` when given) leave the lines unheard."""
    segment = state.segment.config.id if state.segment is not None else ""
    wanted = {str(i) for i in ids} if isinstance(ids, (list, tuple)) else None
    unheard = [
        NotHeard(
            entity=r.entity,
            category=category_of_kind(r.category) if r.category != "panelist" else "panelist",
            segment=segment,
            requested_at=r.requested_at,
            closed_at=at,
            round=r.round,
            on_behalf_of=r.on_behalf_of,
            speaker=r.speaker,
            entity_name=r.entity_name,
            request_id=r.id,
            requested_by=r.by,
        )
        for r in state.all_requests()
        if wanted is None or r.id in wanted
    ]
    return replace(
        state,
        lines={n: () for n in LINES},
        unheard=(*state.unheard, *unheard) if unheard else state.unheard,
    )


def _segment_time(
    state: FloorState,
    segment: str,
    *,
    opened: datetime | None = None,
    closed: datetime | None = None,
) -> tuple[SegmentTime, ...]:
    times = list(state.segment_times)
    for i, t in enumerate(times):
        if t.segment == segment:
            times[i] = SegmentTime(
                segment, t.opened_at or opened, closed if closed is not None else t.closed_at
            )
            return tuple(times)
    return (*times, SegmentTime(segment, opened, closed))


def _update_timer(state: FloorState, **changes: Any) -> FloorState:
    cur = state.current
    if cur is None:
        return state
    return replace(state, current=replace(cur, timer=replace(cur.timer, **changes)))


# One transition per event type. Each gets the state (its version already bumped), the event,
# and the open segment (None only for the two that need none: a segment's opening, a note).
Transition = Callable[[FloorState, Event, "SegmentState | None"], FloorState]


def _segment_opened(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    raw = e.data.get("segment")
    cfg = SegmentConfig.from_json(raw if isinstance(raw, Mapping) else {"id": _as_str(raw)})
    s = _finish(s, e.at, None)
    return replace(
        s,
        segment=SegmentState(config=cfg, opened_at=e.at),
        lines={name: () for name in LINES},
        replies=(),
        current=None,
        durations=(),
        segment_times=_segment_time(s, cfg.id, opened=e.at),
    )


def _note_added(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return replace(s, notes=(*s.notes, Note(at=e.at, text=_as_str(e.data.get("text")), by=e.by)))


def _segment_closed(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    # rights of reply not taken are not heard either
    s = replace(s, lines=_with_line(s, "panelists", (*s.lines.get("panelists", ()), *s.replies)))
    s = _not_heard(_finish(s, e.at, None), e.at)
    return replace(
        s,
        replies=(),
        segment=None,
        durations=(),
        closed_segments=(*s.closed_segments, seg.config.id),
        segment_times=_segment_time(s, seg.config.id, closed=e.at),
    )


def _round_index(seg: SegmentState, value: Any, default: int) -> int:
    return _as_int(value, default, 0, max(0, len(seg.config.rounds) - 1))


def _discussion_opened(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    idx = _round_index(seg, e.data.get("round_index"), 0)
    opened = replace(
        seg, discussion_open=True, discussion_opened_at=e.at, round_index=idx, list_closed=False
    )
    return replace(s, segment=opened)


def _discussion_closed(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    s = _not_heard(s, e.at, e.data.get("not_heard"))
    return replace(s, segment=replace(seg, discussion_open=False, round_index=-1))


def _round_switched(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    idx = _round_index(seg, e.data.get("round_index"), seg.round_index)
    return replace(s, segment=replace(seg, round_index=idx))


def _list_closed(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    return replace(s, segment=replace(seg, list_closed=True))


def _list_reopened(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    return replace(s, segment=replace(seg, list_closed=False))


def _request_made(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    d = e.data
    line_name = _as_str(d.get("line"))
    if line_name not in LINES:
        return s
    req = Request(
        id=_as_str(d.get("request_id")),
        entity=_as_str(d.get("entity")),
        entity_name=_as_str(d.get("entity_name")),
        category=_as_str(d.get("category")),
        line=line_name,
        on_behalf_of=_as_str(d.get("on_behalf_of")),
        speaker=_as_str(d.get("speaker")),
        requested_at=e.at,
        by=e.by,
        round=seg.round,
        represents=_as_str(d.get("represents")),
    )
    line = list(s.lines.get(req.line, ()))
    line.insert(_as_int(d.get("position"), len(line), 0, len(line)), req)
    return replace(s, lines=_with_line(s, req.line, line), request_counter=s.request_counter + 1)


def _request_withdrawn(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    rid = _as_str(e.data.get("request_id"))
    replies = tuple(r for r in s.replies if r.id != rid)
    return replace(s, lines=_remove_request(s, rid), replies=replies)


def _reply_requested(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    d = e.data
    req = Request(
        id=_as_str(d.get("request_id")),
        entity=_as_str(d.get("entity")),
        entity_name=_as_str(d.get("entity_name")),
        category=_as_str(d.get("category")),
        line="replies",
        on_behalf_of="",
        speaker=_as_str(d.get("speaker")),
        requested_at=e.at,
        by=e.by,
        round=seg.round,
    )
    return replace(s, replies=(*s.replies, req), request_counter=s.request_counter + 1)


def _request_moved(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    moved = s.find_request(_as_str(e.data.get("request_id")))
    if moved is None:
        return s
    line = [r for r in s.lines.get(moved.line, ()) if r.id != moved.id]
    line.insert(_as_int(e.data.get("position"), 0, 0, len(line)), moved)
    return replace(s, lines=_with_line(s, moved.line, line))


def _speaker_called(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    assert seg is not None
    d = e.data
    s = _finish(s, e.at, None)
    rid = _as_str(d.get("request_id"))
    called = (s.find_request(rid) or s.find_reply(rid)) if rid else None
    role = _as_str(d.get("role")) or "floor"
    entity = _as_str(d.get("entity"))
    represents = _as_str(d.get("represents"))
    if role != "floor" and "represents" not in d:  # a log from before slots had `represents`
        entity, represents = "", entity
    limit = _as_int(d.get("limit_s"), 0, 0, MAX_LIMIT_S)
    cur = Current(
        speaker=_as_str(d.get("speaker")),
        entity=entity,
        entity_name=_as_str(d.get("entity_name")) if entity else "",
        category=_as_str(d.get("category")),
        on_behalf_of=_as_str(d.get("on_behalf_of")),
        role=role,
        request_id=rid,
        called_at=e.at,
        round=_as_str(d.get("round")),
        departed=bool(d.get("departed")),
        suggested_request_id=_as_str(d.get("suggested_request_id")),
        timer=Timer(limit_s=limit),
        segment=seg.config.id,
        rule_limit_s=_as_int(d.get("rule_limit_s"), limit, 0, MAX_LIMIT_S),
        represents=represents,
        represents_name=_as_str(d.get("represents_name")) or represents,
        requested_by=called.by if called is not None else "",
    )
    lines = _remove_request(s, rid) if rid else s.lines
    replies = tuple(r for r in s.replies if r.id != rid) if rid else s.replies
    return replace(s, lines=lines, replies=replies, current=cur)


def _timer_started(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return _update_timer(s, started_at=e.at, paused_at=None, paused_total_s=0.0, stopped_at=None)


def _language_set(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    if s.current is None:
        return s
    return replace(s, current=replace(s.current, language=str(e.data.get("language", ""))))


def _timer_paused(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return _update_timer(s, paused_at=e.at)


def _timer_resumed(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    running = s.current
    if running is None or running.timer.paused_at is None:
        return s
    extra = max(0.0, (e.at - running.timer.paused_at).total_seconds())
    return _update_timer(s, paused_at=None, paused_total_s=running.timer.paused_total_s + extra)


def _timer_extended(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    cur = s.current
    if cur is None:
        return s
    by = min(_as_int(e.data.get("by_s"), 0, 0, MAX_LIMIT_S), MAX_LIMIT_S - cur.timer.limit_s)
    timer = replace(cur.timer, limit_s=cur.timer.limit_s + by)
    return replace(s, current=replace(cur, timer=timer, extended_s=cur.extended_s + by))


def _timer_stopped(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return _update_timer(s, stopped_at=e.at)


def _speaker_finished(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return _finish(s, e.at, _as_seconds(e.data.get("speaking_s")))


def _point_of_order_raised(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    """A point of order interrupts: a running timer stops at once (until it is settled)."""
    assert seg is not None
    cur = s.current
    running = (
        cur is not None
        and cur.timer.started_at is not None
        and cur.timer.paused_at is None
        and cur.timer.stopped_at is None
    )
    point = PointOfOrder(
        entity=_as_str(e.data.get("entity")),
        entity_name=_as_str(e.data.get("entity_name")),
        speaker=_as_str(e.data.get("speaker")),
        segment=seg.config.id,
        raised_at=e.at,
        by=e.by,
        paused_timer=running,
    )
    s = replace(s, points_of_order=(*s.points_of_order, point))
    return _update_timer(s, paused_at=e.at) if running else s


def _point_of_order_settled(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    points = list(s.points_of_order)
    i = next((i for i, p in enumerate(points) if p.settled_at is None), None)
    if i is None:
        return s
    settled = replace(points[i], settled_at=e.at)
    points[i] = settled
    s = replace(s, points_of_order=tuple(points))
    holding = any(p.paused_timer and p.settled_at is None for p in points)
    if settled.paused_timer and not holding:
        s = _timer_resumed(s, e, seg)
    return s


def _message_projected(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return replace(s, message=_as_str(e.data.get("text"))[:200])


def _countdown_started(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    limit = _as_int(e.data.get("limit_s"), 0, 0, MAX_LIMIT_S)
    label = _as_str(e.data.get("label"))[:120]
    return replace(s, countdown=Timer(started_at=e.at, limit_s=limit), countdown_label=label)


def _countdown_stopped(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    return replace(s, countdown=None, countdown_label="")


UNDONE_NOTE: Final = "Undone: %(what)s"


def _undone(s: FloorState, e: Event, seg: SegmentState | None) -> FloorState:
    """The floor as it was before the undone command, with the log's version and a note that
    says so (the record then holds no "not heard" for requests that are back in line)."""
    u = s.undo
    if u is None:
        return s
    note = Note(at=e.at, text=UNDONE_NOTE % {"what": u.what}, by=e.by)
    return replace(u.prior, version=s.version, last_at=e.at, notes=(*s.notes, note), undo=None)


TRANSITIONS: Final[dict[str, Transition]] = {
    "segment_opened": _segment_opened,
    "segment_closed": _segment_closed,
    "discussion_opened": _discussion_opened,
    "discussion_closed": _discussion_closed,
    "round_switched": _round_switched,
    "request_made": _request_made,
    "request_withdrawn": _request_withdrawn,
    "request_moved": _request_moved,
    "list_closed": _list_closed,
    "list_reopened": _list_reopened,
    "speaker_called": _speaker_called,
    "timer_started": _timer_started,
    "timer_paused": _timer_paused,
    "timer_resumed": _timer_resumed,
    "timer_extended": _timer_extended,
    "timer_stopped": _timer_stopped,
    "speaker_finished": _speaker_finished,
    "note_added": _note_added,
    "language_set": _language_set,
    "undone": _undone,
    "point_of_order_raised": _point_of_order_raised,
    "point_of_order_settled": _point_of_order_settled,
    "reply_requested": _reply_requested,
    "message_projected": _message_projected,
    "countdown_started": _countdown_started,
    "countdown_stopped": _countdown_stopped,
}
assert tuple(TRANSITIONS) == EVENT_TYPES
_WITHOUT_SEGMENT: Final[frozenset[str]] = frozenset(
    {
        "segment_opened",
        "note_added",
        "undone",
        "message_projected",
        "countdown_started",
        "countdown_stopped",
    }
)


def _undo_after(state: FloorState, s: FloorState, event: Event) -> FloorState:
    """`s` (the state with the version bumped) with the undo point the event sets, keeps (an
    event of the same command) or ends (anything else)."""
    point = event.data.get("undo_point")
    if isinstance(point, str) and point in UNDOABLE:
        return replace(s, undo=Undo(point, event.at, event.by, replace(state, undo=None)))
    u = state.undo
    part = event.data.get("undo_part")
    if u is not None and (event.type == "undone" or (part == u.what and event.at == u.at)):
        return s
    return replace(s, undo=None) if u is not None else s


def apply(state: FloorState, event: Event) -> FloorState:
    """The state after one event. Total: unknown types, and events that need an open segment
    when none is, only bump the version; malformed fields fall back to defaults. It never
    raises on what a log holds."""
    s = _undo_after(state, replace(state, version=state.version + 1, last_at=event.at), event)
    transition = TRANSITIONS.get(event.type)
    if transition is None or (s.segment is None and event.type not in _WITHOUT_SEGMENT):
        return s
    return transition(s, event, s.segment)


def fold(events: Iterable[Event], state: FloorState | None = None) -> FloorState:
    s = state if state is not None else initial_state()
    for e in events:
        s = apply(s, e)
    return s


# --- snapshot -----------------------------------------------------------------------------------


_flags: dict[str, str] = {}  # entity code -> flag; the reference data never changes in a process


def flag(entity: str) -> str:
    """A State's flag as its ISO 3166-1 alpha-2 code in lower case ("de" for DEU), which names
    the flag's image among the static files (`flags/de.svg`); "" for other entities. Never an
    emoji: those need an emoji font, which room PCs often lack."""
    hit = _flags.get(entity)
    if hit is not None:
        return hit
    try:
        rec = reference_entity(entity) if entity else None
    except Exception:  # noqa: BLE001 - reference data unreadable: no flag rather than no floor
        return ""  # not remembered: the next snapshot tries again
    if rec is None or not rec.iso2 or not rec.is_state:
        out = ""
    else:
        out = "".join(c for c in rec.iso2.lower() if "a" <= c <= "z")
    if len(_flags) < 4096:
        _flags[entity] = out
    return out


# Requests are immutable: each one's JSON is built once per process (a snapshot lists every
# waiting request, and every command builds a snapshot). Holding the request keeps its id unique.
_request_jsons: dict[int, tuple[Request, dict[str, Any]]] = {}


def _request_json(r: Request) -> dict[str, Any]:
    hit = _request_jsons.get(id(r))
    if hit is not None and hit[0] is r:
        return dict(hit[1])
    out = _build_request_json(r)
    if len(_request_jsons) >= 20000:
        _request_jsons.clear()
    _request_jsons[id(r)] = (r, out)
    return dict(out)


def _build_request_json(r: Request) -> dict[str, Any]:
    return {
        "flag": flag(r.entity),
        "request_id": r.id,
        "entity": r.entity,
        "entity_name": r.entity_name,
        "category": r.category,
        "line": r.line,
        "on_behalf_of": r.on_behalf_of,
        "speaker": r.speaker,
        "represents": r.represents,
        "requested_at": r.requested_at.isoformat(),
    }


def upcoming(state: FloorState, limit: int | None = None) -> list[Request]:
    """Who would speak next, in order: the current round's lines, then the other lines
    (the first `limit` of them when given)."""
    in_round = state.round_lines()
    names = [*in_round, *(name for name in LINES if name not in in_round)]
    out: list[Request] = []
    for name in names:
        for r in state.lines.get(name, ()):
            if limit is not None and len(out) >= limit:
                return out
            out.append(r)
    return out


def snapshot(
    state: FloorState,
    now: datetime,
    session: Mapping[str, Any] | None = None,
    *,
    include_notes: bool = False,
) -> dict[str, Any]:
    """The JSON-able picture every screen draws (see docs/floor.md for its fields)."""
    seg = state.segment
    fc = forecast(state, now)
    segment: dict[str, Any] | None = None
    if seg is not None:
        segment = {
            **seg.config.to_json(),
            "opened_at": seg.opened_at.isoformat(),
            "discussion_open": seg.discussion_open,
            "discussion_opened_at": _iso(seg.discussion_opened_at),
            "requests_open": seg.requests_open,
            "round_index": seg.round_index,
            "list_closed": seg.list_closed,
        }
    cur = state.current
    current: dict[str, Any] | None = None
    if cur is not None:
        current = {
            "speaker": cur.speaker,
            "entity": cur.entity,
            "entity_name": cur.entity_name,
            "flag": flag(cur.entity),
            "category": cur.category,
            "on_behalf_of": cur.on_behalf_of,
            "role": cur.role,
            "represents": cur.represents,
            "represents_name": cur.represents_name,
            "request_id": cur.request_id,
            "called_at": cur.called_at.isoformat(),
            "round": cur.round,
            "departed": cur.departed,
            "language": cur.language,
            "timer": cur.timer.to_json(now),
        }
    lines: dict[str, list[dict[str, Any]]] = {}
    for name in LINES:
        items = []
        for place, r in enumerate(state.lines.get(name, ()), 1):
            item = _request_json(r)
            item["place"] = place
            item["wait_s"] = round(fc.wait_s(place), 1) if fc is not None else None
            items.append(item)
        lines[name] = items
    sug = state.suggested()
    out: dict[str, Any] = {
        "version": state.version,
        "server_time": now.isoformat(),
        "session": dict(session or {}),
        "segment": segment,
        "round": seg.round if seg is not None else "",
        "round_lines": list(state.round_lines()),
        "current": current,
        "lines": lines,
        "suggested": _request_json(sug) if sug is not None else None,
        "next": [_request_json(r) for r in upcoming(state, 3)],
        "forecast": fc.to_json() if fc is not None else None,
        "closed_segments": list(state.closed_segments),
        "heard_here": heard_here(state),
        "replies": [_request_json(r) for r in state.replies],
        "message": state.message,
        "countdown": (
            {**state.countdown.to_json(now), "label": state.countdown_label}
            if state.countdown is not None
            else None
        ),
        "points_of_order": [
            {
                "entity": p.entity,
                "entity_name": p.entity_name,
                "flag": flag(p.entity),
                "speaker": p.speaker,
                "raised_at": p.raised_at.isoformat(),
            }
            for p in state.pending_points_of_order()
        ],
        "undo": _undo_json(state.undo),
    }
    if include_notes:
        out["notes"] = notes_json(state)
    return out


def heard_here(state: FloorState) -> list[dict[str, Any]]:
    """Who has spoken in the open segment, in order, with when and for how long (the console's
    list beside the lines)."""
    if state.segment is None:
        return []
    here = state.segment.config.id
    return [
        {
            "number": i.number,
            "speaker": i.speaker,
            "entity": i.entity,
            "entity_name": i.entity_name,
            "role": i.role,
            "start": i.start.isoformat(),
            "speaking_s": round(i.speaking_s),
        }
        for i in state.heard
        if i.segment == here
    ]


def _undo_json(u: Undo | None) -> dict[str, Any] | None:
    if u is None:
        return None
    not_heard = (
        len(u.prior.all_requests()) if u.what in ("close_discussion", "close_segment") else 0
    )
    return {
        "what": u.what,
        "at": u.at.isoformat(),
        "until": u.until().isoformat(),
        "not_heard": not_heard,
    }


def notes_json(state: FloorState) -> list[dict[str, Any]]:
    """The snapshot's `notes` (for those who run the floor): the last field of a snapshot."""
    return [{"at": n.at.isoformat(), "text": n.text, "by": n.by} for n in state.notes]
