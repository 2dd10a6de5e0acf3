"""The programme of a session: days, meeting blocks, segments, panels, speaking slots.

Pure domain: the rules a session file must satisfy (`validate`) and its time budget (`budget`).
Everything that varies from session to session (number of panels, days, blocks, speaking limits,
floor options) is data; the defaults come from the procedural note of the GCM informal thematic
sessions and each session file may override them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from podium.core import entities
from podium.core.floor import ROUND_LINES

SEGMENT_KINDS: Final[tuple[str, ...]] = (
    "registration",
    "ceremony",
    "welcome",
    "issue_brief",
    "stakeholder_dialogue",
    "expert_panel",
    "summary_panel",
    "concluding_panel",
    "conclusions",
    "closing",
    "lunch",
    "side_event_window",
    "other",
)
# Not meetings: no speaker, no floor, and they may lie outside the meeting blocks.
BREAK_KINDS: Final[frozenset[str]] = frozenset({"lunch", "side_event_window", "registration"})
# Segments with an interactive discussion (the floor): their budget counts interventions.
PANEL_KINDS: Final[frozenset[str]] = frozenset(
    {"expert_panel", "summary_panel", "stakeholder_dialogue", "concluding_panel"}
)
# Kinds whose one fixed slot has the kind's own limit: their planned speakers take it.
ROLE_KINDS: Final[frozenset[str]] = frozenset({"welcome", "issue_brief", "conclusions", "closing"})

# Who may moderate a panel (`format: {moderators_may_be: [...]}`); A/RES/71/280 ¶17: Member
# States. Each names the entity kinds it admits; `co_chair` admits the session's co-chairs.
MODERATOR_KINDS: Final[dict[str, frozenset[str]]] = {
    "member_state": frozenset({"member-state"}),
    "co_chair": frozenset(),
    "un_entity": frozenset({"un-entity"}),
    "igo": frozenset({"igo"}),
}
DEFAULT_MODERATORS_MAY_BE: Final[tuple[str, ...]] = ("member_state",)

# The rounds a session file may name, as it spells them: the floor's rounds (one list of them).
ROUND_KINDS: Final[tuple[str, ...]] = tuple(r.replace("_", "-") for r in ROUND_LINES)

# Speaking roles and their default limits in minutes (min, max), from the procedural note.
# issue_brief, conclusions and closing are not given by the note: chosen to fill the agenda's lines.
DEFAULT_LIMITS: Final[dict[str, tuple[int, int]]] = {
    "welcome": (10, 10),
    "issue_brief": (5, 5),
    "moderator_opening": (7, 7),
    "expert": (5, 7),
    "moderator_conclusion": (7, 7),
    "summary_moderator": (15, 15),
    "thematic_expert": (15, 15),
    "conclusions": (20, 20),
    "closing": (10, 10),
    "speaker": (5, 5),  # a planned speaker of a ceremony, dialogue or other segment
    "reply": (3, 3),  # a right of reply, at the end of a segment with a floor
}
DEFAULT_INTERVENTION: Final[tuple[int, int]] = (3, 3)
DEFAULT_ROUNDS: Final[tuple[str, ...]] = ("member-states", "panelists", "stakeholders", "panelists")
DEFAULT_DAY_HOURS: Final[tuple[time, time]] = (time(8, 0), time(21, 0))

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Limit:
    """A time limit in whole minutes, from `min` to `max`."""

    min: int
    max: int

    def __str__(self) -> str:
        return f"{self.min}" if self.min == self.max else f"{self.min}–{self.max}"


PLACEHOLDER_NAMES: Final[frozenset[str]] = frozenset({"", "TBC", "TBD"})


def is_placeholder(name: str | None) -> bool:
    """Whether a programme's name is a placeholder ("TBC", "TBD" or empty), not a person yet."""
    return (name or "").strip().upper() in PLACEHOLDER_NAMES


@dataclass(frozen=True)
class Person:
    """A person of the programme. `name` may be "TBC"; `entity` is an entity code (ISO alpha-3
    for States, e.g. "MEX"; see `podium.core.entities`)."""

    name: str = "TBC"
    entity: str | None = None
    gender: str | None = None
    title: str | None = None
    role: str | None = None  # a segment's speaker: what they do there ("opening", "keynote")
    line: int | None = field(default=None, compare=False)

    @property
    def is_tbc(self) -> bool:
        return is_placeholder(self.name)

    def same_as(self, other: Person) -> bool:
        return (self.name, self.entity) == (other.name, other.entity)


def _name_key(name: str) -> set[str]:
    return set(name.casefold().replace(".", " ").split())


def same_name(a: str, b: str) -> bool:
    """Whether two names are one person's: equal, or every word of the shorter (at least two
    words) in the longer, so that "Ana García" is "H.E. Ms. Ana García"."""
    wa, wb = _name_key(a), _name_key(b)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return wa == wb or (len(short) >= 2 and short <= long_)


def place_of(
    planned: Sequence[Person], person: Person, taken: set[int], fill_any: bool
) -> int | None:
    """Where a person of the register goes among a programme list's `planned` entries (not
    `taken`): the entry of the same name; else a placeholder ("TBC") for the same entity; else,
    if `fill_any`, the first placeholder without an entity, then the first placeholder at all.
    None: nowhere (the person is added to the list, or, for the summary panel, not shown)."""
    free = [(i, p) for i, p in enumerate(planned) if i not in taken]
    for i, p in free:
        if not p.is_tbc and same_name(p.name, person.name):
            return i
    for i, p in free:
        if p.is_tbc and p.entity and p.entity == person.entity:
            return i
    if fill_any:
        for i, p in free:
            if p.is_tbc and not p.entity:
                return i
        for i, p in free:
            if p.is_tbc:
                return i
    return None


@dataclass(frozen=True)
class FloorOptions:
    """How the floor is run in a panel's interactive discussion."""

    intervention: Limit = Limit(*DEFAULT_INTERVENTION)
    pre_inscribed_list: bool = False
    rounds: tuple[str, ...] = DEFAULT_ROUNDS


@dataclass(frozen=True)
class Panel:
    """An expert panel (`number` 1, 2, …) with one or more moderators appointed by the PGA,
    and experts. `limits`/`floor` hold only what this panel overrides of the session's."""

    number: int
    title: str
    description: str = ""
    moderators: tuple[Person, ...] = ()
    experts: tuple[Person, ...] = ()
    limits: tuple[tuple[str, Limit], ...] = ()
    floor: FloorOptions | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def moderator(self) -> Person:
        """The first moderator (who opens the panel), or a TBC."""
        return self.moderators[0] if self.moderators else Person(line=self.line)

    @property
    def concluding_moderator(self) -> Person:
        """Who gives the moderator's conclusion: the last moderator (the second of two)."""
        return self.moderators[-1] if self.moderators else Person(line=self.line)


@dataclass(frozen=True)
class SummaryPanel:
    """A summary panel: the panels' moderators and a thematic expert, co-chaired. A session
    has none, one (`number` 1) or several, numbered 1, 2, … apart from the expert panels."""

    title: str
    description: str = ""
    moderators: tuple[Person, ...] = ()
    thematic_expert: Person = Person()
    limits: tuple[tuple[str, Limit], ...] = ()
    floor: FloorOptions | None = None
    number: int = 1
    line: int | None = field(default=None, compare=False)
    moderators_line: int | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        """Where its texts are kept in `Programme.translations`: `summary_panel` (the first, as
        the one-panel form writes it) or `summary_panels.<number>`."""
        return "summary_panel" if self.number == 1 else f"summary_panels.{self.number}"


@dataclass(frozen=True)
class Slot:
    """One planned speaking turn: a role, who (if known) and a time limit."""

    role: str
    limit: Limit
    speaker: Person | None = None


@dataclass(frozen=True)
class Segment:
    """A part of a day, in the venue's local time. `panel_number` names the expert panel it
    holds (expert_panel), or the summary panel (summary_panel; None: the first)."""

    kind: str
    start: time
    end: time
    title: str = ""
    description: str = ""
    panel_number: int | None = None
    side_events: bool = False
    speakers: tuple[Person, ...] = ()  # planned speakers (a ceremony's, a dialogue's…)
    line: int | None = field(default=None, compare=False)

    @property
    def minutes(self) -> int:
        return _minutes(self.start, self.end)


@dataclass(frozen=True)
class Block:
    """A meeting block (10:00–13:00), venue local time."""

    start: time
    end: time
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Window:
    """A side-event window (13:15–14:45), venue local time."""

    start: time
    end: time
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Day:
    date: date
    blocks: tuple[Block, ...] = ()
    segments: tuple[Segment, ...] = ()
    side_event_windows: tuple[Window, ...] = ()
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Programme:
    """A whole session's programme."""

    slug: str
    title: str
    time_zone: str
    days: tuple[Day, ...]
    theme: str = ""
    series: str = ""
    venue: str = ""
    city: str = ""
    co_chairs: tuple[Person, ...] = ()
    panels: tuple[Panel, ...] = ()
    summary_panels: tuple[SummaryPanel, ...] = ()
    limits: tuple[tuple[str, Limit], ...] = ()
    floor: FloorOptions = FloorOptions()
    day_hours: tuple[time, time] = DEFAULT_DAY_HOURS
    moderators_may_be: tuple[str, ...] = DEFAULT_MODERATORS_MAY_BE
    # Texts given in several languages: (path, ((language, text), …)), the path being "title",
    # "theme", "panels.<number>.title", "panels.<number>.description", "<summary path>.title",
    # "<summary path>.description" (`SummaryPanel.path`) or "segments.<date>.<HH:MM>.title"/".description"; the plain
    # field holds the original (English, else the first).
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    line: int | None = field(default=None, compare=False)
    co_chairs_line: int | None = field(default=None, compare=False)
    # A part of the file could not be read (its problem is reported): rules that would only
    # repeat it ("the session has no day", "panel 1 has no segment") are not checked.
    incomplete: bool = field(default=False, compare=False)

    # --- reading -------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.time_zone)

    @property
    def start_date(self) -> date | None:
        return min((d.date for d in self.days), default=None)

    @property
    def end_date(self) -> date | None:
        return max((d.date for d in self.days), default=None)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every segment of every day, in time order."""
        return tuple(s for d in self.days for s in d.segments)

    def panel(self, number: int) -> Panel | None:
        return next((p for p in self.panels if p.number == number), None)

    def summary_panel(self, number: int | None = None) -> SummaryPanel | None:
        """The summary panel `number`; None gives the first (a session's only one)."""
        if number is None:
            return self.summary_panels[0] if self.summary_panels else None
        return next((p for p in self.summary_panels if p.number == number), None)

    def day_of(self, segment: Segment) -> Day:
        for d in self.days:
            if any(s is segment for s in d.segments):
                return d
        raise ValueError("segment is not in this programme")

    def starts_at(self, day: Day, moment: time) -> datetime:
        """The aware datetime of a local time on a day of the session."""
        return datetime.combine(day.date, moment, tzinfo=self.zone)

    def limit(self, role: str, panel_number: int | None = None, summary: bool = False) -> Limit:
        """The time limit of a role, with the panel's overrides, then the session's, then the
        note's defaults. With `summary`, `panel_number` is the summary panel's."""
        scoped: tuple[tuple[str, Limit], ...] = ()
        if summary:
            sp = self.summary_panel(panel_number)
            scoped = sp.limits if sp is not None else ()
        elif panel_number is not None and (p := self.panel(panel_number)) is not None:
            scoped = p.limits
        for key, value in (*scoped, *self.limits):
            if key == role:
                return value
        return Limit(*DEFAULT_LIMITS.get(role, (0, 0)))

    def floor_options(self, panel_number: int | None = None, summary: bool = False) -> FloorOptions:
        """The floor options of a panel (its own if it overrides them, else the session's).
        `floor_options()` gives the session's; `floor_options(n, summary=True)` summary panel n's."""
        if summary:
            sp = self.summary_panel(panel_number)
            return sp.floor if sp is not None and sp.floor is not None else self.floor
        if panel_number is not None and (p := self.panel(panel_number)) is not None:
            if p.floor is not None:
                return p.floor
        return self.floor

    def floor_options_of(self, segment: Segment) -> FloorOptions:
        return self.floor_options(segment.panel_number, segment.kind == "summary_panel")

    def slots(self, segment: Segment) -> tuple[Slot, ...]:
        """The fixed speaking slots of a segment, in speaking order (the floor is not a slot)."""
        kind = segment.kind
        if kind in ROLE_KINDS:
            if segment.speakers:  # the planned speakers share the kind's role
                return tuple(Slot(kind, self.limit(kind), s) for s in segment.speakers)
            return (Slot(kind, self.limit(kind)),)
        if kind == "expert_panel" and segment.panel_number is not None:
            panel = self.panel(segment.panel_number)
            if panel is None:
                return ()
            n = panel.number
            return (
                Slot("moderator_opening", self.limit("moderator_opening", n), panel.moderator),
                *(Slot("expert", self.limit("expert", n), e) for e in panel.experts),
                Slot(
                    "moderator_conclusion",
                    self.limit("moderator_conclusion", n),
                    panel.concluding_moderator,
                ),
            )
        if kind == "summary_panel" and (sp := self.summary_panel(segment.panel_number)):
            n = sp.number
            return (
                *(
                    Slot("summary_moderator", self.limit("summary_moderator", n, summary=True), m)
                    for m in self.summary_moderators(n)
                ),
                Slot(
                    "thematic_expert",
                    self.limit("thematic_expert", n, summary=True),
                    sp.thematic_expert,
                ),
            )
        return tuple(Slot("speaker", self.limit("speaker"), s) for s in segment.speakers)

    def summary_moderators(self, number: int | None = None) -> tuple[Person, ...]:
        """A summary panel's moderators: as listed, or else the panels' moderators."""
        sp = self.summary_panel(number)
        if sp is not None and sp.moderators:
            return sp.moderators
        return tuple(m for p in sorted(self.panels, key=lambda p: p.number) for m in p.moderators)

    def people_of(self, segment: Segment) -> tuple[Person, ...]:
        """Who speaks in a segment's slots (moderator, experts…), without repeats."""
        out: list[Person] = []
        panel = self.panel(segment.panel_number) if segment.panel_number is not None else None
        listed = panel.moderators if panel is not None and segment.kind == "expert_panel" else ()
        for person in (*listed, *(slot.speaker for slot in self.slots(segment))):
            if person is not None and not any(person.same_as(p) for p in out):
                out.append(person)
        if segment.kind in ("welcome", "conclusions", "closing"):
            out.extend(self.co_chairs)
        return tuple(out)

    def named_title(self, segment: Segment) -> str | None:
        """The segment's own title, or its panel's; None when it has neither."""
        if segment.title:
            return segment.title
        if segment.kind == "expert_panel" and segment.panel_number is not None:
            panel = self.panel(segment.panel_number)
            if panel is not None:
                return panel.title
        if segment.kind == "summary_panel" and (sp := self.summary_panel(segment.panel_number)):
            return sp.title
        return None

    def segment_title(self, segment: Segment) -> str:
        """The segment's title, or its panel's, else its kind in English ("Lunch")."""
        named = self.named_title(segment)
        return segment.kind.replace("_", " ").capitalize() if named is None else named

    def segment_description(self, segment: Segment) -> str:
        if segment.description:
            return segment.description
        if segment.kind == "expert_panel" and segment.panel_number is not None:
            panel = self.panel(segment.panel_number)
            if panel is not None:
                return panel.description
        if segment.kind == "summary_panel" and (sp := self.summary_panel(segment.panel_number)):
            return sp.description
        return ""


# --- time budget -------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentBudget:
    """The time budget of one segment, in minutes. `fixed` is the sum of its slots' limits;
    `floor` the time left for the floor (length minus fixed max … minus fixed min);
    `interventions` how many floor interventions of `intervention` fit (min–max)."""

    day: date
    start: time
    end: time
    kind: str
    title: str
    panel_number: int | None
    length: int
    fixed: Limit
    floor: Limit
    intervention: Limit | None
    interventions: Limit | None


def budget(programme: Programme) -> list[SegmentBudget]:
    """Per segment: length, fixed speaking time, time left for the floor and interventions."""
    out: list[SegmentBudget] = []
    for day in programme.days:
        for seg in day.segments:
            slots = programme.slots(seg)
            fixed = Limit(sum(s.limit.min for s in slots), sum(s.limit.max for s in slots))
            length = seg.minutes
            floor = Limit(max(0, length - fixed.max), max(0, length - fixed.min))
            if seg.kind in BREAK_KINDS:
                floor = Limit(0, 0)
            intervention: Limit | None = None
            fits: Limit | None = None
            if seg.kind in PANEL_KINDS:
                intervention = programme.floor_options_of(seg).intervention
                fits = Limit(
                    floor.min // max(1, intervention.max), floor.max // max(1, intervention.min)
                )
            out.append(
                SegmentBudget(
                    day.date,
                    seg.start,
                    seg.end,
                    seg.kind,
                    programme.segment_title(seg),
                    seg.panel_number,
                    length,
                    fixed,
                    floor,
                    intervention,
                    fits,
                )
            )
    return out


def budget_as_dict(item: SegmentBudget) -> dict[str, object]:
    """The stable JSON shape of one segment's budget (documented in docs/programme.md)."""

    def lim(x: Limit | None) -> dict[str, int] | None:
        return None if x is None else {"min": x.min, "max": x.max}

    return {
        "date": item.day.isoformat(),
        "start": item.start.strftime("%H:%M"),
        "end": item.end.strftime("%H:%M"),
        "kind": item.kind,
        "title": item.title,
        "panel": item.panel_number,
        "length": item.length,
        "fixed": lim(item.fixed),
        "floor": lim(item.floor),
        "intervention": lim(item.intervention),
        "interventions": lim(item.interventions),
    }


# --- validation --------------------------------------------------------------------------


def gettext_noop(message: str) -> str:
    """Marks a check message (or words of one) for translation: `makemessages` extracts the
    calls of `_`, and the apps translate with the same msgid (`podium.programme.messages`)."""
    return message


_ = gettext_noop

# A message's parameters: (name, value), a value being data (a number, a time, a code, a name
# from the file: shown as it is) or `Text` (English words, translated with the message).
Params = tuple[tuple[str, object], ...]


def _fill(template: str, params: Params) -> str:
    return template % dict(params) if params else template


@dataclass(frozen=True)
class Text:
    """English words inside a check message ("panel title", "co-chair", "the summary panel"):
    a template marked for translation and its parameters. A `context` says the template is a
    code read as a word (a segment kind: "lunch"). `str()` is the English."""

    template: str
    params: Params = ()
    context: str = ""

    @classmethod
    def of(cls, template: str, /, **params: object) -> Text:
        return cls(template, tuple(params.items()))

    def __str__(self) -> str:
        return _fill(self.template, self.params)


def kind_word(kind: str) -> Text:
    """A segment kind named in a message: the file's code in English, translated as a word."""
    return Text(kind, context="segment kind")


@dataclass(frozen=True)
class Problem:
    """A rule the programme breaks. `line` is the session file's line when known. `message`
    is the English text: `template % params` (`Problem.of`), the template marked for
    translation so that the apps give the message in the reader's language."""

    message: str
    line: int | None = None
    severity: Severity = "error"
    template: str = field(default="", compare=False)
    params: Params = field(default=(), compare=False)

    @classmethod
    def of(
        cls,
        template: str,
        line: int | None = None,
        severity: Severity = "error",
        /,
        **params: object,
    ) -> Problem:
        items = tuple(params.items())
        return cls(_fill(template, items), line, severity, template, items)

    def format(self, filename: str) -> str:
        prefix = f"{filename}:{self.line or 1}: "
        return prefix + ("warning: " if self.severity == "warning" else "") + self.message


EntityKindOf = Callable[[str], "str | None"]


def _default_kind_of(code: str) -> str | None:
    record = entities.lookup(code)
    return None if record is None else str(record.kind)


def _minutes(a: time, b: time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def _hm(t: time) -> str:
    return t.strftime("%H:%M")


def _inside(start: time, end: time, outer_start: time, outer_end: time) -> bool:
    return outer_start <= start and end <= outer_end


def _overlaps(a: tuple[time, time], b: tuple[time, time]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _held_summary(programme: Programme, number: int | None) -> int | None:
    """The number of the summary panel a summary_panel segment holds, if it is defined."""
    sp = programme.summary_panel(number)
    return sp.number if sp is not None else None


def validate(programme: Programme, kind_of: EntityKindOf | None = None) -> list[Problem]:
    """Every problem of a programme (errors and warnings), in file order where lines are known.
    `kind_of(code)` gives an entity's kind ("member-state"…); default `podium.core.entities`."""
    kind_of = kind_of or _default_kind_of
    problems: list[Problem] = []

    def err(template: str, line: int | None, **params: object) -> None:
        problems.append(Problem.of(template, line, "error", **params))

    def warn(template: str, line: int | None, **params: object) -> None:
        problems.append(Problem.of(template, line, "warning", **params))

    if known_zone(programme.time_zone) is None:
        err(
            _("unknown time zone %(zone)r (use an IANA name such as America/New_York)"),
            programme.line,
            zone=programme.time_zone,
        )

    if not programme.co_chairs:
        err(
            _("a co-chair is missing: the session is co-chaired by the co-facilitators"),
            programme.co_chairs_line or programme.line,
        )

    if not programme.days and not programme.incomplete:
        err(_("the session has no day"), programme.line)
    seen_dates: set[date] = set()
    for day in programme.days:
        if day.date in seen_dates:
            err(_("day %(date)s is given twice"), day.line, date=str(day.date))
        seen_dates.add(day.date)
        _validate_day(programme, day, err, warn)

    # panels
    numbers_scheduled = [s.panel_number for s in programme.segments if s.kind == "expert_panel"]
    seen_numbers: set[int] = set()
    for panel in programme.panels:
        if panel.number in seen_numbers:
            err(_("panel %(number)s is defined twice"), panel.line, number=panel.number)
        seen_numbers.add(panel.number)
        if panel.number not in numbers_scheduled and not programme.incomplete:
            err(
                _("panel %(number)s has no segment in the programme"),
                panel.line,
                number=panel.number,
            )
        for mod in panel.moderators or (panel.moderator,):
            why = _may_not_moderate(programme, mod, kind_of)
            if why is not None:
                err(
                    _("the moderator of panel %(number)s %(why)s"),
                    mod.line or panel.line,
                    number=panel.number,
                    why=why,
                )
        if not panel.experts:
            warn(_("panel %(number)s has no expert"), panel.line, number=panel.number)
    for seg in programme.segments:
        if seg.kind == "expert_panel":
            if seg.panel_number is None:
                err(_("an expert panel segment needs a panel number"), seg.line)
            elif programme.panel(seg.panel_number) is None:
                err(
                    _("panel %(number)s is not defined under panels"),
                    seg.line,
                    number=seg.panel_number,
                )
            elif numbers_scheduled.count(seg.panel_number) > 1:
                err(
                    _("panel %(number)s is scheduled more than once"),
                    seg.line,
                    number=seg.panel_number,
                )
        elif seg.panel_number is not None and seg.kind in SEGMENT_KINDS:
            if seg.kind != "summary_panel":  # there it names the summary panel
                err(_("a %(kind)s segment has no panel number"), seg.line, kind=kind_word(seg.kind))
        if seg.kind == "other" and not seg.title:
            err(_("an 'other' segment needs a title (what it is)"), seg.line)

    # summary panels
    summaries = [s for s in programme.segments if s.kind == "summary_panel"]
    several = len(programme.summary_panels) > 1
    for seg in summaries:
        if not programme.summary_panels:
            err(
                _("a summary panel segment is scheduled but summary_panel is not defined"),
                seg.line,
            )
        elif seg.panel_number is None and several:
            err(
                _(
                    "this session has several summary panels: say which one this segment holds "
                    "(panel: N)"
                ),
                seg.line,
            )
        elif programme.summary_panel(seg.panel_number) is None:
            err(
                _("summary panel %(number)s is not defined under summary_panels"),
                seg.line,
                number=seg.panel_number,
            )
    held = [n for s in summaries if (n := _held_summary(programme, s.panel_number)) is not None]
    seen_summaries: set[int] = set()
    for sp in programme.summary_panels:
        if sp.number in seen_summaries:
            err(_("summary panel %(number)s is defined twice"), sp.line, number=sp.number)
            continue
        seen_summaries.add(sp.number)
        name: Text | str = (
            Text.of(_("summary panel %(number)s"), number=sp.number) if several else "summary_panel"
        )
        if sp.number not in held and not programme.incomplete:
            err(_("%(name)s is defined but has no segment in the programme"), sp.line, name=name)
        elif held.count(sp.number) > 1:
            err(_("%(name)s is scheduled more than once"), sp.line, name=name)
        if sp.moderators:
            panel_mods = [m for p in programme.panels for m in p.moderators]
            missing = [m for m in panel_mods if not any(m.same_as(x) for x in sp.moderators)]
            strangers = [m for m in sp.moderators if not any(m.same_as(x) for x in panel_mods)]
            for m in strangers:
                err(
                    _(
                        "the summary panel's moderators must be the panels' moderators: "
                        "%(who)s moderates no panel"
                    ),
                    m.line or sp.moderators_line or sp.line,
                    who=_who(m),
                )
            if missing and not several:  # several summary panels share the panels out
                err(
                    _(
                        "the summary panel's moderators must be the panels' moderators; "
                        "missing: %(missing)s"
                    ),
                    sp.moderators_line or sp.line,
                    missing=", ".join(_who(m) for m in missing),
                )

    # fixed speaking time must fit each segment
    for item, seg in zip(budget(programme), programme.segments, strict=True):
        if seg.kind in BREAK_KINDS or item.length <= 0:
            continue
        if item.fixed.min > item.length:
            err(
                _(
                    "the fixed speaking slots of %(title)r need %(fixed)s min "
                    "but the segment lasts %(length)s min"
                ),
                seg.line,
                title=item.title,
                fixed=str(item.fixed),
                length=item.length,
            )
        elif item.fixed.max > item.length:
            warn(
                _(
                    "the fixed speaking slots of %(title)r need up to %(fixed)s min "
                    "but the segment lasts %(length)s min"
                ),
                seg.line,
                title=item.title,
                fixed=item.fixed.max,
                length=item.length,
            )
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _may_not_moderate(programme: Programme, mod: Person, kind_of: EntityKindOf) -> Text | None:
    """Why `mod` may not moderate under the format's `moderators_may_be`, or None."""
    allowed = programme.moderators_may_be or DEFAULT_MODERATORS_MAY_BE
    if "co_chair" in allowed and any(mod.same_as(c) for c in programme.co_chairs):
        return None
    kinds = frozenset(k for a in allowed for k in MODERATOR_KINDS.get(a, ()))
    if allowed == ("co_chair",):
        return Text.of(_("must be a co-chair, but %(who)s is none"), who=_who(mod))
    names = {
        "member_state": Text(_("a Member State")),
        "co_chair": Text(_("a co-chair")),
        "un_entity": Text(_("a UN entity")),
        "igo": Text(_("an intergovernmental organization")),
    }
    wanted: Text | str = ""
    for a in allowed:  # "a or b or c", one "or" at a time
        name = names.get(a, a)
        wanted = (
            Text.of(_("%(either)s or %(other)s"), either=wanted, other=name) if wanted else name
        )
    if mod.entity is None:
        return Text.of(_("must represent %(wanted)s (no entity given)"), wanted=wanted)
    kind = kind_of(mod.entity)
    if kind in kinds:
        return None
    what = Text(_("an unknown entity")) if kind is None else Text.of(_("a %(kind)s"), kind=kind)
    return Text.of(
        _("must represent %(wanted)s, but %(entity)s is %(what)s"),
        wanted=wanted,
        entity=mod.entity,
        what=what,
    )


def _who(p: Person) -> str:
    return f"{p.name} ({p.entity})" if p.entity else p.name


def _validate_day(
    programme: Programme,
    day: Day,
    err: Callable[..., None],
    warn: Callable[..., None],
) -> None:
    day_start, day_end = programme.day_hours
    blocks = sorted(day.blocks, key=lambda b: b.start)
    if not day.segments:
        warn(_("%(date)s has no segment"), day.line, date=str(day.date))
    elif not blocks:
        err(_("day %(date)s has no meeting block"), day.line, date=str(day.date))
    for b in blocks:
        if b.end <= b.start:
            err(
                _("meeting block %(start)s–%(end)s ends before it starts"),
                b.line,
                start=_hm(b.start),
                end=_hm(b.end),
            )
    for a, b in zip(blocks, blocks[1:], strict=False):
        if _overlaps((a.start, a.end), (b.start, b.end)):
            err(
                _("meeting blocks %(start)s–%(end)s and %(start2)s–%(end2)s overlap"),
                b.line,
                start=_hm(a.start),
                end=_hm(a.end),
                start2=_hm(b.start),
                end2=_hm(b.end),
            )

    segments = list(day.segments)
    for seg in segments:
        if seg.kind not in SEGMENT_KINDS:
            err(
                _("unknown segment kind %(kind)r (one of %(kinds)s)"),
                seg.line,
                kind=seg.kind,
                kinds=", ".join(SEGMENT_KINDS),
            )
        if seg.end <= seg.start:
            err(
                _("segment %(start)s–%(end)s ends before it starts"),
                seg.line,
                start=_hm(seg.start),
                end=_hm(seg.end),
            )
            continue
        if seg.kind in BREAK_KINDS or seg.kind not in SEGMENT_KINDS:
            continue  # (an unknown kind is reported once, above; its time still counts below)
        if not any(_inside(seg.start, seg.end, b.start, b.end) for b in blocks):
            err(
                _(
                    "segment %(start)s–%(end)s (%(kind)s) is outside the meeting blocks (%(blocks)s)"
                ),
                seg.line,
                start=_hm(seg.start),
                end=_hm(seg.end),
                kind=kind_word(seg.kind),
                blocks=", ".join(f"{_hm(b.start)}–{_hm(b.end)}" for b in blocks),
            )
    ordered = sorted(segments, key=lambda s: (s.start, s.end))
    for i, seg in enumerate(ordered):
        for prev in ordered[:i]:
            if (
                prev.end > prev.start
                and seg.end > seg.start
                and _overlaps((prev.start, prev.end), (seg.start, seg.end))
            ):
                err(
                    _("segment %(start)s–%(end)s overlaps %(start2)s–%(end2)s on %(date)s"),
                    max(seg.line or 0, prev.line or 0) or None,
                    start=_hm(seg.start),
                    end=_hm(seg.end),
                    start2=_hm(prev.start),
                    end2=_hm(prev.end),
                    date=str(day.date),
                )
    if [s.start for s in segments] != sorted(s.start for s in segments):
        warn(_("the segments of %(date)s are not in time order"), day.line, date=str(day.date))

    # unplanned time inside a block; a day whose programme ends before its last block does
    talking = [s for s in ordered if s.kind not in BREAK_KINDS and s.end > s.start]
    for b in blocks:
        if programme.incomplete:
            break  # a segment that could not be read would only show as a gap here
        inside = sorted(
            (s for s in talking if _overlaps((s.start, s.end), (b.start, b.end))),
            key=lambda s: s.start,
        )
        if not inside:
            if day.segments:
                warn(
                    _("the meeting block %(start)s–%(end)s on %(date)s has no segment"),
                    b.line or day.line,
                    start=_hm(b.start),
                    end=_hm(b.end),
                    date=str(day.date),
                )
            continue
        reached = b.start
        for s in inside:  # a gap between two segments, or before the first
            if s.start > reached:
                warn(
                    _(
                        "on %(date)s %(start)s–%(end)s of the meeting block "
                        "%(block_start)s–%(block_end)s is left without a segment"
                    ),
                    s.line or b.line or day.line,
                    date=str(day.date),
                    start=_hm(reached),
                    end=_hm(s.start),
                    block_start=_hm(b.start),
                    block_end=_hm(b.end),
                )
            reached = max(reached, s.end)
        if reached < b.end:
            warn(
                _(
                    "on %(date)s the segments end at %(end)s, the meeting block at "
                    "%(block_end)s (%(minutes)s min unplanned)"
                ),
                b.line or day.line,
                date=str(day.date),
                end=_hm(reached),
                block_end=_hm(b.end),
                minutes=_minutes(reached, b.end),
            )
    has_summary = any(s.kind == "summary_panel" for s in segments)
    for s in talking:
        if s.kind == "closing" and not has_summary and blocks:
            before = [x for x in talking if x.end <= s.start]
            if before and s.end == blocks[-1].end:
                end_of_work = max(x.end for x in before)
                warn(
                    _(
                        "closing remarks on %(date)s, a day without the summary panel: the format "
                        "puts the closing after the summary panel, so this day's discussion ends "
                        "at %(end)s and its block at %(block_end)s"
                    ),
                    s.line,
                    date=str(day.date),
                    end=_hm(end_of_work),
                    block_end=_hm(blocks[-1].end),
                )

    # side-event windows: inside a lunch break, or before/after the meeting blocks within the day
    breaks = [s for s in segments if s.kind in BREAK_KINDS]
    for w in day.side_event_windows:
        label = f"{_hm(w.start)}–{_hm(w.end)}"
        if w.end <= w.start:
            err(_("side-event window %(window)s ends before it starts"), w.line, window=label)
            continue
        if not _inside(w.start, w.end, day_start, day_end):
            err(
                _("side-event window %(window)s is outside the day (%(start)s–%(end)s)"),
                w.line,
                window=label,
                start=_hm(day_start),
                end=_hm(day_end),
            )
            continue
        container = next((x for x in breaks if _inside(w.start, w.end, x.start, x.end)), None)
        if container is not None:
            if (container.start, container.end) != (w.start, w.end):
                warn(
                    _(
                        "side-event window %(window)s differs from the lunch break %(start)s–%(end)s"
                    ),
                    w.line,
                    window=label,
                    start=_hm(container.start),
                    end=_hm(container.end),
                )
            continue
        clash = [b for b in blocks if _overlaps((w.start, w.end), (b.start, b.end))]
        clash_breaks = [x for x in breaks if _overlaps((w.start, w.end), (x.start, x.end))]
        if clash or clash_breaks:
            err(
                _(
                    "side-event window %(window)s is outside the lunch break and overlaps "
                    "the meeting"
                ),
                w.line,
                window=label,
            )


def with_limits(programme: Programme, overrides: Iterable[tuple[str, Limit]]) -> Programme:
    """A copy of the programme with session-wide limit overrides (later wins)."""
    merged = dict(programme.limits)
    merged.update(dict(overrides))
    return replace(programme, limits=tuple(merged.items()))


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(name: str | None) -> ZoneInfo | None:
    """The time zone with this IANA name, or None: only the database's own names count (a bare
    "America" is a directory of it, and 300 characters are no name)."""
    if not name or len(name) > 64 or name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_named(name: str | None) -> ZoneInfo:
    """A session's time zone from its IANA name; UTC when the name is empty or unknown."""
    return known_zone(name) or ZoneInfo("UTC")


def aware(programme: Programme, day: Day, moment: time) -> datetime:
    return programme.starts_at(day, moment)


def utc_span(programme: Programme, day: Day, segment: Segment) -> tuple[datetime, datetime]:
    zone = programme.zone
    start = datetime.combine(day.date, segment.start, tzinfo=zone)
    end = datetime.combine(day.date, segment.end, tzinfo=zone)
    if end <= start:
        end += timedelta(days=1)
    return start, end


# The languages a session file may give its texts in: the six official languages (UN codes).
TEXT_LANGUAGES: Final[tuple[str, ...]] = ("ar", "zh", "en", "fr", "ru", "es")


def text_language(code: str) -> str:
    """The session-file language of a reader's language code ("zh-hans" → "zh", "fr-CH" → "fr")."""
    return code.lower().replace("_", "-").split("-")[0]


def localized(p: Programme, language: str) -> Programme:
    """The programme with its texts in `language` where the file gives them (else as given)."""
    lang = text_language(language)
    texts = {path: dict(pairs) for path, pairs in p.translations}
    if not texts:
        return p

    def t(path: str, default: str) -> str:
        return texts.get(path, {}).get(lang) or default

    panels = tuple(
        replace(
            x,
            title=t(f"panels.{x.number}.title", x.title),
            description=t(f"panels.{x.number}.description", x.description),
        )
        for x in p.panels
    )
    summaries = tuple(
        replace(
            x,
            title=t(f"{x.path}.title", x.title),
            description=t(f"{x.path}.description", x.description),
        )
        for x in p.summary_panels
    )
    days = tuple(
        replace(
            d,
            segments=tuple(
                replace(
                    seg,
                    title=t(f"segments.{d.date.isoformat()}.{seg.start:%H:%M}.title", seg.title),
                    description=t(
                        f"segments.{d.date.isoformat()}.{seg.start:%H:%M}.description",
                        seg.description,
                    ),
                )
                for seg in d.segments
            ),
        )
        for d in p.days
    )
    return replace(
        p,
        title=t("title", p.title),
        theme=t("theme", p.theme),
        panels=panels,
        summary_panels=summaries,
        days=days,
    )
