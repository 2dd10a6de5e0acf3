"""`podium import_people SLUG FILE [--dry-run]`: the secretariat's CSV list of people and roles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.people.csvio import COLUMNS, import_csv
from podium.people.management.commands._common import session_by_slug


class Command(BaseCommand):
    help = _(
        "Import people and roles from CSV (columns: %(c)s); nothing is written unless every row is good."
    ) % {"c": ", ".join(COLUMNS)}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help=_("check only"))

    def handle(self, *args: Any, **o: Any) -> None:
        session = session_by_slug(o["slug"])
        report = import_csv(session, Path(o["file"]).read_bytes(), dry_run=o["dry_run"])
        for line, message in report.errors:
            self.stderr.write(_("line %(n)s: %(m)s") % {"n": line, "m": message})
        if not report.ok:
            raise CommandError(
                _("%(n)s problem(s); nothing was imported.") % {"n": len(report.errors)}
            )
        if report.dry_run:
            self.stdout.write(
                _("%(n)s rows are good (dry run: nothing imported).") % {"n": report.rows}
            )
        else:
            self.stdout.write(
                _("Imported %(rows)s rows: %(p)s new persons, %(r)s new roles, %(a)s new accounts.")
                % {
                    "rows": report.rows,
                    "p": report.persons_created,
                    "r": report.roles_created,
                    "a": report.accounts_created,
                }
            )
