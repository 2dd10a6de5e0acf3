"""What each screen is sent: the floor seen by one audience (pure).

Every change of the floor is one snapshot (`podium.core.floor.snapshot`); each audience is sent
only its part of it, and nothing when its part did not change:

- `room` (the projector): the segment, the round, the current speaker and their timer, the next
  three;
- `public` (the public live page, the webcast): the segment, the round, the current speaker;
- `delegate` (a delegation's phone): the segment (whether requests are open, the list closed),
  the current speaker, how many wait in each line, the pace; and per delegation its own request
  (`mine`: line, place, estimated wait in minutes), added for each phone by `with_mine`;
- `console` (those who run the floor): the whole snapshot (and its notes).

A view holds nothing that changes with the clock alone: timers are sent as their instants
(`started_at`, `limit_s`, `paused_total_s`, `paused_at`, `stopped_at`, `warning_s`) and screens
count down locally; so a view changes only when the floor does. `body(view)` is its JSON without
`version` and `server_time`, which the fan-out compares and frames (`frame`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import orjson

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
    }


_NEXT_KEYS: Final[tuple[str, ...]] = ("entity", "entity_name", "flag", "on_behalf_of", "line")


def room(snap: Mapping[str, Any]) -> dict[str, Any]:
    """The room's screen names the next three delegations (not the people, not their ids)."""
    out = _common(snap, "room")
    out["next"] = [_next(r) for r in list(snap.get("next") or [])[:3]]
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
    forecast = snap.get("forecast") or {}
    out["pace_s"] = forecast.get("pace_s")
    return out


def console(snap: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(snap)
    out.pop("version", None)
    out.pop("server_time", None)
    out["view"] = "console"
    return out


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
