"""What each screen is sent: the floor seen by one audience (pure).

Every change of the floor is one snapshot (`podium.core.floor.snapshot`); each audience is sent
only its part of it, and nothing when its part did not change:

- `room` (the projector, the webcast's overlay): the segment, the round, the current speaker and
  their timer, the next ten (`ROOM_NEXT`: the round's lines first; its layouts show three, or
  all ten);
- `public` (the public live page, the webcast): the segment, the round, the current speaker;
- `delegate` (a delegation's phone): the segment (whether requests are open, the list closed),
  the current speaker, how many wait in each line, the pace; and per delegation its own request
  (`mine`: line, place, estimated wait in minutes), added for each phone by `with_mine`;
- `console` (those who run the floor): the whole snapshot and its notes, each line as its
  requests (which never change once made) and, beside it, their estimated waits in minutes
  (`waits`), so that a change sends a console only a patch (`console_patch`): the lines' new
  order, the requests it has not seen, and the top-level values that changed.

A view holds nothing that changes with the clock alone: timers are sent as their instants
(`started_at`, `limit_s`, `paused_total_s`, `paused_at`, `stopped_at`, `warning_s`) and screens
count down locally; so a view changes only when the floor does. `body(view)` is its JSON without
`version` and `server_time`, which the fan-out compares and frames (`frame`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import orjson

from podium.core.floor import LINES

AUDIENCES: Final[tuple[str, ...]] = ("room", "public", "delegate", "console")

_TIMER_KEYS: Final[tuple[str, ...]] = (
    "started_at",
    "limit_s",
    "paused_total_s",
    "paused_at",
    "stopped_at",
    "warning_s",
)
_CURRENT_KEYS: Final[tuple[str, ...]] = (
    "speaker",
    "entity",
    "entity_name",
    "flag",
    "on_behalf_of",
    "role",
    "represents",
    "represents_name",
    "called_at",
    "round",
    "language",
)
_SEGMENT_KEYS: Final[tuple[str, ...]] = (
    "id",
    "kind",
    "title",
    "panel_number",
    "floor_limit_s",
    "discussion_open",
    "requests_open",
    "list_closed",
    "planned_start",
    "planned_end",
)


def _pick(data: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: data.get(k) for k in keys}


def _current(snap: Mapping[str, Any]) -> dict[str, Any] | None:
    cur = snap.get("current")
    if not cur:
        return None
    out = _pick(cur, _CURRENT_KEYS)
    out["timer"] = _pick(cur.get("timer") or {}, _TIMER_KEYS)
    return out


def _segment(snap: Mapping[str, Any]) -> dict[str, Any] | None:
    seg = snap.get("segment")
    return _pick(seg, _SEGMENT_KEYS) if seg else None


def _common(snap: Mapping[str, Any], audience: str) -> dict[str, Any]:
    return {
        "view": audience,
        "session": snap.get("session") or {},
        "segment": _segment(snap),
        "round": snap.get("round", ""),
        "round_lines": snap.get("round_lines") or [],
        "current": _current(snap),
        "closed_segments": snap.get("closed_segments") or [],
        # per line: None when delegations may ask for the floor, else why not (list closed…)
        "requests": snap.get("requests") or {},
        "points_of_order": [
            {k: p.get(k) for k in ("entity", "entity_name", "flag")}
            for p in snap.get("points_of_order") or []
        ],
        # the chair's message and countdown for the room screens (and the public page)
        "message": snap.get("message") or "",
        "countdown": _countdown(snap.get("countdown")),
    }


def _countdown(c: Any) -> dict[str, Any] | None:
    if not c:
        return None
    return {**_pick(c, _TIMER_KEYS), "label": c.get("label") or ""}


def _replies(snap: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Who asked for a right of reply (a phone shows its own as noted)."""
    return [{"entity": r.get("entity")} for r in snap.get("replies") or []]


_NEXT_KEYS: Final[tuple[str, ...]] = ("entity", "entity_name", "flag", "on_behalf_of", "line")
# How many of those waiting the room is sent: its "line" layout shows ten, the others fewer.
ROOM_NEXT: Final = 10


def room(snap: Mapping[str, Any]) -> dict[str, Any]:
    """The room's screens name the next ten delegations (not the people, not their ids)."""
    out = _common(snap, "room")
    out["next"] = [_next(r) for r in upcoming(snap, ROOM_NEXT)]
    return out


def upcoming(snap: Mapping[str, Any], limit: int) -> list[Mapping[str, Any]]:
    """The first `limit` waiting, in the order they would speak: the current round's lines, then
    the others (`podium.core.floor.upcoming`, read from a snapshot's `lines`)."""
    lines = snap.get("lines") or {}
    in_round = [name for name in snap.get("round_lines") or [] if name in LINES]
    out: list[Mapping[str, Any]] = []
    for name in [*in_round, *(name for name in LINES if name not in in_round)]:
        for request in lines.get(name) or []:
            if len(out) >= limit:
                return out
            out.append(request)
    return out


def _next(request: Mapping[str, Any]) -> dict[str, Any]:
    out = _pick(request, _NEXT_KEYS)
    if request.get("line") == "panelists":  # a panelist is named: the programme says who
        out["speaker"] = request.get("speaker") or ""
    return out


def public(snap: Mapping[str, Any]) -> dict[str, Any]:
    return _common(snap, "public")


def delegate(snap: Mapping[str, Any]) -> dict[str, Any]:
    """The part every phone shares (`mine` is added per delegation by `with_mine`)."""
    out = _common(snap, "delegate")
    lines = snap.get("lines") or {}
    out["waiting"] = {name: len(items) for name, items in lines.items()}
    out["replies"] = _replies(snap)
    forecast = snap.get("forecast") or {}
    out["pace_s"] = forecast.get("pace_s")
    return out


_REQUEST_TIME_KEYS: Final[frozenset[str]] = frozenset({"place", "wait_s"})


def console(snap: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(snap)
    out.pop("version", None)
    out.pop("server_time", None)
    out["view"] = "console"
    out["current"] = _current_full(snap)
    out["countdown"] = _countdown(snap.get("countdown"))  # instants only, as every timer
    lines: dict[str, list[dict[str, Any]]] = {}
    waits: dict[str, list[int | None]] = {}
    for name, items in (snap.get("lines") or {}).items():
        lines[name] = [{k: v for k, v in r.items() if k not in _REQUEST_TIME_KEYS} for r in items]
        waits[name] = [_minutes(r.get("wait_s")) for r in items]
    out["lines"] = lines
    out["waits"] = waits
    return out


def _current_full(snap: Mapping[str, Any]) -> dict[str, Any] | None:
    """The console's current speaker: everything the snapshot says, the timer as instants."""
    cur = snap.get("current")
    if not cur:
        return None
    out = dict(cur)
    out["timer"] = _pick(cur.get("timer") or {}, _TIMER_KEYS)
    return out


def _minutes(seconds: Any) -> int | None:
    return None if seconds is None else max(0, round(float(seconds) / 60))


def console_patch(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """What turns the console view `old` into `new`: `set` (top-level values that changed),
    `lines` (per changed line its `order` of request ids and the `items` not in `old`), `waits`
    (the changed lines' waits). A client applies it to the view it holds at the patch's `base`
    version; any other client is sent the whole view."""
    patch: dict[str, Any] = {"view": "console"}
    changed = {k: v for k, v in new.items() if k not in ("lines", "waits") and old.get(k) != v}
    if changed:
        patch["set"] = changed
    old_lines, new_lines = old.get("lines") or {}, new.get("lines") or {}
    lines = {}
    for name, items in new_lines.items():
        before = old_lines.get(name) or []
        if before == items:
            continue
        known = {r.get("request_id") for r in before}
        lines[name] = {
            "order": [r.get("request_id") for r in items],
            "items": {r["request_id"]: r for r in items if r.get("request_id") not in known},
        }
    if lines:
        patch["lines"] = lines
    old_waits, new_waits = old.get("waits") or {}, new.get("waits") or {}
    waits = {k: v for k, v in new_waits.items() if old_waits.get(k) != v}
    if waits:
        patch["waits"] = waits
    return patch


def apply_patch(view: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """The console view a patch gives from `view` (what the console's script does)."""
    out = {**view, **(patch.get("set") or {})}
    for key in ("version", "server_time"):
        if key in patch:
            out[key] = patch[key]
    lines = dict(view.get("lines") or {})
    for name, change in (patch.get("lines") or {}).items():
        known = {r.get("request_id"): r for r in lines.get(name) or []}
        items = change.get("items") or {}
        lines[name] = [items.get(i) or known[i] for i in change.get("order") or []]
    out["lines"] = lines
    out["waits"] = {**(view.get("waits") or {}), **(patch.get("waits") or {})}
    return out


def patch_frame(version: int, base: int, server_time: str, patch: Mapping[str, Any]) -> bytes:
    """A console's message for a patch: `version`, `server_time`, the `base` version it applies
    to, then the patch."""
    return frame(version, server_time, b'{"base":%d,' % base + body(patch)[1:])


VIEWS: Final = {"room": room, "public": public, "delegate": delegate, "console": console}


def of(snap: Mapping[str, Any], audience: str) -> dict[str, Any]:
    """The view of `audience` (one of AUDIENCES) of a full snapshot."""
    return VIEWS[audience](snap)


def requests_by_entity(snap: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each waiting delegation's own request, as its phone shows it: its line, place, id, the
    group it speaks for and the estimated wait in whole minutes (from the snapshot's forecast)."""
    out: dict[str, dict[str, Any]] = {}
    for name, items in (snap.get("lines") or {}).items():
        for item in items:
            code = str(item.get("entity") or "").upper()
            if not code:
                continue
            wait = item.get("wait_s")
            out[code] = {
                "request_id": item.get("request_id"),
                "line": name,
                "place": item.get("place"),
                "on_behalf_of": item.get("on_behalf_of") or "",
                "speaker": item.get("speaker") or "",
                "wait_min": None if wait is None else max(0, round(float(wait) / 60)),
            }
    return out


def body(view: Mapping[str, Any]) -> bytes:
    """A view's JSON (UTF-8), without `version` and `server_time`: what is compared to know
    whether an audience's view changed."""
    return orjson.dumps(view, option=orjson.OPT_NON_STR_KEYS)


def with_mine(shared: bytes, mine: Mapping[str, Any]) -> bytes:
    """A phone's body: the shared delegate body with `mine` ({code: request or null}) added."""
    return shared[:-1] + b',"mine":' + orjson.dumps(mine) + b"}"


def frame(version: int, server_time: str, view_body: bytes) -> bytes:
    """The message a screen receives: `version` and `server_time`, then the view's body."""
    head = b'{"version":%d,"server_time":%s' % (version, orjson.dumps(server_time))
    return head + (b"," + view_body[1:] if view_body != b"{}" else b"}")
