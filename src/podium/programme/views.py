"""Public programme pages: the programme, its Journal-style day, its iCalendar feed, a series of
sessions (its page and one feed of all its sessions) and the read-only JSON API."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from podium.core import programme as core
from podium.problems import problem
from podium.programme import extensions, journal, series
from podium.programme.exports import series_ical, to_ical
from podium.programme.labels import KIND_LABELS, segment_title
from podium.programme.models import Session
from podium.programme.services import programme_json_data, programme_of


def _session_or_none(slug: str) -> Session | None:
    return Session.objects.filter(slug=slug).first()


def _viewer_zone(request: HttpRequest) -> ZoneInfo | None:
    """The viewer's `?tz=` when it is a time zone's name (never a path: `?tz=America`)."""
    return core.known_zone(request.GET.get("tz", "").strip())


@require_GET
def session_page(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_none(slug)
    if session is None:
        return render(request, "programme/not_found.html", {"slug": slug}, status=404)
    p = core.localized(programme_of(session), get_language() or "en")  # the reader's texts
    viewer = _viewer_zone(request)
    bad_tz = bool(request.GET.get("tz")) and viewer is None
    budgets = {(b.day, b.start, b.kind): b for b in core.budget(p)}
    days: list[dict[str, Any]] = []
    for day in p.days:
        rows = []
        for seg in day.segments:
            start, end = core.utc_span(p, day, seg)
            summary = p.summary_panel(seg.panel_number) if seg.kind == "summary_panel" else None
            panel = p.panel(seg.panel_number) if seg.panel_number is not None else None
            panel = None if summary is not None else panel
            rows.append(
                {
                    "segment": seg,
                    "kind_label": KIND_LABELS.get(seg.kind, seg.kind),
                    "title": segment_title(p, seg),
                    "description": p.segment_description(seg),
                    "start": start,
                    "end": end,
                    "viewer_start": start.astimezone(viewer) if viewer else None,
                    "viewer_end": end.astimezone(viewer) if viewer else None,
                    "panel": panel,
                    "summary": summary,
                    "summary_moderators": p.summary_moderators(summary.number) if summary else (),
                    "slots": p.slots(seg),
                    "budget": budgets.get((day.date, seg.start, seg.kind)),
                    "floor": p.floor_options_of(seg) if seg.kind in core.PANEL_KINDS else None,
                    "is_break": seg.kind in core.BREAK_KINDS,
                }
            )
        days.append(
            {
                "day": day,
                "date": datetime.combine(day.date, datetime.min.time(), tzinfo=p.zone),
                "rows": rows,
                "windows": day.side_event_windows,
                "journal_url": reverse(
                    "programme:journal", args=[session.slug, f"{day.date:%Y-%m-%d}"]
                ),
            }
        )
    return render(
        request,
        "programme/session.html",
        {
            "session": session,
            "programme": p,
            "days": days,
            "zone": p.zone,
            "viewer_zone": viewer,
            "bad_tz": bad_tz,
            "ics_url": reverse("programme:ical", args=[session.slug]),
            "series_url": (
                reverse("programme:series", args=[session.series_slug])
                if session.series_slug
                else ""
            ),
            "api_url": reverse("programme:api_session", args=[session.slug]),
            "extra_links": extensions.links_for(session),
            "extra_sections": extensions.sections_for(session, request),
        },
    )


@require_GET
def journal_page(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    """The session's day as the Journal of the United Nations prints it. A malformed date, or a
    day the session does not meet, is a 404 naming the session's days."""
    session = _session_or_none(slug)
    if session is None:
        return render(request, "programme/not_found.html", {"slug": slug}, status=404)
    p = core.localized(programme_of(session), get_language() or "en")  # the reader's texts
    when = journal.parse_day(day)
    the_day = journal.day_of(p, when) if when is not None else None
    days = [
        (d.date, reverse("programme:journal", args=[session.slug, f"{d.date:%Y-%m-%d}"]))
        for d in p.days
    ]
    if the_day is None:
        context = {"session": session, "asked": day, "when": when, "days": days}
        return render(request, "programme/journal_not_found.html", context, status=404)
    index = p.days.index(the_day)
    return render(
        request,
        "programme/journal.html",
        {
            "session": session,
            "journal": journal.journal_day(
                p, the_day, extensions.journal_items_for(session, the_day.date)
            ),
            "webcast_url": f"https://{journal.WEBCAST}/",
            "previous": days[index - 1] if index > 0 else None,
            "next": days[index + 1] if index + 1 < len(days) else None,
            "days": days,
        },
    )


@require_GET
def session_ical(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session_or_none(slug)
    if session is None:
        return HttpResponse(_("No such session."), status=404, content_type="text/plain")
    body = to_ical(session, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{session.slug}.ics"'
    return response


def _series_not_found(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "programme/series_not_found.html",
        {"slug": slug, "known": series.all_series()},
        status=404,
    )


@require_GET
def series_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The sessions of a series in date order: dates, venue, city, theme, each one's programme."""
    sessions = series.sessions_of(slug)
    if not sessions:
        return _series_not_found(request, slug)
    return render(
        request,
        "programme/series.html",
        {
            "slug": slug,
            "name": series.name_of(sessions),
            "sessions": sessions,
            "cities": sorted({s.city for s in sessions if s.city}),
            "first": sessions[0].start_date,
            "last": max(s.end_date for s in sessions),
            "ics_url": reverse("programme:series_ical", args=[slug]),
            "extra_links": extensions.series_links_for(slug),
        },
    )


@require_GET
def series_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """One iCalendar feed of every segment of the series' sessions."""
    sessions = series.sessions_of(slug)
    if not sessions:
        return HttpResponse(
            _("No series “%(slug)s”.") % {"slug": slug}, status=404, content_type="text/plain"
        )
    body = series_ical(series.name_of(sessions), sessions, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    return response


@require_GET
def api_sessions(request: HttpRequest) -> JsonResponse:
    items = [
        {
            "slug": s.slug,
            "title": s.title,
            "series": s.series,
            "venue": s.venue,
            "city": s.city,
            "time_zone": s.time_zone,
            "start_date": s.start_date.isoformat(),
            "end_date": s.end_date.isoformat(),
            "url": request.build_absolute_uri(reverse("programme:api_session", args=[s.slug])),
            "page": request.build_absolute_uri(s.get_absolute_url()),
        }
        for s in Session.objects.order_by("start_date", "slug")
    ]
    return JsonResponse({"sessions": items})


@require_GET
def api_session(request: HttpRequest, slug: str) -> JsonResponse:
    session = _session_or_none(slug)
    if session is None:
        return problem(404, _("No session with slug %(slug)s.") % {"slug": slug})
    return JsonResponse(programme_json_data(session), json_dumps_params={"ensure_ascii": False})
