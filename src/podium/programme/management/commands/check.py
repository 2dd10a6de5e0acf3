"""`podium check FILE...` validates session files; without FILE it is Django's system check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.check import Command as DjangoCheck
from django.utils import translation
from django.utils.translation import gettext as _

from podium.core import programme as core
from podium.core import sessionfile
from podium.programme.messages import problem_line


def add_language_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--language",
        metavar="CODE",
        help=_(
            "write the problems and the result in this language (ar, zh-hans, en, fr, ru, es); "
            "English by default"
        ),
    )


@contextmanager
def in_language(code: str | None) -> Iterator[None]:
    """The command's messages in `code` (one of the six; None: English, whatever LANG says,
    so that terminals and CI logs read the same)."""
    try:
        language = translation.get_supported_language_variant(
            (code or "en").replace("_", "-").lower()
        )
    except LookupError:
        raise CommandError(
            _("unknown language %(code)r (one of ar, zh-hans, en, fr, ru, es)") % {"code": code}
        ) from None
    with translation.override(language):
        yield


def format_budget(items: list[core.SegmentBudget]) -> list[str]:
    lines = [
        _("Time budget (minutes): length, fixed speaking time, time left, interventions that fit")
    ]
    current = None
    for b in items:
        if b.day != current:
            current = b.day
            lines.append(f"{b.day:%A %d %B %Y}")
        fits = ""
        if b.interventions is not None and b.intervention is not None:
            fits = _("room for %(n)s interventions of %(m)s min") % {
                "n": b.interventions,
                "m": b.intervention,
            }
        lines.append(
            f"  {b.start:%H:%M}-{b.end:%H:%M}  {b.title[:60]:<60}  {b.length:>4}  "
            f"{_('fixed')} {b.fixed!s:>6}  {_('left')} {b.floor!s:>8}  {fits}".rstrip()
        )
    return lines


class Command(DjangoCheck):
    help = _(
        "Validate session files (podium check FILE...: exit 0 and the time budget, or exit 1 "
        "with FILE:LINE: message per problem); without FILE, Django's system check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--json", action="store_true", help=_("print the budget as JSON"))
        add_language_argument(parser)

    def handle(self, *app_labels: str, **options: Any) -> None:
        with in_language(options.get("language")):
            self._handle(*app_labels, **options)

    def _handle(self, *app_labels: str, **options: Any) -> None:
        files = [
            a for a in app_labels if a.endswith((".yaml", ".yml", ".json")) or Path(a).is_file()
        ]
        if not files:
            if options.get("json"):
                raise CommandError(_("--json needs a session file"))
            super().handle(*app_labels, **options)
            return
        if len(files) != len(app_labels):
            raise CommandError(_("give either session files or app labels, not both"))
        failed = False
        for name in files:
            try:
                parsed = sessionfile.check(name)
            except OSError as exc:
                self.stderr.write(f"{name}:1: {exc.strerror or exc}")
                failed = True
                continue
            # Every problem on stderr, in line order (warnings among errors, as a compiler
            # writes them); stdout holds only the result: the budget, or with --json its JSON.
            for problem in parsed.problems:
                self.stderr.write(problem_line(problem, name))
            if parsed.errors or parsed.programme is None:
                failed = True
                continue
            items = core.budget(parsed.programme)
            if options.get("json"):
                self.stdout.write(
                    json.dumps(
                        [core.budget_as_dict(b) for b in items], ensure_ascii=False, indent=2
                    )
                )
            else:
                self.stdout.write(
                    _("%(file)s: OK (%(slug)s)") % {"file": name, "slug": parsed.programme.slug}
                )
                for line in format_budget(items):
                    self.stdout.write(line)
        if failed:
            raise SystemExit(1)
