"""The floor log as JSON lines: one event per line, `{"seq", "type", "at", "by", ...fields}`.

`at` is ISO 8601 with its UTC offset. Field names never collide with the envelope keys. Reading a
log checks every line against its event type's fields (`EVENT_FIELDS`), so a log written by hand
or by another tool is refused with the line and the reason (`LogError`) instead of folding into
a state nobody can explain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Annotated, Any, Final, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from podium.core.floor import EVENT_TYPES, LINES, MAX_LIMIT_S, Event, FloorLanguage

ENVELOPE = ("seq", "type", "at", "by")


class LogError(ValueError):
    """A line of a floor log that is not an event: `line` is its number (1-based)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


Seconds = Annotated[int, Field(ge=0, le=MAX_LIMIT_S)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]


class _Fields(BaseModel):
    # fields a later version may add are kept (and ignored by the fold)
    model_config = ConfigDict(extra="allow", strict=True)


class _SegmentConfig(_Fields):
    id: Annotated[str, Field(min_length=1, max_length=80)]


class SegmentOpened(_Fields):
    segment: _SegmentConfig


class SegmentClosed(_Fields):
    segment: str | None = None


class DiscussionOpened(_Fields):
    round: str = ""
    round_index: Count = 0


class DiscussionClosed(_Fields):
    not_heard: list[str] | None = None


class RoundSwitched(_Fields):
    round: str = ""
    round_index: Count


class RequestMade(_Fields):
    request_id: Annotated[str, Field(min_length=1, max_length=32)]
    line: Literal["member_states", "observers", "stakeholders", "panelists"]
    entity: str = ""
    entity_name: str = ""
    category: str = ""
    on_behalf_of: str = ""
    speaker: str = ""
    position: Count | None = None


class ReplyRequested(_Fields):
    request_id: Annotated[str, Field(min_length=1, max_length=32)]
    entity: str = ""
    entity_name: str = ""
    category: str = ""
    speaker: str = ""


class RequestWithdrawn(_Fields):
    request_id: str


class RequestMoved(_Fields):
    request_id: str
    position: Count


class SpeakerCalled(_Fields):
    request_id: str = ""
    speaker: str = ""
    entity: str = ""
    entity_name: str = ""
    category: str = ""
    on_behalf_of: str = ""
    role: str = "floor"
    represents: str = ""
    limit_s: Seconds = 0
    rule_limit_s: Seconds | None = None
    round: str = ""
    suggested_request_id: str = ""
    departed: bool = False


class TimerExtended(_Fields):
    by_s: Seconds


class SpeakerFinished(_Fields):
    speaking_s: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None


class NoteAdded(_Fields):
    text: str


class LanguageSet(_Fields):
    language: FloorLanguage


class Undone(_Fields):
    what: Annotated[str, Field(min_length=1, max_length=40)]


class PointOfOrderRaised(_Fields):
    entity: Annotated[str, Field(max_length=40)] = ""
    entity_name: Annotated[str, Field(max_length=300)] = ""
    speaker: Annotated[str, Field(max_length=200)] = ""


class MessageProjected(_Fields):
    text: Annotated[str, Field(max_length=200)] = ""


class CountdownStarted(_Fields):
    limit_s: Seconds
    label: Annotated[str, Field(max_length=120)] = ""


class _NoFields(_Fields):
    pass


EVENT_FIELDS: Final[dict[str, type[_Fields]]] = {
    "segment_opened": SegmentOpened,
    "segment_closed": SegmentClosed,
    "discussion_opened": DiscussionOpened,
    "discussion_closed": DiscussionClosed,
    "round_switched": RoundSwitched,
    "request_made": RequestMade,
    "request_withdrawn": RequestWithdrawn,
    "request_moved": RequestMoved,
    "list_closed": _NoFields,
    "list_reopened": _NoFields,
    "speaker_called": SpeakerCalled,
    "timer_started": _NoFields,
    "timer_paused": _NoFields,
    "timer_resumed": _NoFields,
    "timer_extended": TimerExtended,
    "timer_stopped": _NoFields,
    "speaker_finished": SpeakerFinished,
    "note_added": NoteAdded,
    "language_set": LanguageSet,
    "undone": Undone,
    "point_of_order_raised": PointOfOrderRaised,
    "point_of_order_settled": _NoFields,
    "reply_requested": ReplyRequested,
    "message_projected": MessageProjected,
    "countdown_started": CountdownStarted,
    "countdown_stopped": _NoFields,
}
assert set(EVENT_FIELDS) == set(EVENT_TYPES) and len(LINES) == 4


def event_to_json(event: Event, seq: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if seq is not None:
        out["seq"] = seq
    out["type"] = event.type
    out["at"] = event.at.isoformat()
    out["by"] = event.by
    for k, v in event.data.items():
        if k not in ENVELOPE:
            out[k] = v
    return out


def _reason(exc: ValidationError) -> str:
    err = exc.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(x) for x in err.get("loc", ())) or "event"
    return f"{where}: {err.get('msg', 'invalid')}"


def event_from_json(data: Any) -> Event:
    """One log line's event; ValueError (the reason) when it is not a valid event."""
    if not isinstance(data, Mapping):
        raise ValueError("not a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in EVENT_FIELDS:
        raise ValueError(f"unknown event type {kind!r}")
    raw_at = data.get("at")
    if not isinstance(raw_at, str):
        raise ValueError("at: missing or not a text")
    try:
        at = datetime.fromisoformat(raw_at)
    except ValueError:
        raise ValueError(f"at: not an ISO 8601 time: {raw_at[:40]!r}") from None
    if at.tzinfo is None:
        raise ValueError("at: the time has no UTC offset")
    by = data.get("by", "")
    if not isinstance(by, str):
        raise ValueError("by: not a text")
    fields = {k: v for k, v in data.items() if k not in ENVELOPE}
    try:
        EVENT_FIELDS[kind].model_validate(fields)
    except ValidationError as exc:
        raise ValueError(_reason(exc)) from None
    return Event(type=kind, at=at, data=fields, by=by)


def _text(value: Any) -> Any:
    """JSON-able values with any lone surrogate replaced (a log written before the floor refused
    them must still export)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value


def encode(events: Iterable[Event], start_seq: int = 1) -> bytes:
    lines = []
    for seq, e in enumerate(events, start_seq):
        item = event_to_json(e, seq)
        try:
            lines.append(orjson.dumps(item))
        except TypeError:
            lines.append(orjson.dumps(_text(item)))
    return b"".join(line + b"\n" for line in lines)


def decode(text: str | bytes) -> Iterator[Event]:
    """The events of a JSON-lines log (blank lines skipped); `LogError` names the bad line."""
    if isinstance(text, bytes):
        try:
            content = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LogError(text[: exc.start].count(b"\n") + 1, "not UTF-8 text") from None
    else:
        content = text
    # split on newlines only: a text may hold U+2028 or U+0085, which splitlines() would cut at
    for number, raw in enumerate(content.split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise LogError(number, f"not JSON: {exc}") from None
        try:
            yield event_from_json(data)
        except ValueError as exc:
            raise LogError(number, str(exc)) from None
