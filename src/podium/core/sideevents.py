"""Side events: windows, the OPGA workflow, rooms, overlaps and panel parity.

Pure domain: no Django, no clock. Datetimes are timezone-aware (the venue's zone); intervals are
half-open ``[start, end)`` so an event ending at 14:00 and one starting at 14:00 do not overlap.

Refusals carry a stable ``code``, an English ``message`` and ``params``: the Django app translates by
code (see ``podium.sideevents.messages``) and falls back to the English text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import combinations
from typing import Any

# ---------------------------------------------------------------------------------------------
# Refusals


@dataclass(frozen=True)
class Refusal:
    """Why something was not allowed: a stable code, an English message, and its parameters."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------------------------
# Windows


class WindowKind(StrEnum):
    BEFORE = "before"  # before the first meeting block of a session day
    LUNCH = "lunch"  # the side-event window of the lunch break
    AFTER = "after"  # after the last meeting block of a session day


WINDOW_KIND_LABELS: dict[str, str] = {
    WindowKind.BEFORE: "before the plenary",
    WindowKind.LUNCH: "lunch break",
    WindowKind.AFTER: "after the plenary",
}


@dataclass(frozen=True)
class Window:
    """One stretch of time in which side events may be held."""

    start: datetime
    end: datetime
    kind: WindowKind

    def contains(self, start: datetime, end: datetime) -> bool:
        return self.start <= start and end <= self.end

    def label(self) -> str:
        """E.g. ``Mon 22 May 2017 13:15–14:45 (lunch break)`` in the window's own time zone."""
        return (
            f"{self.start:%a %d %b %Y} {self.start:%H:%M}–{self.end:%H:%M} "
            f"({WINDOW_KIND_LABELS[self.kind]})"
        )


@dataclass(frozen=True)
class DayFrame:
    """What the programme says about one session day, as far as side events care.

    ``blocks`` are the meeting blocks (plenary), ``side_event_windows`` the windows the programme
    declares for side events (usually one in the lunch break). All aware datetimes on ``day``.
    """

    day: date
    blocks: tuple[tuple[datetime, datetime], ...]
    side_event_windows: tuple[tuple[datetime, datetime], ...] = ()


DEFAULT_EARLIEST = time(8, 0)
DEFAULT_LATEST = time(21, 0)


def allowed_windows(
    days: Iterable[DayFrame],
    *,
    earliest: time = DEFAULT_EARLIEST,
    latest: time = DEFAULT_LATEST,
) -> list[Window]:
    """The windows of a session, in time order: per day, before the first block (from
    ``earliest``), each declared side-event window, and after the last block (until ``latest``).

    Everything comes from the programme: a day without blocks has no before/after window; a day
    whose programme declares no side-event window has no lunch window.
    """
    windows: list[Window] = []
    for frame in days:
        if frame.blocks:
            first = min(b[0] for b in frame.blocks)
            last = max(b[1] for b in frame.blocks)
            tz = first.tzinfo
            open_at = datetime.combine(first.date(), earliest, tzinfo=tz)
            close_at = datetime.combine(last.date(), latest, tzinfo=tz)
            if open_at < first:
                windows.append(Window(open_at, first, WindowKind.BEFORE))
            if last < close_at:
                windows.append(Window(last, close_at, WindowKind.AFTER))
        for start, end in frame.side_event_windows:
            if start < end:
                windows.append(Window(start, end, WindowKind.LUNCH))
    return sorted(windows, key=lambda w: (w.start, w.end))


def check_window(start: datetime, end: datetime, windows: Sequence[Window]) -> Refusal | None:
    """None when ``[start, end)`` lies inside one allowed window; otherwise a refusal that lists
    the allowed windows."""
    if end <= start:
        return Refusal("bad_times", "A side event must end after it starts.")
    if any(w.contains(start, end) for w in windows):
        return None
    labels = [w.label() for w in windows]
    listing = "; ".join(labels) if labels else "none"
    return Refusal(
        "outside_windows",
        f"{start:%a %d %b %H:%M}–{end:%H:%M} is outside the windows allowed for side events. "
        f"Allowed windows: {listing}.",
        {"start": start, "end": end, "windows": labels, "allowed": tuple(windows)},
    )


# ---------------------------------------------------------------------------------------------
# The OPGA workflow


class Status(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    REVIEW = "review"  # OPGA takes the proposal under review
    APPROVE = "approve"  # OPGA approves
    DECLINE = "decline"  # OPGA declines, with a reason
    WITHDRAW = "withdraw"  # the organizer withdraws
    CHANGE = "change"  # the organizer changes the proposal


STATUS_LABELS: dict[str, str] = {
    Status.SUBMITTED: "submitted",
    Status.UNDER_REVIEW: "under review",
    Status.APPROVED: "approved",
    Status.DECLINED: "declined",
    Status.WITHDRAWN: "withdrawn",
}

# Who may take each action.
SECRETARIAT_ACTIONS = frozenset({Action.REVIEW, Action.APPROVE, Action.DECLINE})
ORGANIZER_ACTIONS = frozenset({Action.WITHDRAW, Action.CHANGE})

_TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.SUBMITTED, Action.REVIEW): Status.UNDER_REVIEW,
    (Status.UNDER_REVIEW, Action.APPROVE): Status.APPROVED,
    (Status.UNDER_REVIEW, Action.DECLINE): Status.DECLINED,
    (Status.SUBMITTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.UNDER_REVIEW, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.APPROVED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.SUBMITTED, Action.CHANGE): Status.SUBMITTED,
    (Status.UNDER_REVIEW, Action.CHANGE): Status.UNDER_REVIEW,
    # A change after approval sends the event back to review.
    (Status.APPROVED, Action.CHANGE): Status.UNDER_REVIEW,
}

# Statuses that hold a room booking (a withdrawn or declined event frees its room).
BOOKING_STATUSES = frozenset({Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED})


def allowed_actions(status: Status, *, secretariat: bool, organizer: bool) -> list[Action]:
    """The actions a user may take on a proposal in ``status``, in a stable order."""
    out = []
    for action in Action:
        if (status, action) not in _TRANSITIONS:
            continue
        if (action in SECRETARIAT_ACTIONS and secretariat) or (
            action in ORGANIZER_ACTIONS and organizer
        ):
            out.append(action)
    return out


def change_reopens_review(status: Status | str) -> bool:
    """Whether changing a proposal in ``status`` sends it back to review (an approved one)."""
    status = Status(status)
    return _TRANSITIONS.get((status, Action.CHANGE)) not in (None, status)


def transition(
    status: Status | str,
    action: Action | str,
    *,
    secretariat: bool = False,
    organizer: bool = False,
    reason: str = "",
) -> Status | Refusal:
    """The status after ``action``, or a refusal saying why it is not allowed."""
    try:
        status = Status(status)
    except ValueError:
        return Refusal("unknown_status", f"Unknown status {status!r}.", {"status": str(status)})
    try:
        action = Action(action)
    except ValueError:
        return Refusal("unknown_action", f"Unknown action {action!r}.", {"action": str(action)})
    if action in SECRETARIAT_ACTIONS and not secretariat:
        return Refusal(
            "not_secretariat",
            "Only the Office of the President of the General Assembly may do this.",
            {"action": action.value},
        )
    if action in ORGANIZER_ACTIONS and not organizer:
        return Refusal(
            "not_organizer",
            "Only the organizer of the side event may do this.",
            {"action": action.value},
        )
    target = _TRANSITIONS.get((status, action))
    if target is None:
        return Refusal(
            "illegal_transition",
            f"A side event that is {STATUS_LABELS[status]} cannot be {_ACTION_PAST[action]}.",
            {"status": status.value, "action": action.value},
        )
    if action is Action.DECLINE and not reason.strip():
        return Refusal("reason_required", "Declining a side event needs a reason.")
    return target


_ACTION_PAST: dict[Action, str] = {
    Action.REVIEW: "taken under review",
    Action.APPROVE: "approved",
    Action.DECLINE: "declined",
    Action.WITHDRAW: "withdrawn",
    Action.CHANGE: "changed",
}


# ---------------------------------------------------------------------------------------------
# Rooms


@dataclass(frozen=True)
class RoomNeeds:
    capacity: int = 0
    languages: frozenset[str] = frozenset()  # interpretation languages, e.g. {"en", "fr", "es"}
    webcast: bool = False


@dataclass(frozen=True)
class Room:
    key: str
    name: str
    capacity: int
    languages: frozenset[str] = frozenset()
    webcast: bool = False
    building: str = ""


def room_misfits(room: Room, needs: RoomNeeds) -> list[Refusal]:
    """Why ``room`` does not fit ``needs`` (empty when it fits)."""
    out: list[Refusal] = []
    if room.capacity < needs.capacity:
        out.append(
            Refusal(
                "too_small",
                f"{room.name} seats {room.capacity}, the event needs {needs.capacity}.",
                {"room": room.name, "capacity": room.capacity, "needed": needs.capacity},
            )
        )
    missing = sorted(needs.languages - room.languages)
    if missing:
        out.append(
            Refusal(
                "no_interpretation",
                f"{room.name} has no interpretation into {', '.join(missing)}.",
                {"room": room.name, "languages": missing},
            )
        )
    if needs.webcast and not room.webcast:
        out.append(Refusal("no_webcast", f"{room.name} cannot webcast.", {"room": room.name}))
    return out


def fits(room: Room, needs: RoomNeeds) -> bool:
    return not room_misfits(room, needs)


# ---------------------------------------------------------------------------------------------
# Bookings, overlaps and the nearest free slots


@dataclass(frozen=True)
class Booking:
    room_key: str
    start: datetime
    end: datetime
    event_key: str = ""


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals overlap: touching ends do not."""
    return a_start < b_end and b_start < a_end


def conflicts(candidate: Booking, bookings: Iterable[Booking]) -> list[Booking]:
    """The bookings of the same room that overlap ``candidate`` (ignoring the same event)."""
    return [
        b
        for b in bookings
        if b.room_key == candidate.room_key
        and (not candidate.event_key or b.event_key != candidate.event_key)
        and overlaps(candidate.start, candidate.end, b.start, b.end)
    ]


@dataclass(frozen=True)
class Suggestion:
    room: Room
    start: datetime
    end: datetime
    window: Window

    def label(self) -> str:
        return f"{self.room.name}, {self.start:%a %d %b %H:%M}–{self.end:%H:%M}"


def suggestions(
    *,
    needs: RoomNeeds,
    start: datetime,
    end: datetime,
    windows: Sequence[Window],
    rooms: Sequence[Room],
    bookings: Sequence[Booking],
    step: timedelta = timedelta(minutes=15),
    limit: int = 5,
    event_key: str = "",
) -> list[Suggestion]:
    """The nearest free (room, slot) pairs that fit ``needs`` for an event as long as
    ``end - start``, nearest to ``start`` first; among equally near ones, the room with the least
    spare capacity (then name). Slots start inside a window every ``step`` from its start."""
    duration = end - start
    if duration <= timedelta(0):
        return []
    fitting = [r for r in rooms if fits(r, needs)]
    ranked: list[tuple[timedelta, int, str, Suggestion]] = []
    for window in windows:
        slot_start = window.start
        while slot_start + duration <= window.end:
            slot_end = slot_start + duration
            for room in fitting:
                probe = Booking(room.key, slot_start, slot_end, event_key)
                if not conflicts(probe, bookings):
                    ranked.append(
                        (
                            abs(slot_start - start),
                            room.capacity - needs.capacity,
                            room.name,
                            Suggestion(room, slot_start, slot_end, window),
                        )
                    )
            slot_start += step
    ranked.sort(key=lambda t: (t[0], t[1], t[2], t[3].start))
    return [t[3] for t in ranked[:limit]]


# ---------------------------------------------------------------------------------------------
# Speakers, parity and overlaps


class Gender(StrEnum):
    """Self-declared and optional, in the words of ``podium.core.composition``."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDECLARED = "undeclared"


@dataclass(frozen=True)
class Speaker:
    name: str
    gender: Gender = Gender.UNDECLARED
    affiliation: str = ""


def person_key(name: str) -> str:
    """Names compared loosely: case, dots, extra spaces and leading titles ignored."""
    words = name.casefold().replace(".", " ").split()
    titles = {"mr", "ms", "mrs", "dr", "prof", "h", "e", "he", "ambassador", "amb"}
    while words and words[0] in titles:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class Parity:
    women: int
    men: int
    other: int
    undeclared: int
    balanced: bool
    single_sex: bool  # two or more speakers, all declared, all the same gender
    possibly_single_sex: bool  # the declared ones agree, some did not declare

    @property
    def total(self) -> int:
        return self.women + self.men + self.other + self.undeclared

    def label(self) -> str:
        text = f"{self.women} women, {self.men} men"
        if self.other:
            text += f", {self.other} other"
        if self.undeclared:
            text += f", {self.undeclared} not declared"
        if self.single_sex:
            return text + " — single-sex panel"
        if self.possibly_single_sex:
            return text + " — possibly a single-sex panel"
        return text + (" — balanced" if self.balanced else " — not balanced")


def parity(speakers: Iterable[Speaker]) -> Parity:
    """Gender balance of a side event's speakers (Panel Parity Pledge: no single-sex panels).

    Balanced when women and men differ by at most one and the panel is not (possibly)
    single-sex. Undeclared genders are counted apart, never guessed.
    """
    counts = dict.fromkeys(Gender, 0)
    for s in speakers:
        counts[Gender(s.gender)] += 1
    women, men, other = counts[Gender.FEMALE], counts[Gender.MALE], counts[Gender.OTHER]
    undeclared = counts[Gender.UNDECLARED]
    declared = [g for g in (women, men, other) if g]
    same = women + men + other + undeclared >= 2 and len(declared) == 1
    single_sex = same and undeclared == 0
    possibly = same and undeclared > 0
    balanced = abs(women - men) <= 1 and not same
    return Parity(women, men, other, undeclared, balanced, single_sex, possibly)


@dataclass(frozen=True)
class EventSummary:
    """A side event as the overlap checks see it."""

    key: str
    title: str
    start: datetime
    end: datetime
    themes: frozenset[str] = frozenset()
    speakers: tuple[Speaker, ...] = ()
    room_key: str = ""


@dataclass(frozen=True)
class PlenaryItem:
    """A plenary segment: its title, time, the themes it carries, and the people on it."""

    title: str
    start: datetime
    end: datetime
    themes: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # names of moderators, panelists, experts


class OverlapKind(StrEnum):
    THEME = "theme"  # two side events on the same theme at the same time
    SPEAKER = "speaker"  # one speaker in two side events at the same time
    PLENARY_THEME = "plenary_theme"  # a side event on the theme of a plenary segment
    PLENARY_SPEAKER = "plenary_speaker"  # a side-event speaker on the plenary at the same time


@dataclass(frozen=True)
class Overlap:
    kind: OverlapKind
    first: str  # event key
    second: str  # event key, or the plenary segment's title
    detail: str  # the shared theme(s) or speaker
    same_time: bool

    @property
    def flagged(self) -> bool:
        """Overlaps the OPGA must act on: the same person expected in two places at once."""
        return self.same_time and self.kind in {OverlapKind.SPEAKER, OverlapKind.PLENARY_SPEAKER}


def find_overlaps(
    events: Sequence[EventSummary], plenary: Sequence[PlenaryItem] = ()
) -> list[Overlap]:
    """Theme and speaker overlaps between side events and with the plenary.

    Shared themes between side events count at the same time only (same-themed events on
    different days complement each other); shared speakers count at any time (reported with
    ``same_time``); a side event on a plenary panel's theme is reported (so the OPGA can place it
    near that panel); a side-event speaker who sits on the plenary the same day is reported, and
    flagged when at the same time.
    """
    out: list[Overlap] = []
    for a, b in combinations(sorted(events, key=lambda e: (e.start, e.key)), 2):
        same_time = overlaps(a.start, a.end, b.start, b.end)
        shared = sorted(a.themes & b.themes)
        if shared and same_time:
            out.append(Overlap(OverlapKind.THEME, a.key, b.key, ", ".join(shared), True))
        a_people = {person_key(s.name): s.name for s in a.speakers if s.name.strip()}
        for s in b.speakers:
            k = person_key(s.name)
            if k and k in a_people:
                out.append(Overlap(OverlapKind.SPEAKER, a.key, b.key, a_people[k], same_time))
    for e in sorted(events, key=lambda e: (e.start, e.key)):
        e_people = {person_key(s.name): s.name for s in e.speakers if s.name.strip()}
        for p in plenary:
            same_time = overlaps(e.start, e.end, p.start, p.end)
            shared = sorted(e.themes & p.themes)
            if shared:
                out.append(
                    Overlap(OverlapKind.PLENARY_THEME, e.key, p.title, ", ".join(shared), same_time)
                )
            same_day = e.start.date() == p.start.date()
            for name in sorted(p.people):
                k = person_key(name)
                if k in e_people and (same_time or same_day):
                    out.append(
                        Overlap(OverlapKind.PLENARY_SPEAKER, e.key, p.title, e_people[k], same_time)
                    )
    return out


# ---------------------------------------------------------------------------------------------
# Who may organize


ORGANIZER_KINDS = frozenset(
    {"member_state", "observer_state", "un_entity", "igo", "stakeholder", "group"}
)


def may_organize(entity_kind: str, *, accredited: bool) -> Refusal | None:
    """Member States, observers, UN entities/IGOs and accredited stakeholders may organize."""
    kind = entity_kind.strip().lower().replace("-", "_").replace(" ", "_")
    if kind == "observer":
        kind = "observer_state"
    if kind not in ORGANIZER_KINDS:
        return Refusal(
            "not_entitled",
            "Only Member States, observers, UN entities, intergovernmental organizations and "
            "accredited stakeholders may organize side events.",
            {"kind": entity_kind},
        )
    if kind == "stakeholder" and not accredited:
        return Refusal(
            "not_accredited",
            "This stakeholder is not accredited to the session, so it may not organize side "
            "events.",
            {"kind": entity_kind},
        )
    return None
