"""What side events read from the programme: days, blocks, side-event windows, panels, people.

The one place that knows the shape of `podium.programme` (its `Session` model and the core
programme returned by `podium.programme.services.programme_of(session)`); everything else in this
app works with `podium.core.sideevents` values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from podium.core import sideevents as core


def programme(session: Any) -> Any:
    from podium.programme.services import programme_of

    cache = getattr(session, "_sideevents_programme", None)
    if cache is None:
        cache = programme_of(session)
        session._sideevents_programme = cache
    return cache


def zone_of(session: Any) -> ZoneInfo:
    tz = getattr(session, "timezone", None) or getattr(session, "time_zone", None) or "UTC"
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(str(tz))


def venue_of(session: Any) -> str:
    return str(getattr(session, "venue", "") or "")


def _aware(value: Any, day: date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return datetime.combine(day, value, tzinfo=zone)


def day_frames(session: Any) -> list[core.DayFrame]:
    zone = zone_of(session)
    frames = []
    for day in programme(session).days:
        d = day.date
        blocks = tuple((_aware(b.start, d, zone), _aware(b.end, d, zone)) for b in day.blocks)
        windows = tuple(
            (_aware(w.start, d, zone), _aware(w.end, d, zone)) for w in day.side_event_windows
        )
        frames.append(core.DayFrame(d, blocks, windows))
    return frames


def session_days(session: Any) -> list[date]:
    return [f.day for f in day_frames(session)]


def panel_themes(session: Any) -> list[tuple[str, str]]:
    """(key, label) of each panel of the session, as the themes a side event may relate to."""
    out = []
    for day in programme(session).days:
        for seg in day.segments:
            if seg.kind in {"expert_panel", "summary_panel"}:
                out.append((f"panel-{seg.panel_number}", seg.title))
    return out


def panel_people(session: Any) -> dict[int | None, set[str]]:
    """Names of the moderators and experts per panel number, from the people app's roles
    (moderator/expert with a panel; thematic experts under None, the summary panel)."""
    from podium.people.models import Role

    out: dict[int | None, set[str]] = {}
    roles = Role.objects.filter(
        session=session, role__in=["moderator", "expert", "thematic_expert"]
    ).select_related("person")
    for r in roles:
        names = {r.person.display_name, f"{r.person.given_name} {r.person.family_name}".strip()}
        out.setdefault(r.panel, set()).update(n for n in names if n)
    return out


def plenary_items(session: Any) -> list[core.PlenaryItem]:
    zone = zone_of(session)
    by_panel = panel_people(session)
    items = []
    for day in programme(session).days:
        for seg in day.segments:
            people = frozenset(
                {p.name for p in getattr(seg, "people", ()) if p.name}
                | by_panel.get(seg.panel_number, set())
                if seg.panel_number
                else {p.name for p in getattr(seg, "people", ()) if p.name}
            )
            themes = frozenset({f"panel-{seg.panel_number}"}) if seg.panel_number else frozenset()
            items.append(
                core.PlenaryItem(
                    seg.title,
                    _aware(seg.start, day.date, zone),
                    _aware(seg.end, day.date, zone),
                    themes,
                    people,
                )
            )
    return items
