"""The Journal-style daily programme: a session's day as the Journal of the United Nations prints
it (the page `/sessions/<slug>/journal/<date>` and `podium export SLUG --format journal`).

One reading of the programme serves both: `journal_day(p, day)` gives the day's heading, the
meeting (title, room, webcast, co-chairs) and its items (time, title, people), named as the
programme page and the iCalendar feed name them (`labels.segment_title`, the `person` filter, the
programme's people). `journal_text(p)` writes every day as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time

from django.utils import dateformat
from django.utils.translation import gettext, pgettext

from podium.core import programme as core
from podium.programme.labels import numbered_title
from podium.programme.templatetags.programme_tags import person

WEBCAST = "webtv.un.org"
"""The webcast line: the programme stores no webcast of its own, so the Journal's usual one."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> date | None:
    """A day written YYYY-MM-DD (and nothing else: not 20170522, not 2017-W21-1), or None."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2017-02-30
        return None


def span(start: time, end: time) -> str:
    """Venue-local, 24-hour: "10:00–13:00"."""
    return f"{start:%H:%M}–{end:%H:%M}"


def heading(day: date) -> str:
    """The Journal's date: "Monday, 22 May 2017" (in the reader's language)."""
    return dateformat.format(day, pgettext("Journal date (Django date format)", "l, j F Y"))


def people(items: Iterable[core.Person]) -> str:
    return "; ".join(person(x) for x in items)


@dataclass(frozen=True)
class Line:
    """A labelled line under an item: "Moderators: TBC (Austria); TBC (Australia)"."""

    label: str
    text: str


@dataclass(frozen=True)
class Item:
    """One entry of the day: a segment (or the day's side events), with its people."""

    start: time
    end: time
    title: str
    kind: str
    lines: tuple[Line, ...] = ()

    @property
    def time(self) -> str:
        return span(self.start, self.end)

    @property
    def is_break(self) -> bool:
        return self.kind in core.BREAK_KINDS


@dataclass(frozen=True)
class JournalDay:
    date: date
    heading: str
    title: str
    theme: str
    room: str  # venue, city
    meetings: str  # the day's meeting blocks: "10:00–13:00; 15:00–18:00"
    webcast: str
    co_chairs: str
    items: tuple[Item, ...]


def _lines(p: core.Programme, day: core.Day, seg: core.Segment) -> tuple[Line, ...]:
    """Who takes part, as the programme page lists them (panel, speakers, summary panel), then
    the side events the segment makes room for."""
    out: list[Line] = []
    panel = p.panel(seg.panel_number) if seg.panel_number is not None else None
    if panel is not None and seg.kind == "expert_panel":
        label = gettext("Moderators") if len(panel.moderators) > 1 else gettext("Moderator")
        out.append(Line(label, people(panel.moderators) or person(panel.moderator)))
        out.append(Line(gettext("Experts"), people(panel.experts) or gettext("to be announced")))
    elif seg.speakers:
        text = "; ".join(person(s) + (f" ({s.role})" if s.role else "") for s in seg.speakers)
        out.append(Line(gettext("Speakers"), text))
    elif seg.kind == "summary_panel" and (sp := p.summary_panel(seg.panel_number)):
        out.append(Line(gettext("Moderators"), people(p.summary_moderators(sp.number))))
        out.append(Line(gettext("Thematic expert"), person(sp.thematic_expert)))
    if seg.side_events and day.side_event_windows:
        windows = "; ".join(span(w.start, w.end) for w in day.side_event_windows)
        out.append(Line(gettext("Side events"), windows))
    return tuple(out)


def journal_day(p: core.Programme, day: core.Day, extra: Iterable[Item] = ()) -> JournalDay:
    """The day's entries: its segments, then `extra` (other capabilities': the approved side
    events), in time order."""
    items = [
        Item(seg.start, seg.end, numbered_title(p, seg), seg.kind, _lines(p, day, seg))
        for seg in day.segments
    ]
    # Side-event windows no segment makes room for are entries of their own.
    if not any(seg.side_events for seg in day.segments):
        for w in day.side_event_windows:
            items.append(Item(w.start, w.end, gettext("Side events"), "side_event_window"))
    items.extend(extra)
    items.sort(key=lambda x: x.start)  # stable: a side event after the segment it shares a start
    return JournalDay(
        date=day.date,
        heading=heading(day.date),
        title=p.title,
        theme=p.theme,
        room=", ".join(x for x in (p.venue, p.city) if x),
        meetings="; ".join(span(b.start, b.end) for b in day.blocks),
        webcast=WEBCAST,
        co_chairs=people(p.co_chairs),
        items=tuple(items),
    )


def day_of(p: core.Programme, when: date) -> core.Day | None:
    return next((d for d in p.days if d.date == when), None)


def journal_text(
    p: core.Programme, extra: Callable[[date], Iterable[Item]] = lambda _day: ()
) -> str:
    """Every day of the programme, one after another, each headed by its date (`extra(date)`:
    the day's further entries)."""
    indent = " " * (len(span(time(0), time(0))) + 2)
    out: list[str] = []
    for day in p.days:
        j = journal_day(p, day, extra(day.date))
        out += [j.heading, "=" * len(j.heading), "", j.title]
        if j.theme:
            out.append(j.theme)
        if j.meetings:
            out.append(f"{gettext('Meetings')}: {j.meetings}")
        if j.room:
            out.append(f"{gettext('Room')}: {j.room}")
        out.append(f"{gettext('Webcast')}: {j.webcast}")
        if j.co_chairs:
            out.append(f"{gettext('Co-chairs')}: {j.co_chairs}")
        out.append("")
        for item in j.items:
            out.append(f"{item.time}  {item.title}")
            out += [f"{indent}{line.label}: {line.text}" for line in item.lines]
        out.append("")
    return "\n".join(out)
