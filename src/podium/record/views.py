"""Record pages: archive, statements, contributions, writings, summary, statistics, search."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from podium.core import record as core_record
from podium.core.commands import Refusal
from podium.core.statistics import Table, tables_to_csv, tables_to_json
from podium.problems import is_api, problem
from podium.programme.models import Session
from podium.record import editor_panels, services
from podium.record.charts import bar_chart
from podium.record.documents import render_docx, render_html, render_pdf
from podium.record.forms import ContributionForm
from podium.record.labels import shown
from podium.record.language import detect as detect_language
from podium.record.models import LANGUAGES, Contribution, Statement, Theme, Writing
from podium.record.search import SearchQuery, excerpt, highlight, search
from podium.record.series import statistics_of_series
from podium.record.uploads import UploadRefused, check_statement_file, extract_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _session(slug: str) -> Any:
    return get_object_or_404(Session, slug=slug)


def _not_yet(request: HttpRequest, session: Any, heading: str, reason: str) -> HttpResponse:
    """A record page (or download) that is not public yet: 404 in the site's layout, saying so
    and linking the session's pages that are public."""
    ctx = {"session": session, "heading": heading, "reason": reason}
    return render(request, "record/not_yet.html", ctx, status=404)


def _statement_not_yet(request: HttpRequest, session: Any) -> HttpResponse:
    return _not_yet(
        request,
        session,
        _("This statement is not public yet"),
        _(
            "It will be once delivered: when its delegation has spoken, or its request was still "
            "waiting when the discussion closed."
        ),
    )


def _summary_not_yet(request: HttpRequest, session: Any) -> HttpResponse:
    return _not_yet(
        request,
        session,
        _("The co-facilitators' summary is not published yet"),
        _("It will be here, as a page, DOCX and PDF, once the co-facilitators publish it."),
    )


def _forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    if is_api(request):
        return problem(403, reason)
    return HttpResponseForbidden(reason)


# --- archive ---------------------------------------------------------------------------------


def archive(request: HttpRequest, slug: str) -> HttpResponse:
    """Public archive of a session: programme, speakers per panel in order, statements, summary."""
    session = _session(slug)
    record = services.record_of(session)
    panels = services.speakers_by_segment(session, record)
    statements = services.public_statements(session)
    # the statements in one language (?language=fr), and the languages there are, for the links
    languages = [(v, label) for v, label in LANGUAGES if any(s.language == v for s in statements)]
    language = request.GET.get("language", "")
    if language in dict(LANGUAGES):
        statements = [s for s in statements if s.language == language]
    summary = services.summary_state(session)
    return render(
        request,
        "record/archive.html",
        {
            "session": session,
            "panels": panels,
            "statements": statements,
            "statement_languages": languages,
            "language": language,
            "summary": summary,
            "can_edit": services.is_secretariat(request, session),
            "segment_labels": services.segment_labels(session),
        },
    )


# --- statements -------------------------------------------------------------------------------


def statement_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug)
    st = get_object_or_404(
        Statement.objects.select_related("entity", "segment", "on_behalf_of"),
        pk=pk,
        session=session,
    )
    if not services.may_read_statement(request, session, st):
        return _statement_not_yet(request, session)
    return render(
        request,
        "record/statement.html",
        {
            "session": session,
            "statement": st,
            "contributions": st.contributions.prefetch_related("themes"),
            "can_tag": services.may_tag(request, session, st),
            "kinds": Contribution.Kind.choices,
            "themes": Theme.objects.all(),
            # the text reads as another language than the one chosen: its delegation confirms
            "may_correct": _may_correct(request, session, st),
            "languages": LANGUAGES,
            "segment_labels": services.segment_labels(session) if st.segment_id else {},
        },
    )


def _may_correct(request: HttpRequest, session: Any, st: Statement) -> bool:
    return any(e.pk == st.entity_id for e in services.upload_entities(request, session))


@require_POST
def statement_language(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The uploading delegation (or the secretariat) says which language the statement is in."""
    session = _session(slug)
    st = get_object_or_404(Statement, pk=pk, session=session)
    if not _may_correct(request, session, st):
        return _forbidden(request, _("Only the statement's delegation may change its language."))
    language = request.POST.get("language", "")
    if language not in dict(LANGUAGES):
        return HttpResponse(
            _("Unknown language."), status=400, content_type="text/plain; charset=utf-8"
        )
    st.language = language
    st.save(update_fields=["language"])
    messages.success(
        request,
        _("The statement's language is %(language)s.") % {"language": st.get_language_display()},
    )
    return redirect("record:statement", slug=session.slug, pk=st.pk)


def statement_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug)
    st = get_object_or_404(Statement, pk=pk, session=session)
    if not services.may_read_statement(request, session, st):
        return _statement_not_yet(request, session)
    name = f"statement-{session.slug}-{st.pk}.{st.kind}"
    ctype = {"pdf": "application/pdf", "docx": DOCX_TYPE}.get(st.kind, "text/plain; charset=utf-8")
    accel = getattr(settings, "PODIUM_X_ACCEL_REDIRECT", "")
    if accel:  # nginx sends the file from its internal location, once this view said yes
        response = HttpResponse(content_type=ctype)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + st.file.name
    else:
        # a PDF is downloaded, never opened in the browser's viewer (whose scripts run)
        response = FileResponse(
            st.file.open("rb"), content_type=ctype, filename=name, as_attachment=st.kind != "txt"
        )
    if st.kind != "txt":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@require_http_methods(["GET", "POST"])
def statement_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation uploads its statement (before or after speaking)."""
    session = _session(slug)
    too_big = services.max_upload_bytes() + 256 * 1024  # the file plus the form's other fields
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > too_big:
        return HttpResponse(
            _("The file is too large; the limit is %(max)s MB.")
            % {"max": services.max_upload_mb()},
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    entities = services.upload_entities(request, session)
    if not entities:
        if not request.user.is_authenticated:
            return redirect(f"{services.login_url()}?next={request.path}")
        return _forbidden(request, _("Only a delegation of this session may upload statements."))
    ctx: dict[str, Any] = {
        "session": session,
        "entities": entities,
        "segments": services.segment_choices(session),
        "groups": services.groups_of(entities),
        "languages": LANGUAGES,
        # preselected: the language posted back, else the reader's (the page's) language when
        # it is one of the six, else English, the GCM sessions' working language; never simply
        # the first option (Arabic), which put statements under the wrong language
        "chosen_language": _statement_language(request),
        "max_mb": services.max_upload_mb(),
    }
    if request.method == "GET":
        return render(request, "record/statement_upload.html", ctx)

    entity = next((e for e in entities if str(e.pk) == request.POST.get("entity")), None)
    if entity is None:
        return _forbidden(request, _("You may upload statements only for your own delegation."))
    upload = request.FILES.get("file")
    error = None
    status = 400
    checked = None
    data = b""
    text = ""
    if upload is None:
        error = _("Choose a file to upload.")
    elif upload.size is not None and upload.size > services.max_upload_bytes():
        status = 413
        error = _("The file is too large (%(size)s MB); the limit is %(max)s MB.") % {
            "size": f"{upload.size / 1048576:.1f}",
            "max": services.max_upload_mb(),
        }
    else:
        data = upload.read()
        try:
            checked = check_statement_file(data, services.max_upload_bytes())
            text = extract_text(data, checked.kind)
        except UploadRefused as exc:
            error, status = str(exc), exc.status
    language = request.POST.get("language", "en")
    if language not in dict(LANGUAGES):
        error = error or _("Unknown language.")
    for name, label, limit in (("title", _("The title"), 300), ("speaker", _("The speaker"), 200)):
        if len(request.POST.get(name, "")) > limit:
            status = 400
            error = _("%(field)s is longer than %(n)s characters.") % {"field": label, "n": limit}
    if error or checked is None:
        ctx["error"] = error
        return render(request, "record/statement_upload.html", ctx, status=status)
    behalf = services.on_behalf(entity, request.POST.get("on_behalf_of"))
    if isinstance(behalf, Refusal):
        ctx["error"] = (
            _(behalf.template) % dict(behalf.params) if behalf.params else _(behalf.template)
        )
        return render(request, "record/statement_upload.html", ctx, status=400)
    segment = services.segment_by_id(session, request.POST.get("segment"))
    st = Statement(
        session=session,
        segment=segment,
        entity=entity,
        on_behalf_of=behalf,
        speaker=request.POST.get("speaker", "").strip(),
        title=request.POST.get("title", "").strip(),
        language=language,
        kind=checked.kind,
        size=checked.size,
        original_name=(upload.name or "")[:255] if upload else "",
        text=text,
        detected_language=detect_language(text),
        uploaded_by=request.user if request.user.is_authenticated else None,
    )
    st.file.save(f"statement.{checked.kind}", ContentFile(data), save=False)
    st.save()
    services.sync_delivered(session, services.record_of(session))
    messages.success(request, _("Statement uploaded. It becomes public once delivered."))
    return redirect("record:statement", slug=session.slug, pk=st.pk)


# --- contributions ----------------------------------------------------------------------------


def _statement_language(request: HttpRequest) -> str:
    codes = dict(LANGUAGES)
    posted = request.POST.get("language", "") if request.method == "POST" else ""
    if posted in codes:
        return posted
    reader = (getattr(request, "LANGUAGE_CODE", "") or "en").split("-")[0]
    return reader if reader in codes else "en"


@require_POST
def contribution_add(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    form = ContributionForm(request.POST, themes=list(Theme.objects.values_list("slug", "name")))
    if not form.is_valid():
        return HttpResponseBadRequest(
            "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
        )
    data = form.cleaned_data
    st = None
    if data["statement"] is not None:
        st = get_object_or_404(Statement, pk=data["statement"], session=session)
    if not services.may_tag(request, session, st):
        return _forbidden(
            request, _("Only the secretariat or the speaker's delegation may tag passages.")
        )
    kind, text, number = data["kind"], data["text"], data["intervention"]
    segment = st.segment if st else services.segment_by_id(session, data["segment"])
    entity = st.entity if st else services.entity_by_id(data["entity"])
    if st is None and number is not None:
        heard = services.intervention_by_number(session, number)
        if heard is None:
            return HttpResponseBadRequest(_("No intervention with this number in the record."))
        segment = segment or services.segment_by_key(session, heard.segment)
        entity = entity or services.entity_by_code(heard.entity)
    c = Contribution.objects.create(
        session=session,
        statement=st,
        segment=segment,
        entity=entity,
        intervention=number,
        kind=kind,
        text=text,
        tagged_by=request.user,
    )
    c.themes.set(Theme.objects.filter(slug__in=data["themes"]))
    messages.success(request, _("Passage tagged."))
    if st:
        return redirect("record:statement", slug=session.slug, pk=st.pk)
    return redirect("record:contributions", slug=session.slug)


def contributions(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    items = (
        Contribution.objects.filter(session=session)
        .exclude(statement__isnull=False, statement__delivered_at__isnull=True)
        .select_related("entity", "segment", "statement")
        .prefetch_related("themes")
    )
    return render(
        request,
        "record/contributions.html",
        {
            "session": session,
            "contributions": items,
            "can_tag": services.may_tag(request, session, None),
            "kinds": Contribution.Kind.choices,
            "themes": Theme.objects.all(),
            "segments": services.segment_choices(session),
            "segment_labels": services.segment_labels(session),
            "interventions": services.record_of(session).interventions,
        },
    )


# --- writings ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def writing_edit(
    request: HttpRequest, slug: str, kind: str, segment: int | None = None
) -> HttpResponse:
    session = _session(slug)
    if kind not in Writing.Kind.values:
        raise Http404(_("Unknown kind of text."))
    seg = services.segment_by_id(session, segment) if segment is not None else None
    if segment is not None and seg is None:
        raise Http404(_("Unknown segment."))
    if not services.may_write(request, session, kind, seg):
        if not request.user.is_authenticated:
            return redirect(f"{services.login_url()}?next={request.path}")
        return _forbidden(request, _("You may not edit this text."))
    writing, _created = Writing.objects.get_or_create(session=session, segment=seg, kind=kind)
    if request.method == "POST":
        writing.draft = request.POST.get("draft", "")
        writing.updated_by = request.user
        if request.POST.get("action") == "publish":
            writing.publish()
            messages.success(request, _("Published."))
        else:
            messages.success(request, _("Draft saved."))
        writing.save()
        return redirect(request.path)
    return render(
        request,
        "record/writing_edit.html",
        {
            "session": session,
            "writing": writing,
            "segment": seg,
            "segment_label": services.segment_labels(session).get(seg.pk) if seg else "",
            "panels": editor_panels.render(request, session, writing),
        },
    )


# --- summary ----------------------------------------------------------------------------------


def _summary_access(request: HttpRequest, session: Any) -> tuple[bool, dict[str, Any]]:
    """Whether the user edits the summary, and its state (`readable`: False while it is
    unpublished for anyone but its editors)."""
    editor = services.may_publish_summary(request, session)
    state = services.summary_state(session)
    state["readable"] = state["published"] or editor
    return editor, state


def summary(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    editor, state = _summary_access(request, session)
    if not state["readable"]:
        return _summary_not_yet(request, session)
    return _summary_page(request, session, editor, state)


def _summary_page(
    request: HttpRequest, session: Any, editor: bool, state: dict[str, Any], gaps: Any = ()
) -> HttpResponse:
    content = services.summary_content(
        session, draft=editor and request.GET.get("v") != "published"
    )
    return render(
        request,
        "record/summary.html",
        {
            "session": session,
            "document": render_html(content, fragment=True),
            "content": content,
            "state": state,
            "editor": editor,
            "writings": services.writing_slots(session) if editor else [],
            "gaps": list(gaps),  # what publishing now leaves empty: confirm first
        },
    )


def summary_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    session = _session(slug)
    editor, state = _summary_access(request, session)
    if not state["readable"]:
        return _summary_not_yet(request, session)
    content = services.summary_content(session, draft=editor and request.GET.get("v") == "draft")
    if fmt == "docx":
        data, ctype = render_docx(content), DOCX_TYPE
    else:
        data, ctype = render_pdf(content), "application/pdf"
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="summary-{session.slug}.{fmt}"'
    return response


@require_POST
def summary_publish(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    if not services.may_publish_summary(request, session):
        return _forbidden(request, _("Only the co-facilitators or the secretariat may publish."))
    gaps = services.summary_gaps(session)
    if gaps and request.POST.get("confirm") != "1":
        # the page again, saying what is empty, with a button that publishes anyway
        editor, state = _summary_access(request, session)
        return _summary_page(request, session, editor, state, gaps)
    services.publish_summary(session, request.user)
    messages.success(request, _("The co-facilitators' summary is published."))
    return redirect("record:summary", slug=session.slug)


# --- statistics -------------------------------------------------------------------------------


def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    tables = shown(services.statistics_of(session), session.time_zone)
    return render(
        request,
        "record/statistics.html",
        {
            "session": session,
            "tables": [(t, _charts(t)) for t in tables],
            "generated_at": timezone.now(),
        },
    )


def _charts(table: Any) -> list[Any]:
    """A chart of the counts and, where the table has one, of the speaking time."""
    charts = [bar_chart(table)]
    if "total_min" in table.columns and table.rows:
        charts.append(bar_chart(table, "total_min"))
    return [c for c in charts if c]


def statistics_download(request: HttpRequest, slug: str, key: str, fmt: str) -> HttpResponse:
    session = _session(slug)
    tables = services.statistics_of(session)
    if key != "all":
        tables = [t for t in tables if t.key == key]
        if not tables:
            raise Http404(_("No such table."))
    if fmt == "csv":
        body = tables[0].to_csv() if key != "all" else tables_to_csv(tables)
        ctype = "text/csv; charset=utf-8"
    else:
        if key != "all":
            body = json.dumps(tables[0].to_json_obj(), ensure_ascii=False, indent=2)
        else:
            body = tables_to_json(tables, session=session.slug)
        ctype = "application/json"
    response = HttpResponse(body.encode(), content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-{key}.{fmt}"'
    return response


# --- a series: statistics across its sessions -----------------------------------------------------


def series_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    """Who spoke how often across the series' sessions: by delegation, regional group, category."""
    stats = statistics_of_series(slug)
    if stats is None:
        return render(request, "record/series_not_found.html", {"slug": slug}, status=404)
    group_chart = Table(
        "series-by-regional-group",
        _("Interventions of States by regional group"),
        ("regional_group", "interventions"),
        tuple((r.name, r.interventions) for r in stats.regional_groups),
        chart="interventions",
    )
    category_chart = Table(
        "series-by-category",
        _("Interventions by category"),
        ("category", "interventions"),
        tuple((r.name, r.interventions) for r in stats.categories),
        chart="interventions",
    )
    return render(
        request,
        "record/series_statistics.html",
        {
            "stats": stats,
            "group_chart": bar_chart(group_chart),
            "category_chart": bar_chart(category_chart),
            "generated_at": timezone.now(),
        },
    )


def series_statistics_json(request: HttpRequest, slug: str) -> HttpResponse:
    stats = statistics_of_series(slug)
    if stats is None:
        return problem(404, _("No session belongs to a series “%(slug)s”.") % {"slug": slug})
    return HttpResponse(
        json.dumps(stats.to_json(), ensure_ascii=False, indent=2), content_type="application/json"
    )


# --- the record as JSON ---------------------------------------------------------------------------


def record_json(request: HttpRequest, slug: str) -> HttpResponse:
    """Every intervention and every request not heard, derived from the floor's log."""
    session = _session(slug)
    body = {"session": session.slug, **core_record.record_json(services.record_of(session))}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )


# --- search -----------------------------------------------------------------------------------


def search_page(request: HttpRequest) -> HttpResponse:
    query = SearchQuery.from_params(request.GET)
    results = None
    if not query.is_empty():
        results = search(query)
        for st in results.statements:  # the words found, highlighted (escaped: no markup)
            st.shown_title = highlight(st.title, query, st.search_language)  # type: ignore[attr-defined]
            st.shown_text = excerpt(st.text, query, st.search_language)  # type: ignore[attr-defined]
        for c in results.contributions:
            c.shown_text = highlight(c.text, query, c.search_language)  # type: ignore[attr-defined]
    sessions = services.all_sessions()
    return render(
        request,
        "record/search.html",
        {
            "query": query,
            "results": results,
            "themes": Theme.objects.all(),
            "kinds": [("statement", _("Statement")), *Contribution.Kind.choices],
            "sessions": sessions,
            "series": sorted({s.series for s in sessions if s.series}),
            "regional_groups": services.regional_groups(),
            "languages": LANGUAGES,
        },
    )


def require_login_or_403(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
