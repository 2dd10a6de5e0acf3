"""`podium load_entities`: refresh the reference entities and settle due non-objection lists."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from podium.people.accreditation import settle_due_lists
from podium.people.loader import sync_reference_entities


class Command(BaseCommand):
    help = _("Load the reference entities (States, groups, IGOs, UN entities); idempotent.")

    def handle(self, *args: Any, **o: Any) -> None:
        n = sync_reference_entities()
        closed = settle_due_lists(timezone.now())
        self.stdout.write(
            _("%(n)s reference entities; %(c)s non-objection list(s) closed.")
            % {"n": n, "c": closed}
        )
