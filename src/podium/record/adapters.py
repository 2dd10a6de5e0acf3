"""The one place that knows the shapes of the apps the record reads: programme, people, floor.

Everything else in `podium.record` goes through these small functions, so a change in another
app's models is a change here only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from podium.core.commands import Refusal, on_behalf
from podium.core.entities import REGIONAL_GROUP_NAMES, REGIONAL_GROUPS, counted_group
from podium.core.floor import record_of
from podium.core.programme import zone_named
from podium.core.record import Record
from podium.core.statistics import PlannedSegment
from podium.floor.services import segment_key, state_of
from podium.people import directory, names, permissions
from podium.people.models import Entity, Person
from podium.people.names import name_of
from podium.programme import series as programme_series
from podium.programme.labels import picker_label
from podium.programme.models import Panel, PanelPerson, Segment

# --- people --------------------------------------------------------------------------------


def entity_model() -> Any:
    return Entity


def entity_code_field() -> str:
    return "code"


def entity_code(entity: Any) -> str:
    return str(getattr(entity, "code", "") or "")


def entity_name(entity: Any) -> str:
    """An entity's name in the reader's language (UNTERM's for a State), else its own."""
    if entity is None:
        return ""
    if isinstance(entity, str):
        return name_of(entity) or entity
    return name_of(entity) or str(getattr(entity, "name", "") or entity)


def reader_language() -> str:
    """The reader's language: one of the six (`podium.people.names`)."""
    return names.reader_language()


def name_in_reader_language(code: str, stored: str = "") -> str:
    """The name of the entity `code` in the reader's language (`stored`, the name the floor's
    log recorded, for entities outside the reference data such as stakeholders)."""
    if not code:
        return stored
    return name_of({"code": code, "name": stored}) or stored or code


def regional_group_of(entity: Any) -> str:
    """The one regional group a State is counted in (its group for elections when it has two)."""
    groups = [str(g) for g in getattr(entity, "regional_groups", None) or []]
    return counted_group(str(getattr(entity, "election_group", "") or ""), groups)


def regional_group_lookup(prefix: str, group: str) -> Q:
    """Rows whose entity belongs to the regional group (JSON lists are filtered in Python: the
    JSON `contains` lookup does not exist on SQLite)."""
    wanted = group.strip().upper()
    ids = [
        e.pk
        for e in entity_model().objects.exclude(regional_groups=[]).only("pk", "regional_groups")
        if wanted in [str(g).upper() for g in (e.regional_groups or [])]
    ]
    return Q(**{f"{prefix}pk__in": ids})


def regional_group_choices() -> list[tuple[str, str]]:
    return [(g, str(REGIONAL_GROUP_NAMES[g])) for g in REGIONAL_GROUPS]


def behalf_of(entity: Any, code: str | None) -> Any:
    """The group `entity` delivers a statement on behalf of (by the floor's rule: a State, for
    a group of States it belongs to), None for none, or the floor's `Refusal`."""
    code = (code or "").strip() or None
    got = on_behalf(
        directory.info_of(entity), code, None if code is None else directory.entity_info(code)
    )
    if isinstance(got, Refusal) or not got:
        return got or None
    return Entity.objects.get(code=got)


def groups_of(entities: list[Any]) -> list[Any]:
    """The groups of States any of `entities` may speak for, by name."""
    return list(
        Entity.objects.filter(kind="group", members__in=[e.pk for e in entities])
        .distinct()
        .order_by("name")
    )


def entity_info(codes: set[str]) -> dict[str, dict[str, str]]:
    """name and regional group of each entity code found among people's entities."""
    if not codes:
        return {}
    out: dict[str, dict[str, str]] = {}
    for e in entity_model().objects.filter(code__in=[c.upper() for c in codes]):
        out[e.code] = {"name": e.name, "regional_group": regional_group_of(e), "kind": e.kind}
    for c in codes:  # the record may carry the code in another case
        if c not in out and c.upper() in out:
            out[c] = out[c.upper()]
    return out


def speaker_genders(record: Record, session: Any = None) -> dict[int, str]:
    """Self-declared gender of each intervention's speaker, where the speaker can be identified:
    the account that made the request (when it belongs to a person of the speaking entity),
    else a person of the programme or of people's records with the speaker's exact name.
    Unknown otherwise ("not declared" in the statistics)."""
    out: dict[int, str] = {}
    usernames = {i.requested_by for i in record.interventions if i.requested_by}
    by_user: dict[str, tuple[str, str]] = {}
    if usernames:
        for p in Person.objects.filter(user__username__in=usernames).select_related(
            "user", "entity"
        ):
            by_user[p.user.username] = (p.entity.code if p.entity else "", p.gender)
    names = {i.speaker for i in record.interventions if i.speaker}
    by_name: dict[str, str] = {}
    if session is not None:
        for name, gender in PanelPerson.objects.filter(session=session, name__in=names).values_list(
            "name", "gender"
        ):
            if gender:
                by_name.setdefault(name, gender)
    for p in Person.objects.exclude(gender="").filter(
        family_name__in=[n.split()[-1] for n in names if n]
    ):
        by_name.setdefault(p.display_name, p.gender)
    for i in record.interventions:
        gender = ""
        if i.requested_by in by_user:
            code, g = by_user[i.requested_by]
            if code.upper() == i.entity.upper():
                gender = g
        gender = gender or by_name.get(i.speaker, "")
        if gender:
            out[i.number] = gender
    return out


def request_user(request: HttpRequest) -> Any:
    return permissions.request_user(request)


def is_secretariat(user: Any, session: Any) -> bool:
    return permissions.is_secretariat(user, session)


def roles_of(user: Any, session: Any) -> set[str]:
    return set(permissions.roles_of(user, session))


def delegations_of(user: Any, session: Any) -> list[Any]:
    return list(permissions.delegations_of(user, session))


def can_act_for(user: Any, session: Any, entity: Any) -> bool:
    return permissions.can_act_for(user, session, entity)


def can_chair(user: Any, session: Any, panel_number: int | None) -> bool:
    return permissions.can_chair(user, session, panel_number)


def all_speaking_entities() -> list[Any]:
    return list(entity_model().objects.exclude(kind="group").order_by("name"))


def is_moderator_of(user: Any, session: Any, segment: Any, roles: set[str]) -> bool:
    number = panel_number(segment)
    return (
        "moderator" in roles
        and number is not None
        and number in permissions.panels_moderated(user, session)
    )


# --- programme -----------------------------------------------------------------------------

PANEL_KINDS = frozenset({"expert_panel"})
SUMMARY_PANEL_KINDS = frozenset({"summary_panel"})
NON_SPEAKING_KINDS = frozenset({"lunch", "side_event_window"})


def series_lookup(prefix: str, series: str) -> Q:
    return Q(**{f"{prefix}series__iexact": series})


def series_sessions(slug: str) -> list[Any]:
    """The sessions of the series `slug` in date order (`podium.programme.series`)."""
    return programme_series.sessions_of(slug)


def series_name(sessions: list[Any]) -> str:
    return programme_series.name_of(sessions)


def session_subtitle(session: Any) -> str:
    place = ", ".join(p for p in (session.venue, session.city) if p)
    if session.start_date == session.end_date:
        dates = date_format(session.start_date, "j F Y")
    else:
        dates = f"{date_format(session.start_date, 'j')}–{date_format(session.end_date, 'j F Y')}"
    return " · ".join(p for p in (place, dates) if p)


def segments_of(session: Any) -> list[Any]:
    """The session's programme segments in time order (cached on the session object)."""
    cached = getattr(session, "_record_segments", None)
    if cached is None:
        cached = list(
            Segment.objects.filter(session=session)
            .select_related("session", "day")
            .prefetch_related("speakers")
            .order_by("start", "pk")
        )
        _attach_panels(session, cached)
        session._record_segments = cached
    return list(cached)


def _attach_panels(session: Any, segments: list[Any]) -> None:
    """Give each panel segment its panel and the panel's people in two queries for the session
    (what `_panel_of` and `_panel_people` would otherwise ask segment by segment)."""
    expert: dict[int, Any] = {}
    summary: dict[int, Any] = {}
    for panel in Panel.objects.filter(session=session).prefetch_related("people"):
        if panel.kind == "expert" and panel.number is not None:
            expert.setdefault(panel.number, panel)
        elif panel.kind == "summary":
            summary.setdefault(panel.number or 1, panel)
    for seg in segments:
        if seg.kind == "expert_panel" and seg.panel_number:
            seg._record_panel = expert.get(seg.panel_number)
        elif seg.kind == "summary_panel":
            first = min(summary, default=None)  # no number given: the first (the only one)
            seg._record_panel = summary.get(seg.panel_number or first or 1)


def segment_key_of_row(segment: Any) -> str:
    """The id the floor gives a programme segment in its log."""
    return floor_segment_id(segment)


def _panel_of(segment: Any) -> Any:
    cache = getattr(segment, "_record_panel", False)
    if cache is not False:
        return cache
    panel = None
    if segment.kind == "expert_panel" and segment.panel_number:
        panel = Panel.objects.filter(
            session_id=segment.session_id, kind="expert", number=segment.panel_number
        ).first()
    elif segment.kind == "summary_panel":
        rows = Panel.objects.filter(session_id=segment.session_id, kind="summary")
        numbered = rows.filter(number=segment.panel_number) if segment.panel_number else rows
        panel = numbered.order_by("number").first() or rows.filter(number__isnull=True).first()
    segment._record_panel = panel
    return panel


def segment_title(segment: Any) -> str:
    """The segment's title; a panel's reads "Panel N: <panel title>"."""
    panel = _panel_of(segment) if segment.kind in ("expert_panel", "summary_panel") else None
    if segment.kind == "expert_panel" and segment.panel_number:
        label = _("Panel %(n)s") % {"n": segment.panel_number}
        title = segment.title or (panel.title if panel else "")
        return f"{label}: {title}" if title else label
    if panel is not None and not segment.title:
        return str(panel.title)
    return str(segment.title or segment.get_kind_display())


def segment_labels(session: Any) -> dict[int, str]:
    """Each programme segment's name in a picker, by id, as the console names it: "Day 1 ·
    Panel 1: Sustainable development and poverty eradication" (`programme.labels.picker_label`)."""
    days = [d.date for d in session.days.order_by("date")]
    out: dict[int, str] = {}
    for seg in segments_of(session):
        date = seg.start.astimezone(zone_named(session.time_zone)).date()
        number = days.index(date) + 1 if date in days else None
        out[seg.pk] = picker_label(number, segment_title(seg))
    return out


def segment_when(segment: Any) -> str:
    tz = zone_named(segment.session.time_zone)
    start, end = segment.start.astimezone(tz), segment.end.astimezone(tz)
    return f"{date_format(start, 'l j F')} {start:%H:%M}–{end:%H:%M}"


def segment_kind(segment: Any) -> str:
    return str(getattr(segment, "kind", "") or "")


def _panel_people(segment: Any) -> list[Any]:
    panel = _panel_of(segment)
    if panel is None:
        return []
    return sorted(panel.people.all(), key=lambda p: (p.order, p.pk))


def _person_line(p: Any) -> str:
    name = p.name or "TBC"
    return f"{name} ({p.entity})" if p.entity else name


def segment_moderator(segment: Any) -> str:
    people = _panel_people(segment)
    mods = [p for p in people if p.role in ("moderator", "summary_moderator")]
    return "; ".join(_person_line(p) for p in mods)


def segment_experts(segment: Any) -> list[str]:
    people = _panel_people(segment)
    return [_person_line(p) for p in people if p.role in ("expert", "thematic_expert")]


def segment_speakers(segment: Any) -> list[str]:
    """The people the programme names on a segment (`speakers:` in the session file): "H.E. Ms.
    X (PGA), opening"."""
    people = sorted(segment.speakers.all(), key=lambda p: (p.order, p.pk))
    return [_person_line(p) + (f", {p.part}" if p.part else "") for p in people]


def panel_number(segment: Any) -> int | None:
    n = getattr(segment, "panel_number", None)
    return int(n) if n else None


def planned_segments(session: Any) -> list[PlannedSegment]:
    return [
        PlannedSegment(
            key=segment_key_of_row(s),
            title=segment_title(s),
            start=s.start,
            end=s.end,
            kind=s.kind,
        )
        for s in segments_of(session)
        if s.kind not in NON_SPEAKING_KINDS
    ]


# --- floor ---------------------------------------------------------------------------------


def floor_segment_id(segment: Any) -> str:
    """The key the floor gives a programme segment (`panel-1`, `summary`, `welcome-…`)."""
    local = segment.start.astimezone(zone_named(segment.session.time_zone))
    return segment_key(segment.kind, segment.panel_number, segment.day, local.time())


def record_from_floor(session: Any) -> Record:
    """The record as the floor folded it: the same fold as the live floor (cached per process,
    brought up to date with the events appended since)."""
    return record_of(state_of(session))
