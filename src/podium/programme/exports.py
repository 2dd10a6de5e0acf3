"""Exporters of the programme for `podium export SLUG --format yaml|json|ical|journal`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial

import icalendar

from podium.core import programme as core
from podium.programme import extensions
from podium.programme.journal import journal_text
from podium.programme.labels import segment_title
from podium.programme.models import Session
from podium.programme.services import programme_json, programme_of, programme_yaml


def to_yaml(session: Session) -> bytes:
    return programme_yaml(session).encode("utf-8")


def to_json(session: Session) -> bytes:
    return programme_json(session).encode("utf-8")


def calendar(prodid: str, name: str, time_zone: str = "") -> icalendar.Calendar:
    """An empty RFC 5545 calendar named `name`, in a session's time zone if given (programme,
    side events; a series' sessions may be in several zones: each event names its own)."""
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if time_zone:
        cal.add("x-wr-timezone", time_zone)
    return cal


def place(*parts: str | None) -> str:
    """An event's LOCATION: the parts that are known, comma-separated."""
    return ", ".join(x for x in parts if x)


_STAMP = datetime(2000, 1, 1, tzinfo=UTC)  # fixed: the feed changes only when the programme does


def session_events(
    session: Session, base_url: str = "", with_session: bool = False
) -> list[icalendar.Event]:
    """One VEVENT per segment of the session, times in the venue's zone (TZID). UIDs are the
    session's slug, the segment's day, start and kind: unique across sessions, the same in the
    session's feed and its series' feed. `with_session`: the description starts with the
    session's title (the series' feed, where events of several sessions meet)."""
    p = programme_of(session)
    location = place(p.venue, p.city)
    url = f"{base_url.rstrip('/')}{session.get_absolute_url()}" if base_url else ""
    events: list[icalendar.Event] = []
    for day in p.days:
        for seg in day.segments:
            start, end = core.utc_span(p, day, seg)
            event = icalendar.Event()
            event.add("uid", f"{p.slug}-{day.date:%Y%m%d}-{seg.start:%H%M}-{seg.kind}@podium")
            event.add("dtstamp", _STAMP)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", segment_title(p, seg))
            parts = [p.title] if with_session else []
            description = p.segment_description(seg)
            if description:
                parts.append(description)
            people = p.people_of(seg)
            if people:
                parts.append(
                    ", ".join(f"{x.name} ({x.entity})" if x.entity else x.name for x in people)
                )
            if parts:
                event.add("description", "\n\n".join(parts))
            if location:
                event.add("location", location)
            event.add("categories", [seg.kind])
            if url:
                event.add("url", url)
            events.append(event)
    return events


def add_timezones(cal: icalendar.Calendar, sessions: Sequence[Session]) -> None:
    """A VTIMEZONE for every zone the events use, covering the sessions' years (and the years
    around them)."""
    if sessions:
        cal.add_missing_timezones(
            first_date=date(min(s.start_date for s in sessions).year - 1, 1, 1),
            last_date=date(max(s.end_date for s in sessions).year + 1, 12, 31),
        )


def to_ical(session: Session, base_url: str = "") -> bytes:
    """RFC 5545 calendar: one VEVENT per segment, times in the venue's zone with its VTIMEZONE."""
    cal = calendar("-//Podium//programme//EN", session.title, session.time_zone)
    for event in session_events(session, base_url):
        cal.add_component(event)
    add_timezones(cal, [session])
    return bytes(cal.to_ical())


def series_ical(name: str, sessions: Sequence[Session], base_url: str = "") -> bytes:
    """One calendar of every segment of a series' sessions (each in its venue's zone, one
    VTIMEZONE per zone), named after the series."""
    zones = {s.time_zone for s in sessions}
    cal = calendar("-//Podium//series//EN", name, zones.pop() if len(zones) == 1 else "")
    for session in sessions:
        for event in session_events(session, base_url, with_session=True):
            cal.add_component(event)
    add_timezones(cal, sessions)
    return bytes(cal.to_ical())


def to_journal(session: Session) -> bytes:
    """The Journal-style daily programme as plain UTF-8 text, one day after another."""
    extra = partial(extensions.journal_items_for, session)
    return journal_text(programme_of(session), extra).encode("utf-8")


EXPORTERS: dict[str, Callable[[Session], bytes]] = {
    "yaml": to_yaml,
    "json": to_json,
    "ical": to_ical,
    "journal": to_journal,
}
