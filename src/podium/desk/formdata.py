"""The desk's form and the session file's data, both ways.

The form names each field by its path in the session file ("title", "days.0.segments.2.time",
"panels.1.experts"), so that a problem `podium check` finds on a line (via
`sessionfile.paths_by_line`) lands next to the field it is about. What the form does not show
(limits, floor rules, descriptions of segments, speakers' roles…) is kept from the draft.

People are one per line, "Name (ENTITY)" or "Name"; a person named as before keeps what the
form does not show (gender, title). Time ranges are "10:00-13:00, 15:00-18:00".
"""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from typing import Any

from django.http import QueryDict

from podium.core import programme as core

SESSION_FIELDS = ("slug", "title", "theme", "series", "venue", "city", "time_zone")
REQUIRED = {"slug", "title", "time_zone"}  # kept even when empty, so that the check names them
MAX_ITEMS = 60  # days, segments of a day, panels: a bound on what one form may hold
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,99}")
_PERSON = re.compile(r"^(?P<name>.*?)\s*\((?P<entity>[A-Za-z][\w-]{0,39})\)\s*$")


def person_line(p: Any) -> str:
    if isinstance(p, dict):
        name, entity = str(p.get("name", "")), str(p.get("entity", "") or "")
    else:
        name, entity = str(p or ""), ""
    return f"{name} ({entity})" if entity else name


def people_text(items: Any) -> str:
    if isinstance(items, dict):
        items = [items]
    return "\n".join(person_line(p) for p in items or [])


def _people(text: str, before: Any) -> list[Any]:
    """People from lines; someone named as before keeps their other details."""
    if isinstance(before, dict):
        before = [before]
    known = {person_line(p): p for p in before or [] if isinstance(p, dict)}
    out: list[Any] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line in known:
            out.append(copy.deepcopy(known[line]))
            continue
        m = _PERSON.match(line)
        out.append({"name": m["name"], "entity": m["entity"].upper()} if m else {"name": line})
    return out


def _plain(value: Any) -> Any:
    """A text the file may give in several languages ({en: …, fr: …}): the form edits the
    original (English, else the first); the other languages are kept as they are."""
    if isinstance(value, dict):
        return value.get("en") or next(iter(value.values()), "")
    return value


def _relocalized(before: Any, text: str) -> Any:
    if isinstance(before, dict) and text:
        key = "en" if "en" in before else next(iter(before), "en")
        return {**before, key: text}
    return text


def _ranges(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[,;\n]", text) if x.strip()]


def _number(text: str) -> Any:
    text = text.strip()
    return int(text) if re.fullmatch(r"[0-9]{1,4}", text) else text


def _count(post: QueryDict, name: str) -> int:
    raw = post.get(name, "0")
    return min(int(raw), MAX_ITEMS) if re.fullmatch(r"[0-9]{1,3}", raw) else 0


def _set(d: dict[str, Any], key: str, value: Any, keep_empty: bool = False) -> None:
    if value in ("", None, []) and not keep_empty:
        d.pop(key, None)
    else:
        d[key] = value


def from_form(base: dict[str, Any], post: QueryDict) -> dict[str, Any]:
    """The session file's data: `base` (the draft's) with what the form says over it."""
    data = copy.deepcopy(base)
    for key in SESSION_FIELDS:
        value = _relocalized(base.get(key), post.get(key, "").strip())
        _set(data, key, value, keep_empty=key in REQUIRED)
    data["co_chairs"] = _people(post.get("co_chairs", ""), base.get("co_chairs"))
    panels = []
    old_panels = base.get("panels") or []
    for i in range(_count(post, "panels-count")):
        old = old_panels[i] if i < len(old_panels) and isinstance(old_panels[i], dict) else {}
        pd = copy.deepcopy(old)
        pd["number"] = _number(post.get(f"panels.{i}.number", ""))
        pd["title"] = _relocalized(old.get("title"), post.get(f"panels.{i}.title", "").strip())
        description = post.get(f"panels.{i}.description", "").strip()
        _set(pd, "description", _relocalized(old.get("description"), description))
        before = old.get("moderators", old.get("moderator"))
        mods = _people(post.get(f"panels.{i}.moderators", ""), before)
        pd.pop("moderator", None)
        pd.pop("moderators", None)
        if len(mods) == 1:
            pd["moderator"] = mods[0]
        else:
            pd["moderators"] = mods  # none: the check says a panel needs a moderator
        pd["experts"] = _people(post.get(f"panels.{i}.experts", ""), old.get("experts"))
        panels.append(_ordered(pd, ("number", "title", "description", "moderator", "moderators")))
    data["panels"] = panels
    old_summaries = summary_panels_of(base)
    summaries = []
    for i in range(_count(post, "summary_panels-count")):
        sp = copy.deepcopy(old_summaries[i]) if i < len(old_summaries) else {}
        sp["number"] = _number(post.get(f"summary_panels.{i}.number", "") or str(i + 1))
        title = post.get(f"summary_panels.{i}.title", "").strip()
        sp["title"] = _relocalized(sp.get("title"), title)
        field = f"summary_panels.{i}.thematic_expert"
        expert = _people(post.get(field, ""), sp.get("thematic_expert"))
        sp["thematic_expert"] = expert[0] if expert else "TBC"
        summaries.append(_ordered(sp, ("number", "title")))
    _set_summary_panels(data, summaries)
    days = []
    old_days = base.get("days") or []
    for d in range(_count(post, "days-count")):
        old = old_days[d] if d < len(old_days) and isinstance(old_days[d], dict) else {}
        dd = copy.deepcopy(old)
        dd["date"] = post.get(f"days.{d}.date", "").strip()
        dd["blocks"] = _ranges(post.get(f"days.{d}.blocks", ""))
        _set(dd, "side_event_windows", _ranges(post.get(f"days.{d}.side_event_windows", "")))
        old_segs = old.get("segments") or []
        segs = []
        for j in range(_count(post, f"days.{d}.segments-count")):
            prefix = f"days.{d}.segments.{j}"
            old_seg = old_segs[j] if j < len(old_segs) and isinstance(old_segs[j], dict) else {}
            sd = copy.deepcopy(old_seg)
            sd["time"] = post.get(f"{prefix}.time", "").strip()
            sd["kind"] = post.get(f"{prefix}.kind", "").strip()
            _set(sd, "panel", _number(post.get(f"{prefix}.panel", "")))
            _set(
                sd,
                "title",
                _relocalized(old_seg.get("title"), post.get(f"{prefix}.title", "").strip()),
            )
            segs.append(_ordered(sd, ("time", "kind", "panel", "title")))
        dd["segments"] = segs
        days.append(_ordered(dd, ("date", "blocks", "side_event_windows", "segments")))
    data["days"] = days
    return data


def summary_panels_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary panels of the data as a list, whichever form the file uses (`summary_panel:`
    is number 1 of a list of one)."""
    one = data.get("summary_panel")
    if isinstance(one, dict):
        return [{"number": 1, **one}]
    return [x for x in data.get("summary_panels") or [] if isinstance(x, dict)]


def _set_summary_panels(data: dict[str, Any], summaries: list[dict[str, Any]]) -> None:
    """Write them back in the file's form: one numbered 1 as `summary_panel:`, else a list."""
    data.pop("summary_panel", None)
    data.pop("summary_panels", None)
    if len(summaries) == 1 and summaries[0].get("number") == 1:
        data["summary_panel"] = {k: v for k, v in summaries[0].items() if k != "number"}
    elif summaries:
        data["summary_panels"] = summaries


def _ordered(d: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    return {k: d[k] for k in first if k in d} | {k: v for k, v in d.items() if k not in first}


def apply(data: dict[str, Any], action: str) -> dict[str, Any]:
    """A change of shape the form asks for: add_day, remove_day:D, add_segment:D,
    remove_segment:D.J, add_panel, remove_panel:I, add_summary_panel, remove_summary_panel:I.
    Unknown actions change nothing."""
    days = data.setdefault("days", [])
    panels = data.setdefault("panels", [])
    name, _sep, arg = action.partition(":")
    at = [int(x) for x in arg.split(".") if re.fullmatch(r"[0-9]{1,3}", x)]
    if name == "add_day" and len(days) < MAX_ITEMS:
        last = days[-1] if days and isinstance(days[-1], dict) else {}
        try:
            next_date = (date.fromisoformat(str(last.get("date"))) + timedelta(days=1)).isoformat()
        except ValueError:
            next_date = ""
        days.append(
            {
                "date": next_date,
                "blocks": list(last.get("blocks") or ["10:00-13:00"]),
                "segments": [],
            }
        )
    elif name == "remove_day" and len(at) == 1 and at[0] < len(days):
        days.pop(at[0])
    elif name == "add_segment" and len(at) == 1 and at[0] < len(days):
        segs = days[at[0]].setdefault("segments", [])
        if len(segs) < MAX_ITEMS:
            segs.append({"time": "", "kind": "expert_panel"})
    elif name == "remove_segment" and len(at) == 2 and at[0] < len(days):
        segs = days[at[0]].get("segments") or []
        if at[1] < len(segs):
            segs.pop(at[1])
    elif name == "add_panel" and len(panels) < MAX_ITEMS:
        numbers = [p.get("number") for p in panels if isinstance(p, dict)]
        n = max((x for x in numbers if isinstance(x, int)), default=0) + 1
        panels.append({"number": n, "title": "", "moderator": {"name": "TBC"}, "experts": []})
    elif name == "remove_panel" and len(at) == 1 and at[0] < len(panels):
        panels.pop(at[0])
    elif name == "add_summary_panel":
        summaries = summary_panels_of(data)
        if len(summaries) < MAX_ITEMS:
            numbers = [x.get("number") for x in summaries]
            n = max((x for x in numbers if isinstance(x, int)), default=0) + 1
            summaries.append({"number": n, "title": "Summary panel", "thematic_expert": "TBC"})
            _set_summary_panels(data, summaries)
    elif name == "remove_summary_panel":
        summaries = summary_panels_of(data)
        index = at[0] if len(at) == 1 else 0  # a bare action: the first (the form of one)
        if index < len(summaries):
            summaries.pop(index)
            _set_summary_panels(data, summaries)
    return data


def form_view(data: dict[str, Any]) -> dict[str, Any]:
    """What the template shows: each field's name and value (the data, as the form has it)."""
    panels = []
    for i, p in enumerate(x for x in data.get("panels") or [] if isinstance(x, dict)):
        panels.append(
            {
                "i": i,
                "number": p.get("number", ""),
                "title": _plain(p.get("title", "")),
                "description": _plain(p.get("description", "")),
                "moderators": people_text(p.get("moderators", p.get("moderator"))),
                "experts": people_text(p.get("experts")),
            }
        )
    days = []
    for d, day in enumerate(x for x in data.get("days") or [] if isinstance(x, dict)):
        segs = [
            {
                "j": j,
                "time": s.get("time", ""),
                "kind": s.get("kind", ""),
                "panel": s.get("panel", ""),
                "title": _plain(s.get("title", "")),
            }
            for j, s in enumerate(x for x in day.get("segments") or [] if isinstance(x, dict))
        ]
        days.append(
            {
                "d": d,
                "date": day.get("date", ""),
                "blocks": ", ".join(str(b) for b in day.get("blocks") or []),
                "side_event_windows": ", ".join(
                    str(b) for b in day.get("side_event_windows") or []
                ),
                "segments": segs,
            }
        )
    summaries = [
        {
            "i": i,
            "number": sp.get("number", ""),
            "title": _plain(sp.get("title", "")),
            "thematic_expert": people_text(sp.get("thematic_expert")),
        }
        for i, sp in enumerate(summary_panels_of(data))
    ]
    return {
        "session": {k: _plain(data.get(k, "")) for k in SESSION_FIELDS},
        "co_chairs": people_text(data.get("co_chairs")),
        "panels": panels,
        "summaries": summaries,
        "days": days,
        "kinds": core.SEGMENT_KINDS,
    }


_ALIASES = (("moderator", "moderators"),)


def field_of(path: str, fields: set[str]) -> str | None:
    """The form field a session-file path is shown at: the longest prefix of the path that is
    a field ("panels.0.moderator.name" → "panels.0.moderators")."""
    if path == "summary_panel" or path.startswith("summary_panel."):  # the list's first
        path = "summary_panels.0" + path[len("summary_panel") :]
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        for a, b in _ALIASES:
            if candidate.endswith("." + a):
                candidate = candidate[: -len(a)] + b
        if candidate in fields:
            return candidate
    return None


def field_names(view: dict[str, Any]) -> set[str]:
    names = set(SESSION_FIELDS) | {"co_chairs"}
    for p in view["panels"]:
        names |= {f"panels.{p['i']}.{k}" for k in ("number", "title", "description")}
        names |= {f"panels.{p['i']}.moderators", f"panels.{p['i']}.experts"}
    for sp in view["summaries"]:
        names |= {f"summary_panels.{sp['i']}.{k}" for k in ("number", "title", "thematic_expert")}
    for d in view["days"]:
        names |= {f"days.{d['d']}.{k}" for k in ("date", "blocks", "side_event_windows")}
        for s in d["segments"]:
            names |= {
                f"days.{d['d']}.segments.{s['j']}.{k}" for k in ("time", "kind", "panel", "title")
            }
    return names
