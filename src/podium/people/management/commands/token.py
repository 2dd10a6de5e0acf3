"""`podium token USERNAME`: print a new bearer token for API clients."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.people.models import MAX_TOKEN_DAYS, ApiToken


class Command(BaseCommand):
    help = _("Print a new bearer token for a user (only its hash is stored).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help=_("a label for the token"))
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("days until it expires (PODIUM_TOKEN_DAYS, 90, by default; at most 366)"),
        )

    def handle(self, *args: Any, **o: Any) -> None:
        user = get_user_model().objects.filter(username=o["username"]).first()
        if user is None:
            raise CommandError(_("no account %(u)s") % {"u": o["username"]})
        if o["days"] is not None and not 1 <= o["days"] <= MAX_TOKEN_DAYS:
            raise CommandError(_("--days: from 1 to %(max)s") % {"max": MAX_TOKEN_DAYS})
        _token, raw = ApiToken.issue(user, o["name"], o["days"])
        self.stdout.write(raw)
