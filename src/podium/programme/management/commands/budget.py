"""`podium budget FILE [--json]`: the time budget of a session file, per segment."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.core import programme as core
from podium.core import sessionfile
from podium.programme.management.commands.check import (
    add_language_argument,
    format_budget,
    in_language,
)
from podium.programme.messages import problem_line


class Command(BaseCommand):
    help = _(
        "Per segment: length, fixed speaking time (min-max), time left for the floor and how "
        "many floor interventions fit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("session file (YAML)"))
        parser.add_argument(
            "--json", action="store_true", help=_("stable JSON (docs/programme.md)")
        )
        add_language_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with in_language(options.get("language")):
            self._handle(*args, **options)

    def _handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        parsed = sessionfile.check(name)
        if parsed.errors or parsed.programme is None:
            for problem in parsed.problems:
                self.stderr.write(problem_line(problem, name))
            raise SystemExit(1)
        items = core.budget(parsed.programme)
        if options["json"]:
            doc = {
                "session": parsed.programme.slug,
                "segments": [core.budget_as_dict(b) for b in items],
            }
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
        else:
            for line in format_budget(items):
                self.stdout.write(line)
