"""Statistics over a hand-made record, checked against numbers computed by hand."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

from podium.core.record import Intervention, NotHeard, Record, SegmentTime, category_of_kind
from podium.core.statistics import PlannedSegment, all_tables, tables_to_csv, tables_to_json

T0 = datetime(2017, 5, 22, 14, 15, tzinfo=UTC)


def iv(n: int, cat: str, seg: str, start_min: float, dur_s: float, **kw: object) -> Intervention:
    """An intervention of `dur_s` seconds on the clock (pauses, `paused_s`, not spoken)."""
    start = T0 + timedelta(minutes=start_min)
    paused = float(kw.pop("paused_s", 0.0))  # type: ignore[arg-type]
    limit = int(kw.pop("limit_s", 180))  # type: ignore[call-overload]
    role = str(kw.pop("role", "floor" if cat not in ("moderator", "panelist") else "moderator"))
    return Intervention(
        number=n,
        segment=seg,
        role=role,
        category=cat,
        speaker=f"S{n}",
        entity=str(kw.pop("entity", f"E{n}")) if role == "floor" else "",
        entity_name="",
        start=start,
        end=start + timedelta(seconds=dur_s),
        speaking_s=dur_s - paused,
        limit_s=limit,
        granted_s=int(kw.pop("granted_s", limit)),  # type: ignore[call-overload]
        paused_s=paused,
        **kw,  # type: ignore[arg-type]
    )


RECORD = Record(
    interventions=(
        iv(1, "moderator", "p1", 0, 400, limit_s=420, gender="female"),
        iv(2, "member_state", "p1", 10, 200, regional_group="African", gender="male"),
        iv(3, "member_state", "p1", 14, 170, regional_group="WEOG", gender="female"),
        iv(4, "stakeholder", "p1", 18, 190, paused_s=30),  # 160 s spoken, within the limit
        iv(5, "member_state", "p2", 60, 240, regional_group="African", departed_from_order=True),
    ),
    not_heard=(NotHeard(entity="FRA", category="member_state", segment="p1", requested_at=T0),),
    segments=(SegmentTime("p1", T0, T0 + timedelta(minutes=50)),),
)
PLANNED = [
    PlannedSegment("p1", "Panel 1", T0, T0 + timedelta(minutes=45)),
    PlannedSegment("p2", "Panel 2", T0 + timedelta(minutes=60), T0 + timedelta(minutes=90)),
]


def table(key: str) -> dict[str, dict[str, object]]:
    t = next(t for t in all_tables(RECORD, PLANNED) if t.key == key)
    return {str(r[t.columns[0]]): r for r in t.as_dicts()}


def test_intervention_durations_and_overtime() -> None:
    i4 = RECORD.interventions[3]
    assert i4.speaking_s == 160 and i4.overtime_s == 0
    assert RECORD.interventions[1].overtime_s == 20
    assert RECORD.interventions[4].overtime_s == 60


def test_by_category_counts_the_floor_and_by_role_the_planned_speakers() -> None:
    t = table("by-category")
    assert list(t) == ["Member State", "Stakeholder"]
    assert t["Member State"]["interventions"] == 3
    assert t["Member State"]["total_s"] == 610.0
    assert t["Member State"]["over_limit"] == 2
    r = table("by-role")
    assert list(r) == ["Moderator"] and r["Moderator"]["over_limit"] == 0


def test_by_regional_group_and_gender() -> None:
    g = table("by-regional-group")
    assert g["African"]["interventions"] == 2 and g["African"]["total_s"] == 440.0
    assert g["WEOG"]["interventions"] == 1
    assert "none" not in g  # only States are counted by regional group
    s = table("by-gender")  # everyone who spoke: the moderator too
    assert s["female"]["interventions"] == 2 and s["female"]["total_s"] == 570.0
    assert s["not declared"]["interventions"] == 2


def test_overtime_not_heard_planned_vs_actual() -> None:
    o = table("overtime")
    assert o["Panel 1"]["over_limit"] == 1 and o["Panel 1"]["overtime_total_s"] == 20.0
    assert o["Panel 2"]["overtime_max_s"] == 60.0
    assert table("not-heard")["Panel 1"]["entity"] == "FRA"
    p = table("planned-vs-actual")
    assert p["Panel 1"]["planned_min"] == 45.0 and p["Panel 1"]["actual_min"] == 50.0
    assert p["Panel 1"]["difference_min"] == 5.0
    assert p["Panel 2"]["actual_min"] == 4.0  # only one intervention: its span
    totals = table("totals")
    assert totals["requests_not_heard"]["value"] == 1
    assert totals["departed_from_suggested_order"]["value"] == 1


def test_every_table_exports_as_csv_and_json() -> None:
    tables = all_tables(RECORD, PLANNED)
    data = json.loads(tables_to_json(tables, session="s"))
    assert [t["key"] for t in data["tables"]] == [t.key for t in tables]
    text = tables_to_csv(tables)
    for t in tables:
        assert f"# {t.key}" in text
        rows = list(csv.reader(io.StringIO(t.to_csv())))
        assert rows[0] == list(t.columns) and len(rows) == len(t.rows) + 1


def test_categories_of_entity_kinds() -> None:
    assert category_of_kind("member-state") == "member_state"
    assert category_of_kind("un-entity") == "un_entity"
    assert category_of_kind("panelist") == "panelist"
    assert category_of_kind("something") == "other"
