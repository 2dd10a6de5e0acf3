"""`podium token USERNAME`: print a new bearer token for API clients."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.people.models import ApiToken


class Command(BaseCommand):
    help = _("Print a new bearer token for a user (only its hash is stored).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help=_("a label for the token"))

    def handle(self, *args: Any, **o: Any) -> None:
        user = get_user_model().objects.filter(username=o["username"]).first()
        if user is None:
            raise CommandError(_("no account %(u)s") % {"u": o["username"]})
        _token, raw = ApiToken.issue(user, o["name"])
        self.stdout.write(raw)
