"""Panel composition check: gender balance (Panel Parity Pledge) and regional spread.

Pure functions over plain values. The Secretary-General's Panel Parity Pledge commits to no
single-sex panels: a panel whose members all declared the same gender gets a warning. Gender is
self-declared and optional; undeclared members are counted apart and never guessed. Regional
spread counts moderators and experts by the UN regional group of the State they act for (the group
counted for elections: Türkiye and the United States in WEOG), or by the kind of their entity
when it is not a State.

Warnings are codes with parameters; the web layer turns them into translated sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from podium.core.entities import REGIONAL_GROUPS, counted_group, lookup

GENDERS: Final[tuple[str, ...]] = ("female", "male", "other")
UNDECLARED: Final[str] = "undeclared"
PANEL_ROLES: Final[tuple[str, ...]] = ("moderator", "expert", "thematic_expert")
NO_GROUP: Final[str] = "no-group"  # a State in no regional group (Kiribati)
NOT_A_STATE: Final[str] = "not-a-state"  # IGO, UN entity, stakeholder, or no entity given

# Warning codes
SINGLE_SEX: Final[str] = "single-sex"  # every member declared, all the same gender
POSSIBLY_SINGLE_SEX: Final[str] = "possibly-single-sex"  # declared ones agree, some undeclared
ONE_REGION: Final[str] = "one-region"  # all State-affiliated members from one regional group
NO_MODERATOR: Final[str] = "no-moderator"
NO_EXPERT: Final[str] = "no-expert"


@dataclass(frozen=True)
class Panelist:
    name: str
    role: str  # one of PANEL_ROLES
    gender: str | None = None  # one of GENDERS, or None when not declared
    entity_code: str | None = None  # ISO alpha-3 for States, short code otherwise
    entity_kind: str | None = None  # when the entity is not in the reference data (stakeholders)


@dataclass(frozen=True)
class Panel:
    number: int | None  # None for the summary panel
    title: str
    members: tuple[Panelist, ...]


@dataclass(frozen=True)
class CompositionWarning:
    code: str
    panel: int | None
    detail: str = ""  # e.g. the gender of a single-sex panel, or the single region


@dataclass(frozen=True)
class PanelReport:
    panel: Panel
    genders: dict[str, int]  # GENDERS + UNDECLARED -> count
    regions: dict[str, int]  # regional group code / NO_GROUP / NOT_A_STATE -> count
    warnings: tuple[CompositionWarning, ...] = ()

    @property
    def single_sex(self) -> bool:
        return any(w.code == SINGLE_SEX for w in self.warnings)


@dataclass(frozen=True)
class SessionReport:
    panels: tuple[PanelReport, ...]
    genders: dict[str, int]
    regions: dict[str, int]  # over all moderators and experts, each person once
    warnings: tuple[CompositionWarning, ...] = field(default=())


GENDER_ALIASES: Final[dict[str, str]] = {
    "f": "female",
    "woman": "female",
    "w": "female",
    "m": "male",
    "man": "male",
    "non-binary": "other",
    "x": "other",
}


def gender_key(gender: str | None) -> str:
    """One of GENDERS, or UNDECLARED for anything else (empty, "not declared", unknown)."""
    g = (gender or "").strip().lower()
    g = GENDER_ALIASES.get(g, g)
    return g if g in GENDERS else UNDECLARED


def region_of(entity_code: str | None) -> str:
    """The regional group a panelist counts in: the State's election group, else a placeholder."""
    if not entity_code:
        return NOT_A_STATE
    record = lookup(entity_code)
    if record is None or not record.is_state:
        return NOT_A_STATE
    return counted_group(record.election_group, record.groups) or NO_GROUP


def count_genders(members: Iterable[Panelist]) -> dict[str, int]:
    counts = Counter(gender_key(m.gender) for m in members)
    return {g: counts.get(g, 0) for g in (*GENDERS, UNDECLARED)}


def count_regions(members: Iterable[Panelist]) -> dict[str, int]:
    counts = Counter(region_of(m.entity_code) for m in members)
    order = (*REGIONAL_GROUPS, NO_GROUP, NOT_A_STATE)
    return {r: counts[r] for r in order if counts.get(r)}


def check_panel(panel: Panel) -> PanelReport:
    members = [m for m in panel.members if m.role in PANEL_ROLES]
    genders = count_genders(members)
    regions = count_regions(members)
    warnings: list[CompositionWarning] = []
    declared = {g: n for g, n in genders.items() if g != UNDECLARED and n}
    if len(members) >= 2 and len(declared) == 1:
        (only,) = declared
        code = SINGLE_SEX if genders[UNDECLARED] == 0 else POSSIBLY_SINGLE_SEX
        warnings.append(CompositionWarning(code, panel.number, only))
    state_regions = {r for r in regions if r in REGIONAL_GROUPS}
    states = sum(n for r, n in regions.items() if r in REGIONAL_GROUPS)
    if states >= 2 and len(state_regions) == 1:
        warnings.append(CompositionWarning(ONE_REGION, panel.number, next(iter(state_regions))))
    if panel.number is not None:
        if not any(m.role == "moderator" for m in members):
            warnings.append(CompositionWarning(NO_MODERATOR, panel.number))
        if not any(m.role == "expert" for m in members):
            warnings.append(CompositionWarning(NO_EXPERT, panel.number))
    return PanelReport(panel, genders, regions, tuple(warnings))


def check_session(panels: Sequence[Panel]) -> SessionReport:
    """Each panel checked, plus the spread over every moderator and expert (each person once)."""
    reports = tuple(check_panel(p) for p in panels)
    seen: dict[tuple[str, str | None], Panelist] = {}
    for panel in panels:
        for m in panel.members:
            if m.role in PANEL_ROLES:
                seen.setdefault((m.name, m.entity_code), m)
    people = list(seen.values())
    warnings = tuple(w for r in reports for w in r.warnings)
    return SessionReport(reports, count_genders(people), count_regions(people), warnings)
