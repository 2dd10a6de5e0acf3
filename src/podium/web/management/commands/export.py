from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from podium.programme.models import Session
from podium.web.exports import exporters


class Command(BaseCommand):
    help = _("Write a session's programme, floor log, record or statistics to stdout or a file.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help=_("the session's slug"))
        parser.add_argument(
            "--format", dest="fmt", required=True, choices=sorted(exporters()), help=_("format")
        )
        parser.add_argument("-o", "--output", help=_("file to write (default: standard output)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            session = Session.objects.get(slug=options["slug"])
        except Session.DoesNotExist as exc:
            raise CommandError(
                _("no session with slug %(slug)s") % {"slug": options["slug"]}
            ) from exc
        data = exporters()[options["fmt"]](session)
        if options["output"]:
            Path(options["output"]).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
