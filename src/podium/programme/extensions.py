"""Places on the programme page where other capabilities add their own links and sections.

The programme app imports no other app; an app that may depend on it (floor, record, side events)
registers here from its `AppConfig.ready()`:

    from podium.programme import extensions
    extensions.register_link(_("Live floor"), lambda s: reverse("floor:live", args=[s.slug]))
    extensions.register_section("sideevents/_programme_side_events.html", side_events_context)

Links appear under the programme's title; sections after the last day. The Journal
(`/sessions/<slug>/journal/<date>` and its text export) takes a day's further entries from
`register_journal_items(fn)`, `fn(session, date) -> list[journal.Item]` (the approved side events). A series' page
(`/series/<slug>/`) has links of its own: `register_series_link(label, slug -> URL)`. A failing
extension is logged and left out: it never breaks the programme page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Link:
    label: Any  # str or lazy translation
    url: Callable[[Any], str | None]  # session -> URL (None: no link for this session)
    order: int = 100


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable[[Any], dict[str, Any]]  # session -> template context
    order: int = 100


_links: list[Link] = []
_sections: list[Section] = []
_series_links: list[Link] = []  # their `url` takes the series' slug
_journal_items: list[Callable[[Any, Any], list[Any]]] = []


def register_link(label: Any, url: Callable[[Any], str | None], order: int = 100) -> None:
    link = Link(label, url, order)
    if link not in _links:
        _links.append(link)


def register_section(
    template: str, context: Callable[[Any], dict[str, Any]], order: int = 100
) -> None:
    section = Section(template, context, order)
    if section not in _sections:
        _sections.append(section)


def register_series_link(label: Any, url: Callable[[str], str | None], order: int = 100) -> None:
    link = Link(label, url, order)
    if link not in _series_links:
        _series_links.append(link)


def register_journal_items(items: Callable[[Any, Any], list[Any]]) -> None:
    if items not in _journal_items:
        _journal_items.append(items)


def journal_items_for(session: Any, day: Any) -> list[Any]:
    """The further entries other capabilities give the Journal for `day` (a date)."""
    out: list[Any] = []
    for items in _journal_items:
        try:
            out.extend(items(session, day))
        except Exception:  # noqa: BLE001 - another app's entries must not break the Journal
            log.exception("journal items %r failed", items)
    return out


def links_for(session: Any) -> list[tuple[str, str]]:
    return _links_of(_links, session)


def series_links_for(slug: str) -> list[tuple[str, str]]:
    """The links other capabilities add to a series' page (statistics across its sessions)."""
    return _links_of(_series_links, slug)


def _links_of(links: list[Link], arg: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for link in sorted(links, key=lambda x: x.order):
        try:
            url = link.url(arg)
        except Exception:  # noqa: BLE001 - another app's link must not break the programme
            log.exception("programme page link %r failed", link.label)
            continue
        if url:
            out.append((str(link.label), url))
    return out


def sections_for(session: Any, request: HttpRequest) -> list[SafeString]:
    out: list[SafeString] = []
    for section in sorted(_sections, key=lambda x: x.order):
        try:
            html = render_to_string(section.template, section.context(session), request=request)
        except Exception:  # noqa: BLE001 - another app's section must not break the programme
            log.exception("programme page section %s failed", section.template)
            continue
        out.append(SafeString(html))
    return out
