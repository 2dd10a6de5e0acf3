"""The drafting help's pages and API (`podium.kb.drafting`): the themes of a session or of one
of its segments, the summary editor's "Drafting help" panel (registered with the record's
editor, `podium.record.editor_panels`, at startup) and `GET /api/sessions/<slug>/themes`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from podium.kb import drafting
from podium.problems import problem
from podium.programme.models import Session
from podium.record import adapters, services
from podium.record.models import Writing

_JSON = {"ensure_ascii": False}


def _editors(request: HttpRequest, session: Session, segment: Any) -> list[tuple[str, str]]:
    """The texts of this scope the reader may write: (label, the editor's address)."""
    out = []
    if segment is None:
        for kind in drafting.SESSION_KINDS:
            if services.may_write(request, session, kind, None):
                out.append(
                    (
                        str(Writing.Kind(kind).label),
                        reverse("record:writing", args=[session.slug, kind]),
                    )
                )
    else:
        for kind in drafting.SEGMENT_KINDS:
            if services.may_write(request, session, kind, segment):
                out.append(
                    (
                        str(Writing.Kind(kind).label),
                        reverse("record:writing_segment", args=[session.slug, kind, segment.pk]),
                    )
                )
    return out


def _drafting_url(session: Session, segment: Any) -> str:
    url = reverse("kb:drafting", args=[session.slug])
    return f"{url}?segment={adapters.segment_key_of_row(segment)}" if segment is not None else url


def drafting_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The themes of the session, or of one segment (`?segment=panel-1`), for those who write
    the summary: each with its sentence, delegations and the passages behind it."""
    session = get_object_or_404(Session, slug=slug)
    key = str(request.GET.get("segment") or "").strip()
    segment = drafting.segment_of(session, key) if key else None
    if key and segment is None:
        raise Http404(drafting.unknown_segment(session, key))
    if not drafting.may_draft(request, session, segment):
        if not adapters.request_user(request).is_authenticated:
            return redirect(f"{services.login_url()}?next={request.get_full_path()}")
        return render(
            request,
            "kb/refused.html",
            {"session": session, "reason": drafting.refusal(segment)},
            status=403,
        )
    found = drafting.drafting_of(session, segment)
    return render(
        request,
        "kb/drafting.html",
        {
            "session": session,
            "segment": segment,
            "key": key,
            "scope_label": services.segment_labels(session).get(segment.pk, "")
            if segment is not None
            else "",
            "scopes": drafting.scopes(session),
            "themes": found.themes,
            "unplaced": [(p, found.closest.get(p.passage.pk)) for p in found.unplaced],
            "editors": _editors(request, session, segment),
        },
    )


@require_GET
def api_themes(request: HttpRequest, slug: str) -> HttpResponse:
    """`GET /api/sessions/<slug>/themes[?segment=panel-1]`: the drafting page's themes as JSON."""
    session = Session.objects.filter(slug=slug).first()
    if session is None:
        return problem(404, _("No session is called %(slug)s.") % {"slug": slug[:100]})
    key = str(request.GET.get("segment") or "").strip()
    segment = drafting.segment_of(session, key) if key else None
    if key and segment is None:
        return problem(404, drafting.unknown_segment(session, key), field="segment")
    if not adapters.request_user(request).is_authenticated:
        return problem(401, _("Sign in first."))
    if not drafting.may_draft(request, session, segment):
        return problem(403, drafting.refusal(segment))
    found = drafting.drafting_of(session, segment)
    return JsonResponse(
        {
            "session": session.slug,
            "segment": key if segment is not None else "",
            "themes": [t.to_json() for t in found.themes],
            "unplaced": len(found.unplaced),
        },
        json_dumps_params=_JSON,
    )


def editor_panel(request: HttpRequest, session: Any, writing: Any) -> str:
    """The summary editor's "Drafting help": the themes of the text's scope (its segment, else
    the whole session), each with a button that inserts its sentence into the draft."""
    segment = writing.segment if writing.segment_id else None
    if not drafting.may_draft(request, session, segment):
        return ""
    return str(
        render_to_string(
            "kb/_drafting_panel.html",
            {
                "session": session,
                "segment": segment,
                "themes": drafting.themes_of(session, segment),
                "drafting_url": _drafting_url(session, segment),
            },
            request=request,
        )
    )
