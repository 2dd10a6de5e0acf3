"""What side events read from the programme: days, blocks, side-event windows, panels, people.

The one place that knows the shape of `podium.programme` (its models: `Session`, `Day`, `Block`,
`SideEventWindow`, `Panel`, `PanelPerson`, `Segment`); everything else in this app works with
`podium.core.sideevents` values. Nothing here is a constant: windows, panels and people all come
from the session's programme.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from podium.core import sideevents as core
from podium.core.programme import is_placeholder, zone_named
from podium.people.models import Role
from podium.programme.models import Day, Panel, PanelPerson, Segment

SUMMARY_THEME = "summary"


def zone_of(session: Any) -> ZoneInfo:
    return zone_named(str(getattr(session, "time_zone", "") or ""))


def venue_of(session: Any) -> str:
    return str(getattr(session, "venue", "") or "")


def _at(d: date, t: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(d, t, tzinfo=zone)


def day_frames(session: Any) -> list[core.DayFrame]:
    """Each day's meeting blocks and side-event windows, as aware datetimes in the venue's zone.
    A day without declared windows falls back to its segments marked "side events may be held"."""
    cache = getattr(session, "_sideevents_frames", None)
    if cache is not None:
        return list(cache)
    zone = zone_of(session)
    frames = []
    days = Day.objects.filter(session=session).prefetch_related(
        "blocks", "side_event_windows", "segments"
    )
    for day in days.order_by("date"):
        blocks = tuple(
            (_at(day.date, b.start, zone), _at(day.date, b.end, zone))
            for b in sorted(day.blocks.all(), key=lambda b: b.start)
        )
        windows = tuple(
            (_at(day.date, w.start, zone), _at(day.date, w.end, zone))
            for w in sorted(day.side_event_windows.all(), key=lambda w: w.start)
        )
        if not windows:
            windows = tuple(
                (s.start.astimezone(zone), s.end.astimezone(zone))
                for s in sorted(day.segments.all(), key=lambda s: s.start)
                if s.side_events or s.kind == "side_event_window"
            )
        frames.append(core.DayFrame(day.date, blocks, windows))
    session._sideevents_frames = tuple(frames)
    return frames


def session_days(session: Any) -> list[date]:
    return [f.day for f in day_frames(session)]


def _panel_key(kind: str, number: int | None) -> str:
    return SUMMARY_THEME if kind == "summary" or number is None else f"panel-{number}"


def panel_themes(session: Any) -> list[tuple[str, str]]:
    """(key, label) of each panel of the session — the themes a side event may relate to.
    Keys: ``panel-N`` for expert panel N, ``summary`` for the summary panel."""
    out = []
    for p in Panel.objects.filter(session=session).order_by("kind", "number"):
        key = _panel_key(p.kind, p.number)
        label = p.title
        if p.number is not None and not label.lower().startswith("panel"):
            label = _("Panel %(n)s: %(title)s") % {"n": p.number, "title": label}
        out.append((key, label))
    return out


def _people_by_panel(session: Any) -> tuple[dict[str, set[str]], set[str]]:
    """Names of the programme's people per panel key, and the co-chairs (on every segment)."""
    by_key: dict[str, set[str]] = {}
    co_chairs: set[str] = set()
    for p in PanelPerson.objects.filter(session=session).select_related("panel"):
        name = (p.name or "").strip()
        if is_placeholder(name):
            continue
        if p.role == "co_chair":
            co_chairs.add(name)
        elif p.panel is not None:
            by_key.setdefault(_panel_key(p.panel.kind, p.panel.number), set()).add(name)
        elif p.role in ("summary_moderator", "thematic_expert"):
            by_key.setdefault(SUMMARY_THEME, set()).add(name)
    # Accounts given panel roles in the people app count too.
    roles = Role.objects.filter(
        session=session, role__in=["moderator", "expert", "thematic_expert"]
    ).select_related("person")
    for r in roles:
        key = (
            SUMMARY_THEME if r.role == "thematic_expert" or r.panel is None else f"panel-{r.panel}"
        )
        by_key.setdefault(key, set()).add(r.person.display_name)
    return by_key, co_chairs


def plenary_items(session: Any) -> list[core.PlenaryItem]:
    """The plenary's segments with their theme (the panel) and the people on them."""
    zone = zone_of(session)
    by_key, co_chairs = _people_by_panel(session)
    labels = dict(panel_themes(session))
    items = []
    segments = Segment.objects.filter(session=session).exclude(
        kind__in=["lunch", "side_event_window"]
    )
    for seg in segments.order_by("start"):
        if seg.side_events:
            continue
        key = None
        if seg.kind == "expert_panel" and seg.panel_number is not None:
            key = f"panel-{seg.panel_number}"
        elif seg.kind == "summary_panel":
            key = SUMMARY_THEME
        people = set(co_chairs)
        if key:
            people |= by_key.get(key, set())
        items.append(
            core.PlenaryItem(
                seg.title or labels.get(key or "", "") or str(seg.get_kind_display()),
                seg.start.astimezone(zone),
                seg.end.astimezone(zone),
                frozenset({key}) if key else frozenset(),
                frozenset(people),
            )
        )
    return items
