"""`podium replay FILE`: fold a floor log (JSON lines) and print the resulting state.

Needs no database: anyone can audit a session's floor offline from its exported log.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.core import floorlog
from podium.core.floor import fold, snapshot


class Command(BaseCommand):
    help = _("Fold a floor log (JSON lines, '-' for stdin) and print the resulting state as JSON.")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help=_("the log, as written by podium export --format floorlog")
        )
        parser.add_argument(
            "--at",
            help=_("the moment to show timers at (ISO 8601; default: the last event's time)"),
        )
        parser.add_argument("--notes", action="store_true", help=_("include the notes"))

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc}
            ) from exc
        try:
            events = list(floorlog.decode(text))
        except ValueError as exc:
            raise CommandError(_("Not a floor log: %(error)s") % {"error": exc}) from exc
        state = fold(events)
        if options["at"]:
            at = datetime.fromisoformat(options["at"])
        elif state.last_at is not None:
            at = state.last_at
        else:
            at = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
        snap = snapshot(state, at, include_notes=options["notes"])
        snap["events"] = len(events)
        self.stdout.write(json.dumps(snap, ensure_ascii=False, indent=2))
