"""CSV import and export of a session's people and roles (the secretariat's lists).

Columns (header row required, order free, unknown columns refused):
  title, given_name, family_name, gender, function, position, entity, email, phone, role, panel,
  username
Required: family_name, role. `entity` (an entity code) is required for delegates, focal points and
stakeholder representatives; `panel` for moderators and experts. A dry run checks every row and
reports each bad one by its line number; a real import checks first and writes nothing unless
every row is good.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from podium.people import register
from podium.people.models import (
    ENTITY_ROLES,
    PANEL_ROLES,
    Entity,
    Function,
    Gender,
    Person,
    Role,
    RoleKind,
)

COLUMNS = (
    "title",
    "given_name",
    "family_name",
    "gender",
    "function",
    "position",
    "entity",
    "email",
    "phone",
    "role",
    "panel",
    "username",
)
REQUIRED = ("family_name", "role")
# A cell may be as long as the field it fills (username: Django's own bound, 150).
BOUNDS = {
    col: int(Person._meta.get_field(col).max_length or 0)
    for col in ("title", "given_name", "family_name", "position", "phone", "email")
} | {"username": 150, "entity": 40, "role": 40, "gender": 40, "function": 60, "panel": 3}


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    persons_created: int = 0
    roles_created: int = 0
    accounts_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    entity: Entity | None
    panel: int | None


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _coded(value: str, choices: Any) -> str | None:
    """The code that `value` names: the code itself or its label, in the reader's language or
    in English, without regard to case, hyphens or underscores; None if none."""

    def folded(text: str) -> str:
        return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())

    wanted = folded(value)

    def match() -> str | None:
        for code, label in choices.choices:
            if wanted in (folded(str(code)), folded(str(label))):
                return str(code)
        return None

    found = match()
    if found is None:
        with translation.override("en"):
            found = match()
    return found


def _check_row(values: dict[str, str], entities: dict[str, Entity]) -> tuple[list[str], Any, Any]:
    problems: list[str] = []
    for col, value in values.items():
        if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
            problems.append(_("%(column)s holds a control character") % {"column": col})
            values[col] = ""
        elif len(value) > BOUNDS.get(col, 200):
            problems.append(
                _("%(column)s is longer than %(n)s characters")
                % {"column": col, "n": BOUNDS.get(col, 200)}
            )
            values[col] = ""
    for col in REQUIRED:
        if not values.get(col):
            problems.append(_("%(column)s is empty") % {"column": col})
    for col, choices in (("role", RoleKind), ("gender", Gender), ("function", Function)):
        if values.get(col):
            values[col] = _coded(values[col], choices) or values[col]
    role = values.get("role", "")
    if role and role not in RoleKind.values:
        problems.append(
            _("unknown role %(role)s (expected one of %(roles)s)")
            % {"role": role, "roles": ", ".join(RoleKind.values)}
        )
    entity = None
    code = values.get("entity", "").upper()
    if code:
        entity = entities.get(code)
        if entity is None:
            problems.append(_("unknown entity code %(code)s") % {"code": code})
    elif role in ENTITY_ROLES:
        problems.append(_("a %(role)s needs an entity") % {"role": role})
    panel = None
    raw_panel = values.get("panel", "")
    if raw_panel:
        if re.fullmatch("[0-9]{1,3}", raw_panel) and int(raw_panel) > 0:
            panel = int(raw_panel)
        else:
            problems.append(
                _("panel must be a positive whole number, not %(v)s") % {"v": raw_panel}
            )
    elif role in PANEL_ROLES:
        problems.append(_("a %(role)s needs a panel number") % {"role": role})
    gender = values.get("gender", "")
    if gender and gender not in Gender.values:
        problems.append(
            _("gender must be empty or one of %(values)s") % {"values": ", ".join(Gender.values)}
        )
    function = values.get("function", "")
    if function and function not in Function.values:
        problems.append(_("unknown function %(f)s") % {"f": function})
    email = values.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("invalid e-mail address %(e)s") % {"e": email})
    username = values.get("username", "")
    if username and (len(username) > 150 or not all(c.isalnum() or c in "@.+-_" for c in username)):
        problems.append(_("invalid username %(u)s") % {"u": username})
    return problems, entity, panel


def check_csv(data: bytes | str) -> tuple[list[_Row], list[tuple[int, str]]]:
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    errors: list[tuple[int, str]] = []
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        return [], [(1, _("the file is empty"))]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown:
        errors.append((1, _("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)}))
    if missing:
        errors.append((1, _("missing columns: %(cols)s") % {"cols": ", ".join(missing)}))
    if errors:
        return [], errors
    reader.fieldnames = header
    entities = {e.code: e for e in Entity.objects.all()}
    rows: list[_Row] = []
    seen: dict[tuple[str, ...], int] = {}
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append((reader.line_num, str(exc)))
            break
        line = reader.line_num
        if None in raw:
            errors.append((line, _("more cells than columns")))
            continue
        values = {k: (v or "").strip() for k, v in raw.items()}
        if not any(values.values()):
            continue
        problems, entity, panel = _check_row(values, entities)
        key = tuple(
            values.get(c, "").lower()
            for c in ("given_name", "family_name", "entity", "role", "panel")
        )
        if key in seen and not problems:
            problems.append(_("same person and role as line %(n)s") % {"n": seen[key]})
        seen.setdefault(key, line)
        for p in problems:
            errors.append((line, p))
        rows.append(_Row(line, values, entity, panel))
    return rows, errors


def _find_person(values: dict[str, str], entity: Entity | None) -> Person | None:
    username = values.get("username")
    if username:
        person = Person.objects.filter(user__username=username).first()
        if person:
            return person
    email = values.get("email")
    if email:
        person = Person.objects.filter(email__iexact=email).first()
        if person:
            return person
    return Person.objects.filter(
        given_name__iexact=values.get("given_name", ""),
        family_name__iexact=values["family_name"],
        entity=entity,
    ).first()


def import_csv(session: Any, data: bytes | str, dry_run: bool = True) -> ImportReport:
    rows, errors = check_csv(data)
    report = ImportReport(dry_run=dry_run, rows=len(rows), errors=errors)
    if errors or dry_run:
        return report
    user_model = get_user_model()
    with transaction.atomic(), register.deferred():
        for row in rows:
            v = row.values
            person = _find_person(v, row.entity)
            if person is None:
                person = Person(family_name=v["family_name"])
                report.persons_created += 1
            for name in ("title", "given_name", "gender", "function", "position", "email", "phone"):
                if v.get(name):
                    setattr(person, name, v[name])
            if row.entity is not None:
                person.entity = row.entity
            if v.get("username") and person.user_id is None:
                user, created = user_model.objects.get_or_create(
                    username=v["username"], defaults={"email": v.get("email", "")}
                )
                if created:
                    user.set_password(
                        secrets.token_urlsafe(24)
                    )  # unknown to all; reset to choose one
                    user.save()
                    report.accounts_created += 1
                if not Person.objects.filter(user=user).exclude(pk=person.pk).exists():
                    person.user = user
            person.save()
            _, created = Role.objects.get_or_create(
                session=session,
                person=person,
                role=v["role"],
                panel=row.panel,
                defaults={"entity": row.entity},
            )
            report.roles_created += int(created)
    return report


def export_csv(session: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    roles = (
        Role.objects.filter(session=session)
        .select_related("person", "person__user", "person__entity", "entity")
        .order_by("role", "panel", "person__family_name", "person__given_name")
    )
    for r in roles:
        p = r.person
        entity = r.acting_for
        writer.writerow(
            [
                p.title,
                p.given_name,
                p.family_name,
                p.gender,
                p.function,
                p.position,
                entity.code if entity else "",
                p.email,
                p.phone,
                r.role,
                r.panel or "",
                p.user.get_username() if p.user else "",
            ]
        )
    return out.getvalue()
