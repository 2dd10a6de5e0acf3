"""`podium accounts SLUG`: who holds which role in a session."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.people.management.commands._common import session_by_slug
from podium.people.models import Role


class Command(BaseCommand):
    help = _("List who holds which role in a session.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help=_("the session's slug"))

    def handle(self, *args: Any, **o: Any) -> None:
        session = session_by_slug(o["slug"])
        roles = (
            Role.objects.filter(session=session)
            .select_related("person", "person__user", "person__entity", "entity")
            .order_by("role", "panel", "person__family_name")
        )
        self.stdout.write(
            f"{_('ROLE'):<18} {_('PANEL'):<5} {_('ACCOUNT'):<24} {_('ENTITY'):<10} {_('NAME')}"
        )
        for r in roles:
            e = r.acting_for
            self.stdout.write(
                f"{r.role:<18} {r.panel or '':<5} "
                f"{(r.person.user.get_username() if r.person.user else '-'):<24} "
                f"{(e.code if e else '-'):<10} {r.person.display_name}"
            )
