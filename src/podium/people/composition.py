"""Panel composition of a session: the programme's panels filled with their people.

Panels (numbers, titles) and the people the programme names come from `podium.programme`'s
`Panel` and `PanelPerson` rows; the people holding moderator/expert/thematic-expert roles here are
merged in (same name = same person; a self-declared gender here wins). The summary panel is the
moderators of the expert panels plus the thematic expert. The rules live in
`podium.core.composition`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from podium.core.composition import (
    NO_EXPERT,
    NO_GROUP,
    NO_MODERATOR,
    NOT_A_STATE,
    ONE_REGION,
    POSSIBLY_SINGLE_SEX,
    SINGLE_SEX,
    CompositionWarning,
    Panel,
    Panelist,
    SessionReport,
    check_session,
)
from podium.core.entities import regional_group_name
from podium.core.programme import is_placeholder, same_name
from podium.people.models import Gender, Role, RoleKind
from podium.people.names import name_of
from podium.programme.models import Panel as ProgrammePanel
from podium.programme.models import PanelPerson

PROGRAMME_ROLES = {
    "moderator": "moderator",
    "expert": "expert",
    "summary_moderator": "moderator",
    "thematic_expert": "thematic_expert",
}


def programme_panels(session: Any) -> dict[int | None, str]:
    """{panel number: title} of the programme's panels; the summary panel is None."""
    panels: dict[int | None, str] = {}
    for p in ProgrammePanel.objects.filter(session=session):
        if p.kind == ProgrammePanel.Kind.SUMMARY:
            panels[None] = p.title
        elif p.number is not None:
            panels[int(p.number)] = p.title
    return panels


def _programme_people(session: Any) -> dict[int | None, list[Panelist]]:
    """The panelists the programme names (its session file), without placeholders ("TBC")."""
    found: dict[int | None, list[Panelist]] = {}
    people = PanelPerson.objects.filter(session=session, panel__isnull=False).select_related(
        "panel"
    )
    for pp in people:
        role = PROGRAMME_ROLES.get(pp.role)
        name = (pp.name or "").strip()
        if role is None or is_placeholder(name):
            continue
        number = None if pp.panel.kind == "summary" else pp.panel.number
        found.setdefault(number, []).append(
            Panelist(name, role, pp.gender or None, (pp.entity or "").upper() or None)
        )
    return found


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def _merge(programme: list[Panelist], people: list[Panelist]) -> list[Panelist]:
    """People with roles here win over the programme's entry of the same name (and role); the
    programme's gender fills in where the person did not declare one."""
    merged: dict[tuple[str, str], Panelist] = {}
    for p in programme:
        merged[(_key(p.name), p.role)] = p
    for p in people:
        key = next(
            (k for k in merged if k[1] == p.role and same_name(k[0], p.name)),
            (_key(p.name), p.role),
        )
        old = merged.get(key)
        gender = p.gender or (old.gender if old else None)
        merged[key] = Panelist(
            p.name,
            p.role,
            gender,
            p.entity_code or (old.entity_code if old else None),
            p.entity_kind,
        )
    return list(merged.values())


def session_report(session: Any) -> SessionReport:
    roles = (
        Role.objects.filter(
            session=session,
            role__in=[RoleKind.MODERATOR, RoleKind.EXPERT, RoleKind.THEMATIC_EXPERT],
        )
        .select_related("person", "person__entity", "entity")
        .order_by("panel", "role", "person__family_name")
    )
    titles = programme_panels(session)
    from_programme = _programme_people(session)
    from_roles: dict[int | None, list[Panelist]] = {}
    for r in roles:
        entity = r.acting_for
        p = Panelist(
            name=r.person.display_name,
            role=r.role,
            gender=r.person.gender or None,
            entity_code=entity.code if entity else None,
            entity_kind=entity.kind if entity else None,
        )
        number = None if r.role == RoleKind.THEMATIC_EXPERT else r.panel
        from_roles.setdefault(number, []).append(p)
    numbers = sorted({n for n in (*titles, *from_programme, *from_roles) if n is not None})
    members = {n: _merge(from_programme.get(n, []), from_roles.get(n, [])) for n in numbers}
    # The summary panel: the moderators of the expert panels and the thematic expert.
    moderators = [m for n in numbers for m in members[n] if m.role == RoleKind.MODERATOR]
    summary = _merge(from_programme.get(None, []), moderators + from_roles.get(None, []))
    panels = [
        Panel(n, titles.get(n) or _("Panel %(n)s") % {"n": n}, tuple(members[n])) for n in numbers
    ]
    if None in titles or summary:
        panels.append(Panel(None, titles.get(None) or _("Summary panel"), tuple(summary)))
    return check_session(panels)


def _gender_label(value: str) -> str:
    return str(dict(Gender.choices).get(value, value)).lower()


def region_label(code: str) -> str:
    if code == NO_GROUP:
        return _("No regional group")
    if code == NOT_A_STATE:
        return _("Not a State (IGO, UN entity, stakeholder)")
    return regional_group_name(code, get_language() or "en")


def warning_text(w: CompositionWarning) -> str:
    if w.code == SINGLE_SEX:
        return _("Single-sex panel (all %(gender)s): the Panel Parity Pledge asks for none.") % {
            "gender": _gender_label(w.detail)
        }
    if w.code == POSSIBLY_SINGLE_SEX:
        return _(
            "Possibly a single-sex panel: every member who declared a gender declared %(gender)s."
        ) % {"gender": _gender_label(w.detail)}
    if w.code == ONE_REGION:
        return _("Every State on this panel is from one regional group (%(group)s).") % {
            "group": regional_group_name(w.detail, get_language() or "en")
        }
    if w.code == NO_MODERATOR:
        return _("No moderator appointed yet.")
    if w.code == NO_EXPERT:
        return _("No expert yet.")
    return w.code


def _with_entity(member: Panelist) -> str:
    """ "Name (delegation)", the delegation named in the reader's language."""
    if not member.entity_code:
        return member.name
    return f"{member.name} ({name_of(member.entity_code)})"


def rows(report: SessionReport) -> list[dict[str, Any]]:
    """What the page shows for each panel: members by role, aggregate gender, regions, warnings."""
    out = []
    for pr in report.panels:
        out.append(
            {
                "number": pr.panel.number,
                "title": pr.panel.title,
                "moderators": [
                    _with_entity(m) for m in pr.panel.members if m.role == RoleKind.MODERATOR
                ],
                "experts": [
                    _with_entity(m)
                    for m in pr.panel.members
                    if m.role in (RoleKind.EXPERT, RoleKind.THEMATIC_EXPERT)
                ],
                "genders": pr.genders,
                "regions": [(region_label(k), v) for k, v in pr.regions.items()],
                "warnings": [warning_text(w) for w in pr.warnings],
                "single_sex": pr.single_sex,
            }
        )
    return out
