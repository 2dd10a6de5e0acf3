"""Entities that take the floor: States, groups of States, IGOs, UN entities, stakeholders.

The reference data ships with the package (`podium/core/data/`):

- `states.csv`: the 193 Member States and the 2 observer States, with their official UN short names,
  ISO 3166-1 codes and UN regional group(s); its header names the sources and the exceptions
  (Kiribati in no group; Türkiye in Asia-Pacific and WEOG, counted in WEOG for elections; the
  United States observing WEOG; Israel in WEOG).
- `organizations.json`: groups of States with their members (regional groups take theirs from
  `states.csv`), intergovernmental organizations and UN entities (the Global Migration Group members
  named by A/RES/71/280 carry the group code "GMG").
- `entity_names.json`: every State's short name in the six official languages (`LANGUAGES`), and
  those of the regional groups and main UN entities, with its source (UNTERM; ISO 3166 / CLDR via
  pycountry where UNTERM is not recorded there); written offline by `build_entity_names.py`
  beside it. `entity_name(code, language)` reads it.

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
NAMES_FILE: Final[Path] = DATA_DIR / "entity_names.json"

# The six official languages of the United Nations, as Django's LANGUAGES spells them.
LANGUAGES: Final[tuple[str, ...]] = ("ar", "zh-hans", "en", "fr", "ru", "es")
_LANGUAGE_ALIASES: Final[dict[str, str]] = {
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-hans-cn": "zh-hans",
}


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


def regional_group_name(code: str, language: str = "en") -> str:
    """A regional group's short label ("African States") in `language` (English otherwise)."""
    lang = official_language(language) or "en"
    labels = _names().regional_groups.get(code, {})
    return labels.get(lang) or REGIONAL_GROUP_NAMES.get(code, code)


# --- names in the six official languages ---


def official_language(language: str | None) -> str | None:
    """One of `LANGUAGES` for a language tag ("fr", "fr-CH", "zh-Hans", "zh_CN", "es-419"), or
    None when it is none of the six."""
    if not language:
        return None
    tag = language.strip().lower().replace("_", "-")
    if tag in LANGUAGES:
        return tag
    if tag in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[tag]
    if tag.startswith("zh-hans"):
        return "zh-hans"
    if tag.startswith("zh"):
        return None  # traditional Chinese is not the UN's
    base = tag.split("-", 1)[0]
    return base if base in LANGUAGES else None


@dataclass(frozen=True)
class _NameData:
    source: str
    names: dict[str, dict[str, str]]
    regional_groups: dict[str, dict[str, str]]


@cache
def _names() -> _NameData:
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    names = {
        str(code).upper(): {str(k): str(v) for k, v in six.items() if str(v).strip()}
        for code, six in data["names"].items()
    }
    groups = {
        str(code): {str(k): str(v) for k, v in six.items()}
        for code, six in data.get("regional_groups", {}).items()
    }
    return _NameData(str(data["source"]), names, groups)


def names_source() -> str:
    """Where the names of `entity_names.json` come from (its `source`)."""
    return _names().source


def entity_name(code: str, language: str | None, stored: str = "") -> str:
    """The entity's short name in `language` (one of `LANGUAGES`, or a tag `official_language`
    reads): the UN's (UNTERM) for States, the recorded one for organizations; else its English
    name; else the reference data's name; else `stored` (the name a database row holds, for
    entities outside the reference data, such as stakeholders); else the code itself."""
    key = code.strip().upper()
    six = _names().names.get(key, {})
    lang = official_language(language) or "en"
    found = six.get(lang) or six.get("en")
    if found:
        return found
    record = lookup(key)
    if record is not None and record.name:
        return record.name
    return stored or code


def entity_names(code: str, stored: str = "") -> dict[str, str]:
    """{language: name} in the six official languages (each falling back as `entity_name`)."""
    return {lang: entity_name(code, lang, stored) for lang in LANGUAGES}
