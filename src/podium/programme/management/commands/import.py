"""`podium import FILE`: create or update a session from its file; prints the slug last."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.core import sessionfile
from podium.programme.management.commands.check import add_language_argument, in_language
from podium.programme.messages import problem_line
from podium.programme.services import SessionFileError, import_session_file


class Command(BaseCommand):
    help = _("Import a session file (create or update the session with its slug).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("session file (YAML or the JSON export)"))
        add_language_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with in_language(options.get("language")):
            self._handle(*args, **options)

    def _handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            session = import_session_file(name)
        except SessionFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem_line(problem, name))
            raise SystemExit(1) from exc
        except OSError as exc:
            self.stderr.write(f"{name}:1: {exc.strerror or exc}")
            raise SystemExit(1) from exc
        for problem in sessionfile.check(name).warnings:
            self.stdout.write(problem_line(problem, name))
        self.stdout.write(session.slug)
