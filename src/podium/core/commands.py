"""Floor commands: one typed boundary, who may send each, and the events each produces.

- `parse(body, lax=False) -> Command | Refusal`: the body of `POST /api/sessions/<slug>/floor`
  checked against the command's declared schema, once, before anything else looks at it: ids
  matched exactly, integers within their documented ranges, strings NFC and refused when they
  hold surrogates, NUL or other control or format characters, or exceed their length; unknown
  fields are refused. A malformed command never reaches authorization, a batch or the log.
- `authorize(actor, state, command) -> Refusal | None`: who may send it on this state.
- `decide(state, command, ctx) -> list[Event] | Refusal`: `authorize`, then the command's handler.

Every command is one handler below, its spec as its docstring (payload, who, effect, refusals),
registered in `HANDLERS`: the table `COMMANDS`, the JSON schema (`command_schema`) and the
command reference of docs/floor.md (`reference_markdown`) come from. Refusal codes are part of
the API: `REFUSALS` lists each with its kind (`sign_in` 401, `forbidden` 403, `invalid` 400,
`failed` 422: the server could not record it) and its message; the schema's own codes (`not_an_integer`, `too_long`…) are in it too.

Pure domain: no Django, no clock (`ctx.now`), no database (`ctx.directory` answers from memory).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Annotated, Any, Final, Literal, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from podium.core import order
from podium.core.entities import STATE_KINDS
from podium.core.floor import (
    LINE_OF_KIND,
    MAX_LIMIT_S,
    ROLES,
    ROUND_LINES,
    UNDO_S,
    UNDOABLE,
    Event,
    FloorLanguage,
    FloorState,
    Request,
    SegmentConfig,
    SegmentState,
)


def _(message: str) -> str:
    """Marks a message for translation (the app translates it with the same msgid)."""
    return message


# --- refusals -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefusalSpec:
    kind: Literal["sign_in", "forbidden", "invalid", "failed"]
    template: str


REFUSALS: Final[dict[str, RefusalSpec]] = {
    # who
    "sign_in": RefusalSpec("sign_in", _("Sign in first.")),
    "not_chair": RefusalSpec(
        "forbidden",
        _("Only the segment's moderator, the co-chairs and the secretariat run the floor."),
    ),
    "not_chair_of": RefusalSpec(
        "forbidden",
        _(
            "Only the chair of %(segment)s (its moderator, the co-chairs, the secretariat) opens it."
        ),
    ),
    "no_delegation": RefusalSpec(
        "forbidden", _("You do not act for any delegation in this session.")
    ),
    "not_your_delegation": RefusalSpec(
        "forbidden", _("You do not act for this delegation in this session.")
    ),
    "not_your_request": RefusalSpec(
        "forbidden", _("You may withdraw only your own delegation's request.")
    ),
    # the schema
    "not_an_object": RefusalSpec("invalid", _("The command must be a JSON object.")),
    "no_command": RefusalSpec("invalid", _("Which command? Give its name in “command”.")),
    "unknown_command": RefusalSpec("invalid", _("Unknown command: %(command)s.")),
    "unknown_field": RefusalSpec("invalid", _("Unknown field: %(field)s.")),
    "missing_field": RefusalSpec("invalid", _("Missing field: %(field)s.")),
    "not_an_integer": RefusalSpec("invalid", _("%(field)s must be a whole number.")),
    "out_of_range": RefusalSpec("invalid", _("%(field)s must be between %(min)s and %(max)s.")),
    "not_a_string": RefusalSpec("invalid", _("%(field)s must be a text.")),
    "not_a_boolean": RefusalSpec("invalid", _("%(field)s must be true or false.")),
    "too_long": RefusalSpec("invalid", _("%(field)s is too long (at most %(max)s characters).")),
    "empty": RefusalSpec("invalid", _("%(field)s is empty.")),
    "malformed": RefusalSpec("invalid", _("%(field)s is not a valid code.")),
    "unknown_value": RefusalSpec("invalid", _("%(field)s: unknown value.")),
    "surrogate": RefusalSpec(
        "invalid", _("%(field)s holds an invalid character (a lone surrogate).")
    ),
    "control_character": RefusalSpec(
        "invalid", _("%(field)s holds a control character (such as NUL).")
    ),
    "format_character": RefusalSpec(
        "invalid", _("%(field)s holds an invisible formatting character.")
    ),
    "conflicting_fields": RefusalSpec("invalid", _("Give only one of: %(fields)s.")),
    # the rules
    "no_segment": RefusalSpec("invalid", _("No segment is open.")),
    "unknown_segment": RefusalSpec("invalid", _("No such segment: %(segment)s.")),
    "segment_already_open": RefusalSpec("invalid", _("This segment is already open.")),
    "other_segment_open": RefusalSpec("invalid", _("Close the segment “%(title)s” first.")),
    "discussion_open": RefusalSpec("invalid", _("The discussion is already open.")),
    "discussion_not_open": RefusalSpec("invalid", _("The discussion is not open.")),
    "no_rounds": RefusalSpec("invalid", _("This segment has no rounds of discussion.")),
    "unknown_round": RefusalSpec("invalid", _("This segment has no round %(round)s.")),
    "list_closed": RefusalSpec("invalid", _("The list of speakers is closed.")),
    "list_open": RefusalSpec("invalid", _("The list of speakers is open.")),
    "which_delegation": RefusalSpec("invalid", _("For which delegation? Give its code.")),
    "unknown_entity": RefusalSpec("invalid", _("No delegation or group has the code %(code)s.")),
    "group_cannot_ask": RefusalSpec(
        "invalid",
        _("%(name)s is a group of States: one of its members speaks on its behalf."),
    ),
    "not_accredited": RefusalSpec("invalid", _("%(name)s is not accredited to this session.")),
    "not_a_group": RefusalSpec("invalid", _("%(name)s is not a group of States.")),
    "behalf_not_state": RefusalSpec(
        "invalid", _("Only a State speaks on behalf of a group of States.")
    ),
    "not_a_member": RefusalSpec("invalid", _("%(name)s is not a member of %(group)s.")),
    "no_pre_inscription": RefusalSpec(
        "invalid",
        _(
            "There is no pre-inscribed list of speakers: requests open when the moderator "
            "opens the discussion."
        ),
    ),
    "discussion_closed": RefusalSpec(
        "invalid", _("The discussion is closed: no more requests for the floor.")
    ),
    "round_not_open": RefusalSpec("invalid", _("The floor is not open to %(line)s in this round.")),
    "already_in_line": RefusalSpec("invalid", _("%(name)s has already asked for the floor.")),
    "has_the_floor": RefusalSpec("invalid", _("%(name)s has the floor now.")),
    "unknown_slot": RefusalSpec("invalid", _("This segment has no planned speaker %(slot)s.")),
    "no_request": RefusalSpec("invalid", _("This request is not in any line.")),
    "nobody_waiting": RefusalSpec("invalid", _("Nobody is waiting in this round's lines.")),
    "whom_to_call": RefusalSpec(
        "invalid", _("Whom to call? Give a request, a planned speaker or a delegation.")
    ),
    "no_speaker": RefusalSpec("invalid", _("Nobody has the floor.")),
    "timer_running": RefusalSpec("invalid", _("The timer is already running.")),
    "timer_not_running": RefusalSpec("invalid", _("The timer is not running.")),
    "timer_paused": RefusalSpec("invalid", _("The timer is already paused.")),
    "timer_not_paused": RefusalSpec("invalid", _("The timer is not paused.")),
    "not_recorded": RefusalSpec(
        "failed", _("The floor could not record this command: nothing was changed.")
    ),
    "limit_too_long": RefusalSpec("invalid", _("A turn may last at most %(max)s seconds.")),
    "nothing_to_undo": RefusalSpec(
        "invalid", _("There is nothing to undo: something else happened since, or nothing yet.")
    ),
    "point_of_order_states": RefusalSpec(
        "invalid", _("Only a State raises a point of order (%(name)s is not one).")
    ),
    "point_of_order_waiting": RefusalSpec(
        "invalid", _("%(name)s has already raised a point of order: the chair takes it now.")
    ),
    "no_point_of_order": RefusalSpec("invalid", _("No point of order is waiting.")),
    "reply_states": RefusalSpec(
        "invalid", _("Only a State exercises the right of reply (%(name)s is not one).")
    ),
    "reply_already": RefusalSpec(
        "invalid", _("%(name)s has already asked for a right of reply in this segment.")
    ),
    "no_reply_waiting": RefusalSpec("invalid", _("No right of reply is waiting.")),
    "no_countdown": RefusalSpec("invalid", _("No countdown is running.")),
    "replies_at_end": RefusalSpec(
        "invalid",
        _("Rights of reply are taken at the end of the segment, once the discussion is closed."),
    ),
    "undo_too_late": RefusalSpec(
        "invalid", _("Too late to undo: an action may be undone within %(seconds)s seconds.")
    ),
}

# Codes the schema check gives (`parse`), as opposed to those of authorization and the rules.
SCHEMA_CODES: Final[frozenset[str]] = frozenset(
    {
        "not_an_object",
        "no_command",
        "unknown_command",
        "unknown_field",
        "missing_field",
        "not_an_integer",
        "out_of_range",
        "not_a_string",
        "not_a_boolean",
        "too_long",
        "empty",
        "malformed",
        "unknown_value",
        "surrogate",
        "control_character",
        "format_character",
        "conflicting_fields",
    }
)


@dataclass(frozen=True)
class Refusal:
    """Why a command was not accepted: a code of `REFUSALS`, the message's parameters and the
    field at fault (if one is)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    field: str | None = None

    @property
    def kind(self) -> str:
        return REFUSALS[self.code].kind

    @property
    def template(self) -> str:
        return REFUSALS[self.code].template

    @property
    def reason(self) -> str:
        """The reason in English (the app translates `template` and fills in `params`)."""
        return self.template % dict(self.params) if self.params else self.template


def _refuse(code: str, field_name: str | None = None, /, **params: Any) -> Refusal:
    assert code in REFUSALS, code
    return Refusal(code, params, field_name)


# --- the schema's types -------------------------------------------------------------------------

_JOINERS: Final[frozenset[str]] = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ: Persian, Indic


def _checked_text(value: str, multiline: bool) -> str:
    """NFC, trimmed; refused with surrogates, control characters (but newline and tab in a
    multi-line text) or invisible format characters (bidirectional overrides, zero-width
    spaces; the joiners that Persian and Indic scripts need are kept)."""
    if not value.isprintable():
        for ch in value:
            if ch == " " or ch.isprintable():
                continue
            category = unicodedata.category(ch)
            if category == "Cs":
                raise PydanticCustomError("surrogate", "lone surrogate")
            if category in ("Cc", "Zl", "Zp") and not (multiline and ch in "\n\t"):
                raise PydanticCustomError("control_character", "control character")
            if category in ("Cf", "Co") and ch not in _JOINERS:
                raise PydanticCustomError("format_character", "format character")
            # Zs (no-break spaces) and unassigned characters pass as text
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty", "empty")
    return value


def _line_text(value: str) -> str:
    return _checked_text(value, multiline=False)


def _long_text(value: str) -> str:
    return _checked_text(value, multiline=True)


def _blank_is_none(value: Any) -> Any:
    """Clients leave optional fields as "" (an empty form field): not given."""
    return None if value == "" else value


def _round_spelling(value: Any) -> Any:
    return value.replace("-", "_") if isinstance(value, str) else value


def _known_role(value: str) -> str:
    if value not in ROLES:
        raise PydanticCustomError("unknown_value", "unknown role")
    return value


Name = Annotated[str, Field(max_length=200), AfterValidator(_line_text)]
Reason = Annotated[str, Field(max_length=200), AfterValidator(_line_text)]
NoteText = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_long_text)]
EntityCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$",
        description="An entity's code: ISO 3166 alpha-3 for States (MEX), a short code "
        "otherwise (G77, IOM); any case.",
    ),
    AfterValidator(str.upper),
]
RequestId = Annotated[
    str, Field(pattern=r"^r[1-9][0-9]{0,8}$", description="A request's id as the floor gave it.")
]
SegmentKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$",
        description="A segment's key from the programme: panel-1, summary, summary-2, welcome-2017-05-22-1000…",
    ),
]
RoundName = Annotated[
    Literal["member_states", "observers", "stakeholders", "panelists", "all"],
    BeforeValidator(_round_spelling),
]
RoleName = Annotated[
    str,
    Field(max_length=40, json_schema_extra={"enum": list(ROLES)}),
    AfterValidator(_known_role),
]
Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
Position = Annotated[int, Field(ge=0, le=10_000, description="0-based place in the line.")]
RoundIndex = Annotated[int, Field(ge=0, le=99)]
SlotIndex = Annotated[int, Field(ge=0, le=99, description="0-based, in the segment's slots.")]
LimitS = Annotated[int, Field(ge=0, le=MAX_LIMIT_S, description="Seconds; 0: no limit.")]
ExtendS = Annotated[int, Field(ge=1, le=3600)]

_MaybeCode = Annotated[EntityCode | None, BeforeValidator(_blank_is_none)]
_MaybeName = Annotated[Name | None, BeforeValidator(_blank_is_none)]
_MaybeRequest = Annotated[RequestId | None, BeforeValidator(_blank_is_none)]
_MaybeRound = Annotated[RoundName | None, BeforeValidator(_blank_is_none)]
_MaybeRole = Annotated[RoleName | None, BeforeValidator(_blank_is_none)]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    expected_version: Annotated[Version | None, BeforeValidator(_blank_is_none)] = Field(
        default=None,
        description="Refuse with 409 unless the floor is at this version (two operators).",
    )


class OpenSegment(_Base):
    command: Literal["open_segment"] = "open_segment"
    segment: SegmentKey


class CloseSegment(_Base):
    command: Literal["close_segment"] = "close_segment"


class OpenDiscussion(_Base):
    command: Literal["open_discussion"] = "open_discussion"
    round: _MaybeRound = None


class CloseDiscussion(_Base):
    command: Literal["close_discussion"] = "close_discussion"


class SwitchRound(_Base):
    command: Literal["switch_round"] = "switch_round"
    round: _MaybeRound = None
    round_index: Annotated[RoundIndex | None, BeforeValidator(_blank_is_none)] = None

    @model_validator(mode="after")
    def _one_way(self) -> SwitchRound:
        if self.round is not None and self.round_index is not None:
            raise PydanticCustomError("conflicting_fields", "round, round_index")
        return self


class CloseList(_Base):
    command: Literal["close_list"] = "close_list"


class ReopenList(_Base):
    command: Literal["reopen_list"] = "reopen_list"


class RequestFloor(_Base):
    command: Literal["request"] = "request"
    entity: _MaybeCode = None
    on_behalf_of: _MaybeCode = None
    speaker: _MaybeName = None
    slot: Annotated[SlotIndex | None, BeforeValidator(_blank_is_none)] = None

    @model_validator(mode="after")
    def _one_way(self) -> RequestFloor:
        if self.slot is not None and (self.entity or self.on_behalf_of or self.speaker):
            raise PydanticCustomError("conflicting_fields", "slot, entity")
        return self


class Withdraw(_Base):
    command: Literal["withdraw"] = "withdraw"
    request_id: RequestId
    reason: Annotated[Reason | None, BeforeValidator(_blank_is_none)] = None


class Move(_Base):
    command: Literal["move"] = "move"
    request_id: RequestId
    position: Position


class Call(_Base):
    command: Literal["call"] = "call"
    request_id: _MaybeRequest = None
    slot: Annotated[SlotIndex | None, BeforeValidator(_blank_is_none)] = None
    entity: _MaybeCode = None
    speaker: _MaybeName = None
    role: _MaybeRole = None
    on_behalf_of: _MaybeCode = None
    limit_s: Annotated[LimitS | None, BeforeValidator(_blank_is_none)] = None
    start: bool = True

    @model_validator(mode="after")
    def _one_way(self) -> Call:
        ways = [
            self.request_id is not None,
            self.slot is not None,
            self.entity is not None or self.speaker is not None,
        ]
        if sum(ways) > 1:
            raise PydanticCustomError("conflicting_fields", "request_id, slot, entity/speaker")
        return self


class CallNext(_Base):
    command: Literal["call_next"] = "call_next"
    start: bool = True


class StartTimer(_Base):
    command: Literal["start_timer"] = "start_timer"


class PauseTimer(_Base):
    command: Literal["pause_timer"] = "pause_timer"


class ResumeTimer(_Base):
    command: Literal["resume_timer"] = "resume_timer"


class ExtendTimer(_Base):
    command: Literal["extend_timer"] = "extend_timer"
    by_s: ExtendS = 60


class StopTimer(_Base):
    command: Literal["stop_timer"] = "stop_timer"


class Finish(_Base):
    command: Literal["finish"] = "finish"


class AddNote(_Base):
    command: Literal["note"] = "note"
    text: NoteText


class SetLanguage(_Base):
    command: Literal["set_language"] = "set_language"
    language: FloorLanguage


class UndoLast(_Base):
    command: Literal["undo"] = "undo"


class _StateAsks(_Base):
    """What a State sends for itself (a point of order, a right of reply)."""

    entity: _MaybeCode = None
    speaker: _MaybeName = None


class RaisePointOfOrder(_StateAsks):
    command: Literal["point_of_order"] = "point_of_order"


class SettlePointOfOrder(_Base):
    command: Literal["settle_point_of_order"] = "settle_point_of_order"


def _message_text(value: str) -> str:
    """A room message: one line of text, or empty (blank) to take it down."""
    return "" if not value.strip() else _line_text(value)


class ProjectMessage(_Base):
    command: Literal["project_message"] = "project_message"
    text: Annotated[str, Field(max_length=200), AfterValidator(_message_text)] = ""


class StartCountdown(_Base):
    command: Literal["start_countdown"] = "start_countdown"
    seconds: Annotated[int, Field(ge=1, le=MAX_LIMIT_S)]
    label: Annotated[str, Field(max_length=120), AfterValidator(_line_text)] = ""


class StopCountdown(_Base):
    command: Literal["stop_countdown"] = "stop_countdown"


class RequestReply(_StateAsks):
    command: Literal["request_reply"] = "request_reply"


class CallReply(_Base):
    command: Literal["call_reply"] = "call_reply"
    request_id: Annotated[RequestId | None, BeforeValidator(_blank_is_none)] = None
    start: bool = True


Command = (
    OpenSegment
    | CloseSegment
    | OpenDiscussion
    | CloseDiscussion
    | SwitchRound
    | CloseList
    | ReopenList
    | RequestFloor
    | Withdraw
    | Move
    | Call
    | CallNext
    | StartTimer
    | PauseTimer
    | ResumeTimer
    | ExtendTimer
    | StopTimer
    | Finish
    | AddNote
    | SetLanguage
    | UndoLast
    | RaisePointOfOrder
    | SettlePointOfOrder
    | RequestReply
    | CallReply
    | ProjectMessage
    | StartCountdown
    | StopCountdown
)
_CommandForm: Any = Annotated[Command, Field(discriminator="command")]
_adapter: TypeAdapter[Command] = TypeAdapter(_CommandForm)


def command_schema(ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    """The JSON Schema (2020-12) of a floor command: one object per command, by `command`
    (`ref_template`: where its definitions are referred to, e.g. an OpenAPI document's)."""
    return _adapter.json_schema(ref_template=ref_template)


# --- parse ----------------------------------------------------------------------------------------

_TYPE_CODES: Final[dict[str, str]] = {
    "union_tag_not_found": "no_command",
    "union_tag_invalid": "unknown_command",
    "extra_forbidden": "unknown_field",
    "missing": "missing_field",
    "int_type": "not_an_integer",
    "int_parsing": "not_an_integer",
    "int_from_float": "not_an_integer",
    "greater_than_equal": "out_of_range",
    "less_than_equal": "out_of_range",
    "greater_than": "out_of_range",
    "less_than": "out_of_range",
    "string_type": "not_a_string",
    "string_unicode": "surrogate",
    "string_too_long": "too_long",
    "string_too_short": "empty",
    "string_pattern_mismatch": "malformed",
    "bool_type": "not_a_boolean",
    "bool_parsing": "not_a_boolean",
    "literal_error": "unknown_value",
    "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "dict_type": "not_an_object",
}


def _shown(value: Any) -> str:
    """A value quoted back in a message: short, printable."""
    text = value if isinstance(value, str) else repr(value)
    return "".join(ch for ch in text[:40] if ch.isprintable()) or "?"


_schema_cache: dict[str, Any] = {}


def _bounds(command_name: str, name: str) -> tuple[Any, Any]:
    """A field's documented range, read from the command's JSON schema."""
    if not _schema_cache:
        _schema_cache.update(command_schema())
    model = _MODELS.get(command_name)
    props = _schema_cache.get("$defs", {}).get(model.__name__ if model else "", {})
    prop = props.get("properties", {}).get(name, {})
    for option in prop.get("anyOf", [prop]):
        if "minimum" in option or "maximum" in option:
            return option.get("minimum", "?"), option.get("maximum", "?")
    return "?", "?"


_MODELS: dict[str, type[BaseModel]] = {}  # filled with HANDLERS


def _refusal_of(error: Mapping[str, Any]) -> Refusal:
    kind = str(error.get("type", ""))
    code = _TYPE_CODES.get(kind, kind if kind in REFUSALS else "unknown_value")
    loc = tuple(error.get("loc") or ())
    name = ".".join(str(x) for x in loc[1:]) if len(loc) > 1 else "command"
    ctx = error.get("ctx") or {}
    if code == "no_command":
        return _refuse(code, "command")
    if code == "unknown_command":
        return _refuse(code, "command", command=_shown(ctx.get("tag", "")))
    if code == "not_an_object":
        return _refuse(code, None if len(loc) <= 1 else name)
    if code == "out_of_range":
        lo, hi = _bounds(str(loc[0]) if loc else "", name)
        return _refuse(code, name, field=name, min=lo, max=hi)
    if code == "too_long":
        return _refuse(code, name, field=name, max=ctx.get("max_length", "?"))
    if code == "conflicting_fields":
        return _refuse(code, name if len(loc) > 1 else None, fields=str(error.get("msg", "")))
    return _refuse(code, name, field=name)


def parse(body: Any, *, lax: bool = False) -> Command | Refusal:
    """The command in a request's body (a decoded JSON object), or why it is malformed.
    `lax`: a form's body, where every value is text ("60" is read as 60, "false" as false)."""
    if not isinstance(body, Mapping):
        return _refuse("not_an_object")
    try:
        return _adapter.validate_python(body, strict=not lax)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        return _refusal_of(errors[0]) if errors else _refuse("not_an_object")


def command(**fields: Any) -> Command:
    """A command from keyword fields, e.g. `command(command="call", request_id="r3")` (for the
    app's own calls and tests; raises ValueError naming the refusal when malformed)."""
    out = parse(fields)
    if isinstance(out, Refusal):
        raise ValueError(f"{out.code}: {out.reason} ({out.field})")
    return out


# --- who is asking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityInfo:
    """What the floor knows of a delegation or group: its code, name, kind (`member-state`,
    `group`…), the groups of States it is a member of, and for a stakeholder whether it is
    accredited."""

    code: str
    name: str
    kind: str
    groups: frozenset[str] = frozenset()
    accredited: bool = False

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS


class Directory(Protocol):
    """The delegations, groups and segments a session's floor may name (answered from memory)."""

    def entity(self, code: str) -> EntityInfo | None: ...

    def segment(self, key: str) -> SegmentConfig | None: ...


@dataclass(frozen=True)
class StaticDirectory:
    """A `Directory` of plain mappings (codes upper case): tests, replays, scripts."""

    entities: Mapping[str, EntityInfo] = field(default_factory=dict)
    segments: Mapping[str, SegmentConfig] = field(default_factory=dict)

    def entity(self, code: str) -> EntityInfo | None:
        return self.entities.get(code.upper())

    def segment(self, key: str) -> SegmentConfig | None:
        return self.segments.get(key)


@dataclass(frozen=True)
class Actor:
    """Who sends a command, resolved once per request: their account, whether they chair every
    segment (co-chairs, the secretariat) or which ones (a panel's moderators), the delegations
    they act for (with the groups each belongs to) and their name."""

    username: str = ""
    signed_in: bool = True
    chairs_all: bool = False
    chairs: frozenset[str] = frozenset()
    delegations: Mapping[str, EntityInfo] = field(default_factory=dict)
    person: str = ""

    @classmethod
    def system(cls, username: str = "podium") -> Actor:
        """The floor's operator in scripts, replays and benchmarks: chairs everything."""
        return cls(username=username, chairs_all=True)

    def may_chair(self, segment: str | None) -> bool:
        """Chairs this segment; with none open (None), chairs some segment of the session."""
        if self.chairs_all:
            return True
        return bool(self.chairs) if segment is None else segment in self.chairs

    def acts_for(self, code: str) -> bool:
        return code.upper() in self.delegations

    def only_delegation(self) -> str | None:
        return next(iter(self.delegations)) if len(self.delegations) == 1 else None


@dataclass(frozen=True)
class Context:
    """What a decision needs besides the state: who asks, when, and the session's directory."""

    actor: Actor
    now: datetime
    directory: Directory

    def event(self, type_: str, **data: Any) -> Event:
        return Event(type=type_, at=self.now, data=data, by=self.actor.username)


# --- who may send what ----------------------------------------------------------------------------

Policy = Callable[[Actor, FloorState, Any], Refusal | None]


def _open_id(state: FloorState) -> str | None:
    return state.segment.config.id if state.segment is not None else None


def chair(actor: Actor, state: FloorState, cmd: Any) -> Refusal | None:
    """the open segment's chair: its moderator(s), the co-chairs, the secretariat (with no
    segment open, whoever chairs some segment: the floor then answers `no_segment`)"""
    return None if actor.may_chair(_open_id(state)) else _refuse("not_chair")


def chair_of_target(actor: Actor, state: FloorState, cmd: OpenSegment) -> Refusal | None:
    """the chair of the segment named (a panel's moderator for that panel; the summary panel and
    the other segments: the co-chairs and the secretariat)"""
    if actor.may_chair(cmd.segment):
        return None
    return _refuse("not_chair_of", "segment", segment=cmd.segment)


def participant(actor: Actor, state: FloorState, cmd: RequestFloor) -> Refusal | None:
    """someone acting for the delegation (delegate, focal point, stakeholder representative), or
    the open segment's chair for any delegation (and for a panelist: `slot`)"""
    if actor.may_chair(_open_id(state)):
        return None
    if cmd.slot is not None:
        return _refuse("not_chair")
    if cmd.entity is None:
        return None if actor.delegations else _refuse("no_delegation")
    return None if actor.acts_for(cmd.entity) else _refuse("not_your_delegation", "entity")


def delegation(actor: Actor, state: FloorState, cmd: _StateAsks) -> Refusal | None:
    """someone acting for the delegation, or the open segment's chair for any delegation"""
    if actor.may_chair(_open_id(state)):
        return None
    if cmd.entity is None:
        return None if actor.delegations else _refuse("no_delegation")
    return None if actor.acts_for(cmd.entity) else _refuse("not_your_delegation", "entity")


def owner(actor: Actor, state: FloorState, cmd: Withdraw) -> Refusal | None:
    """the request's own delegation, or the open segment's chair"""
    if actor.may_chair(_open_id(state)):
        return None
    req = state.find_request(cmd.request_id) or state.find_reply(cmd.request_id)
    if req is None:  # the rule answers `no_request`
        return None if actor.delegations else _refuse("no_delegation")
    return None if actor.acts_for(req.entity) else _refuse("not_your_request", "request_id")


def authorize(actor: Actor, state: FloorState, command: Command) -> Refusal | None:
    """None when `actor` may send `command` on `state`, else the refusal (`sign_in`, or a
    `forbidden` code)."""
    if not actor.signed_in:
        return _refuse("sign_in")
    return HANDLERS[command.command].who(actor, state, command)


# --- handlers -----------------------------------------------------------------------------------

Outcome = list[Event] | Refusal
C = TypeVar("C", bound=BaseModel)


@dataclass(frozen=True)
class Handler:
    name: str
    schema: type[BaseModel]
    who: Policy
    decide: Callable[[FloorState, Any, Context], Outcome]
    refusals: tuple[str, ...]

    @property
    def spec(self) -> str:
        return (self.decide.__doc__ or "").strip()


HANDLERS: dict[str, Handler] = {}


def handles(
    schema: type[C], who: Policy, refusals: tuple[str, ...]
) -> Callable[
    [Callable[[FloorState, C, Context], Outcome]], Callable[[FloorState, C, Context], Outcome]
]:
    """Register a command's handler: its schema, who may send it, the refusals it may give."""

    def register(
        fn: Callable[[FloorState, C, Context], Outcome],
    ) -> Callable[[FloorState, C, Context], Outcome]:
        name = str(schema.model_fields["command"].default)
        unknown = [c for c in refusals if c not in REFUSALS]
        assert not unknown, unknown
        HANDLERS[name] = Handler(name, schema, who, fn, refusals)
        _MODELS[name] = schema
        return fn

    return register


def _segment(state: FloorState) -> SegmentState | Refusal:
    return state.segment if state.segment is not None else _refuse("no_segment")


def _end_current(state: FloorState, ctx: Context, only_floor: bool = False) -> list[Event]:
    """`speaker_finished` with the time spoken, if someone has the floor (a floor speaker only,
    when `only_floor`)."""
    cur = state.current
    if cur is None or (only_floor and cur.role != "floor"):
        return []
    return [ctx.event("speaker_finished", speaking_s=round(cur.speaking_s(ctx.now), 3))]


def _not_heard(state: FloorState) -> list[str]:
    return [r.id for r in state.all_requests()]


@handles(
    OpenSegment, chair_of_target, ("unknown_segment", "segment_already_open", "other_segment_open")
)
def _open_segment(state: FloorState, cmd: OpenSegment, ctx: Context) -> Outcome:
    """Open a segment of the programme for its floor.

    Payload: `segment`, its key (`panel-1`, `summary`, `summary-2`, `welcome-2017-05-22-1000`…).
    Effect: `segment_opened` with the segment's configuration (title, planned times, limits,
    rounds, pre-inscription, planned speakers), so the log folds with nothing else.
    Refusals: `unknown_segment` (not in the programme), `segment_already_open`,
    `other_segment_open` (close it first).
    """
    cfg = ctx.directory.segment(cmd.segment)
    if cfg is None:
        return _refuse("unknown_segment", "segment", segment=cmd.segment)
    if state.segment is not None:
        if state.segment.config.id == cfg.id:
            return _refuse("segment_already_open", "segment")
        title = state.segment.config.title or state.segment.config.id
        return _refuse("other_segment_open", "segment", title=title)
    return [ctx.event("segment_opened", segment=cfg.to_json())]


@handles(CloseSegment, chair, ("no_segment",))
def _close_segment(state: FloorState, cmd: CloseSegment, ctx: Context) -> Outcome:
    """Close the open segment.

    Effect: ends the current intervention (`speaker_finished`), closes the discussion if open
    (`discussion_closed`: the waiting requests are recorded as not heard), `segment_closed`.
    Refusals: `no_segment`.
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    events = _end_current(state, ctx)
    if seg.discussion_open:
        events.append(
            ctx.event("discussion_closed", segment=seg.config.id, not_heard=_not_heard(state))
        )
    events.append(ctx.event("segment_closed", segment=seg.config.id))
    return events


@handles(OpenDiscussion, chair, ("no_segment", "discussion_open", "no_rounds", "unknown_round"))
def _open_discussion(state: FloorState, cmd: OpenDiscussion, ctx: Context) -> Outcome:
    """Open the discussion: delegations may ask for the floor.

    Payload: `round` (optional): the round to start with; default the policy's first.
    Effect: `discussion_opened` with the round and its index.
    Refusals: `no_segment`, `discussion_open`, `no_rounds` (a segment without a floor),
    `unknown_round` (not in this segment's policy).
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if seg.discussion_open:
        return _refuse("discussion_open")
    rounds = seg.config.rounds
    if not rounds:
        return _refuse("no_rounds")
    idx = 0
    if cmd.round is not None:
        if cmd.round not in rounds:
            return _refuse("unknown_round", "round", round=cmd.round)
        idx = rounds.index(cmd.round)
    return [
        ctx.event("discussion_opened", segment=seg.config.id, round=rounds[idx], round_index=idx)
    ]


@handles(CloseDiscussion, chair, ("no_segment", "discussion_not_open"))
def _close_discussion(state: FloorState, cmd: CloseDiscussion, ctx: Context) -> Outcome:
    """Close the discussion.

    Effect: ends a floor intervention under way (a panelist or moderator keeps their slot),
    `discussion_closed`: every waiting request is recorded as not heard (`not_heard`: their ids).
    Refusals: `no_segment`, `discussion_not_open`.
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if not seg.discussion_open:
        return _refuse("discussion_not_open")
    events = _end_current(state, ctx, only_floor=True)
    events.append(
        ctx.event("discussion_closed", segment=seg.config.id, not_heard=_not_heard(state))
    )
    return events


@handles(SwitchRound, chair, ("no_segment", "discussion_not_open", "unknown_round"))
def _switch_round(state: FloorState, cmd: SwitchRound, ctx: Context) -> Outcome:
    """Move the discussion to another round.

    Payload: `round` (its next occurrence after the current one, else its first) or
    `round_index` (0-based in the policy); neither: the next round (cycling).
    Effect: `round_switched` with the round and its index.
    Refusals: `no_segment`, `discussion_not_open`, `unknown_round`.
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if not seg.discussion_open:
        return _refuse("discussion_not_open")
    rounds = seg.config.rounds
    if cmd.round_index is not None:
        if cmd.round_index >= len(rounds):
            return _refuse("unknown_round", "round_index", round=cmd.round_index)
        idx = cmd.round_index
    elif cmd.round is not None:
        if cmd.round not in rounds:
            return _refuse("unknown_round", "round", round=cmd.round)
        later = [i for i, r in enumerate(rounds) if r == cmd.round and i > seg.round_index]
        idx = later[0] if later else rounds.index(cmd.round)
    else:
        idx = (seg.round_index + 1) % len(rounds)
    return [ctx.event("round_switched", round=rounds[idx], round_index=idx)]


@handles(CloseList, chair, ("no_segment", "list_closed"))
def _close_list(state: FloorState, cmd: CloseList, ctx: Context) -> Outcome:
    """Close the list of speakers: no new requests (those waiting stay).

    Effect: `list_closed`. Refusals: `no_segment`, `list_closed` (already).
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    return _refuse("list_closed") if seg.list_closed else [ctx.event("list_closed")]


@handles(ReopenList, chair, ("no_segment", "list_open"))
def _reopen_list(state: FloorState, cmd: ReopenList, ctx: Context) -> Outcome:
    """Reopen the list of speakers.

    Effect: `list_reopened`. Refusals: `no_segment`, `list_open` (it is not closed).
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    return [ctx.event("list_reopened")] if seg.list_closed else _refuse("list_open")


def _may_queue(seg: SegmentState, line: str) -> bool:
    """May this line ask for the floor now? Panelists always (they respond in their rounds);
    States whenever the policy gives them a round; others in their round or the next one."""
    cfg = seg.config
    if not seg.discussion_open or line == "panelists":
        return True
    if line in ("member_states", "observers") and "member_states" in cfg.rounds:
        return True
    here = ROUND_LINES.get(seg.round, ())
    nxt = cfg.rounds[(seg.round_index + 1) % len(cfg.rounds)] if cfg.rounds else ""
    return line in here or line in ROUND_LINES.get(nxt, ())


def _speaking_entity(ctx: Context, code: str, field_name: str) -> EntityInfo | Refusal:
    """The delegation that would speak for `code`: known, not a group, accredited if a
    stakeholder, and of a kind that has a line."""
    info = ctx.actor.delegations.get(code) or ctx.directory.entity(code)
    if info is None:
        return _refuse("unknown_entity", field_name, code=code)
    if info.kind == "group":
        return _refuse("group_cannot_ask", field_name, name=info.name)
    if info.kind == "stakeholder" and not info.accredited:
        return _refuse("not_accredited", field_name, name=info.name)
    if info.kind not in LINE_OF_KIND:
        return _refuse("unknown_entity", field_name, code=code)
    return info


def _on_behalf(ctx: Context, speaker: EntityInfo, group: str | None) -> str | Refusal:
    return on_behalf(speaker, group, None if group is None else ctx.directory.entity(group))


def on_behalf(speaker: EntityInfo, group: str | None, g: EntityInfo | None) -> str | Refusal:
    """The group a State speaks for (`group`, read as `g`): a group of States it is a member
    of. The floor's rule, and the statements' ("delivered on behalf of")."""
    if group is None:
        return ""
    if g is None:
        return _refuse("unknown_entity", "on_behalf_of", code=group)
    if g.kind != "group":
        return _refuse("not_a_group", "on_behalf_of", name=g.name)
    if not speaker.is_state:
        return _refuse("behalf_not_state", "on_behalf_of")
    if g.code not in speaker.groups:
        return _refuse("not_a_member", "on_behalf_of", name=speaker.name, group=g.name)
    return g.code


def _open_to_requests(seg: SegmentState, line: str) -> Refusal | None:
    if not seg.discussion_open and seg.discussion_opened_at is not None:
        return _refuse("discussion_closed")
    if not seg.requests_open:
        return _refuse("no_pre_inscription")
    if seg.list_closed:
        return _refuse("list_closed")
    if not _may_queue(seg, line):
        return _refuse("round_not_open", line=line.replace("_", " "))
    return None


@handles(
    RequestFloor,
    participant,
    (
        "no_segment",
        "which_delegation",
        "unknown_entity",
        "group_cannot_ask",
        "not_accredited",
        "not_a_group",
        "behalf_not_state",
        "not_a_member",
        "no_pre_inscription",
        "discussion_closed",
        "list_closed",
        "round_not_open",
        "already_in_line",
        "has_the_floor",
        "unknown_slot",
    ),
)
def _request(state: FloorState, cmd: RequestFloor, ctx: Context) -> Outcome:
    """Ask for the floor.

    Payload: `entity` (the delegation's code; default: the sender's only delegation),
    `on_behalf_of` (a group of States the delegation is a member of: G77, EU, AFRICAN…),
    `speaker` (the person; default: the sender's own name when they act for the delegation).
    A chair may instead give `slot`: a planned speaker of the segment asking to respond (the
    panelists' line).
    Effect: `request_made` in the line of the entity's kind, at the place the policy gives
    (statements on behalf of groups first, then those who have not spoken on this segment).
    Refusals: `no_segment`; `which_delegation`; `unknown_entity`; `group_cannot_ask` (a group
    speaks through a member); `not_accredited` (a stakeholder); `not_a_group`,
    `behalf_not_state` (only States speak for groups), `not_a_member`; `no_pre_inscription`
    (before the discussion opens, unless the format keeps a pre-inscribed list);
    `discussion_closed` (it was open and is closed); `list_closed`;
    `round_not_open` (stakeholders only in or just before their round); `already_in_line`;
    `has_the_floor`; `unknown_slot`.
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if cmd.slot is not None:
        return _request_for_slot(state, seg, cmd.slot, ctx)
    code = cmd.entity or ctx.actor.only_delegation()
    if code is None:
        return _refuse("which_delegation", "entity")
    info = _speaking_entity(ctx, code, "entity")
    if isinstance(info, Refusal):
        return info
    behalf = _on_behalf(ctx, info, cmd.on_behalf_of)
    if isinstance(behalf, Refusal):
        return behalf
    line = LINE_OF_KIND[info.kind]
    closed = _open_to_requests(seg, line)
    if closed is not None:
        return closed
    if any(r.entity == info.code for r in state.all_requests()):
        return _refuse("already_in_line", "entity", name=info.name)
    cur = state.current
    if cur is not None and cur.role == "floor" and cur.entity == info.code:
        return _refuse("has_the_floor", "entity", name=info.name)
    speaker = cmd.speaker or (ctx.actor.person if ctx.actor.acts_for(info.code) else "")
    position = order.place(
        state.lines.get(line, ()), entity=info.code, on_behalf_of=behalf, spoken=state.spoken_here()
    )
    return [
        ctx.event(
            "request_made",
            request_id=f"r{state.request_counter + 1}",
            entity=info.code,
            entity_name=info.name,
            category=info.kind,
            line=line,
            on_behalf_of=behalf,
            speaker=speaker,
            position=position,
        )
    ]


def _slot(seg: SegmentState, index: int) -> Mapping[str, Any] | Refusal:
    slots = seg.config.slots
    return slots[index] if index < len(slots) else _refuse("unknown_slot", "slot", slot=index + 1)


def _request_for_slot(state: FloorState, seg: SegmentState, index: int, ctx: Context) -> Outcome:
    slot = _slot(seg, index)
    if isinstance(slot, Refusal):
        return slot
    closed = _open_to_requests(seg, "panelists")
    if closed is not None:
        return closed
    speaker = str(slot.get("speaker") or "")
    represents = str(slot.get("entity") or "")
    for r in state.lines.get("panelists", ()):
        if (r.speaker, r.represents) == (speaker, represents):
            return _refuse("already_in_line", "slot", name=speaker or represents)
    line = state.lines.get("panelists", ())
    return [
        ctx.event(
            "request_made",
            request_id=f"r{state.request_counter + 1}",
            entity="",
            entity_name="",
            category="panelist",
            line="panelists",
            on_behalf_of="",
            speaker=speaker,
            represents=represents,
            position=len(line),
        )
    ]


@handles(Withdraw, owner, ("no_request",))
def _withdraw(state: FloorState, cmd: Withdraw, ctx: Context) -> Outcome:
    """Withdraw a waiting request.

    Payload: `request_id` (exactly as the floor gave it: `r12`), `reason` (optional).
    Effect: `request_withdrawn`. Refusals: `no_request` (not waiting in any line).
    """
    if state.find_request(cmd.request_id) is None and state.find_reply(cmd.request_id) is None:
        return _refuse("no_request", "request_id")
    return [ctx.event("request_withdrawn", request_id=cmd.request_id, reason=cmd.reason or "")]


@handles(Move, chair, ("no_request",))
def _move(state: FloorState, cmd: Move, ctx: Context) -> Outcome:
    """Move a waiting request within its line.

    Payload: `request_id`, `position` (0-based; past the end: last).
    Effect: `request_moved` with the position it takes. Refusals: `no_request`.
    """
    found = state.find_request(cmd.request_id)
    if found is None:
        return _refuse("no_request", "request_id")
    size = len(state.lines.get(found.line, ()))
    position = min(cmd.position, size - 1)
    return [ctx.event("request_moved", request_id=cmd.request_id, position=position)]


@dataclass(frozen=True)
class _Turn:
    """Who is given the floor: the `speaker_called` fields that say so, the role they speak in,
    the rule's limit for it and whether the suggested order is departed from."""

    fields: dict[str, Any]
    role: str
    rule_limit_s: int
    departed: bool = False


def _give_floor(
    state: FloorState, ctx: Context, turn: _Turn, limit_s: int | None, start: bool
) -> list[Event]:
    suggested = state.suggested()
    seg = state.segment
    events = _end_current(state, ctx)
    events.append(
        ctx.event(
            "speaker_called",
            **turn.fields,
            role=turn.role,
            limit_s=turn.rule_limit_s if limit_s is None else limit_s,
            rule_limit_s=turn.rule_limit_s,
            round=seg.round if seg is not None else "",
            suggested_request_id=suggested.id if suggested is not None else "",
            departed=turn.departed,
        )
    )
    if start:
        events.append(ctx.event("timer_started"))
    return events


def _turn_of_request(state: FloorState, seg: SegmentState, req: Request) -> _Turn:
    """A waiting request (a panelist's, from the panelists' line, speaks as `panelist`)."""
    role = "panelist" if req.line == "panelists" else "floor"
    suggested = state.suggested()
    fields = {
        "request_id": req.id,
        "speaker": req.speaker or req.entity_name,
        "entity": req.entity,
        "entity_name": req.entity_name,
        "category": req.category,
        "on_behalf_of": req.on_behalf_of,
        "represents": req.represents,
    }
    departed = suggested is not None and suggested.id != req.id
    return _Turn(fields, role, seg.config.limit_for(role), departed)


def _turn_of_slot(seg: SegmentState, cmd: Call, ctx: Context) -> _Turn | Refusal:
    """A planned speaker of the segment, in their slot's role and limit (or `cmd.role`)."""
    assert cmd.slot is not None
    slot = _slot(seg, cmd.slot)
    if isinstance(slot, Refusal):
        return slot
    slot_role = str(slot.get("role") or "")
    role = cmd.role or (slot_role if slot_role in ROLES else "expert")
    rule = seg.config.limit_for(role)
    if role == slot_role:
        rule = _as_limit(slot.get("limit_s"), rule)
    represents = str(slot.get("entity") or "")
    known = ctx.directory.entity(represents) if represents else None
    fields = {
        "request_id": "",
        "speaker": str(slot.get("speaker") or ""),
        "entity": "",
        "entity_name": "",
        "category": ROLES[role].category,
        "on_behalf_of": "",
        "represents": represents,
        "represents_name": known.name if known is not None else represents,
    }
    return _Turn(fields, role, rule)


def _turn_of_delegation(
    state: FloorState, seg: SegmentState, cmd: Call, ctx: Context
) -> _Turn | Refusal:
    """A delegation called from outside the lines (a departure when someone waits)."""
    if cmd.entity is None:
        return _refuse("whom_to_call")
    info = _speaking_entity(ctx, cmd.entity, "entity")
    if isinstance(info, Refusal):
        return info
    behalf = _on_behalf(ctx, info, cmd.on_behalf_of)
    if isinstance(behalf, Refusal):
        return behalf
    fields = {
        "request_id": "",
        "speaker": cmd.speaker or info.name,
        "entity": info.code,
        "entity_name": info.name,
        "category": info.kind,
        "on_behalf_of": behalf,
        "represents": "",
    }
    departed = seg.discussion_open and state.suggested() is not None
    return _Turn(fields, "floor", seg.config.limit_for("floor"), departed)


def _turn_of_person(seg: SegmentState, cmd: Call, role: str, ctx: Context) -> _Turn | Refusal:
    """Someone speaking in a role (`entity`, if given, is the State they come from)."""
    if cmd.speaker is None:
        return _refuse("whom_to_call")
    if cmd.on_behalf_of is not None:
        return _refuse("behalf_not_state", "on_behalf_of")
    known = None
    if cmd.entity is not None:
        known = ctx.directory.entity(cmd.entity)
        if known is None:
            return _refuse("unknown_entity", "entity", code=cmd.entity)
    fields = {
        "request_id": "",
        "speaker": cmd.speaker,
        "entity": "",
        "entity_name": "",
        "category": ROLES[role].category,
        "on_behalf_of": "",
        "represents": known.code if known else "",
        "represents_name": known.name if known else "",
    }
    return _Turn(fields, role, seg.config.limit_for(role))


@handles(
    Call,
    chair,
    (
        "no_segment",
        "no_request",
        "unknown_slot",
        "whom_to_call",
        "unknown_entity",
        "group_cannot_ask",
        "not_accredited",
        "not_a_group",
        "behalf_not_state",
        "not_a_member",
    ),
)
def _call(state: FloorState, cmd: Call, ctx: Context) -> Outcome:
    """Give the floor.

    Payload, one of: `request_id` (a waiting request); `slot` (a planned speaker of the
    segment, 0-based: the moderator, an expert… with the slot's limit; `role` may say they
    speak in another role, e.g. `panelist` to respond); or someone out of the lines: `entity`
    (a delegation, speaking `role` `floor` by default, optionally `on_behalf_of` a group it
    belongs to) and/or `speaker` with a `role` (`moderator`, `expert`…: the entity, if given,
    is the State they come from). And: `limit_s` (default the rule's limit for the role),
    `start` (default true: start the timer).
    Effect: ends the current intervention (`speaker_finished`), `speaker_called` (with
    `departed: true` when a request other than the suggested one is called, or a delegation
    from outside the lines while someone waits in this round), `timer_started`.
    Refusals: `no_segment`, `no_request`, `unknown_slot`, `whom_to_call`, and for a delegation
    the checks of `request` (`unknown_entity`, `group_cannot_ask`, `not_accredited`,
    `not_a_group`, `behalf_not_state`, `not_a_member`).
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    turn: _Turn | Refusal
    if cmd.request_id is not None:
        req = state.find_request(cmd.request_id)
        if req is None:
            return _refuse("no_request", "request_id")
        turn = _turn_of_request(state, seg, req)
    elif cmd.slot is not None:
        turn = _turn_of_slot(seg, cmd, ctx)
    elif (cmd.role or "floor") == "floor":
        turn = _turn_of_delegation(state, seg, cmd, ctx)
    else:
        turn = _turn_of_person(seg, cmd, cmd.role or "floor", ctx)
    if isinstance(turn, Refusal):
        return turn
    return _give_floor(state, ctx, turn, cmd.limit_s, cmd.start)


def _as_limit(value: Any, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LIMIT_S:
        return value
    return default


@handles(CallNext, chair, ("no_segment", "discussion_not_open", "nobody_waiting"))
def _call_next(state: FloorState, cmd: CallNext, ctx: Context) -> Outcome:
    """Give the floor to the suggested speaker (the head of the round's lines).

    Payload: `start` (default true). Effect: as `call` with that request.
    Refusals: `no_segment`, `discussion_not_open`, `nobody_waiting`.
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if not seg.discussion_open:
        return _refuse("discussion_not_open")
    req = state.suggested()
    if req is None:
        return _refuse("nobody_waiting")
    return _give_floor(state, ctx, _turn_of_request(state, seg, req), None, cmd.start)


def _running(state: FloorState) -> Refusal | None:
    cur = state.current
    if cur is None:
        return _refuse("no_speaker")
    if cur.timer.started_at is None or cur.timer.stopped_at is not None:
        return _refuse("timer_not_running")
    return None


@handles(StartTimer, chair, ("no_speaker", "timer_running"))
def _start_timer(state: FloorState, cmd: StartTimer, ctx: Context) -> Outcome:
    """Start the speaker's timer (after `call` with `start: false`, or again after
    `stop_timer`: from zero).

    Effect: `timer_started`. Refusals: `no_speaker`, `timer_running`.
    """
    cur = state.current
    if cur is None:
        return _refuse("no_speaker")
    if cur.timer.started_at is not None and cur.timer.stopped_at is None:
        return _refuse("timer_running")
    return [ctx.event("timer_started")]


@handles(PauseTimer, chair, ("no_speaker", "timer_not_running", "timer_paused"))
def _pause_timer(state: FloorState, cmd: PauseTimer, ctx: Context) -> Outcome:
    """Pause the timer: paused time is not speaking time.

    Effect: `timer_paused`. Refusals: `no_speaker`, `timer_not_running`, `timer_paused`.
    """
    refused = _running(state)
    if refused is not None:
        return refused
    assert state.current is not None
    if state.current.timer.paused_at is not None:
        return _refuse("timer_paused")
    return [ctx.event("timer_paused")]


@handles(ResumeTimer, chair, ("no_speaker", "timer_not_running", "timer_not_paused"))
def _resume_timer(state: FloorState, cmd: ResumeTimer, ctx: Context) -> Outcome:
    """Resume a paused timer.

    Effect: `timer_resumed`. Refusals: `no_speaker`, `timer_not_running`, `timer_not_paused`.
    """
    refused = _running(state)
    if refused is not None:
        return refused
    assert state.current is not None
    if state.current.timer.paused_at is None:
        return _refuse("timer_not_paused")
    return [ctx.event("timer_resumed")]


@handles(ExtendTimer, chair, ("no_speaker", "timer_not_running", "limit_too_long"))
def _extend_timer(state: FloorState, cmd: ExtendTimer, ctx: Context) -> Outcome:
    """Give the speaker more time.

    Payload: `by_s` (1–3600, default 60). Effect: `timer_extended` (the limit grows).
    Refusals: `no_speaker`, `timer_not_running`, `limit_too_long` (beyond 4 hours).
    """
    refused = _running(state)
    if refused is not None:
        return refused
    assert state.current is not None
    if state.current.timer.limit_s + cmd.by_s > MAX_LIMIT_S:
        return _refuse("limit_too_long", "by_s", max=MAX_LIMIT_S)
    return [ctx.event("timer_extended", by_s=cmd.by_s)]


@handles(StopTimer, chair, ("no_speaker", "timer_not_running"))
def _stop_timer(state: FloorState, cmd: StopTimer, ctx: Context) -> Outcome:
    """Stop the timer: the speaking time ends here; the speaker keeps the floor until `finish`.

    Effect: `timer_stopped`. Refusals: `no_speaker`, `timer_not_running`.
    """
    refused = _running(state)
    return refused if refused is not None else [ctx.event("timer_stopped")]


@handles(Finish, chair, ("no_speaker",))
def _finish(state: FloorState, cmd: Finish, ctx: Context) -> Outcome:
    """End the intervention.

    Effect: `speaker_finished` with `speaking_s`, the time the floor measured (the record's).
    Refusals: `no_speaker`.
    """
    events = _end_current(state, ctx)
    return events if events else _refuse("no_speaker")


@handles(AddNote, chair, ())
def _note(state: FloorState, cmd: AddNote, ctx: Context) -> Outcome:
    """Write a note in the log (for those who run the floor; never on public screens).

    Payload: `text` (1–2000 characters; new lines kept). Effect: `note_added`.
    """
    return [ctx.event("note_added", text=cmd.text)]


@handles(SetLanguage, chair, ("no_speaker",))
def _set_language(state: FloorState, cmd: SetLanguage, ctx: Context) -> Outcome:
    """Say which language the speaker speaks, so that listeners pick their interpretation
    channel: one of the six official languages (`ar`, `zh`, `en`, `fr`, `ru`, `es`) or `other`.
    It holds for the current speaker; the next starts without one.

    Payload: `language`. Effect: `language_set`. Refusals: `no_speaker`.
    """
    if state.current is None:
        return _refuse("no_speaker")
    return [ctx.event("language_set", language=cmd.language)]


@handles(UndoLast, chair, ("nothing_to_undo", "undo_too_late"))
def _undo(state: FloorState, cmd: UndoLast, ctx: Context) -> Outcome:
    """Undo the last irreversible action: closing the discussion or the segment, the switch to
    another round, a withdrawal; within 10 seconds, and only while nothing else has happened.

    Effect: `undone` with `what` (the command): the floor is again as it was before it (the
    requests marked not heard are back in their lines, the segment open again…); the log keeps
    both, and a note says what was undone. Refusals: `nothing_to_undo`, `undo_too_late`.
    """
    u = state.undo
    if u is None:
        return _refuse("nothing_to_undo")
    if (ctx.now - u.at).total_seconds() > UNDO_S:
        return _refuse("undo_too_late", seconds=UNDO_S)
    return [ctx.event("undone", what=u.what)]


def _state_asking(
    state: FloorState, cmd: _StateAsks, ctx: Context, not_a_state: str
) -> tuple[EntityInfo, str] | Refusal:
    """The State that asks (its code, else the sender's only delegation) and who speaks for
    it; `not_a_state` is the refusal when the entity is not a State."""
    if state.segment is None:
        return _refuse("no_segment")
    code = cmd.entity or ctx.actor.only_delegation()
    if code is None:
        return _refuse("which_delegation", "entity")
    info = _speaking_entity(ctx, code, "entity")
    if isinstance(info, Refusal):
        return info
    if not info.is_state:
        return _refuse(not_a_state, "entity", name=info.name)
    return info, cmd.speaker or (ctx.actor.person if ctx.actor.acts_for(info.code) else "")


@handles(
    RaisePointOfOrder,
    delegation,
    (
        "no_segment",
        "which_delegation",
        "unknown_entity",
        "group_cannot_ask",
        "point_of_order_states",
        "point_of_order_waiting",
    ),
)
def _point_of_order(state: FloorState, cmd: RaisePointOfOrder, ctx: Context) -> Outcome:
    """Raise a point of order: it interrupts, and goes to the chair at once (it waits in no
    line); the speaker's running timer stops until the chair has settled it.

    Payload: `entity` (the State's code; default: the sender's only delegation), `speaker`
    (default: the sender's name). Effect: `point_of_order_raised`, its time recorded.
    Refusals: `no_segment`, `which_delegation`, `unknown_entity`, `group_cannot_ask`,
    `point_of_order_states` (only States raise points of order), `point_of_order_waiting` (this
    State's point is already with the chair).
    """
    asking = _state_asking(state, cmd, ctx, "point_of_order_states")
    if isinstance(asking, Refusal):
        return asking
    info, speaker = asking
    if any(p.entity == info.code for p in state.pending_points_of_order()):
        return _refuse("point_of_order_waiting", "entity", name=info.name)
    return [
        ctx.event("point_of_order_raised", entity=info.code, entity_name=info.name, speaker=speaker)
    ]


@handles(SettlePointOfOrder, chair, ("no_segment", "no_point_of_order"))
def _settle_point_of_order(state: FloorState, cmd: SettlePointOfOrder, ctx: Context) -> Outcome:
    """The chair has heard and ruled on the first waiting point of order.

    Effect: `point_of_order_settled` (its time recorded); the speaker's timer goes on if the
    point stopped it. Refusals: `no_segment`, `no_point_of_order`.
    """
    if state.segment is None:
        return _refuse("no_segment")
    if not state.pending_points_of_order():
        return _refuse("no_point_of_order")
    return [ctx.event("point_of_order_settled")]


@handles(
    RequestReply,
    delegation,
    (
        "no_segment",
        "which_delegation",
        "unknown_entity",
        "group_cannot_ask",
        "reply_states",
        "reply_already",
    ),
)
def _request_reply(state: FloorState, cmd: RequestReply, ctx: Context) -> Outcome:
    """Ask for a right of reply: asked for during the segment (the discussion open or not), taken
    at its end, once the discussion is closed, within the reply's own limit (`limits: {reply: 3}`
    in the session file; 3 min by default).

    Payload: `entity` (the State's code; default: the sender's only delegation), `speaker`.
    Effect: `reply_requested` (it waits apart from the lines). Refusals: `no_segment`,
    `which_delegation`, `unknown_entity`, `group_cannot_ask`, `reply_states` (only States
    reply), `reply_already` (one per State and segment while it waits).
    """
    asking = _state_asking(state, cmd, ctx, "reply_states")
    if isinstance(asking, Refusal):
        return asking
    info, speaker = asking
    if any(r.entity == info.code for r in state.replies):
        return _refuse("reply_already", "entity", name=info.name)
    return [
        ctx.event(
            "reply_requested",
            request_id=f"r{state.request_counter + 1}",
            entity=info.code,
            entity_name=info.name,
            category=info.kind,
            speaker=speaker,
        )
    ]


@handles(CallReply, chair, ("no_segment", "replies_at_end", "no_reply_waiting", "no_request"))
def _call_reply(state: FloorState, cmd: CallReply, ctx: Context) -> Outcome:
    """Give the floor for a right of reply (the first asked for, or `request_id`).

    Payload: `request_id` (optional), `start` (default true). Effect: as `call`, in the role
    `reply` with the reply's limit. Refusals: `no_segment`, `replies_at_end` (while the
    discussion is open), `no_reply_waiting`, `no_request` (no such reply).
    """
    seg = _segment(state)
    if isinstance(seg, Refusal):
        return seg
    if seg.discussion_open:
        return _refuse("replies_at_end")
    if not state.replies:
        return _refuse("no_reply_waiting")
    req = state.replies[0] if cmd.request_id is None else state.find_reply(cmd.request_id)
    if req is None:
        return _refuse("no_request", "request_id")
    fields = {
        "request_id": req.id,
        "speaker": req.speaker or req.entity_name,
        "entity": req.entity,
        "entity_name": req.entity_name,
        "category": req.category,
        "on_behalf_of": "",
        "represents": "",
    }
    turn = _Turn(fields, "reply", seg.config.limit_for("reply"), False)
    return _give_floor(state, ctx, turn, None, cmd.start)


@handles(ProjectMessage, chair, ())
def _project_message(state: FloorState, cmd: ProjectMessage, ctx: Context) -> Outcome:
    """Show a message on the room screens ("Please take your seats", "The meeting resumes at
    15:00"), with or without a segment open; an empty `text` takes it down.

    Payload: `text` (up to 200 characters). Effect: `message_projected`.
    """
    return [ctx.event("message_projected", text=cmd.text)]


@handles(StartCountdown, chair, ())
def _start_countdown(state: FloorState, cmd: StartCountdown, ctx: Context) -> Outcome:
    """Start a countdown of its own on the room screens (a break, the time before a segment),
    apart from the speaker's timer; a new one replaces the one running.

    Payload: `seconds` (1–14400), `label` (optional, up to 120 characters).
    Effect: `countdown_started`.
    """
    return [ctx.event("countdown_started", limit_s=cmd.seconds, label=cmd.label)]


@handles(StopCountdown, chair, ("no_countdown",))
def _stop_countdown(state: FloorState, cmd: StopCountdown, ctx: Context) -> Outcome:
    """Take the chair's countdown off the room screens.

    Effect: `countdown_stopped`. Refusals: `no_countdown`.
    """
    return [ctx.event("countdown_stopped")] if state.countdown else _refuse("no_countdown")


COMMANDS: Final[tuple[str, ...]] = tuple(HANDLERS)
# Who each policy lets in, in words (the command reference).
POLICIES: Final[dict[Policy, str]] = {
    chair: "chair",
    chair_of_target: "chair of that segment",
    participant: "participant",
    owner: "the request's delegation, or chair",
    delegation: "the delegation, or chair",
}


def decide(state: FloorState, command: Command, ctx: Context) -> Outcome:
    """The events `command` produces on `state`, or why it is refused: who may send it
    (`authorize`), then its handler's rules. Pure: `ctx.now` is the clock."""
    refused = authorize(ctx.actor, state, command)
    if refused is not None:
        return refused
    outcome = HANDLERS[command.command].decide(state, command, ctx)
    if isinstance(outcome, list) and outcome and command.command in UNDOABLE:
        name = command.command  # the fold keeps the floor before it, for `undo`
        outcome = [
            replace(e, data={**e.data, ("undo_part" if i else "undo_point"): name})
            for i, e in enumerate(outcome)
        ]
    return outcome


# What the console's buttons send (with the payload of a press): `available` says which of them
# the floor would carry out now.
BUTTONS: Final[dict[str, dict[str, Any]]] = {
    "close_segment": {},
    "open_discussion": {},
    "close_discussion": {},
    "switch_round": {},
    "close_list": {},
    "reopen_list": {},
    "call_next": {},
    "start_timer": {},
    "pause_timer": {},
    "resume_timer": {},
    "extend_timer": {"by_s": 30},
    "stop_timer": {},
    "finish": {},
    "settle_point_of_order": {},
    "call_reply": {},
    "stop_countdown": {},
}


def available(state: FloorState, now: datetime) -> dict[str, str | None]:
    """Per console button, None when the floor would carry out its command on `state`, else the
    refusal code: the handlers' own rules (who sends it is checked when it is sent). Clock-free
    in effect: none of these rules reads the time, so it changes only with the floor."""
    ctx = Context(Actor.system(), now, StaticDirectory())
    out: dict[str, str | None] = {}
    for name, cmd in _PRESSES.items():
        outcome = HANDLERS[name].decide(state, cmd, ctx)
        out[name] = outcome.code if isinstance(outcome, Refusal) else None
    # opening depends on which segment: for one that is not the open one, `_open_segment`'s
    # rule is "close the open segment first" (a closed segment may be opened again)
    out["open_segment"] = None if state.segment is None else "other_segment_open"
    return out


def requests_by_line(state: FloorState) -> dict[str, str | None]:
    """Per line a delegation waits in, None when it may ask for the floor now, else the
    refusal code it would get (`no_segment`, `no_pre_inscription`: not open yet,
    `discussion_closed`, `list_closed`, `round_not_open`): what the phones, the room and the
    public page say, from the rule `request` applies."""
    lines = dict.fromkeys(LINE_OF_KIND.values())
    seg = state.segment
    if seg is None:
        return {line: "no_segment" for line in lines}
    return {line: (r.code if (r := _open_to_requests(seg, line)) else None) for line in lines}


# parsed once: `available` runs with every snapshot
_PRESSES: Final = {
    name: _adapter.validate_python({"command": name, **fields}) for name, fields in BUTTONS.items()
}


# --- the reference -----------------------------------------------------------------------------


def _field_line(name: str, schema: Mapping[str, Any]) -> str:
    prop = schema.get("properties", {}).get(name, {})
    required = name in schema.get("required", [])
    kinds = []
    for option in prop.get("anyOf", [prop]):
        t = option.get("type")
        if t == "null":
            continue
        if "enum" in option:
            kinds.append("one of " + ", ".join(f"`{v}`" for v in option["enum"]))
        elif t == "integer":
            lo, hi = option.get("minimum"), option.get("maximum")
            kinds.append(f"integer {lo}–{hi}" if lo is not None else "integer")
        elif t == "string":
            extra = []
            if "maxLength" in option:
                extra.append(f"≤ {option['maxLength']} characters")
            if "pattern" in option:
                extra.append(f"matching `{option['pattern']}`")
            kinds.append("text" + (f" ({', '.join(extra)})" if extra else ""))
        elif t:
            kinds.append(str(t))
    default = prop.get("default")
    if required:
        tail = ", required"
    elif default is not None:
        tail = f", default `{json.dumps(default)}`"
    else:
        tail = ""
    return f"`{name}` ({' or '.join(kinds) or 'any'}{tail})"


def reference_markdown() -> str:
    """The command reference and the refusal codes, as docs/floor.md shows them (a test keeps
    the document equal to this; `python -m podium.core.commands` prints it)."""
    schema = command_schema()
    defs = schema.get("$defs", {})
    out = ["| command | who | refusals |", "|---|---|---|"]
    for name, h in HANDLERS.items():
        refusals = ", ".join(f"`{c}`" for c in h.refusals) or "–"
        out.append(f"| [`{name}`](#command-{name}) | {POLICIES[h.who]} | {refusals} |")
    for name, h in HANDLERS.items():
        model_schema = defs.get(h.schema.__name__, {})
        fields = [
            _field_line(f, model_schema)
            for f in h.schema.model_fields
            if f not in ("command", "expected_version")
        ]
        out += ["", f'<a id="command-{name}"></a>', f"#### `{name}`", ""]
        out.append(f"Who: {POLICIES[h.who]}. Fields: {'; '.join(fields) or 'none'}.")
        out += ["", *(line.strip() for line in h.spec.splitlines())]
    out += ["", "#### Refusal codes", "", "| code | status | message |", "|---|---|---|"]
    status = {"sign_in": "401", "forbidden": "403", "invalid": "400", "failed": "422"}
    for code, spec in REFUSALS.items():
        message = spec.template.replace("|", "\\|")
        out.append(f"| `{code}` | {status[spec.kind]} | {message} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(reference_markdown(), end="")
