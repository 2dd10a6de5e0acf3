"""The session file: a whole session's programme as a human-writable YAML file.

`load(path)`/`parse(text)` read it from PyYAML's node tree (so every problem carries its line),
`check` adds the programme rules of `podium.core.programme.validate`, and `dump`/`to_data` write a
programme back in the same format (the round trip keeps the programme). Format reference:
docs/programme.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, Final

import yaml

from podium.core.programme import (
    DEFAULT_DAY_HOURS,
    DEFAULT_LIMITS,
    DEFAULT_MODERATORS_MAY_BE,
    MODERATOR_KINDS,
    ROUND_KINDS,
    SEGMENT_KINDS,
    TEXT_LANGUAGES,
    Block,
    Day,
    FloorOptions,
    Limit,
    Panel,
    Person,
    Problem,
    Programme,
    Segment,
    SummaryPanel,
    Text,
    Window,
    known_zone,
    validate,
)
from podium.core.programme import gettext_noop as _

TOP_KEYS: Final = (
    "format",
    "slug",
    "title",
    "theme",
    "series",
    "venue",
    "city",
    "time_zone",
    "co_chairs",
    "limits",
    "floor",
    "day_hours",
    "panels",
    "summary_panel",
    "summary_panels",
    "days",
)
# Keys the JSON export adds for readers; accepted and ignored on import.
DERIVED_KEYS: Final = frozenset({"budget", "starts_at", "ends_at", "people"})
PERSON_KEYS: Final = ("name", "entity", "gender", "title")
SPEAKER_KEYS: Final = ("name", "entity", "gender", "title", "role")
FORMAT_KEYS: Final = ("version", "moderators_may_be")
FLOOR_KEYS: Final = ("intervention", "pre_inscribed_list", "rounds")
PANEL_KEYS: Final = (
    "number",
    "title",
    "description",
    "moderator",
    "moderators",
    "experts",
    "limits",
    "floor",
)
SUMMARY_KEYS: Final = ("title", "description", "moderators", "thematic_expert", "limits", "floor")
SUMMARY_LIST_KEYS: Final = ("number", *SUMMARY_KEYS)
DAY_KEYS: Final = ("date", "blocks", "side_event_windows", "segments")
SEGMENT_KEYS: Final = (
    "time",
    "start",
    "end",
    "kind",
    "title",
    "description",
    "panel",
    "side_events",
    "speakers",
)
SPAN_KEYS: Final = ("start", "end")
FORMAT: Final = "podium-session/1"

_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")
_SPAN = re.compile(r"^\s*(\d{1,2}[:.h]\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}[:.h]\d{2})\s*$")
_RANGE = re.compile(r"^\s*([0-9]{1,6})\s*(?:-|–)\s*([0-9]{1,6})\s*$")
_WHOLE = re.compile(r"[0-9]{1,6}")  # ASCII: "²".isdigit() is true, and int("²") fails


# What a message says a value is: a key of the file as written ("slug", "day_hours"), or
# English words (`Text`: "panel title", "co-chair"), translated with the message.
What = str | Text


class _Abort(Exception):
    """A value could not be read; its problem has been recorded."""


@dataclass
class Parsed:
    programme: Programme | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.programme is not None and not self.errors


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.incomplete = False  # a day or segment could not be read
        self.translations: dict[str, dict[str, str]] = {}  # path → {language: text}

    def err(self, node: yaml.Node | None, template: str, **params: object) -> None:
        line = _line(node) if node is not None else 1
        self.problems.append(Problem.of(template, line, "error", **params))

    def fail(self, node: yaml.Node | None, template: str, **params: object) -> _Abort:
        self.err(node, template, **params)
        return _Abort(self.problems[-1].message)

    # --- node helpers ----------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, allowed: tuple[str, ...], what: What
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, _("%(what)s must be a mapping of keys to values"), what=what)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in DERIVED_KEYS:
                continue
            if key not in allowed:
                self.err(
                    key_node,
                    _("unknown key %(key)r in %(what)s (expected one of: %(keys)s)"),
                    key=key,
                    what=what,
                    keys=", ".join(allowed),
                )
                continue
            if key in out:
                self.err(key_node, _("key %(key)r given twice in %(what)s"), key=key, what=what)
            out[key] = value_node
        return out

    def seq(self, node: yaml.Node, what: What) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, _("%(what)s must be a list"), what=what)
        return list(node.value)

    def text(self, node: yaml.Node, what: What) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, _("%(what)s must be text"), what=what)
        value = str(node.value)
        if "\x00" in value:
            raise self.fail(node, _("%(what)s must not contain a NUL character"), what=what)
        return (
            ""
            if node.tag.endswith(":null") or (value in ("~", "null") and not node.style)
            else value
        )

    def localized(self, node: yaml.Node, what: What, path: str) -> str:
        """A text, or the same text in several languages ({en: …, fr: …}): the original (English,
        else the first) is returned, the others kept for `Programme.translations`."""
        if not isinstance(node, yaml.MappingNode):
            return self.text(node, what)
        texts: dict[str, str] = {}
        for key, value in node.value:
            code = str(key.value)
            if code not in TEXT_LANGUAGES:  # reported; the other languages still count
                self.err(
                    key,
                    _("%(what)s: %(code)r is not one of %(codes)s"),
                    what=what,
                    code=code[:20],
                    codes=", ".join(TEXT_LANGUAGES),
                )
                continue
            texts[code] = self.text(value, Text.of(_("%(what)s (%(code)s)"), what=what, code=code))
        if not texts:
            raise self.fail(node, _("%(what)s must be text, or text per language"), what=what)
        self.translations[path] = texts
        return texts.get("en") or next(iter(texts.values()))

    def integer(self, node: yaml.Node, what: What) -> int:
        value = self.text(node, what).strip()
        if not _WHOLE.fullmatch(value):
            raise self.fail(
                node,
                _("%(what)s must be a whole number, not %(value)r"),
                what=what,
                value=value[:40],
            )
        return int(value)

    def boolean(self, node: yaml.Node, what: What) -> bool:
        value = self.text(node, what).strip().lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        raise self.fail(
            node, _("%(what)s must be true or false, not %(value)r"), what=what, value=value
        )

    def clock(self, node: yaml.Node, what: What, raw: str | None = None) -> time:
        value = raw if raw is not None else self.text(node, what)
        m = _TIME.match(value)
        if m is None:
            raise self.fail(
                node, _("bad time %(value)r for %(what)s (expected HH:MM)"), value=value, what=what
            )
        hh, mm = int(m.group(1)), int(m.group(2))
        if hh == 24 and mm == 0:
            return time(23, 59)
        if not (0 <= hh <= 23 and 0 <= mm <= 59):
            raise self.fail(
                node,
                _("bad time %(value)r for %(what)s (expected HH:MM, 00:00–23:59)"),
                value=value,
                what=what,
            )
        return time(hh, mm)

    def span(self, node: yaml.Node, what: What) -> tuple[time, time]:
        if isinstance(node, yaml.MappingNode):
            m = self.mapping(node, SPAN_KEYS, what)
            if "start" not in m or "end" not in m:
                raise self.fail(node, _("%(what)s needs a start and an end"), what=what)
            return self.clock(m["start"], Text.of(_("%(what)s start"), what=what)), self.clock(
                m["end"], Text.of(_("%(what)s end"), what=what)
            )
        value = self.text(node, what)
        match = _SPAN.match(value)
        if match is None:
            raise self.fail(
                node,
                _("bad time span %(value)r for %(what)s (expected HH:MM-HH:MM)"),
                value=value,
                what=what,
            )
        start = self.clock(node, what, match.group(1))
        end = self.clock(node, what, match.group(2))
        if end <= start:
            raise self.fail(
                node,
                _("bad time span %(value)r for %(what)s: it ends before it starts"),
                value=value,
                what=what,
            )
        return start, end

    def limit(self, node: yaml.Node, what: What) -> Limit:
        if isinstance(node, yaml.SequenceNode):
            items = node.value
            if len(items) != 2:
                raise self.fail(
                    node, _("%(what)s must be minutes (7), a range (5-7) or [min, max]"), what=what
                )
            lo, hi = self.integer(items[0], what), self.integer(items[1], what)
        elif isinstance(node, yaml.MappingNode):
            m = self.mapping(node, ("min", "max"), what)
            if "min" not in m or "max" not in m:
                raise self.fail(node, _("%(what)s needs min and max"), what=what)
            lo, hi = self.integer(m["min"], what), self.integer(m["max"], what)
        else:
            value = self.text(node, what)
            r = _RANGE.match(value)
            if r is not None:
                lo, hi = int(r.group(1)), int(r.group(2))
            elif _WHOLE.fullmatch(value.strip()):
                lo = hi = int(value)
            else:
                raise self.fail(
                    node,
                    _("%(what)s must be minutes (7), a range (5-7) or [min, max], not %(value)r"),
                    what=what,
                    value=value[:40],
                )
        if lo > hi or hi == 0:
            raise self.fail(
                node, _("%(what)s: bad range %(min)s–%(max)s minutes"), what=what, min=lo, max=hi
            )
        return Limit(lo, hi)

    def person(self, node: yaml.Node, what: What, keys: tuple[str, ...] = PERSON_KEYS) -> Person:
        if isinstance(node, yaml.ScalarNode):
            return Person(name=self.text(node, what) or "TBC", line=_line(node))
        m = self.mapping(node, keys, what)
        get = {
            k: self.text(v, Text.of(_("%(what)s %(key)s"), what=what, key=k)) for k, v in m.items()
        }
        entity = get.get("entity") or None
        return Person(
            name=get.get("name") or "TBC",
            entity=entity.strip().upper() if entity else None,
            gender=get.get("gender") or None,
            title=get.get("title") or None,
            role=get.get("role") or None,
            line=_line(node),
        )

    def people(
        self, node: yaml.Node, what: What, keys: tuple[str, ...] = PERSON_KEYS
    ) -> tuple[Person, ...]:
        return tuple(self.person(n, what, keys) for n in self.seq(node, what))

    def limits(self, node: yaml.Node, what: What) -> tuple[tuple[str, Limit], ...]:
        m = self.mapping(node, tuple(DEFAULT_LIMITS), what)
        out = []
        for key, value in m.items():
            try:
                out.append((key, self.limit(value, Text.of(_("limit %(key)r"), key=key))))
            except _Abort:
                pass
        return tuple(sorted(out))  # canonical order: by role

    def floor(self, node: yaml.Node, what: What, base: FloorOptions) -> FloorOptions:
        m = self.mapping(node, FLOOR_KEYS, what)
        intervention = base.intervention
        pre = base.pre_inscribed_list
        rounds = base.rounds
        if "intervention" in m:
            intervention = self.limit(m["intervention"], Text(_("floor intervention")))
        if "pre_inscribed_list" in m:
            pre = self.boolean(m["pre_inscribed_list"], "pre_inscribed_list")
        if "rounds" in m:
            found = []
            for r in self.seq(m["rounds"], "rounds"):
                value = self.text(r, Text(_("round")))
                if value not in ROUND_KINDS:
                    self.err(
                        r,
                        _("unknown round %(value)r (one of %(rounds)s)"),
                        value=value,
                        rounds=", ".join(ROUND_KINDS),
                    )
                else:
                    found.append(value)
            rounds = tuple(found)
        return FloorOptions(intervention, pre, rounds)

    def guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except _Abort:
            return None


def parse(text: str) -> Parsed:
    """Read a session file's text. Problems carry their line; no rule checks beyond the format."""
    r = _Reader()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = int(mark.line) + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return Parsed(None, [Problem.of(_("not valid YAML: %(problem)s"), line, problem=problem)])
    if root is None:
        return Parsed(None, [Problem.of(_("the file is empty"), 1)])
    try:
        programme = _programme(r, root)
    except _Abort:
        return Parsed(None, r.problems)
    return Parsed(programme, r.problems)


def _programme(r: _Reader, root: yaml.Node) -> Programme:
    m = r.mapping(root, TOP_KEYS, Text(_("the session")))
    for key in ("slug", "title", "time_zone", "days"):
        if key not in m:
            r.err(root, _("missing key %(key)r"), key=key)
    texts: dict[str, str] = {}
    for key in ("slug", "title", "theme", "series", "venue", "city", "time_zone"):
        if key in ("title", "theme") and key in m:
            texts[key] = r.guard(r.localized, m[key], key, key) or ""
        elif key in m:
            texts[key] = r.guard(r.text, m[key], key) or ""
    slug = texts.get("slug", "")
    if slug and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        r.err(m["slug"], _("bad slug %(slug)r (lowercase letters, digits and hyphens)"), slug=slug)
    zone_name = texts.get("time_zone", "") or "UTC"
    if "time_zone" in m:
        if known_zone(zone_name) is None:
            r.err(
                m["time_zone"],
                _("unknown time zone %(zone)r (use an IANA name such as America/New_York)"),
                zone=zone_name,
            )
            zone_name = "UTC"
    co_chairs: tuple[Person, ...] = ()
    if "co_chairs" in m:
        co_chairs = r.guard(lambda: r.people(m["co_chairs"], Text(_("co-chair")))) or ()
    limits = r.guard(lambda: r.limits(m["limits"], "limits")) if "limits" in m else ()
    floor = FloorOptions()
    if "floor" in m:
        floor = r.guard(lambda: r.floor(m["floor"], "floor", FloorOptions())) or floor
    day_hours = DEFAULT_DAY_HOURS
    if "day_hours" in m:
        day_hours = r.guard(lambda: r.span(m["day_hours"], "day_hours")) or day_hours
    moderators_may_be = DEFAULT_MODERATORS_MAY_BE
    if "format" in m:
        moderators_may_be = r.guard(_format, r, m["format"]) or moderators_may_be
    panels: list[Panel] = []
    if "panels" in m:
        for node in r.guard(lambda: r.seq(m["panels"], "panels")) or []:
            panel = r.guard(_panel, r, node, floor)
            if panel is not None:
                panels.append(panel)
    summaries: list[SummaryPanel] = []
    if "summary_panel" in m and "summary_panels" in m:
        r.err(
            m["summary_panels"],
            _("a session has either summary_panel (one) or summary_panels (a list)"),
        )
    if "summary_panel" in m:
        one = r.guard(lambda: _summary(r, m["summary_panel"], floor, None))
        summaries.extend([one] if one is not None else [])
    elif "summary_panels" in m:
        for node in r.guard(lambda: r.seq(m["summary_panels"], "summary_panels")) or []:
            sp = r.guard(_summary, r, node, floor, 0)
            if sp is not None:
                summaries.append(sp)
    days: list[Day] = []
    if "days" in m:
        for node in r.guard(lambda: r.seq(m["days"], "days")) or []:
            day = r.guard(_day, r, node)
            if day is not None:
                days.append(day)
            else:
                r.incomplete = True
    return Programme(
        slug=slug,
        title=texts.get("title", ""),
        time_zone=zone_name,
        days=tuple(days),
        theme=texts.get("theme", ""),
        series=texts.get("series", ""),
        venue=texts.get("venue", ""),
        city=texts.get("city", ""),
        co_chairs=co_chairs,
        panels=tuple(panels),
        summary_panels=tuple(summaries),
        limits=limits or (),
        floor=floor,
        day_hours=day_hours,
        moderators_may_be=moderators_may_be,
        translations=tuple(
            (path, tuple(sorted(texts.items()))) for path, texts in sorted(r.translations.items())
        ),
        line=_line(root),
        co_chairs_line=_line(m["co_chairs"]) if "co_chairs" in m else None,
        incomplete=r.incomplete,
    )


def _format(r: _Reader, node: yaml.Node) -> tuple[str, ...] | None:
    """`format: podium-session/1`, or a mapping: its `version` and `moderators_may_be`."""
    if isinstance(node, yaml.ScalarNode):
        version = r.text(node, "format")
        if version and version != FORMAT:
            r.err(
                node,
                _("unknown format %(version)r (this is %(format)s)"),
                version=version,
                format=FORMAT,
            )
        return None
    m = r.mapping(node, FORMAT_KEYS, "format")
    if "version" in m:
        _format(r, m["version"])
    if "moderators_may_be" not in m:
        return None
    out: list[str] = []
    for item in r.seq(m["moderators_may_be"], "moderators_may_be"):
        value = r.text(item, "moderators_may_be")
        if value not in MODERATOR_KINDS:
            r.err(
                item,
                _("unknown kind of moderator %(value)r (one of %(kinds)s)"),
                value=value,
                kinds=", ".join(MODERATOR_KINDS),
            )
        elif value not in out:
            out.append(value)
    return tuple(out) or None


def _panel(r: _Reader, node: yaml.Node, floor: FloorOptions) -> Panel:
    m = r.mapping(node, PANEL_KEYS, Text(_("a panel")))
    if "number" not in m or "title" not in m:
        raise r.fail(node, _("a panel needs a number and a title"))
    number = r.integer(m["number"], Text(_("panel number")))
    moderators: tuple[Person, ...] = ()
    if "moderator" in m and "moderators" in m:
        r.err(m["moderators"], _("a panel has either moderator (one) or moderators (a list)"))
    if "moderators" in m:
        moderators = r.guard(lambda: r.people(m["moderators"], Text(_("moderator")))) or ()
    elif "moderator" in m:
        one = r.guard(lambda: r.person(m["moderator"], Text(_("moderator"))))
        moderators = (one,) if one is not None else ()
    return Panel(
        number=number,
        title=r.localized(m["title"], Text(_("panel title")), f"panels.{number}.title"),
        description=r.guard(
            lambda: r.localized(m["description"], "description", f"panels.{number}.description")
        )
        or ""
        if "description" in m
        else "",
        moderators=moderators or (Person(line=_line(node)),),
        experts=r.guard(lambda: r.people(m["experts"], Text(_("expert")))) or ()
        if "experts" in m
        else (),
        limits=r.guard(lambda: r.limits(m["limits"], Text(_("panel limits")))) or ()
        if "limits" in m
        else (),
        floor=r.guard(lambda: r.floor(m["floor"], Text(_("panel floor")), floor))
        if "floor" in m
        else None,
        line=_line(node),
    )


def _summary(r: _Reader, node: yaml.Node, floor: FloorOptions, index: int | None) -> SummaryPanel:
    """`summary_panel:` (index None: number 1) or an entry of `summary_panels:` (with its number)."""
    if index is None:
        m = r.mapping(node, SUMMARY_KEYS, Text(_("the summary panel")))
        number = 1
    else:
        m = r.mapping(node, SUMMARY_LIST_KEYS, Text(_("a summary panel")))
        if "number" not in m:
            raise r.fail(node, _("a summary panel of summary_panels needs a number"))
        number = r.integer(m["number"], Text(_("summary panel number")))
    path = SummaryPanel("", number=number).path
    return SummaryPanel(
        number=number,
        title=r.localized(m["title"], "title", f"{path}.title")
        if "title" in m
        else "Summary panel",
        description=r.guard(
            lambda: r.localized(m["description"], "description", f"{path}.description")
        )
        or ""
        if "description" in m
        else "",
        moderators=r.guard(lambda: r.people(m["moderators"], Text(_("summary-panel moderator"))))
        or ()
        if "moderators" in m
        else (),
        thematic_expert=r.guard(lambda: r.person(m["thematic_expert"], Text(_("thematic expert"))))
        or Person()
        if "thematic_expert" in m
        else Person(),
        limits=r.guard(lambda: r.limits(m["limits"], Text(_("summary-panel limits")))) or ()
        if "limits" in m
        else (),
        floor=r.guard(lambda: r.floor(m["floor"], Text(_("summary-panel floor")), floor))
        if "floor" in m
        else None,
        line=_line(node),
        moderators_line=_line(m["moderators"]) if "moderators" in m else None,
    )


def _day(r: _Reader, node: yaml.Node) -> Day:
    m = r.mapping(node, DAY_KEYS, Text(_("a day")))
    if "date" not in m:
        raise r.fail(node, _("a day needs a date (YYYY-MM-DD)"))
    raw = r.text(m["date"], "date")
    try:
        when = date.fromisoformat(raw.strip())
    except ValueError:
        raise r.fail(m["date"], _("bad date %(value)r (expected YYYY-MM-DD)"), value=raw) from None
    blocks: list[Block] = []
    for b in r.guard(lambda: r.seq(m["blocks"], "blocks")) or [] if "blocks" in m else []:
        span = r.guard(r.span, b, Text(_("meeting block")))
        if span is not None:
            blocks.append(Block(span[0], span[1], _line(b)))
    windows: list[Window] = []
    if "side_event_windows" in m:
        for w in r.guard(lambda: r.seq(m["side_event_windows"], "side_event_windows")) or []:
            span = r.guard(r.span, w, Text(_("side-event window")))
            if span is not None:
                windows.append(Window(span[0], span[1], _line(w)))
    segments: list[Segment] = []
    if "segments" in m:
        for s in r.guard(lambda: r.seq(m["segments"], "segments")) or []:
            seg = r.guard(_segment, r, s, when)
            if seg is not None:
                segments.append(seg)
            else:
                r.incomplete = True
    return Day(when, tuple(blocks), tuple(segments), tuple(windows), _line(node))


def segment_path(day: date, start: time) -> str:
    """Where a segment's texts in several languages are kept: "segments.2017-05-22.10:15"."""
    return f"segments.{day.isoformat()}.{start:%H:%M}"


def _segment(r: _Reader, node: yaml.Node, day: date) -> Segment:
    """A segment, every problem of it reported (then it is left out: `_Abort`). An unknown
    kind is kept as written: the rules report it and still check the time it takes."""
    m = r.mapping(node, SEGMENT_KEYS, Text(_("a segment")))
    broken = False
    span: tuple[time, time] | None = None
    if "time" in m:
        span = r.guard(r.span, m["time"], Text(_("segment time")))
    elif "start" in m and "end" in m:
        start = r.guard(r.clock, m["start"], Text(_("segment start")))
        end = r.guard(r.clock, m["end"], Text(_("segment end")))
        if start is not None and end is not None:
            if end <= start:
                r.err(
                    m["start"],
                    _("bad time: the segment %(start)s–%(end)s ends before it starts"),
                    start=f"{start:%H:%M}",
                    end=f"{end:%H:%M}",
                )
            else:
                span = (start, end)
    else:
        r.err(node, _("a segment needs a time (HH:MM-HH:MM) or a start and an end"))
    broken = span is None
    kind = ""
    if "kind" not in m:
        r.err(node, _("a segment needs a kind (one of %(kinds)s)"), kinds=", ".join(SEGMENT_KINDS))
        broken = True
    else:
        kind = r.guard(r.text, m["kind"], "kind") or ""
        broken = broken or not kind

    def optional(key: str, read: Callable[[yaml.Node, What], Any], what: What) -> Any:
        nonlocal broken
        if key not in m:
            return None
        value = r.guard(read, m[key], what)
        broken = broken or value is None
        return value

    title = optional("title", lambda n, w: r.localized(n, w, "segment.title"), "title")
    description = optional(
        "description", lambda n, w: r.localized(n, w, "segment.description"), "description"
    )
    for part in ("title", "description"):  # kept under the segment's day and start
        texts = r.translations.pop(f"segment.{part}", None)
        if texts is not None and span is not None:
            r.translations[f"{segment_path(day, span[0])}.{part}"] = texts
    panel_number = optional("panel", r.integer, "panel")
    side_events = optional("side_events", r.boolean, "side_events")
    speakers = optional("speakers", lambda n, w: r.people(n, w, SPEAKER_KEYS), Text(_("speaker")))
    if broken or span is None:
        if kind and kind not in SEGMENT_KINDS:  # the rules will not see this segment: say it here
            r.err(
                m["kind"],
                _("unknown segment kind %(kind)r (one of %(kinds)s)"),
                kind=kind,
                kinds=", ".join(SEGMENT_KINDS),
            )
        raise _Abort("segment")
    return Segment(
        kind=kind,
        start=span[0],
        end=span[1],
        title=title or "",
        description=description or "",
        panel_number=panel_number,
        side_events=bool(side_events),
        speakers=speakers or (),
        line=_line(node),
    )


def load(path: str | Path) -> Parsed:
    return parse(Path(path).read_text(encoding="utf-8"))


def check_text(text: str, kind_of: Callable[[str], str | None] | None = None) -> Parsed:
    """Parse and apply every programme rule; problems sorted by line."""
    parsed = parse(text)
    if parsed.programme is not None:
        parsed.problems.extend(validate(parsed.programme, kind_of))
    parsed.problems.sort(key=lambda p: (p.line or 0, p.severity != "error"))
    return parsed


def check(path: str | Path, kind_of: Callable[[str], str | None] | None = None) -> Parsed:
    return check_text(Path(path).read_text(encoding="utf-8"), kind_of)


# --- writing ----------------------------------------------------------------------------


def _hm(t: time) -> str:
    return t.strftime("%H:%M")


def _limit_data(x: Limit) -> int | str:
    return x.min if x.min == x.max else f"{x.min}-{x.max}"


def _person_data(p: Person) -> dict[str, str]:
    out = {"name": p.name}
    if p.entity:
        out["entity"] = p.entity
    if p.gender:
        out["gender"] = p.gender
    if p.title:
        out["title"] = p.title
    if p.role:
        out["role"] = p.role
    return out


def _floor_data(f: FloorOptions) -> dict[str, Any]:
    return {
        "intervention": _limit_data(f.intervention),
        "pre_inscribed_list": f.pre_inscribed_list,
        "rounds": list(f.rounds),
    }


def _texts(p: Programme, path: str, plain: str) -> Any:
    """A text as the file gave it: in several languages where it did (original first)."""
    for key, pairs in p.translations:
        if key == path:
            texts = dict(pairs)
            original = [k for k, v in pairs if v == plain][:1] or ["en"]
            return {k: texts[k] for k in [*original, *(k for k in texts if k not in original)]}
    return plain


def to_data(p: Programme) -> dict[str, Any]:
    """The programme as plain data in the session-file format (YAML or JSON)."""
    data: dict[str, Any] = {}
    if p.moderators_may_be != DEFAULT_MODERATORS_MAY_BE:
        data["format"] = {"version": FORMAT, "moderators_may_be": list(p.moderators_may_be)}
    data.update({"slug": p.slug, "title": _texts(p, "title", p.title)})
    for key in ("theme", "series", "venue", "city"):
        if getattr(p, key):
            data[key] = _texts(p, key, getattr(p, key))
    data["time_zone"] = p.time_zone
    data["co_chairs"] = [_person_data(c) for c in p.co_chairs]
    if p.limits:
        data["limits"] = {k: _limit_data(v) for k, v in p.limits}
    data["floor"] = _floor_data(p.floor)
    if p.day_hours != DEFAULT_DAY_HOURS:
        data["day_hours"] = f"{_hm(p.day_hours[0])}-{_hm(p.day_hours[1])}"
    panels = []
    for panel in p.panels:
        n = panel.number
        pd: dict[str, Any] = {"number": n, "title": _texts(p, f"panels.{n}.title", panel.title)}
        if panel.description:
            pd["description"] = _texts(p, f"panels.{n}.description", panel.description)
        if len(panel.moderators) > 1:
            pd["moderators"] = [_person_data(x) for x in panel.moderators]
        else:
            pd["moderator"] = _person_data(panel.moderator)
        pd["experts"] = [_person_data(e) for e in panel.experts]
        if panel.limits:
            pd["limits"] = {k: _limit_data(v) for k, v in panel.limits}
        if panel.floor is not None:
            pd["floor"] = _floor_data(panel.floor)
        panels.append(pd)
    data["panels"] = panels
    summaries = []
    one = len(p.summary_panels) == 1 and p.summary_panels[0].number == 1  # `summary_panel:`
    for sp in p.summary_panels:
        sd: dict[str, Any] = {} if one else {"number": sp.number}
        sd["title"] = _texts(p, f"{sp.path}.title", sp.title)
        if sp.description:
            sd["description"] = _texts(p, f"{sp.path}.description", sp.description)
        if sp.moderators:
            sd["moderators"] = [_person_data(x) for x in sp.moderators]
        sd["thematic_expert"] = _person_data(sp.thematic_expert)
        if sp.limits:
            sd["limits"] = {k: _limit_data(v) for k, v in sp.limits}
        if sp.floor is not None:
            sd["floor"] = _floor_data(sp.floor)
        summaries.append(sd)
    if one:
        data["summary_panel"] = summaries[0]
    elif summaries:
        data["summary_panels"] = summaries
    days = []
    for day in p.days:
        dd: dict[str, Any] = {
            "date": day.date.isoformat(),
            "blocks": [f"{_hm(b.start)}-{_hm(b.end)}" for b in day.blocks],
        }
        if day.side_event_windows:
            dd["side_event_windows"] = [
                f"{_hm(w.start)}-{_hm(w.end)}" for w in day.side_event_windows
            ]
        segs = []
        for s in day.segments:
            sd2: dict[str, Any] = {"time": f"{_hm(s.start)}-{_hm(s.end)}", "kind": s.kind}
            if s.panel_number is not None:
                sd2["panel"] = s.panel_number
            where = segment_path(day.date, s.start)
            if s.title:
                sd2["title"] = _texts(p, f"{where}.title", s.title)
            if s.description:
                sd2["description"] = _texts(p, f"{where}.description", s.description)
            if s.side_events:
                sd2["side_events"] = True
            if s.speakers:
                sd2["speakers"] = [_person_data(x) for x in s.speakers]
            segs.append(sd2)
        dd["segments"] = segs
        days.append(dd)
    data["days"] = days
    return data


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if (
        any(c in value for c in "\r\x85\u2028\u2029\t")
        or not value.isprintable()
        and "\n" not in value
    ):
        style: str | None = '"'  # characters YAML would fold or drop: quote them
    elif "\n" in value:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump(p: Programme) -> str:
    """The programme as a session file (YAML text)."""
    text: str = yaml.dump(
        to_data(p), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return "# Podium session file (" + FORMAT + "); format: docs/programme.md\n" + text


def dump_data(data: dict[str, Any]) -> str:
    """Session-file data (as `to_data` gives it, or as an editor holds it) as YAML text, in the
    same style as `dump`: loading the text gives the data back, so text → data → text is exact."""
    text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "# Podium session file (" + FORMAT + "); format: docs/programme.md\n" + text


def paths_by_line(text: str) -> dict[int, str]:
    """For each line of a session file (1-based), the dotted path of the deepest value that
    starts on it ("days.0.segments.2.time"), so that a problem's line names the field it is
    about. Empty when the text is not YAML."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[int, str] = {}
    seen: set[int] = set()

    def walk(node: yaml.Node, path: str) -> None:
        # an alias (*a) is the node it names again: walked once, or nested aliases would make
        # the walk exponential (a "billion laughs" file)
        if id(node) in seen:
            return
        seen.add(id(node))
        line = node.start_mark.line + 1
        if path and (line not in out or len(path) > len(out[line])):
            out[line] = path
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, f"{path}.{key.value}" if path else str(key.value))
                if path:
                    out.setdefault(key.start_mark.line + 1, f"{path}.{key.value}")
                else:
                    out.setdefault(key.start_mark.line + 1, str(key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}.{i}")

    if root is not None:
        walk(root, "")
    return out
