"""The record and statistics across the sessions of a series (`/series/<slug>/statistics`).

Nothing is derived here that a session's record does not already say: each session's record
is `services.record_of(session)` (the floor's log, one fold, enriched with people's data), its
tables by category and by regional group are the core's (`podium.core.statistics`), the same
the session's statistics page shows; this module only adds them up, session by session.
Counted: interventions from the floor (delegations), as on the session's page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from podium.core.entities import REGIONAL_GROUPS
from podium.core.record import CATEGORIES, CATEGORY_LABELS, Record
from podium.core.statistics import Table, by_category, by_regional_group
from podium.record import adapters, services
from podium.record.labels import category_label, regional_group_label

_CATEGORY_OF_LABEL = {label: key for key, label in CATEGORY_LABELS.items()}


@dataclass(frozen=True)
class Row:
    """One delegation, regional group or category: interventions per session (in the series'
    order) and in all, and the time they spoke (seconds, pauses excluded)."""

    key: str  # the entity's code, the regional group's code ("none") or the category
    name: str
    per_session: tuple[int, ...]
    speaking_time_s: float
    category: str = ""  # a delegation's
    regional_group: str = ""  # a State's

    @property
    def interventions(self) -> int:
        return sum(self.per_session)

    @property
    def speaking_time_min(self) -> float:
        return round(self.speaking_time_s / 60, 1)

    @property
    def category_name(self) -> str:
        return category_label(self.category) if self.category else ""

    @property
    def regional_group_name(self) -> str:
        return regional_group_label(self.regional_group) if self.regional_group else ""


@dataclass(frozen=True)
class SessionTotal:
    session: Any
    interventions: int
    speaking_time_s: float
    delegations: int

    @property
    def speaking_time_min(self) -> float:
        return round(self.speaking_time_s / 60, 1)


@dataclass(frozen=True)
class SeriesStatistics:
    slug: str
    name: str
    sessions: tuple[SessionTotal, ...]
    delegations: tuple[Row, ...]
    regional_groups: tuple[Row, ...]
    categories: tuple[Row, ...]

    @property
    def interventions(self) -> int:
        return sum(s.interventions for s in self.sessions)

    @property
    def speaking_time_min(self) -> float:
        return round(sum(s.speaking_time_s for s in self.sessions) / 60, 1)

    def to_json(self) -> dict[str, Any]:
        slugs = [t.session.slug for t in self.sessions]

        def row(r: Row, key: str) -> dict[str, Any]:
            out: dict[str, Any] = {key: r.key, "name": r.name}
            if key == "entity":
                out |= {"category": r.category, "regional_group": r.regional_group}
            return out | {
                "interventions": r.interventions,
                "by_session": dict(zip(slugs, r.per_session, strict=True)),
                "speaking_time_s": round(r.speaking_time_s, 1),
            }

        return {
            "series": self.name,
            "slug": self.slug,
            "sessions": [
                {
                    "slug": t.session.slug,
                    "title": t.session.title,
                    "city": t.session.city,
                    "start_date": t.session.start_date.isoformat(),
                    "end_date": t.session.end_date.isoformat(),
                    "interventions": t.interventions,
                    "speaking_time_s": round(t.speaking_time_s, 1),
                    "delegations": t.delegations,
                }
                for t in self.sessions
            ],
            "delegations": [row(r, "entity") for r in self.delegations],
            "regional_groups": [row(r, "regional_group") for r in self.regional_groups],
            "categories": [row(r, "category") for r in self.categories],
        }


def statistics_of_series(slug: str) -> SeriesStatistics | None:
    """The series' statistics, or None when no session belongs to it."""
    sessions = adapters.series_sessions(slug)
    if not sessions:
        return None
    records = [services.record_of(s) for s in sessions]
    return aggregate(slug, adapters.series_name(sessions), sessions, records)


def aggregate(slug: str, name: str, sessions: list[Any], records: list[Record]) -> SeriesStatistics:
    """Add up the sessions' records (in the sessions' order)."""
    n = len(sessions)
    totals = []
    delegations: dict[str, dict[str, Any]] = {}
    for k, record in enumerate(records):
        floor = record.floor_interventions()
        totals.append(
            SessionTotal(
                sessions[k],
                len(floor),
                sum(i.speaking_s for i in floor),
                len({i.entity for i in floor if i.entity}),
            )
        )
        for i in floor:
            d = delegations.setdefault(
                i.entity,
                {"name": "", "category": i.category, "group": "", "n": [0] * n, "s": 0.0},
            )
            d["name"] = d["name"] or i.entity_name or i.entity
            d["group"] = d["group"] or i.regional_group
            d["n"][k] += 1
            d["s"] += i.speaking_s
    rows = [
        # the delegation's name in the reader's language (the logs hold it in English)
        Row(
            code,
            adapters.name_in_reader_language(code, d["name"]),
            tuple(d["n"]),
            d["s"],
            d["category"],
            d["group"],
        )
        for code, d in delegations.items()
    ]
    rows.sort(key=lambda r: (-r.interventions, -r.speaking_time_s, r.name.lower()))
    groups = _add_up(
        [by_regional_group(r) for r in records],
        "regional_group",
        lambda code: code,
        [*REGIONAL_GROUPS, "none"],
        regional_group_label,
    )
    categories = _add_up(
        [by_category(r) for r in records],
        "category",
        lambda label: _CATEGORY_OF_LABEL.get(label, label),
        CATEGORIES,
        category_label,
    )
    return SeriesStatistics(slug, name, tuple(totals), tuple(rows), groups, categories)


def _add_up(
    tables: list[Table],
    column: str,
    key_of: Any,
    order: Iterable[str],
    label: Any,
) -> tuple[Row, ...]:
    """The sessions' tables of one kind added up by their first column: interventions per
    session and the total time (`total_s`)."""
    n = len(tables)
    counts: dict[str, list[int]] = {}
    seconds: dict[str, float] = {}
    for k, table in enumerate(tables):
        for row in table.as_dicts():
            key = str(key_of(str(row[column])))
            counts.setdefault(key, [0] * n)[k] += int(row["interventions"] or 0)
            seconds[key] = seconds.get(key, 0.0) + float(row["total_s"] or 0)
    known = list(order)
    keys = [k for k in known if k in counts] + sorted(k for k in counts if k not in known)
    return tuple(Row(k, label(k), tuple(counts[k]), seconds[k]) for k in keys)
