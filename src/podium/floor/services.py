"""The floor of a stored session: its log in the database, its folded state cached per process.

- `state_of(session)`: the current state, loading only events newer than the cached one.
- `execute(session, command, expected_version=None)`: decide, append the events at
  `seq = last + 1` in one transaction, publish the new snapshot; a racing worker's insert fails on
  the `(session, seq)` constraint and the command is retried on the fresh state (or, when the
  client sent a stale `expected_version`, refused with `Stale`: "state changed, refresh").
- `segment_configs(session)`: the programme's segments as the floor engine's input.
- `snapshot_bytes(session, state)`: the snapshot every screen draws, encoded once.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from podium.core import floor as core
from podium.core.floor import Command, Event, FloorState, Refusal, SegmentConfig
from podium.floor.models import FloorEvent

log = logging.getLogger("podium.floor")


class Stale(Exception):
    """The floor changed since the client's `expected_version` (or stayed busy): refresh."""


# --- segments from the programme ----------------------------------------------------------


def segment_key(kind: str, panel_number: int | None, day: Any, start: Any) -> str:
    """A stable key for a programme segment: `panel-1`, `summary`, `welcome-2017-05-22-1000`."""
    if kind == "expert_panel" and panel_number is not None:
        return f"panel-{panel_number}"
    if kind == "summary_panel":
        return "summary"
    return f"{kind}-{day.date:%Y-%m-%d}-{start:%H%M}"


def segment_configs(session: Any) -> list[SegmentConfig]:
    """Every segment of the session where someone takes the floor, in time order."""
    from podium.core import programme as prog
    from podium.programme.services import programme_of

    p = programme_of(session)
    out: list[SegmentConfig] = []
    for day in p.days:
        for seg in day.segments:
            if seg.kind in prog.BREAK_KINDS:
                continue
            start, end = prog.utc_span(p, day, seg)
            summary = seg.kind == "summary_panel"
            slots = [
                {
                    "role": s.role,
                    "speaker": (s.speaker.name if s.speaker is not None else ""),
                    "entity": (s.speaker.entity or "") if s.speaker is not None else "",
                    "limit_s": s.limit.max * 60,
                }
                for s in p.slots(seg)
            ]
            limits = dict(core.DEFAULT_LIMITS)
            for s in slots:
                limits[str(s["role"])] = int(s["limit_s"])
            has_floor = seg.kind in prog.PANEL_KINDS
            opts = p.floor_options_of(seg)
            limits["floor"] = opts.intervention.max * 60
            reserve = 0
            if seg.kind == "expert_panel":
                reserve = p.limit("moderator_conclusion", seg.panel_number).max * 60
            out.append(
                SegmentConfig(
                    id=segment_key(seg.kind, seg.panel_number, day, seg.start),
                    kind=seg.kind,
                    title=p.segment_title(seg),
                    planned_start=start,
                    planned_end=end,
                    limits=limits,
                    floor_limit_s=opts.intervention.max * 60,
                    rounds=tuple(core.round_key(r) for r in opts.rounds) if has_floor else (),
                    pre_inscription=opts.pre_inscribed_list,
                    panel_number=seg.panel_number if not summary else None,
                    reserve_s=reserve,
                    slots=tuple(slots),
                )
            )
    return out


def segment_config(session: Any, key: str) -> SegmentConfig | None:
    return next((c for c in segment_configs(session) if c.id == key), None)


# --- state: the log folded, cached per process ----------------------------------------------


@dataclass(frozen=True)
class _Cached:
    state: FloorState
    last: tuple[str, datetime] | None  # (type, at) of the event at `state.version`


_cache: dict[int, _Cached] = {}
_cache_lock = threading.Lock()


def forget(session_pk: int | None = None) -> None:
    """Drop the cached state (of one session, or all): the next read folds the log again."""
    with _cache_lock:
        if session_pk is None:
            _cache.clear()
        else:
            _cache.pop(session_pk, None)


def _store(session_pk: int, state: FloorState, last: Event | None) -> None:
    entry = _Cached(state, (last.type, last.at) if last is not None else None)
    with _cache_lock:
        old = _cache.get(session_pk)
        if old is None or old.state.version <= state.version:
            _cache[session_pk] = entry


def _rows(session: Any, after: int) -> Iterable[FloorEvent]:
    return FloorEvent.objects.filter(session=session, seq__gt=after).order_by("seq")


def state_of(session: Any) -> FloorState:
    """The session's floor now: the cached fold plus the events appended since (one query)."""
    cached = _cache.get(session.pk)
    start = cached.state if cached is not None else core.initial_state()
    version = start.version
    # read the last known event too, to check the cache still describes this log
    rows = list(
        FloorEvent.objects.filter(session=session, seq__gte=max(1, version)).order_by("seq")
    )
    if version > 0:
        known = cached.last if cached is not None else None
        if (
            not rows
            or rows[0].seq != version
            or known is None
            or (rows[0].type, rows[0].at) != known
        ):
            # the log is not the one cached (a database reset, another test): fold it afresh
            forget(session.pk)
            start = core.initial_state()
            rows = list(_rows(session, 0))
        else:
            rows = rows[1:]
    events = [r.to_event() for r in rows]
    if not events:
        return start
    state = core.fold(events, start)
    _store(session.pk, state, events[-1])
    return state


def log_of(session: Any) -> list[Event]:
    return [r.to_event() for r in _rows(session, 0)]


# --- commands ---------------------------------------------------------------------------------


def execute(
    session: Any, command: Command, expected_version: int | None = None
) -> tuple[FloorState, list[Event]] | Refusal:
    """Accept or refuse a command; raises Stale when `expected_version` is not the current one.

    A session's commands are serialized: the transaction locks the session's row (PostgreSQL;
    SQLite's IMMEDIATE transactions hold the write lock from the start), reads the events newer
    than the cached state, decides and appends at `seq = last + 1`. The `(session, seq)`
    constraint still guards the log should two writers ever meet (another database, a
    nested transaction): the loser decides again on the new state.
    """
    from podium.programme.models import Session

    for attempt in range(30):
        try:
            with transaction.atomic():
                Session.objects.select_for_update().filter(pk=session.pk).values_list("pk").first()
                state = state_of(session)
                if expected_version is not None and expected_version != state.version:
                    raise Stale
                now = timezone.now()
                if state.last_at is not None and now < state.last_at:
                    now = state.last_at  # another worker's clock ran ahead: time never goes back
                out = core.decide(state, command, now)
                if isinstance(out, Refusal):
                    return out
                FloorEvent.objects.bulk_create(
                    [
                        FloorEvent.from_event(session, state.version + i, e)
                        for i, e in enumerate(out, 1)
                    ]
                )
        except IntegrityError:
            if expected_version is not None:
                raise Stale from None
            continue  # another writer appended first: decide again on the new state
        except OperationalError as exc:  # SQLite busy beyond its timeout, a lock timeout
            log.warning("floor write retry %d: %s", attempt, exc)
            time.sleep(min(0.5, 0.01 * (attempt + 1)) * (0.5 + random.random()))
            continue
        new = core.fold(out, state)
        _store(session.pk, new, out[-1])
        payload = snapshot_bytes(session, new, now)
        transaction.on_commit(functools.partial(_publish, session.slug, new.version, payload))
        return new, out
    raise Stale


def _publish(slug: str, version: int, payload: bytes) -> None:
    try:
        from podium.live.notify import publish
    except ImportError:  # pragma: no cover - the live app is part of the project
        return
    try:
        publish(slug, version, payload)
    except Exception:  # a screen missing one change resyncs by version; the command stands
        log.exception("could not publish floor v%d of %s", version, slug)


# --- snapshots ----------------------------------------------------------------------------------


def session_info(session: Any) -> dict[str, Any]:
    return {"slug": session.slug, "title": session.title, "time_zone": session.time_zone}


def snapshot_of(
    session: Any,
    state: FloorState | None = None,
    now: datetime | None = None,
    *,
    include_notes: bool = False,
) -> dict[str, Any]:
    st = state if state is not None else state_of(session)
    return core.snapshot(
        st, now or timezone.now(), session_info(session), include_notes=include_notes
    )


def snapshot_bytes(
    session: Any, state: FloorState | None = None, now: datetime | None = None
) -> bytes:
    return json.dumps(snapshot_of(session, state, now), ensure_ascii=False).encode("utf-8")


def provide(slug: str) -> tuple[int, bytes] | None:
    """The live layer's snapshot provider: (version, bytes) of a session, None if unknown."""
    from podium.programme.models import Session

    session = Session.objects.filter(slug=slug).first()
    if session is None:
        return None
    state = state_of(session)
    return state.version, snapshot_bytes(session, state)
