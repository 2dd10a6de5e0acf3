"""Panel composition of a session: the programme's panels filled with the people holding roles.

Panel numbers and titles come from the programme (`podium.programme.services.programme_of`) when it
offers them; the members (moderator, experts; for the summary panel the moderators and the thematic
expert) and their self-declared gender come from the roles of this app. The rules live in
`podium.core.composition`.
"""

from __future__ import annotations

from typing import Any

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
from podium.people.models import Gender, Role, RoleKind


def programme_panels(session: Any) -> dict[int | None, str]:
    """{panel number: title} from the programme; the summary panel is None. Empty if unknown."""
    try:
        from podium.programme.services import programme_of
    except ImportError:
        return {}
    try:
        programme = programme_of(session)
    except Exception:  # noqa: BLE001 - a programme still being written must not break this page
        return {}
    panels: dict[int | None, str] = {}
    for seg in _segments(programme):
        kind = str(_get(seg, "kind", "") or "")
        number = _get(seg, "panel", None)
        if number is None:
            number = _get(seg, "panel_number", None)
        if number is None:
            number = _get(seg, "number", None)
        title = str(_get(seg, "title", "") or "")
        if kind in ("expert_panel", "expert-panel", "panel") and number is not None:
            panels[int(number)] = title
        elif kind in ("summary_panel", "summary-panel", "summary"):
            panels[None] = title
    return panels


def _get(obj: Any, name: str, default: Any) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _segments(programme: Any) -> list[Any]:
    found: list[Any] = []
    segments = _get(programme, "segments", None)
    if segments is not None:
        return list(segments() if callable(segments) else segments)
    for day in _get(programme, "days", None) or []:
        for block in _get(day, "blocks", None) or []:
            found.extend(_get(block, "segments", None) or [])
    return found


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
    members: dict[int | None, list[Panelist]] = {n: [] for n in titles}
    moderators: list[Panelist] = []
    for r in roles:
        entity = r.acting_for
        p = Panelist(
            name=r.person.display_name,
            role=r.role,
            gender=r.person.gender or None,
            entity_code=entity.code if entity else None,
            entity_kind=entity.kind if entity else None,
        )
        if r.role == RoleKind.THEMATIC_EXPERT:
            members.setdefault(None, []).append(p)
        else:
            members.setdefault(r.panel, []).append(p)
            if r.role == RoleKind.MODERATOR:
                moderators.append(p)
    if None in members or moderators:
        # The summary panel: the moderators of the expert panels and the thematic expert.
        members.setdefault(None, [])
        members[None] = moderators + members[None]
    numbers = sorted(n for n in members if n is not None)
    panels = [
        Panel(n, titles.get(n) or _("Panel %(n)s") % {"n": n}, tuple(members[n])) for n in numbers
    ]
    if None in members:
        panels.append(Panel(None, titles.get(None) or _("Summary panel"), tuple(members[None])))
    return check_session(panels)


def _gender_label(value: str) -> str:
    return str(dict(Gender.choices).get(value, value)).lower()


def region_label(code: str) -> str:
    if code == NO_GROUP:
        return _("No regional group")
    if code == NOT_A_STATE:
        return _("Not a State (IGO, UN entity, stakeholder)")
    return regional_group_name(code)


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
            "group": regional_group_name(w.detail)
        }
    if w.code == NO_MODERATOR:
        return _("No moderator appointed yet.")
    if w.code == NO_EXPERT:
        return _("No expert yet.")
    return w.code


def rows(report: SessionReport) -> list[dict[str, Any]]:
    """What the page shows for each panel: members by role, aggregate gender, regions, warnings."""
    out = []
    for pr in report.panels:
        out.append(
            {
                "number": pr.panel.number,
                "title": pr.panel.title,
                "moderators": [m.name for m in pr.panel.members if m.role == RoleKind.MODERATOR],
                "experts": [
                    m.name
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
