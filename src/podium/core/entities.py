"""Entities that take the floor: States, groups of States, IGOs, UN entities, stakeholders.

The reference data ships with the package (`podium/core/data/`):

- `states.csv`: the 193 Member States and the 2 observer States, with their official UN short names,
  ISO 3166-1 codes and UN regional group(s); its header names the sources and the exceptions
  (Kiribati in no group; Türkiye in Asia-Pacific and WEOG, counted in WEOG for elections; the
  United States observing WEOG; Israel in WEOG).
- `organizations.json`: groups of States with their members (regional groups take theirs from
  `states.csv`), intergovernmental organizations and UN entities (the Global Migration Group members
  named by A/RES/71/280 carry the group code "GMG").

Stakeholders are not reference data: they are accredited per session and live in the database.
Codes: ISO alpha-3 for States ("MEX"), a short code otherwise ("G77", "EU", "IOM"); lookups are
case-insensitive.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

Kind = Literal["member-state", "observer-state", "group", "igo", "un-entity", "stakeholder"]

KINDS: Final[tuple[Kind, ...]] = (
    "member-state",
    "observer-state",
    "group",
    "igo",
    "un-entity",
    "stakeholder",
)
STATE_KINDS: Final[frozenset[str]] = frozenset({"member-state", "observer-state"})

REGIONAL_GROUPS: Final[tuple[str, ...]] = ("AFRICAN", "APG", "EEG", "GRULAC", "WEOG")
REGIONAL_GROUP_NAMES: Final[dict[str, str]] = {
    "AFRICAN": "African States",
    "APG": "Asia-Pacific States",
    "EEG": "Eastern European States",
    "GRULAC": "Latin American and Caribbean States",
    "WEOG": "Western European and other States",
}

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"
STATES_FILE: Final[Path] = DATA_DIR / "states.csv"
ORGANIZATIONS_FILE: Final[Path] = DATA_DIR / "organizations.json"


@dataclass(frozen=True)
class EntityRecord:
    """One entity of the reference data.

    `groups` are the UN regional group(s) a State belongs to (empty for Kiribati and observer
    States; two for Türkiye); for IGOs and UN entities, the networks they belong to ("GMG").
    `observes` are regional groups a State attends as an observer (the United States: WEOG).
    `election_group` is the group a State is counted in for elections, if any.
    `members`/`observers` list the alpha-3 codes of a group of States.
    """

    code: str
    kind: Kind
    name: str
    iso2: str | None = None
    iso3: str | None = None
    numeric: str | None = None
    groups: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    observes: tuple[str, ...] = ()
    election_group: str | None = None
    regional: bool = False
    observer: bool = False
    note: str = ""

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS


def counted_group(election_group: str | None, groups: Iterable[str]) -> str:
    """The one regional group a State is counted in: its group for elections when it has one
    (Türkiye belongs to two), else its first regional group; "" when it has none (Kiribati)."""
    if election_group:
        return election_group
    return next(iter(groups), "")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in (p.strip() for p in value.split(";")) if part)


def _read_states(path: Path) -> list[EntityRecord]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    records = []
    for row in csv.DictReader(lines):
        kind = row["kind"]
        if kind not in STATE_KINDS:
            raise ValueError(f"{path.name}: {row['iso3']}: kind {kind!r} is not a State kind")
        records.append(
            EntityRecord(
                code=row["iso3"],
                kind="member-state" if kind == "member-state" else "observer-state",
                name=row["name"],
                iso2=row["iso2"],
                iso3=row["iso3"],
                numeric=row["numeric"],
                groups=_split(row["regional_groups"]),
                observes=_split(row["observes"]),
                election_group=row["election_group"] or None,
            )
        )
    return records


def _kind(value: Any) -> Kind:
    for kind in KINDS:
        if value == kind:
            return kind
    raise ValueError(f"unknown entity kind {value!r}")


def _read_organizations(path: Path, states: list[EntityRecord]) -> list[EntityRecord]:
    data = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for g in data["groups"]:
        code = str(g["code"])
        if g.get("regional"):
            members = tuple(s.code for s in states if code in s.groups)
            observers = tuple(s.code for s in states if code in s.observes)
        else:
            members = tuple(str(m) for m in g.get("members", ()))
            observers = tuple(str(m) for m in g.get("observers", ()))
        records.append(
            EntityRecord(
                code=code,
                kind="group",
                name=str(g["name"]),
                members=members,
                observers=observers,
                regional=bool(g.get("regional", False)),
                observer=bool(g.get("observer", False)),
                note=str(g.get("source", "")),
            )
        )
    for o in data["organizations"]:
        records.append(
            EntityRecord(
                code=str(o["code"]),
                kind=_kind(o["kind"]),
                name=str(o["name"]),
                groups=tuple(str(x) for x in o.get("groups", ())),
                note=str(o.get("note", "")),
            )
        )
    return records


@cache
def _index() -> dict[str, EntityRecord]:
    states = _read_states(STATES_FILE)
    records = states + _read_organizations(ORGANIZATIONS_FILE, states)
    index: dict[str, EntityRecord] = {}
    for record in records:
        key = record.code.upper()
        if key in index:
            raise ValueError(f"duplicate entity code {record.code!r}")
        index[key] = record
    known = {r.code for r in states}
    for record in records:
        for member in record.members + record.observers:
            if member not in known:
                raise ValueError(f"{record.code}: member {member!r} is not a known State")
    return index


def lookup(code: str) -> EntityRecord | None:
    """The entity with this code (ISO alpha-3 for States, short code otherwise), any case."""
    return _index().get(code.strip().upper())


def all_entities(kind: str | None = None) -> list[EntityRecord]:
    """Every entity of the reference data (of one kind if given), in file order."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {', '.join(KINDS)}")
    return [r for r in _index().values() if kind is None or r.kind == kind]


def groups_of(code: str) -> list[EntityRecord]:
    """Groups of States the State `code` is a member of (regional groups first)."""
    key = code.strip().upper()
    found = [g for g in all_entities("group") if key in g.members]
    return sorted(found, key=lambda g: (not g.regional, g.code))


def regional_group_name(code: str) -> str:
    return REGIONAL_GROUP_NAMES.get(code, code)
