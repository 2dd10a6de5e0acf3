"""Accounts and roles: the operations behind `podium grant`, the demo and the pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from podium.people.models import ENTITY_ROLES, PANEL_ROLES, Entity, Person, Role, RoleKind
from podium.people.permissions import forget_roles


class GrantError(ValueError):
    """A refused grant; the message is a reason a user can read."""


@dataclass
class Granted:
    user: Any
    person: Person
    role: Role
    password: str | None  # the new password when the account was created here, else None
    role_created: bool


def new_password() -> str:
    return secrets.token_urlsafe(9)


def check_grant(role: str, entity: Entity | None, panel: int | None) -> None:
    if role not in RoleKind.values:
        raise GrantError(
            _("unknown role %(role)s (expected one of %(roles)s)")
            % {"role": role, "roles": ", ".join(RoleKind.values)}
        )
    if role in PANEL_ROLES and panel is None:
        raise GrantError(_("a %(role)s needs --panel N") % {"role": role})
    if panel is not None and panel < 1:
        raise GrantError(_("the panel number must be 1 or more"))
    if role in ENTITY_ROLES and entity is None:
        raise GrantError(_("a %(role)s needs --entity CODE") % {"role": role})


@transaction.atomic
def grant(
    username: str,
    role: str,
    session: Any,
    entity: Entity | None = None,
    panel: int | None = None,
    *,
    password: str | None = None,
    email: str = "",
    given_name: str = "",
    family_name: str = "",
    title: str = "",
    gender: str = "",
) -> Granted:
    """Create or update `username`'s account and person and give them `role` in `session`.
    An existing account keeps its password unless `password` is given."""
    check_grant(role, entity, panel)
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    new_pw: str | None = None
    if user is None:
        new_pw = password or new_password()
        user = user_model.objects.create_user(username=username, email=email, password=new_pw)
    else:
        if password:
            user.set_password(password)
            new_pw = password
        if email and not user.email:
            user.email = email
        user.save()
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user,
            family_name=family_name or username,
            given_name=given_name,
            title=title,
            gender=gender,
            email=email or user.email,
            entity=entity,
        )
    else:
        changed = False
        for name, value in (
            ("given_name", given_name),
            ("family_name", family_name),
            ("title", title),
            ("gender", gender),
        ):
            if value and getattr(person, name) != value:
                setattr(person, name, value)
                changed = True
        if entity is not None and person.entity_id is None:
            person.entity = entity
            changed = True
        if changed:
            person.save()
    role_obj, created = Role.objects.get_or_create(
        session=session,
        person=person,
        role=role,
        panel=panel if role in PANEL_ROLES else None,
        defaults={"entity": entity},
    )
    if not created and entity is not None and role_obj.entity_id != entity.pk:
        role_obj.entity = entity
        role_obj.save(update_fields=["entity"])
    if role == RoleKind.SECRETARIAT:
        admit_to_admin(user)
    forget_roles(user)
    return Granted(user, person, role_obj, new_pw, created)


SECRETARIAT_GROUP = "Secretariat"
PODIUM_APPS = ("programme", "people", "floor", "record", "sideevents")


def admit_to_admin(user: Any) -> None:
    """A secretariat officer edits everything in the admin: staff, and a member of the
    "Secretariat" group holding every permission on Podium's own models."""
    group, created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    if created or not group.permissions.exists():
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=PODIUM_APPS))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)


def register_delegate(
    session: Any,
    entity: Entity,
    *,
    family_name: str,
    given_name: str = "",
    title: str = "",
    gender: str = "",
    function: str = "",
    position: str = "",
    email: str = "",
    role: str = RoleKind.DELEGATE,
) -> tuple[Person, Role, Any]:
    """A focal point (or the secretariat) registers a delegate of `entity` for `session`.
    With an e-mail address, an account is created (username = the address)
    (a random password nobody knows) and returned so the caller can send an invitation to choose one."""
    if role not in (RoleKind.DELEGATE, RoleKind.FOCAL_POINT):
        raise GrantError(_("Only delegates and focal points are registered here."))
    with transaction.atomic():
        person = None
        if email:
            person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            person = Person.objects.create(
                family_name=family_name,
                given_name=given_name,
                title=title,
                gender=gender,
                function=function,
                position=position,
                email=email,
                entity=entity,
            )
        account = None
        if email and person.user_id is None:
            user_model = get_user_model()
            account, created = user_model.objects.get_or_create(
                username=email.lower(), defaults={"email": email}
            )
            if created:
                account.set_password(
                    secrets.token_urlsafe(24)
                )  # unknown to all; reset to choose one
                account.save()
            if not Person.objects.filter(user=account).exists():
                person.user = account
                person.save(update_fields=["user"])
            else:
                account = None
        role_obj, _created = Role.objects.get_or_create(
            session=session, person=person, role=role, panel=None, defaults={"entity": entity}
        )
    return person, role_obj, account
