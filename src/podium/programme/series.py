"""A series of sessions: those whose `Session.series` slugifies to the same slug.

A series has no row of its own: its name is what the session files say (`series:`), its slug
is that name through `django.utils.text.slugify` (`GCM informal thematic sessions` ->
`gcm-informal-thematic-sessions`). Other apps (the record's statistics across sessions) use
`sessions_of` and `name_of`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.utils.text import slugify

from podium.programme.models import Session


def slug_of(name: str) -> str:
    """The series' slug: its name slugified ("" for no series, or a name of no letters)."""
    return slugify(name or "")


def sessions_of(slug: str) -> list[Session]:
    """The series' sessions in date order (first day, then last day, then slug); [] if none."""
    if not slug:
        return []
    found = [s for s in Session.objects.exclude(series="") if slug_of(s.series) == slug]
    return sorted(found, key=lambda s: (s.start_date, s.end_date, s.slug))


def name_of(sessions: Sequence[Session]) -> str:
    """The series' name as most of its sessions write it (the first session's on a tie)."""
    names = Counter(s.series for s in sessions)
    if not names:
        return ""
    top = max(names.values())
    return next(s.series for s in sessions if names[s.series] == top)


def all_series() -> list[tuple[str, str]]:
    """Every series (slug, name), by name: for the page of an unknown series."""
    by_slug: dict[str, list[Session]] = {}
    for s in Session.objects.exclude(series="").order_by("start_date", "slug"):
        slug = slug_of(s.series)
        if slug:
            by_slug.setdefault(slug, []).append(s)
    return sorted(((k, name_of(v)) for k, v in by_slug.items()), key=lambda x: x[1].lower())
