"""Demo accounts for `podium demo` / `make run`. Idempotent; existing passwords are never changed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from podium.people import accreditation
from podium.people.composition import programme_panels
from podium.people.loader import sync_reference_entities
from podium.people.models import Entity, EntityKind, RoleKind
from podium.people.services import grant
from podium.programme.models import PanelPerson

DEMO_STAKEHOLDER = ("DEMO-MIGRANT-NETWORK", "Demo Network of Migrant Organizations")
# (State, given name, family name, gender): fictional people.
DELEGATES = (
    ("MEX", "Ana", "Torres", "female"),
    ("BGD", "Rahim", "Chowdhury", "male"),
    ("DEU", "Julia", "Schneider", "female"),
    ("NGA", "Chinedu", "Okeke", "male"),
)
# Moderators act for the State the programme names (else these, in turn); fictional names.
MODERATORS = (
    ("BGD", "Farida", "Hossain", "female"),
    ("DEU", "Markus", "Weber", "male"),
    ("NGA", "Ngozi", "Adeyemi", "female"),
    ("MEX", "Diego", "Ramírez", "male"),
)
NAMES_BY_STATE = {
    "BGD": ("Farida", "Hossain", "female"),
    "GHA": ("Kwame", "Mensah", "male"),
    "FJI": ("Litia", "Naivalu", "female"),
    "DEU": ("Markus", "Weber", "male"),
    "NGA": ("Ngozi", "Adeyemi", "female"),
    "MEX": ("Diego", "Ramírez", "male"),
    "CHE": ("Claudia", "Keller", "female"),
}


def _programme_states(session: Any) -> tuple[dict[int, str], list[str]]:
    """The States the programme names for each panel's moderator, and for the co-chairs."""
    moderators: dict[int, str] = {}
    co_chairs: list[str] = []
    known = set(Entity.objects.filter(kind=EntityKind.MEMBER_STATE).values_list("code", flat=True))
    for pp in PanelPerson.objects.filter(session=session).select_related("panel"):
        code = (pp.entity or "").upper()
        if code not in known:
            continue
        if pp.role == "moderator" and pp.panel is not None and pp.panel.number is not None:
            moderators.setdefault(pp.panel.number, code)
        elif pp.role == "co_chair":
            co_chairs.append(code)
    return moderators, co_chairs


def _panel_numbers(session: Any) -> list[int]:
    numbers = sorted(n for n in programme_panels(session) if n is not None)
    return numbers or [1, 2, 3]


def create_demo_accounts(session: Any) -> list[tuple[str, str, str]]:
    """Create the demo accounts and roles in `session`; returns (username, password, role
    description) for the accounts created now (existing accounts keep their password and are
    not listed)."""
    if not Entity.objects.filter(code="MEX").exists():
        sync_reference_entities()
    stakeholder, _created = Entity.objects.get_or_create(
        code=DEMO_STAKEHOLDER[0],
        defaults={
            "name": DEMO_STAKEHOLDER[1],
            "kind": EntityKind.STAKEHOLDER,
            "category": "ecosoc-ngo",
        },
    )
    if not stakeholder.is_accredited:
        accreditation.register_ecosoc(stakeholder, timezone.now(), ecosoc_status="special")

    def entity(code: str) -> Entity:
        return Entity.objects.get(code=code)

    programme_moderators, programme_co_chairs = _programme_states(session)
    co_chair_state = programme_co_chairs[0] if programme_co_chairs else "MEX"
    plan: list[tuple[str, str, Entity | None, int | None, str, dict[str, str]]] = [
        (
            "secretariat",
            RoleKind.SECRETARIAT,
            None,
            None,
            _("Secretariat officer"),
            {"given_name": "Sam", "family_name": "Officer", "gender": "female"},
        ),
        (
            "cochair",
            RoleKind.CO_CHAIR,
            entity(co_chair_state),
            None,
            _("Co-chair (co-facilitator)"),
            {
                "given_name": "Carla",
                "family_name": "Cofacilitator",
                "title": "H.E.",
                "gender": "female",
            },
        ),
    ]
    for i, n in enumerate(_panel_numbers(session)):
        code, given, family, gender = MODERATORS[i % len(MODERATORS)]
        if n in programme_moderators:
            code = programme_moderators[n]
            given, family, gender = NAMES_BY_STATE.get(code, (given, family, gender))
        plan.append(
            (
                f"moderator{n}",
                RoleKind.MODERATOR,
                entity(code),
                n,
                _("Moderator of panel %(n)s") % {"n": n},
                {"given_name": given, "family_name": family, "title": "H.E.", "gender": gender},
            )
        )
    for code, given, family, gender in DELEGATES:
        plan.append(
            (
                f"delegate-{code.lower()}",
                RoleKind.DELEGATE,
                entity(code),
                None,
                _("Delegate of %(state)s") % {"state": entity(code).name},
                {"given_name": given, "family_name": family, "gender": gender},
            )
        )
    plan.append(
        (
            "focal-mex",
            RoleKind.FOCAL_POINT,
            entity("MEX"),
            None,
            _("Focal point of %(state)s") % {"state": entity("MEX").name},
            {"given_name": "Luis", "family_name": "Romero", "gender": "male"},
        )
    )
    plan.append(
        (
            "stakeholder",
            RoleKind.STAKEHOLDER,
            stakeholder,
            None,
            _("Representative of %(org)s (accredited stakeholder)") % {"org": stakeholder.name},
            {"given_name": "Amina", "family_name": "Diallo", "gender": "female"},
        )
    )
    users = get_user_model().objects
    created: list[tuple[str, str, str]] = []
    for username, role, ent, panel, description, names in plan:
        existed = users.filter(username=username).exists()
        g = grant(username, role, session, ent, panel, **names)
        if not existed and g.password:
            created.append((username, g.password, description))
    return created
