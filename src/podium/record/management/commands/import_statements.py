"""`podium import_statements SLUG FILE.csv [--dry-run] [--language CODE]`: the statements of
an earlier session, from a CSV file (`podium.record.statement_import`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from podium.programme.management.commands.check import add_language_argument, in_language
from podium.programme.models import Session
from podium.record.statement_import import COLUMNS, import_file


class Command(BaseCommand):
    help = _(
        "Import a session's statements from a CSV file (UTF-8, with or without BOM; comma, or "
        "semicolon when the header has no comma). Columns: %(columns)s; each row gives text "
        "(stored as a text file) or path (a PDF, DOCX or text file in the CSV's folder or under "
        "it), checked as uploads are. entity: an entity code; segment: the floor's key "
        "(panel-1, summary) or empty; language: ar, zh, en, fr, ru, es or other; date: "
        "YYYY-MM-DD, a day of the session (delivered at noon, venue time), or empty (public "
        "once the record shows it delivered). Every row is checked first and every problem "
        "written as FILE:LINE: column: reason (the line where the row starts); nothing is "
        "imported unless every row is good. A statement already there (same entity, segment "
        "and text) is skipped."
    ) % {"columns": ", ".join(COLUMNS)}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help=_("check and report; write nothing")
        )
        add_language_argument(parser)

    def handle(self, *args: Any, **o: Any) -> None:
        with in_language(o.get("language")):
            self._handle(o["slug"], o["file"], o["dry_run"])

    def _handle(self, slug: str, name: str, dry_run: bool) -> None:
        session = Session.objects.filter(slug=slug).first()
        if session is None:
            raise CommandError(_("no session with slug %(slug)s") % {"slug": slug})
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: {exc.strerror or exc}") from None
        report = import_file(session, path, data, dry_run=dry_run)
        for problem in report.problems:
            self.stderr.write(problem.format(name))
        if not report.ok:
            n = len(report.problems)
            raise CommandError(
                ngettext(
                    "%(n)s problem; nothing was imported.",
                    "%(n)s problems; nothing was imported.",
                    n,
                )
                % {"n": n}
            )
        for line in report.already:
            self.stdout.write(f"{name}:{line}: " + _("already imported"))
        n = len(report.new) if dry_run else report.imported
        m = len(report.already)
        there = ngettext("%(m)s already there", "%(m)s already there", m) % {"m": m}
        if dry_run:
            done = ngettext(
                "%(n)s statement would be imported", "%(n)s statements would be imported", n
            ) % {"n": n}
            self.stdout.write(
                _("%(done)s, %(there)s (dry run: nothing was written).")
                % {"done": done, "there": there}
            )
        else:
            done = ngettext("%(n)s statement imported", "%(n)s statements imported", n) % {"n": n}
            self.stdout.write(_("%(done)s, %(there)s.") % {"done": done, "there": there})
