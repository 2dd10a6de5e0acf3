"""`podium grant USERNAME ROLE --session SLUG [--entity CODE] [--panel N]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.people.management.commands._common import session_by_slug
from podium.people.models import Entity, RoleKind
from podium.people.services import GrantError, grant


class Command(BaseCommand):
    help = _("Create or update an account and give it a role in a session.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=RoleKind.values)
        parser.add_argument("--session", required=True, help=_("the session's slug"))
        parser.add_argument(
            "--entity", help=_("ISO 3166 alpha-3 for States, a short code for other entities")
        )
        parser.add_argument("--panel", type=int, help=_("panel number (moderators, experts)"))
        parser.add_argument("--password", help=_("set this password (default: keep, or generate)"))
        parser.add_argument("--email", default="")
        parser.add_argument("--given-name", default="")
        parser.add_argument("--family-name", default="")
        parser.add_argument("--title", default="")

    def handle(self, *args: Any, **o: Any) -> None:
        session = session_by_slug(o["session"])
        entity = None
        if o["entity"]:
            entity = Entity.by_code(o["entity"])
            if entity is None:
                raise CommandError(_("unknown entity code %(code)s") % {"code": o["entity"]})
        try:
            g = grant(
                o["username"],
                o["role"],
                session,
                entity,
                o["panel"],
                password=o["password"],
                email=o["email"],
                given_name=o["given_name"],
                family_name=o["family_name"],
                title=o["title"],
            )
        except GrantError as exc:
            raise CommandError(str(exc)) from exc
        label = g.role.get_role_display()
        if g.role.panel:
            label += f" {g.role.panel}"
        if g.role.acting_for:
            label += f" ({g.role.acting_for.code})"
        verb = _("granted") if g.role_created else _("already held")
        self.stdout.write(f"{g.user.get_username()}: {label} — {verb}")
        if g.password and not o["password"]:
            self.stdout.write(_("new account; password: %(pw)s") % {"pw": g.password})
