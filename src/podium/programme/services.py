"""Programme services other apps use: import a session file, rebuild the core programme, dumps.

- `import_session_file(path) -> Session` creates or updates a session by its slug (idempotent).
- `programme_of(session) -> podium.core.programme.Programme` rebuilds the core objects from the DB.
- `floor_options(session, panel_number=None, summary=False) -> FloorOptions`.
- `programme_yaml(session)`, `programme_json_data(session)`, `programme_json(session)`.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path
from typing import Any

from django.db import transaction

from podium.core import programme as core
from podium.core import sessionfile
from podium.programme.models import (
    Block,
    Day,
    Panel,
    PanelPerson,
    Segment,
    SideEventWindow,
    Slot,
)
from podium.programme.models import Session as SessionModel
from podium.programme.signals import programme_saved


class SessionFileError(ValueError):
    """The session file has errors; `problems` lists them (with lines), `filename` names it."""

    def __init__(self, filename: str, problems: list[core.Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.format(filename) for p in problems))


def session_slug_of_file(path: str | Path) -> str:
    parsed = sessionfile.load(path)
    if parsed.programme is None or not parsed.programme.slug:
        raise SessionFileError(
            str(path),
            parsed.errors or [core.Problem.of("missing key %(key)r", 1, "error", key="slug")],
        )
    return parsed.programme.slug


def import_session_file(path: str | Path) -> SessionModel:
    """Create or update the session a file describes (by slug). Raises SessionFileError."""
    parsed = sessionfile.check(path)
    if parsed.programme is None or parsed.errors:
        raise SessionFileError(str(path), parsed.errors)
    return save_programme(parsed.programme)


def import_session_text(text: str, filename: str = "<text>") -> SessionModel:
    parsed = sessionfile.check_text(text)
    if parsed.programme is None or parsed.errors:
        raise SessionFileError(filename, parsed.errors)
    return save_programme(parsed.programme)


def _limits_data(limits: tuple[tuple[str, core.Limit], ...]) -> dict[str, list[int]]:
    return {k: [v.min, v.max] for k, v in limits}


def _limits_of(data: Any) -> tuple[tuple[str, core.Limit], ...]:
    if not isinstance(data, dict):
        return ()
    return tuple(sorted((str(k), core.Limit(int(v[0]), int(v[1]))) for k, v in data.items()))


def _floor_data(f: core.FloorOptions | None) -> dict[str, Any]:
    if f is None:
        return {}
    return {
        "intervention": [f.intervention.min, f.intervention.max],
        "pre_inscribed_list": f.pre_inscribed_list,
        "rounds": list(f.rounds),
    }


def _floor_of(data: Any) -> core.FloorOptions | None:
    if not isinstance(data, dict) or not data:
        return None
    base = core.FloorOptions()
    iv = data.get("intervention")
    return core.FloorOptions(
        intervention=core.Limit(int(iv[0]), int(iv[1])) if iv else base.intervention,
        pre_inscribed_list=bool(data.get("pre_inscribed_list", base.pre_inscribed_list)),
        rounds=tuple(data.get("rounds", base.rounds)),
    )


@transaction.atomic
def save_programme(p: core.Programme) -> SessionModel:
    """Store a (valid) core programme, replacing what the session with its slug had."""
    start, end = p.start_date, p.end_date
    assert start is not None and end is not None
    session, _created = SessionModel.objects.update_or_create(
        slug=p.slug,
        defaults={
            "title": p.title,
            "theme": p.theme,
            "series": p.series,
            "venue": p.venue,
            "city": p.city,
            "time_zone": p.time_zone,
            "start_date": start,
            "end_date": end,
            "limits": _limits_data(p.limits),
            "floor": _floor_data(p.floor),
            "day_hours": {
                "start": p.day_hours[0].strftime("%H:%M"),
                "end": p.day_hours[1].strftime("%H:%M"),
            },
            "moderators_may_be": list(p.moderators_may_be),
            "translations": {path: dict(pairs) for path, pairs in p.translations},
        },
    )
    # Segments are replaced; other apps' rows pointing at a segment (record) keep theirs when the
    # same segment (day, start, kind) comes back, so update those in place.
    old_segments = {
        (s.day.date, s.start, s.kind): s for s in session.segments.select_related("day")
    }
    session.people.all().delete()
    session.panels.all().delete()
    kept_days = {d.date: d for d in session.days.all()}
    zone = p.zone
    seen_segments: set[int] = set()
    for index, person in enumerate(p.co_chairs):
        _person(session, None, PanelPerson.Role.CO_CHAIR, person, index)
    for panel in p.panels:
        row = Panel.objects.create(
            session=session,
            kind=Panel.Kind.EXPERT,
            number=panel.number,
            title=panel.title,
            description=panel.description,
            limits=_limits_data(panel.limits),
            floor=_floor_data(panel.floor),
        )
        for i, m in enumerate(panel.moderators):
            _person(session, row, PanelPerson.Role.MODERATOR, m, i)
        for i, e in enumerate(panel.experts):
            _person(session, row, PanelPerson.Role.EXPERT, e, i)
    for sp in p.summary_panels:
        row = Panel.objects.create(
            session=session,
            kind=Panel.Kind.SUMMARY,
            number=sp.number,
            title=sp.title,
            description=sp.description,
            limits=_limits_data(sp.limits),
            floor=_floor_data(sp.floor),
        )
        for i, m in enumerate(sp.moderators):
            _person(session, row, PanelPerson.Role.SUMMARY_MODERATOR, m, i)
        _person(session, row, PanelPerson.Role.THEMATIC_EXPERT, sp.thematic_expert, 0)
    for day in p.days:
        day_row = kept_days.pop(day.date, None) or Day.objects.create(
            session=session, date=day.date
        )
        day_row.blocks.all().delete()
        day_row.side_event_windows.all().delete()
        for b in day.blocks:
            Block.objects.create(day=day_row, start=b.start, end=b.end)
        for w in day.side_event_windows:
            SideEventWindow.objects.create(day=day_row, start=w.start, end=w.end)
        for seg in day.segments:
            start_at = datetime.combine(day.date, seg.start, tzinfo=zone)
            end_at = datetime.combine(day.date, seg.end, tzinfo=zone)
            fields = {
                "session": session,
                "day": day_row,
                "kind": seg.kind,
                "title": seg.title,
                "description": seg.description,
                "start": start_at,
                "end": end_at,
                "panel_number": seg.panel_number,
                "side_events": seg.side_events,
            }
            seg_row = old_segments.pop((day.date, start_at, seg.kind), None)
            if seg_row is not None and seg_row.pk not in seen_segments:
                for k, v in fields.items():
                    setattr(seg_row, k, v)
                seg_row.save()
                seg_row.slots.all().delete()
            else:
                seg_row = Segment.objects.create(**fields)
            seen_segments.add(seg_row.pk)
            for i, speaker in enumerate(seg.speakers):
                _person(session, None, PanelPerson.Role.SPEAKER, speaker, i, seg_row)
            for order, slot in enumerate(p.slots(seg)):
                Slot.objects.create(
                    segment=seg_row,
                    order=order,
                    role=slot.role,
                    speaker=slot.speaker.name if slot.speaker else "",
                    entity=(slot.speaker.entity or "") if slot.speaker else "",
                    min_minutes=slot.limit.min,
                    max_minutes=slot.limit.max,
                )
    for leftover in old_segments.values():
        leftover.delete()
    for leftover_day in kept_days.values():
        leftover_day.delete()
    programme_saved.send(sender=SessionModel, session=session)
    return session


def _person(
    session: SessionModel,
    panel: Panel | None,
    role: str,
    p: core.Person,
    order: int,
    segment: Segment | None = None,
) -> None:
    PanelPerson.objects.create(
        session=session,
        panel=panel,
        segment=segment,
        role=role,
        name=p.name,
        entity=p.entity or "",
        gender=p.gender or "",
        title=p.title or "",
        part=p.role or "",
        order=order,
    )


def _core_person(row: PanelPerson) -> core.Person:
    return core.Person(
        name=row.name or "TBC",
        entity=row.entity or None,
        gender=row.gender or None,
        title=row.title or None,
        role=row.part or None,
    )


def _hm(value: str, default: time) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def programme_of(session: SessionModel) -> core.Programme:
    """The core programme of a stored session (for the rules, the budget, other apps)."""
    zone = core.zone_named(session.time_zone)
    people = list(session.people.all())
    panels: list[core.Panel] = []
    summaries: list[core.SummaryPanel] = []
    for row in session.panels.all():
        mine = [x for x in people if x.panel_id == row.pk]
        if row.kind == Panel.Kind.SUMMARY:
            te = next((x for x in mine if x.role == PanelPerson.Role.THEMATIC_EXPERT), None)
            summaries.append(
                core.SummaryPanel(
                    number=row.number or 1,  # stored before several: the only one
                    title=row.title,
                    description=row.description,
                    moderators=tuple(
                        _core_person(x)
                        for x in sorted(mine, key=lambda x: x.order)
                        if x.role == PanelPerson.Role.SUMMARY_MODERATOR
                    ),
                    thematic_expert=_core_person(te) if te else core.Person(),
                    limits=_limits_of(row.limits),
                    floor=_floor_of(row.floor),
                )
            )
        else:
            mods = [x for x in sorted(mine, key=lambda x: x.order) if x.role == "moderator"]
            panels.append(
                core.Panel(
                    number=row.number or 0,
                    title=row.title,
                    description=row.description,
                    moderators=tuple(_core_person(x) for x in mods) or (core.Person(),),
                    experts=tuple(
                        _core_person(x)
                        for x in sorted(mine, key=lambda x: x.order)
                        if x.role == PanelPerson.Role.EXPERT
                    ),
                    limits=_limits_of(row.limits),
                    floor=_floor_of(row.floor),
                )
            )
    panels.sort(key=lambda x: x.number)
    days: list[core.Day] = []
    all_segments = list(session.segments.all().order_by("start", "pk"))
    speakers: dict[int, list[PanelPerson]] = {}
    for x in people:
        if x.role == PanelPerson.Role.SPEAKER and x.segment_id is not None:
            speakers.setdefault(x.segment_id, []).append(x)
    for day in session.days.prefetch_related("blocks", "side_event_windows").order_by("date"):
        segs = []
        for s in all_segments:
            if s.day_id != day.pk:
                continue
            start = s.start.astimezone(zone)
            end = s.end.astimezone(zone)
            segs.append(
                core.Segment(
                    kind=s.kind,
                    start=start.time().replace(tzinfo=None),
                    end=end.time().replace(tzinfo=None),
                    title=s.title,
                    description=s.description,
                    panel_number=s.panel_number,
                    side_events=s.side_events,
                    speakers=tuple(
                        _core_person(x)
                        for x in sorted(speakers.get(s.pk, ()), key=lambda x: x.order)
                    ),
                )
            )
        days.append(
            core.Day(
                date=day.date,
                blocks=tuple(core.Block(b.start, b.end) for b in day.blocks.all()),
                segments=tuple(segs),
                side_event_windows=tuple(
                    core.Window(w.start, w.end) for w in day.side_event_windows.all()
                ),
            )
        )
    hours = session.day_hours if isinstance(session.day_hours, dict) else {}
    return core.Programme(
        slug=session.slug,
        title=session.title,
        time_zone=session.time_zone,
        days=tuple(days),
        theme=session.theme,
        series=session.series,
        venue=session.venue,
        city=session.city,
        co_chairs=tuple(
            _core_person(x)
            for x in sorted(people, key=lambda x: x.order)
            if x.role == PanelPerson.Role.CO_CHAIR
        ),
        panels=tuple(panels),
        summary_panels=tuple(sorted(summaries, key=lambda x: x.number)),
        limits=_limits_of(session.limits),
        floor=_floor_of(session.floor) or core.FloorOptions(),
        day_hours=(
            _hm(hours.get("start", ""), core.DEFAULT_DAY_HOURS[0]),
            _hm(hours.get("end", ""), core.DEFAULT_DAY_HOURS[1]),
        ),
        moderators_may_be=tuple(
            str(x) for x in (session.moderators_may_be or ()) if x in core.MODERATOR_KINDS
        )
        or core.DEFAULT_MODERATORS_MAY_BE,
        translations=tuple(
            (str(path), tuple(sorted((str(k), str(v)) for k, v in texts.items())))
            for path, texts in sorted((session.translations or {}).items())
            if isinstance(texts, dict)
        ),
    )


def floor_options(
    session: SessionModel, panel_number: int | None = None, summary: bool = False
) -> core.FloorOptions:
    """The floor options of a panel of a stored session (the session's when not overridden)."""
    return programme_of(session).floor_options(panel_number, summary)


def validate_session(session: SessionModel) -> list[core.Problem]:
    """The same rules as `podium check`, on what the database holds (no line numbers)."""
    return core.validate(programme_of(session))


# --- dumps --------------------------------------------------------------------------------


def programme_yaml(session: SessionModel) -> str:
    return sessionfile.dump(programme_of(session))


def programme_json_data(session: SessionModel) -> dict[str, Any]:
    """The session file's data plus, for readers, `format`, each segment's `starts_at`/`ends_at`
    (ISO 8601 with the venue's offset) and `people`, and the `budget` (ignored on import)."""
    p = programme_of(session)
    data: dict[str, Any] = {"format": sessionfile.FORMAT, **sessionfile.to_data(p)}
    for day, day_data in zip(p.days, data["days"], strict=True):
        for seg, seg_data in zip(day.segments, day_data["segments"], strict=True):
            start, end = core.utc_span(p, day, seg)
            seg_data["starts_at"] = start.isoformat()
            seg_data["ends_at"] = end.isoformat()
    data["budget"] = [core.budget_as_dict(b) for b in core.budget(p)]
    return data


def programme_json(session: SessionModel) -> str:
    return json.dumps(programme_json_data(session), ensure_ascii=False, indent=2) + "\n"
