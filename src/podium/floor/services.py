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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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


# The hot path (every command, every state read) speaks SQL directly: two small parametrized
# statements instead of an ORM queryset compiled anew each time (about a millisecond per command).


def _sql() -> tuple[str, str]:
    """(select rows from seq N on, insert one row) for the default database's dialect."""
    q = connection.ops.quote_name
    table = q(FloorEvent._meta.db_table)
    cols = ", ".join(q(c) for c in ("seq", "type", "at", "by", "data"))
    select = f"SELECT {cols} FROM {table} WHERE {q('session_id')} = %s AND {q('seq')} >= %s ORDER BY {q('seq')}"
    data = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    insert = f"INSERT INTO {table} ({q('session_id')}, {cols}) VALUES (%s, %s, %s, %s, %s, {data})"
    return select, insert


_sql_of: dict[str, tuple[str, str]] = {}


def _statements() -> tuple[str, str]:
    found = _sql_of.get(connection.vendor)
    if found is None:
        found = _sql_of[connection.vendor] = _sql()
    return found


def _instant(value: Any) -> datetime:
    if isinstance(value, str):  # SQLite: naive UTC text
        parsed = parse_datetime(value)
        assert parsed is not None, value
        value = parsed
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _read(session_pk: int, from_seq: int) -> list[tuple[int, Event]]:
    """The session's events with `seq >= from_seq`, in order (one indexed query)."""
    with connection.cursor() as cur:
        cur.execute(_statements()[0], [session_pk, from_seq])
        rows = cur.fetchall()
    out = []
    for seq, type_, at, by, data in rows:
        if isinstance(data, (str, bytes)):
            data = json.loads(data)
        out.append((seq, Event(type=type_, at=_instant(at), data=dict(data or {}), by=by or "")))
    return out


def _append(session_pk: int, after: int, events: list[Event]) -> None:
    """Insert the events at `after + 1`, `after + 2`…; the (session, seq) constraint refuses a
    seq another writer took (IntegrityError)."""
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cur:
        cur.executemany(
            _statements()[1],
            [
                (session_pk, after + i, e.type, adapt(e.at), e.by, json.dumps(dict(e.data)))
                for i, e in enumerate(events, 1)
            ],
        )


def _lock(session_pk: int) -> None:
    """Hold the session's row until the transaction ends (PostgreSQL); SQLite's IMMEDIATE
    transaction already holds the database's write lock."""
    if not connection.features.has_select_for_update:
        return
    from podium.programme.models import Session

    q = connection.ops.quote_name
    table, pk = q(Session._meta.db_table), q(Session._meta.pk.column)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {pk} FROM {table} WHERE {pk} = %s FOR UPDATE", [session_pk])


_session_sql: dict[str, str] = {}


def session_by_slug(slug: str) -> Any:
    """The programme session with this slug, or None: what `Session.objects.filter(slug=…)`
    reads, compiled once per process (the command path asks it on every request)."""
    from podium.programme.models import Session

    sql = _session_sql.get(connection.vendor)
    if sql is None:
        sql = _session_sql[connection.vendor] = str(
            Session.objects.filter(slug="").order_by().query.sql_with_params()[0]
        )
    found = list(Session.objects.raw(sql, [slug]))
    return found[0] if found else None


_person_sql: dict[str, str] = {}


def person_of(user: Any) -> Any:
    """The user's `Person` (None without one), as `user.person` reads it, compiled once."""
    from podium.people.models import Person

    if not getattr(user, "pk", None):
        return None
    sql = _person_sql.get(connection.vendor)
    if sql is None:
        sql = _person_sql[connection.vendor] = str(
            Person.objects.filter(user_id=0).order_by().query.sql_with_params()[0]
        )
    found = list(Person.objects.raw(sql, [user.pk]))
    return found[0] if found else None


def cached_state(session: Any) -> FloorState:
    """This process's latest state of the session without asking the database (it may be
    behind another worker's: `execute` decides on the database's state)."""
    cached = _cache.get(session.pk)
    return cached.state if cached is not None else state_of(session)


def state_of(session: Any) -> FloorState:
    """The session's floor now: the cached fold plus the events appended since (one query)."""
    cached = _cache.get(session.pk)
    start = cached.state if cached is not None else core.initial_state()
    version = start.version
    # read the last known event too, to check the cache still describes this log
    rows = _read(session.pk, max(1, version))
    if version > 0:
        known = cached.last if cached is not None else None
        if (
            not rows
            or rows[0][0] != version
            or known is None
            or (rows[0][1].type, rows[0][1].at) != known
        ):
            # the log is not the one cached (a database reset, another test): fold it afresh
            forget(session.pk)
            start = core.initial_state()
            rows = _read(session.pk, 1)
        else:
            rows = rows[1:]
    events = [e for _seq, e in rows]
    if not events:
        return start
    state = core.fold(events, start)
    _store(session.pk, state, events[-1])
    return state


def log_of(session: Any) -> list[Event]:
    return [r.to_event() for r in FloorEvent.objects.filter(session=session).order_by("seq")]


# --- commands ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """An accepted command: the new state, its events, when, and the public snapshot's bytes
    (published to every screen; the answer to a client who does not see the notes)."""

    state: FloorState
    events: list[Event]
    now: datetime
    payload: bytes


_writer_locks: dict[int, threading.Lock] = {}


@contextmanager
def _one_writer(session_pk: int) -> Iterator[None]:
    """On SQLite, this process's commands on a session take turns before asking for the file's
    write lock: the waiting threads queue here and wake as soon as the previous command is done,
    instead of polling the busy file with growing sleeps. The database's lock and the
    (session, seq) constraint still serialize the processes. (PostgreSQL wakes a row lock's
    waiter at once: no gate.) Not taken inside an outer transaction, which may already hold the
    database's lock."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _cache_lock:
        gate = _writer_locks.setdefault(session_pk, threading.Lock())
    got = gate.acquire(timeout=30)  # never wait forever: the database still serializes
    try:
        yield
    finally:
        if got:
            gate.release()


def execute(
    session: Any, command: Command, expected_version: int | None = None
) -> tuple[FloorState, list[Event]] | Refusal:
    """Accept or refuse a command; raises Stale when `expected_version` is not the current one.
    (See `accept`.)"""
    out = accept(session, command, expected_version)
    if isinstance(out, Refusal):
        return out
    return out.state, out.events


def accept(
    session: Any,
    command: Command | Callable[[FloorState], Command],
    expected_version: int | None = None,
) -> Accepted | Refusal:
    """Accept or refuse a command; raises Stale when `expected_version` is not the current one.

    A session's commands are serialized: the transaction locks the session's row (PostgreSQL;
    SQLite's IMMEDIATE transactions hold the write lock from the start), reads the events newer
    than the cached state, decides and appends at `seq = last + 1`. The `(session, seq)`
    constraint still guards the log should two writers ever meet (another database, a
    nested transaction): the loser decides again on the new state.

    `command` may be a function of the state the command is decided on (in the transaction), to
    check permissions and fill fields against that very state; an exception it raises rolls the
    transaction back and propagates.
    """
    for attempt in range(30):
        try:
            with _one_writer(session.pk), transaction.atomic():
                _lock(session.pk)
                state = state_of(session)
                if expected_version is not None and expected_version != state.version:
                    raise Stale
                cmd = command if isinstance(command, Command) else command(state)
                now = timezone.now()
                if state.last_at is not None and now < state.last_at:
                    now = state.last_at  # another worker's clock ran ahead: time never goes back
                out = core.decide(state, cmd, now)
                if isinstance(out, Refusal):
                    return out
                _append(session.pk, state.version, out)
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
        return Accepted(new, out, now, payload)
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


def with_notes(payload: bytes, state: FloorState) -> bytes:
    """The snapshot's bytes with `notes` added (what those who run the floor get), without
    building the snapshot again."""
    notes = json.dumps(core.notes_json(state), ensure_ascii=False).encode("utf-8")
    return payload[:-1] + b', "notes": ' + notes + b"}"


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
