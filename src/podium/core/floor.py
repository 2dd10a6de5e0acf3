"""The live floor of a session as an append-only event log (pure domain: no Django, no clock).

Commands in, events out:

- `decide(state, command, now) -> list[Event] | Refusal` validates a command against the state;
- `apply(state, event) -> state` folds one event (total: it never refuses);
- `fold(events) -> state` is the whole log folded from `initial_state()`.

The log is self-contained: `segment_opened` carries the segment's configuration (title, planned
end, slot limits, rounds policy, pre-inscription option), so `fold` needs nothing but the events
and anyone can audit a session's floor offline (`podium replay FILE`).

Lines. A request to speak waits in the line of its category: `member_states` (Member States and
groups of States speaking through one), `observers` (observer States, IGOs, UN entities),
`stakeholders` (accredited stakeholders) and `panelists`. A request is placed by the speaking-order
policy when it is made (`podium.core.order`); the moderator may move it, and may call anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Final

from podium.core import order


def _(message: str) -> str:
    """Marks a message for translation (the app translates refusals with the same msgid)."""
    return message


# --- configuration ------------------------------------------------------------------------------

LINES: Final[tuple[str, ...]] = ("member_states", "observers", "stakeholders", "panelists")
ROUND_KINDS: Final[tuple[str, ...]] = ("member_states", "panelists", "stakeholders", "observers")
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
# Time limits (seconds) per slot role, from the note.
DEFAULT_LIMITS: Final[dict[str, int]] = {
    "floor": 180,
    "moderator": 420,
    "expert": 420,
    "panelist": 180,
    "summary": 900,
    "thematic_expert": 900,
    "co_chair": 600,
    # the programme's slot roles (podium.core.programme)
    "welcome": 600,
    "issue_brief": 300,
    "moderator_opening": 420,
    "moderator_conclusion": 420,
    "summary_moderator": 900,
    "conclusions": 1200,
    "closing": 600,
}


def round_key(name: str) -> str:
    """Round names as the floor spells them ("member-states" in session files)."""
    return name.strip().lower().replace("-", "_")


WARNING_S: Final[int] = 30
# The record's category of a speaker called for a programme slot.
ROLE_CATEGORY: Final[dict[str, str]] = {
    "expert": "panelist",
    "panelist": "panelist",
    "moderator": "moderator",
    "moderator_opening": "moderator",
    "moderator_conclusion": "moderator",
    "summary_moderator": "moderator",
    "thematic_expert": "thematic_expert",
    "welcome": "co_chair",
    "conclusions": "co_chair",
    "closing": "co_chair",
    "co_chair": "co_chair",
    "issue_brief": "secretary_general",
}


def line_of(category: str) -> str:
    """The line a request of this category (entity kind) waits in."""
    key = category.strip().lower().replace("_", "-")
    if key in ("member-state", "group", "member-states", "state"):
        return "member_states"
    if key in ("observer-state", "igo", "un-entity", "observer", "observers"):
        return "observers"
    if key in ("stakeholder", "stakeholders", "ngo"):
        return "stakeholders"
    if key in ("panelist", "panelists", "expert", "thematic-expert", "moderator"):
        return "panelists"
    return ""


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
    # the planned speaking turns: {"role", "speaker", "entity", "limit_s"} in speaking order
    slots: tuple[Mapping[str, Any], ...] = ()

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
        rounds = tuple(round_key(str(r)) for r in (data.get("rounds") or DEFAULT_ROUNDS))
        pn = data.get("panel_number")
        return cls(
            id=str(data["id"]),
            kind=str(data.get("kind") or "expert_panel"),
            title=str(data.get("title") or ""),
            planned_start=_parse_dt(data.get("planned_start")),
            planned_end=_parse_dt(data.get("planned_end")),
            limits={str(k): int(v) for k, v in dict(data.get("limits") or DEFAULT_LIMITS).items()},
            floor_limit_s=int(data.get("floor_limit_s") or 180),
            rounds=rounds,
            pre_inscription=bool(data.get("pre_inscription")),
            panel_number=int(pn) if pn is not None else None,
            reserve_s=int(data.get("reserve_s", 420) or 0),
            slots=tuple(dict(x) for x in (data.get("slots") or ())),
        )


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def _parse_dt(v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


# --- events, commands, refusals -----------------------------------------------------------------

EVENT_TYPES: Final[tuple[str, ...]] = (
    "segment_opened",  # segment (config dict)
    "segment_closed",  # segment
    "discussion_opened",  # segment, round, round_index
    "discussion_closed",  # segment, not_heard (request ids)
    "round_switched",  # round, round_index
    "request_made",  # request_id, entity, entity_name, category, line, on_behalf_of, speaker, position
    "request_withdrawn",  # request_id, reason
    "request_moved",  # request_id, position
    "list_closed",  # -
    "list_reopened",  # -
    "speaker_called",  # request_id, speaker, entity, entity_name, category, on_behalf_of, role,
    #                    limit_s, round, suggested_request_id, departed
    "timer_started",  # -
    "timer_paused",  # -
    "timer_resumed",  # -
    "timer_extended",  # by_s
    "timer_stopped",  # -
    "speaker_finished",  # speaking_s
    "note_added",  # text
)


@dataclass(frozen=True)
class Event:
    """One fact of the floor: a type, when it happened, who did it and its fields."""

    type: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    by: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class Command:
    """What someone asks the floor to do: a name, its fields and who asks."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)
    by: str = ""


@dataclass(frozen=True)
class Refusal:
    """Why a command was not accepted; `template % params` is the reason in English."""

    code: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.template % dict(self.params) if self.params else self.template


# --- state --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    id: str
    entity: str
    entity_name: str
    category: str
    line: str
    on_behalf_of: str
    speaker: str
    requested_at: datetime
    by: str = ""


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

    def all_requests(self) -> list[Request]:
        return [r for name in LINES for r in self.lines.get(name, ())]

    def find_request(self, request_id: str) -> Request | None:
        for r in self.all_requests():
            if r.id == request_id:
                return r
        return None

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

    def queue(self) -> list[Request]:
        """Every waiting request in the order the policy would hear them within its round."""
        return self.all_requests()


def initial_state() -> FloorState:
    return FloorState()


# --- apply --------------------------------------------------------------------------------------


def _with_line(
    state: FloorState, name: str, line: Sequence[Request]
) -> dict[str, tuple[Request, ...]]:
    lines = {k: tuple(v) for k, v in state.lines.items()}
    lines[name] = tuple(line)
    return lines


def _remove_request(state: FloorState, request_id: str) -> dict[str, tuple[Request, ...]]:
    return {k: tuple(r for r in v if r.id != request_id) for k, v in state.lines.items()}


def _finish(state: FloorState, at: datetime, speaking_s: float | None) -> FloorState:
    cur = state.current
    if cur is None:
        return state
    spoken = dict(state.spoken)
    durations = state.durations
    if state.segment is not None:
        sid = state.segment.config.id
        if cur.entity and cur.role == "floor":  # a moderator's or expert's slot does not count
            spoken[sid] = spoken.get(sid, frozenset()) | {cur.entity.upper()}
        if cur.role == "floor":
            s = speaking_s if speaking_s is not None else cur.timer.elapsed_s(at)
            durations = (*durations, float(s))
    return replace(state, current=None, spoken=spoken, durations=durations)


def _update_timer(state: FloorState, **changes: Any) -> FloorState:
    cur = state.current
    if cur is None:
        return state
    return replace(state, current=replace(cur, timer=replace(cur.timer, **changes)))


def apply(state: FloorState, event: Event) -> FloorState:
    """The state after one event. Total: unknown event types only bump the version."""
    at = event.at
    s = replace(state, version=state.version + 1, last_at=at)
    t = event.type
    d = event.data
    if t == "segment_opened":
        cfg = SegmentConfig.from_json(d["segment"])
        return replace(
            s,
            segment=SegmentState(config=cfg, opened_at=at),
            lines={name: () for name in LINES},
            current=None,
            durations=(),
        )
    if t == "segment_closed":
        closed = s.closed_segments
        if s.segment is not None:
            closed = (*closed, s.segment.config.id)
        s = _finish(s, at, None)
        return replace(s, segment=None, lines={n: () for n in LINES}, closed_segments=closed)
    if s.segment is None and t not in ("note_added",):
        return s
    if t == "discussion_opened":
        assert s.segment is not None
        seg = replace(
            s.segment,
            discussion_open=True,
            discussion_opened_at=at,
            round_index=int(d.get("round_index", 0)),
            list_closed=False,
        )
        return replace(s, segment=seg)
    if t == "discussion_closed":
        assert s.segment is not None
        seg = replace(s.segment, discussion_open=False, round_index=-1)
        return replace(s, segment=seg, lines={n: () for n in LINES})
    if t == "round_switched":
        assert s.segment is not None
        return replace(s, segment=replace(s.segment, round_index=int(d["round_index"])))
    if t == "list_closed":
        assert s.segment is not None
        return replace(s, segment=replace(s.segment, list_closed=True))
    if t == "list_reopened":
        assert s.segment is not None
        return replace(s, segment=replace(s.segment, list_closed=False))
    if t == "request_made":
        req = Request(
            id=str(d["request_id"]),
            entity=str(d.get("entity") or ""),
            entity_name=str(d.get("entity_name") or ""),
            category=str(d.get("category") or ""),
            line=str(d["line"]),
            on_behalf_of=str(d.get("on_behalf_of") or ""),
            speaker=str(d.get("speaker") or ""),
            requested_at=at,
            by=event.by,
        )
        line = list(s.lines.get(req.line, ()))
        pos = max(0, min(int(d.get("position", len(line))), len(line)))
        line.insert(pos, req)
        return replace(
            s, lines=_with_line(s, req.line, line), request_counter=s.request_counter + 1
        )
    if t == "request_withdrawn":
        return replace(s, lines=_remove_request(s, str(d["request_id"])))
    if t == "request_moved":
        moved = s.find_request(str(d["request_id"]))
        if moved is None:
            return s
        line = [r for r in s.lines.get(moved.line, ()) if r.id != moved.id]
        pos = max(0, min(int(d.get("position", 0)), len(line)))
        line.insert(pos, moved)
        return replace(s, lines=_with_line(s, moved.line, line))
    if t == "speaker_called":
        s = _finish(s, at, None)
        rid = str(d.get("request_id") or "")
        lines = _remove_request(s, rid) if rid else s.lines
        cur = Current(
            speaker=str(d.get("speaker") or ""),
            entity=str(d.get("entity") or ""),
            entity_name=str(d.get("entity_name") or ""),
            category=str(d.get("category") or ""),
            on_behalf_of=str(d.get("on_behalf_of") or ""),
            role=str(d.get("role") or "floor"),
            request_id=rid,
            called_at=at,
            round=str(d.get("round") or ""),
            departed=bool(d.get("departed")),
            suggested_request_id=str(d.get("suggested_request_id") or ""),
            timer=Timer(limit_s=int(d.get("limit_s") or 0)),
        )
        return replace(s, lines=lines, current=cur)
    if t == "timer_started":
        return _update_timer(s, started_at=at, paused_at=None, paused_total_s=0.0, stopped_at=None)
    if t == "timer_paused":
        return _update_timer(s, paused_at=at)
    if t == "timer_resumed":
        running = s.current
        if running is None or running.timer.paused_at is None:
            return s
        extra = max(0.0, (at - running.timer.paused_at).total_seconds())
        return _update_timer(s, paused_at=None, paused_total_s=running.timer.paused_total_s + extra)
    if t == "timer_extended":
        extended = s.current
        if extended is None:
            return s
        return _update_timer(s, limit_s=extended.timer.limit_s + int(d.get("by_s") or 0))
    if t == "timer_stopped":
        return _update_timer(s, stopped_at=at)
    if t == "speaker_finished":
        sp = d.get("speaking_s")
        return _finish(s, at, float(sp) if sp is not None else None)
    if t == "note_added":
        return replace(s, notes=(*s.notes, Note(at=at, text=str(d.get("text") or ""), by=event.by)))
    return s


def fold(events: Iterable[Event], state: FloorState | None = None) -> FloorState:
    s = state if state is not None else initial_state()
    for e in events:
        s = apply(s, e)
    return s


# --- decide -------------------------------------------------------------------------------------

COMMANDS: Final[tuple[str, ...]] = (
    "open_segment",
    "close_segment",
    "open_discussion",
    "close_discussion",
    "switch_round",
    "close_list",
    "reopen_list",
    "request",
    "withdraw",
    "move",
    "call",
    "call_next",
    "start_timer",
    "pause_timer",
    "resume_timer",
    "extend_timer",
    "stop_timer",
    "finish",
    "note",
)

# What a delegation may do on the floor: ask for it and withdraw its request. Every other command
# runs the floor and is for the segment's moderator, the co-chairs and the secretariat.
PARTICIPANT_COMMANDS: Final[frozenset[str]] = frozenset({"request", "withdraw"})


def _refuse(code: str, template: str, **params: Any) -> Refusal:
    return Refusal(code=code, template=template, params=params)


def _text(args: Mapping[str, Any], key: str, limit: int = 300) -> str:
    v = args.get(key)
    return "" if v is None else str(v).strip()[:limit]


def _int(args: Mapping[str, Any], key: str) -> int | None:
    v = args.get(key)
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError(key)
    return int(v)


def _limit_for(cfg: SegmentConfig, role: str) -> int:
    if role == "floor":
        return cfg.floor_limit_s
    return int(cfg.limits.get(role, DEFAULT_LIMITS.get(role, cfg.floor_limit_s)))


def _may_queue(cfg: SegmentConfig, seg: SegmentState, line: str) -> bool:
    """May this line ask for the floor now? States whenever the policy gives them a round;
    panelists always (they respond in their rounds); others in their round or the next one."""
    if line == "panelists":
        return True
    if line in ("member_states", "observers") and "member_states" in cfg.rounds:
        return True
    here = ROUND_LINES.get(seg.round, ())
    nxt = cfg.rounds[(seg.round_index + 1) % len(cfg.rounds)] if cfg.rounds else ""
    return line in here or line in ROUND_LINES.get(nxt, ())


def decide(state: FloorState, command: Command, now: datetime) -> list[Event] | Refusal:
    """The events a command produces, or why it is refused. Pure: `now` is an argument."""
    try:
        return _decide(state, command, now)
    except (KeyError, ValueError, TypeError) as exc:
        return _refuse("bad_field", _("Missing or invalid field: %(field)s."), field=str(exc))


def _decide(state: FloorState, c: Command, now: datetime) -> list[Event] | Refusal:
    name = c.name
    a = c.args
    seg = state.segment

    def ev(type_: str, **data: Any) -> Event:
        return Event(type=type_, at=now, data=data, by=c.by)

    if name not in COMMANDS:
        return _refuse("unknown_command", _("Unknown command: %(command)s."), command=name)

    if name == "note":
        text = _text(a, "text", 2000)
        if not text:
            return _refuse("empty_note", _("A note needs a text."))
        return [ev("note_added", text=text)]

    if name == "open_segment":
        raw = a.get("segment")
        if not isinstance(raw, Mapping):
            return _refuse("no_segment_config", _("Which segment? Give its configuration."))
        cfg = SegmentConfig.from_json(raw)
        if seg is not None:
            if seg.config.id == cfg.id:
                return _refuse("segment_already_open", _("This segment is already open."))
            return _refuse(
                "other_segment_open",
                _("Close the segment “%(title)s” first."),
                title=seg.config.title or seg.config.id,
            )
        return [ev("segment_opened", segment=cfg.to_json())]

    if seg is None:
        return _refuse("no_segment", _("No segment is open."))
    cfg = seg.config
    events: list[Event] = []

    if name == "close_segment":
        if state.current is not None:
            events.append(ev("speaker_finished"))
        if seg.discussion_open:
            events.append(
                ev(
                    "discussion_closed",
                    segment=cfg.id,
                    not_heard=[r.id for r in state.all_requests()],
                )
            )
        events.append(ev("segment_closed", segment=cfg.id))
        return events

    if name == "open_discussion":
        if seg.discussion_open:
            return _refuse("discussion_open", _("The discussion is already open."))
        if not cfg.rounds:
            return _refuse("no_rounds", _("This segment has no rounds of discussion."))
        wanted = round_key(_text(a, "round"))
        idx = 0
        if wanted:
            if wanted not in cfg.rounds:
                return _refuse("unknown_round", _("Unknown round: %(round)s."), round=wanted)
            idx = cfg.rounds.index(wanted)
        return [ev("discussion_opened", segment=cfg.id, round=cfg.rounds[idx], round_index=idx)]

    if name == "close_discussion":
        if not seg.discussion_open:
            return _refuse("discussion_not_open", _("The discussion is not open."))
        if state.current is not None and state.current.role == "floor":
            events.append(ev("speaker_finished"))
        events.append(
            ev("discussion_closed", segment=cfg.id, not_heard=[r.id for r in state.all_requests()])
        )
        return events

    if name == "switch_round":
        if not seg.discussion_open:
            return _refuse("discussion_not_open", _("The discussion is not open."))
        wanted = round_key(_text(a, "round"))
        idx_i = _int(a, "round_index")
        if idx_i is None:
            if wanted:
                if wanted not in cfg.rounds:
                    return _refuse("unknown_round", _("Unknown round: %(round)s."), round=wanted)
                # the next occurrence of that round after the current one, else the first
                later = [i for i, r in enumerate(cfg.rounds) if r == wanted and i > seg.round_index]
                idx_i = later[0] if later else cfg.rounds.index(wanted)
            else:
                idx_i = (seg.round_index + 1) % len(cfg.rounds)
        if not 0 <= idx_i < len(cfg.rounds):
            return _refuse("unknown_round", _("Unknown round: %(round)s."), round=str(idx_i))
        return [ev("round_switched", round=cfg.rounds[idx_i], round_index=idx_i)]

    if name == "close_list":
        if seg.list_closed:
            return _refuse("list_closed", _("The list of speakers is already closed."))
        return [ev("list_closed")]

    if name == "reopen_list":
        if not seg.list_closed:
            return _refuse("list_open", _("The list of speakers is open."))
        return [ev("list_reopened")]

    if name == "request":
        entity = _text(a, "entity", 64)
        if not entity:
            return _refuse("no_entity", _("Who asks for the floor? Give the delegation."))
        category = _text(a, "category", 32) or "member-state"
        line = line_of(category)
        if not line:
            return _refuse("bad_category", _("Unknown category: %(category)s."), category=category)
        if not seg.requests_open:
            return _refuse(
                "no_pre_inscription",
                _(
                    "There is no pre-inscribed list of speakers: requests open when the moderator "
                    "opens the discussion."
                ),
            )
        if seg.list_closed:
            return _refuse("list_closed", _("The list of speakers is closed."))
        if seg.discussion_open and not _may_queue(cfg, seg, line):
            return _refuse(
                "round_not_open",
                _("The floor is not open to %(line)s in this round."),
                line=line.replace("_", " "),
            )
        for r in state.all_requests():
            if r.entity.upper() == entity.upper():
                return _refuse(
                    "already_in_line",
                    _("%(entity)s has already asked for the floor."),
                    entity=r.entity_name or r.entity,
                )
        on_behalf = _text(a, "on_behalf_of", 64)
        pos = order.place(
            state.lines.get(line, ()),
            entity=entity,
            on_behalf_of=on_behalf,
            spoken=state.spoken_here(),
        )
        return [
            ev(
                "request_made",
                request_id=f"r{state.request_counter + 1}",
                entity=entity,
                entity_name=_text(a, "entity_name", 200) or entity,
                category=category,
                line=line,
                on_behalf_of=on_behalf,
                speaker=_text(a, "speaker", 200),
                position=pos,
            )
        ]

    if name in ("withdraw", "move"):
        rid = _text(a, "request_id", 32)
        found = state.find_request(rid)
        if found is None:
            return _refuse("no_request", _("This request is not in any line."))
        if name == "withdraw":
            return [ev("request_withdrawn", request_id=rid, reason=_text(a, "reason", 200))]
        to = _int(a, "position")
        if to is None:
            return _refuse("bad_field", _("Missing or invalid field: %(field)s."), field="position")
        size = len(state.lines.get(found.line, ()))
        return [ev("request_moved", request_id=rid, position=max(0, min(to, size - 1)))]

    if name in ("call", "call_next"):
        suggested = state.suggested()
        req: Request | None
        if name == "call_next":
            if not seg.discussion_open:
                return _refuse("discussion_not_open", _("The discussion is not open."))
            req = suggested
            if req is None:
                return _refuse("nobody_waiting", _("Nobody is waiting in this round's lines."))
        else:
            rid = _text(a, "request_id", 32)
            req = state.find_request(rid) if rid else None
            if rid and req is None:
                return _refuse("no_request", _("This request is not in any line."))
        if req is not None:
            role = "floor"
            fields: dict[str, Any] = {
                "request_id": req.id,
                "speaker": req.speaker or req.entity_name,
                "entity": req.entity,
                "entity_name": req.entity_name,
                "category": req.category,
                "on_behalf_of": req.on_behalf_of,
            }
            departed = suggested is not None and suggested.id != req.id
        else:
            speaker = _text(a, "speaker", 200)
            entity = _text(a, "entity", 64)
            if not speaker and not entity:
                return _refuse("no_speaker", _("Whom to call? Give a request or a speaker."))
            role = _text(a, "role", 32) or "floor"
            fields = {
                "request_id": "",
                "speaker": speaker or entity,
                "entity": entity,
                "entity_name": _text(a, "entity_name", 200) or entity,
                "category": _text(a, "category", 32) or ROLE_CATEGORY.get(role, ""),
                "on_behalf_of": _text(a, "on_behalf_of", 64),
            }
            # someone called out of the lines while a round has someone waiting is a departure
            departed = seg.discussion_open and role == "floor" and suggested is not None
        lim = _int(a, "limit_s")
        if lim is None:
            role_arg = _text(a, "role", 32)
            if role_arg:
                role = role_arg
            lim = _limit_for(cfg, role)
        if lim < 0:
            return _refuse("bad_field", _("Missing or invalid field: %(field)s."), field="limit_s")
        if state.current is not None:
            events.append(ev("speaker_finished"))
        events.append(
            ev(
                "speaker_called",
                **fields,
                role=role,
                limit_s=lim,
                round=seg.round,
                suggested_request_id=suggested.id if suggested is not None else "",
                departed=bool(departed),
            )
        )
        if a.get("start", True) not in (False, "false", "0", 0):
            events.append(ev("timer_started"))
        return events

    cur = state.current
    if cur is None:
        return _refuse("no_speaker", _("Nobody has the floor."))
    timer = cur.timer
    if name == "start_timer":
        if timer.started_at is not None and timer.stopped_at is None:
            return _refuse("timer_running", _("The timer is already running."))
        return [ev("timer_started")]
    if name == "finish":
        return [ev("speaker_finished", speaking_s=round(timer.elapsed_s(now), 3))]
    if timer.started_at is None or timer.stopped_at is not None:
        return _refuse("timer_not_running", _("The timer is not running."))
    if name == "pause_timer":
        if timer.paused_at is not None:
            return _refuse("timer_paused", _("The timer is already paused."))
        return [ev("timer_paused")]
    if name == "resume_timer":
        if timer.paused_at is None:
            return _refuse("timer_not_paused", _("The timer is not paused."))
        return [ev("timer_resumed")]
    if name == "extend_timer":
        by = _int(a, "by_s")
        by = 60 if by is None else by
        if not 0 < by <= 3600:
            return _refuse("bad_field", _("Missing or invalid field: %(field)s."), field="by_s")
        return [ev("timer_extended", by_s=by)]
    if name == "stop_timer":
        return [ev("timer_stopped")]
    return _refuse("unknown_command", _("Unknown command: %(command)s."), command=name)


def run(
    state: FloorState, command: Command, now: datetime
) -> tuple[FloorState, list[Event]] | Refusal:
    """decide then apply: the new state and the events, or the refusal."""
    out = decide(state, command, now)
    if isinstance(out, Refusal):
        return out
    return fold(out, state), out


# --- snapshot -----------------------------------------------------------------------------------


_flags: dict[str, str] = {}  # entity code -> flag; the reference data never changes in a process


def flag(entity: str) -> str:
    """The emoji flag of a State (from its ISO alpha-2 code), "" for other entities."""
    hit = _flags.get(entity)
    if hit is not None:
        return hit
    from podium.core.entities import lookup

    try:
        rec = lookup(entity) if entity else None
    except Exception:  # noqa: BLE001 - reference data unreadable: no flag rather than no floor
        return ""  # not remembered: the next snapshot tries again
    if rec is None or not rec.iso2 or not rec.is_state:
        out = ""
    else:
        out = "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in rec.iso2.upper() if "A" <= c <= "Z")
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
    from podium.core.forecast import forecast

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
            "request_id": cur.request_id,
            "called_at": cur.called_at.isoformat(),
            "round": cur.round,
            "departed": cur.departed,
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
    }
    if include_notes:
        out["notes"] = notes_json(state)
    return out


def notes_json(state: FloorState) -> list[dict[str, Any]]:
    """The snapshot's `notes` (for those who run the floor): the last field of a snapshot."""
    return [{"at": n.at.isoformat(), "text": n.text, "by": n.by} for n in state.notes]
