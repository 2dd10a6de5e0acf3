"""Exporters of the programme for `podium export SLUG --format yaml|json|ical|journal`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import icalendar

from podium.core import programme as core
from podium.programme.journal import journal_text
from podium.programme.labels import segment_title
from podium.programme.models import Session
from podium.programme.services import programme_json, programme_of, programme_yaml


def to_yaml(session: Session) -> bytes:
    return programme_yaml(session).encode("utf-8")


def to_json(session: Session) -> bytes:
    return programme_json(session).encode("utf-8")


def calendar(prodid: str, name: str, time_zone: str) -> icalendar.Calendar:
    """An empty RFC 5545 calendar named `name` in a session's time zone (programme, side events)."""
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", time_zone)
    return cal


def place(*parts: str | None) -> str:
    """An event's LOCATION: the parts that are known, comma-separated."""
    return ", ".join(x for x in parts if x)


def to_ical(session: Session, base_url: str = "") -> bytes:
    """RFC 5545 calendar: one VEVENT per segment, times in the venue's zone with its VTIMEZONE."""
    p = programme_of(session)
    cal = calendar("-//Podium//programme//EN", p.title, p.time_zone)
    location = place(p.venue, p.city)
    stamp = datetime(2000, 1, 1, tzinfo=UTC)
    for day in p.days:
        for seg in day.segments:
            start, end = core.utc_span(p, day, seg)
            event = icalendar.Event()
            event.add("uid", f"{p.slug}-{day.date:%Y%m%d}-{seg.start:%H%M}-{seg.kind}@podium")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", segment_title(p, seg))
            description = p.segment_description(seg)
            people = p.people_of(seg)
            if people:
                names = ", ".join(f"{x.name} ({x.entity})" if x.entity else x.name for x in people)
                description = (description + "\n\n" if description else "") + names
            if description:
                event.add("description", description)
            if location:
                event.add("location", location)
            event.add("categories", [seg.kind])
            if base_url:
                event.add("url", f"{base_url.rstrip('/')}{session.get_absolute_url()}")
            cal.add_component(event)
    if p.start_date is not None and p.end_date is not None:  # VTIMEZONE for the session's years
        cal.add_missing_timezones(
            first_date=date(p.start_date.year - 1, 1, 1),
            last_date=date(p.end_date.year + 1, 12, 31),
        )
    return bytes(cal.to_ical())


def to_journal(session: Session) -> bytes:
    """The Journal-style daily programme as plain UTF-8 text, one day after another."""
    return journal_text(programme_of(session)).encode("utf-8")


EXPORTERS: dict[str, Callable[[Session], bytes]] = {
    "yaml": to_yaml,
    "json": to_json,
    "ical": to_ical,
    "journal": to_journal,
}
