"""Statistics over a session's record, as plain tables (rows of plain values).

Every table can be written as CSV or JSON and drawn as a bar chart; the same tables feed the
statistics page, the downloads, the `podium export` formats, `podium replay --format stats` and
the summary's annex. Durations are in seconds, rounded to one decimal; "minutes" columns are
derived for reading. Interventions from the floor are counted by category and regional group;
the programme's planned speakers (moderators, experts, co-facilitators…) by role, in a table of
their own; the tables by panel and by gender count everyone who spoke.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from podium.core.record import (
    CATEGORIES,
    CATEGORY_LABELS,
    STATE_CATEGORIES,
    Intervention,
    Record,
)

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A named table: `columns` name each cell of every row; `chart` names the column to draw."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: str | None = None  # a numeric column worth a bar chart, by label (first column)

    def as_dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Cell]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if c is None else c for c in row] for row in self.rows)
        return out.getvalue()

    def to_json_obj(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "columns": list(self.columns),
            "rows": self.as_dicts(),
        }


@dataclass(frozen=True)
class PlannedSegment:
    """A segment of the programme as planned: its key (as the floor names it), title and times."""

    key: str
    title: str
    start: datetime
    end: datetime
    kind: str = ""

    @property
    def planned_s(self) -> float:
        return (self.end - self.start).total_seconds()


def _r(x: float) -> float:
    return round(x, 1)


def _group_rows(
    interventions: Iterable[Intervention],
    key: Callable[[Intervention], str],
    order: Sequence[str] = (),
    label: Callable[[str], str] = lambda k: k,
) -> tuple[tuple[Cell, ...], ...]:
    groups: dict[str, list[Intervention]] = {}
    for i in interventions:
        groups.setdefault(key(i), []).append(i)
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    rows: list[tuple[Cell, ...]] = []
    for k in keys:
        items = groups[k]
        total = sum(i.speaking_s for i in items)
        rows.append(
            (
                label(k),
                len(items),
                _r(total),
                _r(total / 60),
                _r(total / len(items)),
                sum(1 for i in items if i.over_limit),
            )
        )
    return tuple(rows)


_GROUP_COLUMNS = ("interventions", "total_s", "total_min", "mean_s", "over_limit")


def by_category(record: Record) -> Table:
    """Interventions from the floor by the category of the delegation."""
    return Table(
        "by-category",
        "Interventions from the floor by category",
        ("category", *_GROUP_COLUMNS),
        _group_rows(
            record.floor_interventions(),
            lambda i: i.category,
            CATEGORIES,
            lambda k: CATEGORY_LABELS.get(k, k),
        ),
        chart="interventions",
    )


def by_regional_group(record: Record) -> Table:
    """States' interventions from the floor (Member and observer States) by UN regional group."""
    states = [i for i in record.floor_interventions() if i.category in STATE_CATEGORIES]
    return Table(
        "by-regional-group",
        "Interventions of States by regional group",
        ("regional_group", *_GROUP_COLUMNS),
        _group_rows(states, lambda i: i.regional_group or "none"),
        chart="interventions",
    )


def by_gender(record: Record) -> Table:
    return Table(
        "by-gender",
        "Interventions by gender of speaker",
        ("gender", *_GROUP_COLUMNS),
        _group_rows(
            record.interventions,
            lambda i: i.gender or "not declared",
            ("female", "male", "other", "not declared"),
        ),
        chart="interventions",
    )


# The planned speakers' roles (`podium.core.floor.ROLES`), in the order tables list them.
ROLE_LABELS: dict[str, str] = {
    "welcome": "Welcome",
    "issue_brief": "Issue brief",
    "co_chair": "Co-facilitator",
    "moderator_opening": "Moderator's opening",
    "moderator": "Moderator",
    "expert": "Expert's presentation",
    "panelist": "Panelist's response",
    "moderator_conclusion": "Moderator's conclusion",
    "summary_moderator": "Summary by a moderator",
    "thematic_expert": "Thematic expert",
    "conclusions": "Co-facilitators' conclusions",
    "closing": "Closing",
    "reply": "Right of reply",
}


def by_role(record: Record) -> Table:
    """The programme's planned speakers by the role they spoke in."""
    return Table(
        "by-role",
        "Planned speakers by role",
        ("role", *_GROUP_COLUMNS),
        _group_rows(
            record.slot_interventions(),
            lambda i: i.role,
            tuple(ROLE_LABELS),
            lambda k: ROLE_LABELS.get(k, k),
        ),
        chart="interventions",
    )


def by_segment(record: Record, titles: dict[str, str] | None = None) -> Table:
    """Everyone who spoke, per panel and segment (each segment once, in programme order)."""
    titles = titles or {}
    order = list(dict.fromkeys([*titles, *record.segment_keys()]))
    return Table(
        "by-panel",
        "Interventions by panel and segment",
        ("segment", *_GROUP_COLUMNS),
        _group_rows(record.interventions, lambda i: i.segment, order, lambda k: titles.get(k, k)),
        chart="interventions",
    )


GENDERS: tuple[str, ...] = ("female", "male", "other", "not declared")


def gender_by_segment(record: Record, titles: dict[str, str] | None = None) -> Table:
    """Per panel or segment: interventions and speaking time of each gender of speaker."""
    titles = titles or {}
    rows: list[tuple[Cell, ...]] = []
    for seg in record.segment_keys():
        items = [i for i in record.interventions if i.segment == seg]
        if not items:
            continue
        row: list[Cell] = [titles.get(seg, seg)]
        for g in GENDERS:
            mine = [i for i in items if (i.gender or "not declared") == g]
            row += [len(mine), _r(sum(i.speaking_s for i in mine) / 60)]
        rows.append(tuple(row))
    columns = ["segment"]
    for g in GENDERS:
        key = g.replace(" ", "_")
        columns += [f"{key}_interventions", f"{key}_min"]
    return Table(
        "gender-by-panel",
        "Gender of speakers by panel and segment",
        tuple(columns),
        tuple(rows),
    )


def overtime(record: Record, titles: dict[str, str] | None = None) -> Table:
    """Per segment: how many interventions ran over the rule's limit, by how much in total and
    at most; and how many over the time the chair granted (the limit with extensions)."""
    titles = titles or {}
    groups: dict[str, list[Intervention]] = {}
    for i in record.interventions:
        groups.setdefault(i.segment, []).append(i)
    rows: list[tuple[Cell, ...]] = []
    for seg in record.segment_keys():
        items = groups.get(seg, [])
        if not items:
            continue
        over = [i for i in items if i.over_limit]
        over_granted = [i for i in items if i.overtime_granted_s > 0]
        rows.append(
            (
                titles.get(seg, seg),
                len(items),
                len(over),
                _r(sum(i.overtime_s for i in over)),
                _r(max((i.overtime_s for i in over), default=0.0)),
                len(over_granted),
                _r(sum(i.overtime_granted_s for i in over_granted)),
            )
        )
    return Table(
        "overtime",
        "Overtime",
        (
            "segment",
            "interventions",
            "over_limit",
            "overtime_total_s",
            "overtime_max_s",
            "over_granted",
            "overtime_granted_total_s",
        ),
        tuple(rows),
        chart="overtime_total_s",
    )


def not_heard(record: Record, titles: dict[str, str] | None = None) -> Table:
    """Every request to speak still waiting when its discussion closed: the entity by its code
    (an identifier, as downloads keep it) and its name as recorded (English; the pages and the
    documents put the reader's language's there)."""
    titles = titles or {}
    rows = tuple(
        (
            titles.get(n.segment, n.segment),
            n.entity,
            n.entity_name or n.entity,
            CATEGORY_LABELS.get(n.category, n.category),
            n.on_behalf_of or None,
            n.requested_at.isoformat(),
        )
        for n in record.not_heard
    )
    return Table(
        "not-heard",
        "Requests not heard",
        ("segment", "entity", "entity_name", "category", "on_behalf_of", "requested_at"),
        rows,
    )


def planned_vs_actual(record: Record, planned: Sequence[PlannedSegment]) -> Table:
    """Each planned segment's length against the time it actually ran (from the log).

    When the log has no open/close times for a segment, its actual time is the span from the
    first intervention's start to the last one's end (None when nobody spoke in it).
    """
    times = {s.segment: s for s in record.segments}
    spans: dict[str, tuple[datetime, datetime]] = {}
    for i in record.interventions:
        lo, hi = spans.get(i.segment, (i.start, i.end))
        spans[i.segment] = (min(lo, i.start), max(hi, i.end))
    rows: list[tuple[Cell, ...]] = []
    for p in planned:
        actual: float | None = None
        st = times.get(p.key)
        if st is not None and st.actual_s is not None:
            actual = st.actual_s
        elif p.key in spans:
            lo, hi = spans[p.key]
            actual = (hi - lo).total_seconds()
        count = sum(1 for i in record.interventions if i.segment == p.key)
        rows.append(
            (
                p.title,
                _r(p.planned_s / 60),
                None if actual is None else _r(actual / 60),
                None if actual is None else _r((actual - p.planned_s) / 60),
                count,
            )
        )
    return Table(
        "planned-vs-actual",
        "Planned and actual time per segment",
        ("segment", "planned_min", "actual_min", "difference_min", "interventions"),
        tuple(rows),
        chart="actual_min",
    )


def summary_numbers(record: Record) -> Table:
    """The session's totals: interventions from the floor and planned speakers' turns, speaking
    time (everyone), delegations heard, time over the rule's limit (everyone)."""
    ints = record.interventions
    floor = record.floor_interventions()
    total = sum(i.speaking_s for i in ints)
    return Table(
        "totals",
        "Totals",
        ("measure", "value"),
        (
            ("interventions", len(floor)),
            ("planned_speakers", len(ints) - len(floor)),
            ("speaking_time_min", _r(total / 60)),
            ("entities_heard", len({i.entity for i in floor if i.entity})),
            ("over_limit", sum(1 for i in ints if i.over_limit)),
            ("overtime_total_min", _r(sum(i.overtime_s for i in ints) / 60)),
            ("over_granted", sum(1 for i in ints if i.overtime_granted_s > 0)),
            ("departed_from_suggested_order", sum(1 for i in floor if i.departed_from_order)),
            ("requests_not_heard", len(record.not_heard)),
        ),
    )


def all_tables(
    record: Record, planned: Sequence[PlannedSegment] = (), titles: dict[str, str] | None = None
) -> list[Table]:
    """Every statistics table of a session, in the order the page and the annex show them."""
    titles = dict(titles or {})
    for p in planned:
        titles.setdefault(p.key, p.title)
    tables = [
        summary_numbers(record),
        by_category(record),
        by_role(record),
        by_regional_group(record),
        by_gender(record),
        by_segment(record, titles),
        gender_by_segment(record, titles),
        overtime(record, titles),
        not_heard(record, titles),
    ]
    if planned:
        tables.append(planned_vs_actual(record, planned))
    return tables


def tables_to_json(tables: Sequence[Table], **meta: Any) -> str:
    return json.dumps(
        {**meta, "tables": [t.to_json_obj() for t in tables]}, ensure_ascii=False, indent=2
    )


def tables_to_csv(tables: Sequence[Table]) -> str:
    """All tables in one CSV stream: each preceded by a `# key` line and followed by a blank line."""
    parts = [f"# {t.key}\n{t.to_csv()}" for t in tables]
    return "\n".join(parts)
