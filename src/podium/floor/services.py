"""The floor of a stored session: its log in the database, its folded state cached per process.

- `state_of(session)`: the current state, loading only events newer than the cached one.
- `accept(session, command, actor, directory, ticket)`: decide (who may, then the rules), append
  the events at `seq = last + 1` in one transaction, publish the new snapshot; a racing
  worker's insert fails on the `(session, seq)` constraint and the command is decided again on
  the fresh state (or, when the client sent a stale `expected_version`, refused with `Stale`:
  "state changed, refresh"). `execute` is the same for scripts and tests.
- `segment_configs(session)`: the programme's segments as the floor engine's input;
  `directory_of(session)`: what the floor may name (entities, segments).
- `snapshot_bytes(session, state)`: the snapshot every screen draws, encoded once.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from podium import db
from podium.core import commands, views
from podium.core import floor as core
from podium.core import programme as prog
from podium.core.commands import Actor, Command, Context, Directory, EntityInfo, Refusal
from podium.core.floor import Event, FloorState, SegmentConfig
from podium.floor.models import FloorEvent
from podium.floor.signals import floor_changed
from podium.live import notify
from podium.people import directory as people_directory
from podium.people import permissions
from podium.programme.models import Session
from podium.programme.services import programme_of

log = logging.getLogger("podium.floor")


class Stale(Exception):
    """The floor changed since the client's `expected_version` (or stayed busy): refresh."""


# --- segments from the programme ----------------------------------------------------------


def segment_key(kind: str, panel_number: int | None, day: Any, start: Any) -> str:
    """A stable key for a programme segment: `panel-1`, `summary` (summary panel 1, the only one
    of most sessions), `summary-2`, `welcome-2017-05-22-1000`."""
    if kind == "expert_panel" and panel_number is not None:
        return f"panel-{panel_number}"
    if kind == "summary_panel":
        return "summary" if panel_number in (None, 1) else f"summary-{panel_number}"
    return f"{kind}-{day.date:%Y-%m-%d}-{start:%H%M}"


def segment_configs(session: Any) -> list[SegmentConfig]:
    """Every segment of the session where someone takes the floor, in time order."""
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
                    "min_s": s.limit.min * 60,  # the shortest planned (the forecast's range)
                }
                for s in p.slots(seg)
            ]
            limits = dict(core.DEFAULT_LIMITS)
            for s in slots:
                limits[str(s["role"])] = int(s["limit_s"])
            has_floor = seg.kind in prog.PANEL_KINDS
            opts = p.floor_options_of(seg)
            limits["floor"] = opts.intervention.max * 60
            n = seg.panel_number
            limits["reply"] = p.limit("reply", n, summary).max * 60  # its own limit
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


@dataclass(frozen=True)
class SessionDirectory:
    """The core's `Directory` for one session: entities from the people app's memory, segments
    from the programme (read only by `open_segment`)."""

    session: Any

    def entity(self, code: str) -> EntityInfo | None:
        return people_directory.entity_info(code)

    def segment(self, key: str) -> SegmentConfig | None:
        return segment_config(self.session, key)


def directory_of(session: Any) -> SessionDirectory:
    people_directory.entity_info("")  # read now if stale, not inside the floor's transaction
    return SessionDirectory(session)


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


def _sql() -> tuple[str, str, str]:
    """(select rows from seq N on, insert into the table, one row's values) for the default
    database's dialect."""
    q = connection.ops.quote_name
    table = q(FloorEvent._meta.db_table)
    cols = ", ".join(q(c) for c in ("seq", "type", "at", "by", "data"))
    select = f"SELECT {cols} FROM {table} WHERE {q('session_id')} = %s AND {q('seq')} >= %s ORDER BY {q('seq')}"
    data = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    return (
        select,
        f"INSERT INTO {table} ({q('session_id')}, {cols}) VALUES ",
        f"(%s, %s, %s, %s, %s, {data})",
    )


_sql_of: dict[str, tuple[str, str, str]] = {}


def _statements() -> tuple[str, str, str]:
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


def _append(session_pk: int, after: int, events: list[Event], rows: list[bytes]) -> None:
    """Insert the events at `after + 1`, `after + 2`… in one statement (`rows`: each one's
    fields, encoded); the (session, seq) constraint refuses a seq another writer took
    (IntegrityError)."""
    adapt = connection.ops.adapt_datetimefield_value
    _select, insert, row = _statements()
    with connection.cursor() as cur:
        for start in range(0, len(events), 500):  # well within SQLite's limit on parameters
            chunk = events[start : start + 500]
            params: list[Any] = []
            for i, (e, data) in enumerate(zip(chunk, rows[start : start + 500], strict=True)):
                params += (session_pk, after + start + 1 + i, e.type, adapt(e.at), e.by)
                params.append(data.decode())
            cur.execute(insert + ", ".join([row] * len(chunk)), params)


def _lock(session_pk: int) -> None:
    """Hold the session's row until the transaction ends (PostgreSQL); SQLite's IMMEDIATE
    transaction already holds the database's write lock."""
    if not connection.features.has_select_for_update:
        return
    q = connection.ops.quote_name
    table, pk = q(Session._meta.db_table), q(Session._meta.pk.column)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {pk} FROM {table} WHERE {pk} = %s FOR UPDATE", [session_pk])


_session_by_slug = db.first_by("programme.Session", "slug")


def session_by_slug(slug: str) -> Any:
    """The programme session with this slug, or None (the command path asks it on every
    request: a statement built once, see `podium.db`)."""
    return _session_by_slug(slug)


def prepare_connection() -> None:
    """Run the command path's reads once on this thread's connection, matching nothing: the
    statements are built and the database loads the tables' metadata now (PostgreSQL does it
    once per connection), not for the first commands after a start."""
    session_by_slug("")
    _read(0, 1)
    permissions.prepare_connection()


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
    """An accepted command: the floor after it, its events, when, and the public snapshot's bytes
    (published to every screen; the answer to a client who does not see the notes).

    Commands that waited while another batch was written are decided together (see `accept`):
    `state` and `payload` are then the floor after the whole batch, which includes this
    command's events (`events`) and those decided right after it."""

    state: FloorState
    events: list[Event]
    now: datetime
    payload: bytes


class _Waiting:
    """A command waiting for its turn in this process's queue for one session."""

    __slots__ = ("command", "actor", "directory", "ticket", "woken", "outcome")

    def __init__(self, command: Command, actor: Actor, directory: Directory, ticket: int) -> None:
        self.command = command
        self.actor = actor
        self.directory = directory
        self.ticket = ticket
        self.woken = threading.Event()
        # Accepted | Refusal | an exception to raise in the caller's thread; None: not decided
        self.outcome: Accepted | Refusal | BaseException | None = None

    def settle(self, outcome: Accepted | Refusal | BaseException) -> None:
        self.outcome = outcome
        self.woken.set()


class _Queue:
    """A session's commands in this process: those waiting to be decided, and the tickets of
    those that arrived but are still on their way (authentication, permissions)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.waiting: list[_Waiting] = []
        self.on_the_way: set[int] = set()
        self.leader: _Waiting | None = None


_queues: dict[str, _Queue] = {}
_queues_lock = threading.Lock()
_tickets = itertools.count(1)

# How long the floor waits for a command that arrived earlier than those ready to be decided
# (it is being authenticated); past it, those ready go first rather than hold the floor.
ARRIVAL_WAIT_S = 0.5


def arrived(slug: str) -> int:
    """Note that a command for the session has just arrived (the ASGI layer calls this as it
    receives the request, before any other work): its ticket. Commands are decided in ticket
    order, so the line keeps the order in which requests to speak reached the server even when
    one takes longer than the next to be authenticated."""
    ticket = next(_tickets)
    with _queues_lock:  # held while the ticket is added: `gone` never drops a queue in use
        q = _queues.get(slug)
        if q is None:
            q = _queues[slug] = _Queue()
        with q.cond:
            q.on_the_way.add(ticket)
    return ticket


def gone(slug: str, ticket: int) -> None:
    """The request with this ticket is answered (or never got to `accept`): stop waiting for it;
    a queue left with nothing in it is dropped (a slug that names no session leaves nothing)."""
    with _queues_lock:
        q = _queues.get(slug)
        if q is None:
            return
        with q.cond:
            if ticket in q.on_the_way:
                q.on_the_way.discard(ticket)
                q.cond.notify_all()
            if not q.on_the_way and not q.waiting and q.leader is None:
                del _queues[slug]


def execute(
    session: Any, command: Command | dict[str, Any], actor: Actor | None = None
) -> tuple[FloorState, list[Event]] | Refusal:
    """Accept or refuse a command for scripts, the demo and tests (`command` may be its fields
    as a dict; `actor` defaults to the floor's operator, who chairs everything). Raises Stale
    when its `expected_version` is not the current one. (See `accept`.)"""
    cmd = command if not isinstance(command, dict) else commands.command(**command)
    out = accept(session, cmd, actor or Actor.system(), directory_of(session))
    if isinstance(out, Refusal):
        return out
    return out.state, out.events


def accept(
    session: Any,
    command: Command,
    actor: Actor,
    directory: Directory,
    ticket: int | None = None,
) -> Accepted | Refusal:
    """Accept or refuse a command (parsed: `podium.core.commands.parse`) sent by `actor`; raises
    Stale when its `expected_version` is not the current one.

    A session's commands are serialized: a transaction locks the session's row (PostgreSQL;
    SQLite's IMMEDIATE transactions hold the write lock from the start), reads the events newer
    than the cached state, decides and appends at `seq = last + 1`. The `(session, seq)`
    constraint still guards the log should two writers ever meet (another process on SQLite, a
    nested transaction): the loser decides again on the new state. Who may send the command is
    judged there too, on the very state it is decided on (`commands.decide` authorizes first).

    Within a process, a session's commands are decided in arrival order (`ticket`, from
    `arrived`; a command without one counts as arriving now), and those that arrived while a
    transaction was being written are decided one after the other in the next one (group
    commit): one lock, one read of the log, one commit, one snapshot and one publication for the
    lot. A burst (200 delegations asking for the floor within a second) then costs a few
    transactions instead of 200 in a row; a lone command is a batch of one.

    Each command of a batch gets its own outcome: one that is refused, raises, or whose events
    the database will not store is refused alone (the batch is decided again without it, each
    command in a transaction of its own), and the others are written.
    """
    item = _Waiting(command, actor, directory, ticket if ticket is not None else next(_tickets))
    if connection.in_atomic_block:  # inside the caller's transaction: decide it there, alone
        _decide(session, [item], publish_on_commit=True)
        return _outcome(item)
    with _queues_lock:  # as in `arrived`: the queue is not dropped while this joins it
        q = _queues.get(session.slug)
        if q is None:
            q = _queues[session.slug] = _Queue()
        with q.cond:
            q.waiting.append(item)
            q.on_the_way.discard(item.ticket)
            q.cond.notify_all()
            if q.leader is None:
                q.leader = item
                item.woken.set()
    while True:
        item.woken.wait()
        if item.outcome is not None:
            return _outcome(item)
        # this thread's turn to decide the commands that are ready
        with q.cond:
            batch = _ready(q)
        try:
            _decide(session, batch)
        finally:
            for other in batch:
                if other.outcome is None:  # pragma: no cover - _decide settles every one
                    other.settle(Stale())
            with q.cond:  # hand the turn to the earliest still waiting (perhaps this one)
                q.leader = min(q.waiting, key=_by_ticket) if q.waiting else None
                if q.leader is not None:
                    q.leader.woken.set()
                if item.outcome is None and q.leader is not item:
                    item.woken.clear()


def _by_ticket(item: _Waiting) -> int:
    return item.ticket


def _ready(q: _Queue) -> list[_Waiting]:
    """The waiting commands that arrived before any still on its way, in arrival order (the
    caller holds `q.cond`); waits for those on their way, at most ARRIVAL_WAIT_S."""
    deadline = time.monotonic() + ARRIVAL_WAIT_S
    while True:
        q.waiting.sort(key=_by_ticket)
        first_on_the_way = min(q.on_the_way, default=None)
        if first_on_the_way is None:
            ready = q.waiting
        else:
            ready = [w for w in q.waiting if w.ticket < first_on_the_way]
        left = deadline - time.monotonic()
        if ready:
            break
        if left <= 0:  # it is taking too long: decide those here, and stop waiting for it
            ready = q.waiting
            last = ready[-1].ticket
            q.on_the_way = {t for t in q.on_the_way if t > last}
            break
        q.cond.wait(left)
    q.waiting = q.waiting[len(ready) :]
    return ready


def _outcome(item: _Waiting) -> Accepted | Refusal:
    out = item.outcome
    if isinstance(out, BaseException):
        raise out
    assert out is not None
    return out


def _decide(session: Any, batch: list[_Waiting], publish_on_commit: bool = False) -> None:
    """Decide the batch's commands in order in one transaction and settle each of them."""
    for attempt in range(30):
        try:
            with transaction.atomic():
                _lock(session.pk)
                start = state_of(session)
                state, events, rows, decided = _in_order(start, batch)
                payload = b""
                if events:
                    _append(session.pk, start.version, events, rows)
                    # built before the commit: a state that cannot be shown is not written
                    payload = snapshot_bytes(session, state, timezone.now())
        except IntegrityError:
            continue  # another writer appended first: decide again on the new state
        except OperationalError as exc:
            if connection.vendor != "sqlite" and not connection.is_usable():
                _settle_all(batch, exc)  # the database is gone: refused, nothing written
                return
            # SQLite busy beyond its timeout, a lock timeout: wait a little and try again
            log.warning("floor write retry %d: %s", attempt, exc)
            time.sleep(min(0.5, 0.01 * (attempt + 1)) * (0.5 + random.random()))
            continue
        except Exception:
            # a value the database refuses (DataError) or a state that cannot be drawn: one
            # command is at fault; decide each alone so that only that one is refused
            if len(batch) > 1:
                for item in batch:
                    _decide(session, [item], publish_on_commit)
                return
            log.exception("floor command not recorded: %r", batch[0].command)
            batch[0].settle(_refusal("not_recorded"))
            return
        break
    else:
        _settle_all(batch, Stale())
        return

    if events:
        _store(session.pk, state, events[-1])
        after = functools.partial(_after_commit, session, state, payload, events)
        if publish_on_commit:
            transaction.on_commit(after, robust=True)
        else:
            after()
    for item, outcome in decided:
        if isinstance(outcome, tuple):
            own, when = outcome
            item.settle(Accepted(state, own, when, payload))
        else:
            item.settle(outcome)


def _refusal(code: str) -> Refusal:
    return Refusal(code)


def _row(event: Event) -> bytes:
    """An event's fields as the log stores them; ValueError for what no database should hold (a
    NUL, which PostgreSQL refuses in JSON; lone surrogates make orjson refuse)."""
    data = orjson.dumps(dict(event.data))
    if b"\\u0000" in data:
        raise ValueError("NUL in an event's field")
    return data


def _in_order(
    state: FloorState, batch: list[_Waiting]
) -> tuple[FloorState, list[Event], list[bytes], list[tuple[_Waiting, Any]]]:
    """Each command decided on the state the previous ones left: the final state, all the
    events and their stored fields, and per command its outcome — (events, when) if accepted,
    else the Refusal or Stale. A command whose decision raises is refused alone
    (`not_recorded`); a database error propagates (the transaction is broken)."""
    events: list[Event] = []
    rows: list[bytes] = []
    decided: list[tuple[_Waiting, Any]] = []
    for item in batch:
        cmd = item.command
        if cmd.expected_version is not None and cmd.expected_version != state.version:
            decided.append((item, Stale()))
            continue
        # another worker's clock may have run ahead: time never goes back
        now = max(timezone.now(), state.last_at) if state.last_at else timezone.now()
        try:
            out = commands.decide(state, cmd, Context(item.actor, now, item.directory))
            if isinstance(out, Refusal):
                decided.append((item, out))
                continue
            after = core.fold(out, state)
            own = [_row(e) for e in out]
        except DatabaseError:
            raise
        except Exception:
            log.exception("floor command failed: %r", cmd)
            decided.append((item, _refusal("not_recorded")))
            continue
        state = after
        events.extend(out)
        rows.extend(own)
        decided.append((item, (out, now)))
    return state, events, rows, decided


def _settle_all(batch: list[_Waiting], outcome: BaseException) -> None:
    for item in batch:
        item.settle(outcome)


def _after_commit(session: Any, state: FloorState, payload: bytes, events: list[Event]) -> None:
    """Publish the new snapshot and its notes (each screen gets its own view of them, see
    `podium.core.views`), then tell the other apps what happened (`floor_changed`: the record
    makes statements public once their delegation is heard)."""
    _publish(session.slug, state.version, payload, encode(core.notes_json(state)))
    for receiver, result in floor_changed.send_robust(sender=Event, session=session, events=events):
        if isinstance(result, Exception):
            log.error("floor_changed receiver %r failed: %s", receiver, result)


def _publish(slug: str, version: int, payload: bytes, notes: bytes) -> None:
    try:
        notify.publish(slug, version, payload, notes)
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
    at = now or timezone.now()
    snap = core.snapshot(st, at, session_info(session), include_notes=include_notes)
    snap["allowed"] = commands.available(st, at)  # the console's buttons: the core's rules
    snap["requests"] = commands.requests_by_line(st)  # may a delegation ask now, per line
    return snap


def view_bytes(session: Any, state: FloorState, audience: str, delegations: list[str]) -> bytes:
    """What a screen of `audience` is sent (`podium.core.views`), as the socket sends it:
    `delegations`, for a phone, are those whose own request it shows (`mine`)."""
    snap = snapshot_of(session, state, include_notes=audience == "console")
    return _view(snap, audience, delegations)


def view_of_payload(payload: bytes, audience: str, delegations: list[str]) -> bytes:
    """`view_bytes` from an encoded snapshot (a command's answer, as the phone sees it)."""
    return _view(orjson.loads(payload), audience, delegations)


def _view(snap: dict[str, Any], audience: str, delegations: list[str]) -> bytes:
    body = views.body(views.of(snap, audience))
    if audience == "delegate":
        own = views.requests_by_entity(snap)
        body = views.with_mine(body, {code: own.get(code) for code in delegations})
    return views.frame(snap["version"], snap["server_time"], body)


def encode(obj: Any) -> bytes:
    """JSON for the screens and the API, UTF-8 (orjson: ~15× faster than the standard library on a
    200-request line, which is encoded once per change). A lone surrogate (in a log written
    before the floor refused them) is shown as U+FFFD rather than failing every screen."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return orjson.dumps(_printable(obj), option=orjson.OPT_NON_STR_KEYS)


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    return value


def with_notes(payload: bytes, state: FloorState) -> bytes:
    """The snapshot's bytes with `notes` added (what those who run the floor get), without
    building the snapshot again."""
    return payload[:-1] + b',"notes":' + encode(core.notes_json(state)) + b"}"


def snapshot_bytes(
    session: Any, state: FloorState | None = None, now: datetime | None = None
) -> bytes:
    return encode(snapshot_of(session, state, now))


def provide(slug: str) -> tuple[int, bytes] | None:
    """The live layer's snapshot provider: (version, bytes, notes) of a session (the notes for
    the consoles' view), None if unknown."""
    session = session_by_slug(slug)
    if session is None:
        return None
    state = state_of(session)
    return state.version, snapshot_bytes(session, state), encode(core.notes_json(state))
