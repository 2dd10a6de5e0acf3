"""Accounts and roles: the operations behind `podium grant`, the demo and the pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
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


@dataclass
class Registration:
    """What `register_delegate` did: `invite` is a new account to choose a password for;
    `confirm` an existing account, someone else's until its owner says the person is them."""

    person: Person
    role: Role
    invite: Any = None
    confirm: Any = None


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
) -> Registration:
    """A focal point (or the secretariat) registers a delegate of `entity` for `session`.

    A person of the same delegation with that address is registered again, not duplicated.
    Anyone else's person or account is never touched: the typed details make a new person of
    this delegation. With an address nobody uses, an account is made (username = the address,
    a random password nobody knows) for an invitation to choose one; with an address an
    account already uses, that account is linked only when its owner confirms (`join`)."""
    if role not in (RoleKind.DELEGATE, RoleKind.FOCAL_POINT):
        raise GrantError(_("Only delegates and focal points are registered here."))
    user_model = get_user_model()
    with transaction.atomic():
        person = None
        if email:
            person = (
                Person.objects.filter(email__iexact=email, entity=entity).order_by("pk").first()
            )
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
        done = Registration(person, Role())
        if email and person.user_id is None:
            account = user_model.objects.filter(username__iexact=email).first()
            if account is None:
                account = user_model.objects.filter(email__iexact=email).order_by("pk").first()
            if account is None:  # an address another person of Podium gave: their account
                known = Person.objects.filter(email__iexact=email, user__isnull=False).first()
                account = known.user if known is not None else None
            if account is None:
                account = user_model.objects.create_user(
                    username=email.lower(), email=email, password=secrets.token_urlsafe(24)
                )
                person.user = account
                person.save(update_fields=["user"])
                done.invite = account
            else:
                done.confirm = account
        done.role, _created = Role.objects.get_or_create(
            session=session, person=person, role=role, panel=None, defaults={"entity": entity}
        )
    return done


JOIN_SALT = "podium.people.join"
JOIN_MAX_AGE = 14 * 24 * 3600  # the invitation's life: two weeks, as Django's reset links


def join_token(person: Person, account: Any) -> str:
    """A signed, expiring link for `account`'s owner to confirm they are `person`."""
    return signing.dumps({"p": person.pk, "u": account.pk}, salt=JOIN_SALT, compress=True)


class JoinRefused(GrantError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def check_join(token: str, user: Any) -> Person:
    """The person a join link offers to signed-in `user`, or why not (with its status)."""
    try:
        data = signing.loads(token, salt=JOIN_SALT, max_age=JOIN_MAX_AGE)
        person_pk, user_pk = int(data["p"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise JoinRefused(_("This link is not valid, or has expired."), 400) from None
    if user.pk != user_pk:
        raise JoinRefused(_("This link was sent to another account."), 403)
    person = Person.objects.select_related("entity").filter(pk=person_pk).first()
    if person is None or person.user_id is not None:
        raise JoinRefused(_("This link has already been used."), 400)
    if Person.objects.filter(user=user).exists():
        raise JoinRefused(
            _(
                "Your account already stands for a person in Podium; ask the secretariat "
                "to register you for this delegation too."
            ),
            409,
        )
    return person


def join(token: str, user: Any) -> Person:
    """Link signed-in `user` to the person its join link offers (see `check_join`)."""
    with transaction.atomic():
        person = check_join(token, user)
        person.user = user
        person.save(update_fields=["user"])
    forget_roles(user)
    return person
