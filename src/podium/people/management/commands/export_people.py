"""`podium export_people SLUG [-o FILE]`: people and roles of a session as CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.people.csvio import export_csv
from podium.people.management.commands._common import session_by_slug


class Command(BaseCommand):
    help = _("Write a session's people and roles as CSV (the import format).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help=_("file to write (default: standard output)"))

    def handle(self, *args: Any, **o: Any) -> None:
        data = export_csv(session_by_slug(o["slug"]))
        if o["output"]:
            Path(o["output"]).write_text(data, encoding="utf-8")
        else:
            sys.stdout.write(data)
