"""`podium demo`: the bundled seed session and demo accounts, for `make run`. Idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from podium.people.demo import create_demo_accounts
from podium.programme.models import Session
from podium.programme.services import import_session_file, session_slug_of_file
from podium.sideevents.demo import create_demo_rooms

SESSIONS_DIR = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions"
SEED_FILE = SESSIONS_DIR / "gcm-its2-drivers.yaml"
# The other sessions of the series, loaded beside the seed (without demo accounts).
SERIES_FILES = ("gcm-hearing-2017.yaml", "gcm-its5-vienna.yaml", "gcm-its6-geneva.yaml")


class Command(BaseCommand):
    help = _("Load the bundled seed session and demo accounts (keeps existing data).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(SEED_FILE), help=_("session file to load"))
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = session_slug_of_file(options["file"])
        session = Session.objects.filter(slug=slug).first()
        if session is None:
            session = import_session_file(options["file"])
            self.stdout.write(_("Loaded the seed session %(slug)s.") % {"slug": session.slug})
        create_demo_rooms(session)
        if options["file"] == str(SEED_FILE):
            for name in SERIES_FILES:
                other = SESSIONS_DIR / name
                if not Session.objects.filter(slug=session_slug_of_file(other)).exists():
                    loaded = import_session_file(other)
                    create_demo_rooms(loaded)
                    self.stdout.write(_("Loaded %(slug)s.") % {"slug": loaded.slug})

        accounts = create_demo_accounts(session)
        if accounts:
            self.stdout.write(_("Demo accounts (shown once; password, role):"))
            for username, password, role in accounts:
                self.stdout.write(f"  {username:<22} {password:<16} {role}")
        base = options["base_url"].rstrip("/")
        pages = [
            (_("Sessions"), "/"),
            (_("Programme"), f"/sessions/{slug}/"),
            (_("Programme (iCalendar)"), f"/sessions/{slug}/programme.ics"),
            (_("Moderator console"), f"/sessions/{slug}/floor/console"),
            (_("Delegate view"), f"/sessions/{slug}/floor/delegate"),
            (_("Room screen"), f"/sessions/{slug}/room"),
            (_("Public live page"), f"/sessions/{slug}/live"),
            (_("Side events"), f"/sessions/{slug}/side-events"),
            (_("Archive"), f"/sessions/{slug}/archive"),
            (_("Statistics"), f"/sessions/{slug}/statistics"),
            (_("Sign in"), "/accounts/login/"),
            (_("Secretariat admin"), "/admin/"),
            (_("API: sessions"), "/api/sessions/"),
            (_("API: floor"), f"/api/sessions/{slug}/floor"),
        ]
        self.stdout.write(_("Pages:"))
        for label, path in pages:
            self.stdout.write(f"  {label:<24} {base}{path}")
