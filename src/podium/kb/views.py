"""The knowledge base's pages and API: search by meaning, the compact's objectives, and the
secretariat's decisions on the objectives suggested for a contribution."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from podium.kb import objectives, params, search
from podium.kb.models import ObjectiveLink, Passage, Source
from podium.kb.params import Refused
from podium.people.models import EntityKind
from podium.problems import problem
from podium.programme.models import Session
from podium.record import adapters
from podium.record.models import LANGUAGES, Contribution

_JSON = {"ensure_ascii": False}


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in LANGUAGES}


# --- search ------------------------------------------------------------------------------------


@require_GET
def api_search(request: HttpRequest) -> HttpResponse:
    """`GET /api/search?q=&session=&lang=&tag=&objective=&region=&category=&entity=&limit=`."""
    try:
        q = params.text(request.GET, "q", required=True)
        f = params.filters(request.GET)
        limit = params.limit(request.GET)
    except Refused as e:
        return problem(400, e.detail, field=e.field)
    hits = search.search(q, f, request.user, limit)
    linked = search.objectives_of([h.passage.source_id for h in hits])
    return JsonResponse(
        {"query": q, "count": len(hits), "results": [search.hit_json(h, linked) for h in hits]},
        json_dumps_params=_JSON,
    )


def _page_filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "sessions": list(Session.objects.all()),
        "languages": LANGUAGES,
        "tags": [
            ("statement", _("Statement")),
            ("summary", _("Published summary")),
            *Contribution.Kind.choices,
        ],
        "regions": adapters.regional_group_choices(),
        "categories": EntityKind.choices,
        "objectives": objectives.all_objectives(),
    }


def search_page(request: HttpRequest) -> HttpResponse:
    """What the sessions said: search by meaning, in any of the six languages."""
    error = None
    hits: list[dict[str, Any]] | None = None
    q = ""
    try:
        q = params.text(request.GET, "q")
        f = params.filters(request.GET)
        limit = params.limit(request.GET, 30)
    except Refused as e:
        error = e.detail
        f = search.Filters()
        limit = 30
    status = 400 if error else 200
    if q and not error:
        found = search.search(q, f, request.user, limit)
        linked = search.objectives_of([h.passage.source_id for h in found])
        hits = [search.hit_json(h, linked) for h in found]
        names = _language_names()
        decidable = search.secretariat_sessions(request.user)
        for h, hit in zip(hits, found, strict=True):
            h["language_name"] = names.get(h["language"], h["language"])
            h["may_decide"] = hit.passage.session_id in decidable and h["source"] == "contribution"
            h["contribution"] = hit.passage.source_id
            for o in h["objectives"]:
                ob = objectives.objective(o["number"])
                o["title"] = ob.title if ob else ""
    context = {"q": q, "f": f, "hits": hits, "error": error, **_page_filters(request)}
    return render(request, "kb/search.html", context, status=status)


# --- objectives --------------------------------------------------------------------------------


def _counts() -> dict[tuple[int, int], dict[str, int]]:
    """(objective, session id) → {status: number of contributions} (rejections left out)."""
    out: dict[tuple[int, int], dict[str, int]] = {}
    rows = (
        ObjectiveLink.objects.exclude(status=ObjectiveLink.Status.REJECTED)
        .values_list("objective", "contribution__session_id", "status")
        .order_by()
    )
    for number, session_id, status in rows:
        cell = out.setdefault((number, session_id), {})
        cell[status] = cell.get(status, 0) + 1
    return out


def _objective_json(o: objectives.Objective, count: int | None = None) -> dict[str, Any]:
    out = {
        **o.to_json(),
        "url": reverse("kb:objective", args=[o.number]),
        "source": objectives.source()["symbol"],
    }
    if count is not None:
        out["contributions"] = count
    return out


@require_GET
def api_objectives(request: HttpRequest) -> JsonResponse:
    counts = _counts()
    total = {
        o.number: sum(sum(c.values()) for (n, _s), c in counts.items() if n == o.number)
        for o in objectives.all_objectives()
    }
    return JsonResponse(
        {
            "source": objectives.source(),
            "objectives": [
                _objective_json(o, total[o.number]) for o in objectives.all_objectives()
            ],
        },
        json_dumps_params=_JSON,
    )


def _links(number: int, user: Any, session: Session | None = None) -> list[ObjectiveLink]:
    qs = (
        ObjectiveLink.objects.filter(objective=number)
        .exclude(status=ObjectiveLink.Status.REJECTED)
        .select_related("contribution__session", "contribution__entity", "contribution__statement")
        .order_by("contribution__session_id", "-status", "-score")
    )
    if session is not None:
        qs = qs.filter(contribution__session=session)
    private = search.visible_sessions(user)
    return [
        link
        for link in qs
        if private is None
        or link.contribution.session_id in private
        or link.contribution.statement is None
        or link.contribution.statement.delivered_at is not None
    ]


def _languages(links: list[ObjectiveLink]) -> dict[int, str]:
    """Each contribution's language as its passage was indexed in (read from its text when it
    comes from no statement)."""
    return dict(
        Passage.objects.filter(
            source=Source.CONTRIBUTION,
            source_id__in=[link.contribution_id for link in links],
            retired_gen__isnull=True,
        ).values_list("source_id", "language")
    )


def _link_json(link: ObjectiveLink, languages: dict[int, str]) -> dict[str, Any]:
    c = link.contribution
    st = c.statement
    return {
        "contribution": c.pk,
        "session": c.session.slug,
        "segment": adapters.segment_key_of_row(c.segment) if c.segment_id else "",
        "entity": adapters.entity_code(c.entity) if c.entity else "",
        "entity_name": adapters.entity_name(c.entity) if c.entity else "",
        "speaker": st.speaker if st is not None else "",
        "language": languages.get(c.pk) or (st.language if st is not None else ""),
        "tag": c.kind,
        "text": c.text,
        "status": link.status,
        "score": round(link.score, 4),
        "url": reverse("record:contributions", args=[c.session.slug]) + f"#contribution-{c.pk}",
    }


def _objective_or_404(number: int) -> objectives.Objective:
    o = objectives.objective(number)
    if o is None:
        raise Http404(
            _("The compact has 23 objectives; there is no objective %(n)d.") % {"n": number}
        )
    return o


@require_GET
def api_objective_contributions(request: HttpRequest, number: int) -> HttpResponse:
    o = objectives.objective(number)
    if o is None:
        return problem(
            404, _("The compact has 23 objectives; there is no objective %(n)d.") % {"n": number}
        )
    links = _links(number, request.user)
    languages = _languages(links)
    return JsonResponse(
        {
            "objective": _objective_json(o),
            "count": len(links),
            "contributions": [_link_json(link, languages) for link in links],
        },
        json_dumps_params=_JSON,
    )


def objectives_page(request: HttpRequest) -> HttpResponse:
    """The 23 objectives × the sessions: how many contributions each session made to each."""
    sessions = list(Session.objects.order_by("start_date", "title"))
    counts = _counts()
    rows = []
    for o in objectives.all_objectives():
        cells = []
        for s in sessions:
            c = counts.get((o.number, s.pk), {})
            cells.append(
                {
                    "session": s,
                    "confirmed": c.get(ObjectiveLink.Status.CONFIRMED, 0),
                    "suggested": c.get(ObjectiveLink.Status.SUGGESTED, 0),
                }
            )
        rows.append(
            {
                "objective": o,
                "cells": cells,
                "total": sum(c["confirmed"] + c["suggested"] for c in cells),
            }
        )
    return render(
        request,
        "kb/objectives.html",
        {"rows": rows, "sessions": sessions, "source": objectives.source()},
    )


def objective_page(request: HttpRequest, number: int) -> HttpResponse:
    """What every session said about one objective: by whom, in which language, tagged as what."""
    o = _objective_or_404(number)
    links = _links(number, request.user)
    names = _language_names()
    decidable = search.secretariat_sessions(request.user)
    languages = _languages(links)
    by_session: dict[int, dict[str, Any]] = {}
    for link in links:
        s = link.contribution.session
        group = by_session.setdefault(s.pk, {"session": s, "links": []})
        item = _link_json(link, languages)
        item["language_name"] = names.get(item["language"], item["language"])
        item["may_decide"] = s.pk in decidable
        item["tag_name"] = link.contribution.get_kind_display()
        group["links"].append(item)
    closest = search.search(o.title, search.Filters(tag="statement"), request.user, 10)
    return render(
        request,
        "kb/objective.html",
        {
            "objective": o,
            "groups": list(by_session.values()),
            "closest": [search.hit_json(h, {}) for h in closest],
            "source": objectives.source(),
            "objectives": objectives.all_objectives(),
        },
    )


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat confirms, rejects or corrects an objective of a contribution."""
    c = get_object_or_404(Contribution.objects.select_related("session"), pk=pk)
    if not request.user.is_authenticated or not adapters.is_secretariat(request.user, c.session):
        raise PermissionDenied(
            _("Only the secretariat of this session decides a contribution's objectives.")
        )
    try:
        numbers = [o.number for o in objectives.all_objectives()]
        number = params.integer(request.POST, "objective", min(numbers), max(numbers), None)
    except Refused as e:
        return HttpResponse(e.detail, status=400, content_type="text/plain; charset=utf-8")
    decision = request.POST.get("decision", "")
    if number is None or decision not in ("confirm", "reject"):
        return HttpResponse(
            _("Choose an objective and whether to confirm or reject it."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    objectives.decide(c.pk, number, decision == "confirm", request.user)
    o = objectives.objective(number)
    messages.success(
        request,
        (
            _("Objective %(n)d confirmed for this contribution: %(title)s")
            if decision == "confirm"
            else _("Objective %(n)d rejected for this contribution: %(title)s")
        )
        % {"n": number, "title": o.title if o else ""},
    )
    nxt = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = reverse("kb:objective", args=[number])
    return redirect(nxt)
