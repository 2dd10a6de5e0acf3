from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from podium.programme.models import Session


def session_by_slug(slug: str) -> Any:
    session = Session.objects.filter(slug=slug).first()
    if session is None:
        raise CommandError(_("no session with slug %(slug)s") % {"slug": slug})
    return session
