"""`podium kb reindex [SLUG]` and `podium kb status`: the knowledge base's index."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from podium.kb import embed, index
from podium.kb.models import Passage, Pending
from podium.programme.models import Session


class Command(BaseCommand):
    help = (
        "reindex [SLUG]: cut every statement, tagged contribution and published summary text "
        "(of the session SLUG, or of all) into passages and embed them again, with a progress "
        "bar; what did not change keeps its vector. status: passages, queue, model."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("reindex", help="(re)index every source, or those of one session")
        r.add_argument("slug", nargs="?", help="a session's slug (all sessions without it)")
        sub.add_parser("status", help="how many passages, how many sources wait")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            live = Passage.objects.filter(retired_gen__isnull=True)
            self.stdout.write(
                f"passages: {live.count()} ({live.values('session').distinct().count()} sessions)"
                f"\nwaiting to be indexed: {Pending.objects.count()}\nmodel: {embed.MODEL}"
            )
            return
        session = None
        if options.get("slug"):
            session = Session.objects.filter(slug=options["slug"]).first()
            if session is None:
                raise CommandError(f"no session has the slug {options['slug']!r}")
        started = time.monotonic()
        done = index.reindex(session, self._bar)
        if done:
            self.stderr.write("")
        live = Passage.objects.filter(retired_gen__isnull=True)
        if session is not None:
            live = live.filter(session=session)
        self.stdout.write(
            f"{done} sources indexed in {time.monotonic() - started:.1f} s: {live.count()} passages"
        )

    def _bar(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        end = "\n" if not sys.stderr.isatty() and done == total else ""
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)
        self.stderr.flush()
