"""`podium serve [--host 127.0.0.1] [--port 8000] [--workers N]`: the ASGI server (uvicorn).

HTTP goes to Django, WebSockets to Podium's thin endpoint (podium.live.asgi). With several
workers, floor changes cross processes through Redis (`REDIS_URL`), so more than one worker needs it.
"""

from __future__ import annotations

from typing import Any

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # the app is checked by `make test`; start fast
    help = _("Serve Podium (HTTP and WebSockets) with uvicorn; --workers N for N processes.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--log-level", default="warning")
        parser.add_argument(
            "--proxy-headers",
            action="store_true",
            help=_("Trust X-Forwarded-* from --forwarded-allow-ips (behind a reverse proxy)."),
        )
        parser.add_argument("--forwarded-allow-ips", default="127.0.0.1")

    def handle(self, *args: Any, **opts: Any) -> None:
        if (
            settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY
            and not settings.DEBUG
            and not settings.DEMO
        ):
            raise CommandError(
                _(
                    "SECRET_KEY is not set: set it (a long random value, kept secret) to serve "
                    "Podium, or DEBUG=1 to develop; `make run` serves the demo with "
                    "PODIUM_DEMO=1."
                )
            )
        workers = int(opts["workers"])
        if workers < 1:
            raise CommandError(_("--workers must be at least 1"))
        if workers > 1 and not settings.REDIS_URL:
            raise CommandError(
                _(
                    "--workers %(n)d needs REDIS_URL: without it, screens on one worker would not see changes made on another."
                )
                % {"n": workers}
            )
        host, port = opts["host"], opts["port"]
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(
            _(
                "Podium on http://%(host)s:%(port)d/ (live floor: ws://%(host)s:%(port)d/ws/sessions/<slug>/floor)"
            )
            % {"host": shown, "port": port}
        )
        self.stdout.write(
            _("%(n)d worker(s); database %(db)s; Redis %(redis)s")
            % {
                "n": workers,
                "db": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "redis": settings.REDIS_URL or _("not used (single process)"),
            }
        )
        self.stdout.flush()
        uvicorn.run(
            "podium.asgi:application",
            host=host,
            port=port,
            workers=workers,
            lifespan="on",
            # each request's headers within PODIUM_HEADER_TIMEOUT_S (uvicorn has no such limit)
            http="podium.live.http:TimedHttpToolsProtocol",
            ws="websockets-sansio",
            # Snapshots are small and CPU is the limit: no per-message compression, so one
            # pre-encoded frame serves every socket (docs/benchmarks.md).
            ws_per_message_deflate=False,
            ws_max_size=int(getattr(settings, "LIVE_MAX_MESSAGE_BYTES", 4096)),
            ws_ping_interval=float(getattr(settings, "LIVE_PING_INTERVAL", 20.0)),
            ws_ping_timeout=float(getattr(settings, "LIVE_PING_TIMEOUT", 20.0)),
            log_level=opts["log_level"],
            proxy_headers=opts["proxy_headers"],
            forwarded_allow_ips=opts["forwarded_allow_ips"],
            timeout_graceful_shutdown=5,
        )
