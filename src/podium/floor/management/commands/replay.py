"""`podium replay FILE [--at TIME] [--format state|record|stats]`: fold a floor log (JSON lines)
and print what it says, from the one fold: the floor's state (the snapshot), the record
(interventions, requests not heard, segment times) or the statistics tables.

Needs no database: anyone can audit a session's floor offline from its exported log. A line that
is not an event is reported as `FILE:LINE: reason` (exit status 1).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.core import floorlog
from podium.core.floor import Event, fold, record_of, snapshot
from podium.core.record import record_json
from podium.core.statistics import all_tables


class Command(BaseCommand):
    help = _(
        "Fold a floor log (JSON lines, '-' for stdin) and print its state, record or statistics."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help=_("the log, as written by podium export --format floorlog")
        )
        parser.add_argument(
            "--at",
            help=_(
                "fold the events up to this moment (ISO 8601 with its offset) and show timers "
                "then; default: the whole log, at its last event"
            ),
        )
        parser.add_argument(
            "--format",
            choices=("state", "record", "stats"),
            default="state",
            help=_("state: the snapshot; record: interventions and not heard; stats: the tables"),
        )
        parser.add_argument("--notes", action="store_true", help=_("include the notes (state)"))

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            return self._fail(f"{name}: {exc.strerror or exc}")
        at: datetime | None = None
        if options["at"]:
            try:
                at = datetime.fromisoformat(options["at"])
            except ValueError:
                return self._fail(_("--at: not an ISO 8601 time: %(at)s") % {"at": options["at"]})
            if at.tzinfo is None:
                return self._fail(_("--at: give the time with its UTC offset"))
        try:
            events: list[Event] = list(floorlog.decode(data))
        except floorlog.LogError as exc:
            return self._fail(f"{name}:{exc.line}: {exc.reason}")
        if at is not None:
            events = [e for e in events if e.at <= at]
        state = fold(events)
        when = at or state.last_at or datetime.fromisoformat("1970-01-01T00:00:00+00:00")
        out: dict[str, Any]
        if options["format"] == "record":
            out = record_json(record_of(state))
        elif options["format"] == "stats":
            tables = all_tables(record_of(state))
            out = {"tables": [t.to_json_obj() for t in tables]}
        else:
            out = snapshot(state, when, include_notes=options["notes"])
        out["events"] = len(events)
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
