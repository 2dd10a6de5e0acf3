"""The secretariat desk's pages: `/desk/` (start a session from the template or a file),
`/sessions/<slug>/edit` (the form, checked as you type; save, publish), `…/edit/check` (the
problems and the budget as JSON, for the page's script), `…/edit/export` (the session file),
`…/edit/versions` (every published version; compare two; restore one into the draft)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from podium.desk import formdata, services
from podium.desk.models import Draft, Version
from podium.desk.plurals import plural_forms
from podium.people.permissions import is_secretariat
from podium.programme.models import Session


def _username(request: HttpRequest) -> str:
    return str(getattr(request.user, "username", "") or "")


def _refused(request: HttpRequest) -> HttpResponse | None:
    """None when the user is a secretariat officer (of any session: the desk also starts new
    ones); else the answer: sign in, or 403 with the reason."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if not is_secretariat(request.user, None):
        return HttpResponse(
            _("Only the secretariat may edit programmes."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return None


def _draft(slug: str) -> Draft:
    draft = services.draft_of(slug)
    if draft is None:
        raise Http404(_("No session or draft is called %(slug)s.") % {"slug": slug})
    return draft


def index(request: HttpRequest) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    error = ""
    if request.method == "POST":
        slug = request.POST.get("slug", "").strip().lower()
        title = request.POST.get("title", "").strip()[:300]
        upload = request.FILES.get("file")
        try:
            if not formdata.SLUG.fullmatch(slug):
                raise services.DeskRefused(
                    _("A slug is 2–100 lower-case letters, digits and hyphens, e.g. gcm-its7.")
                )
            if (
                Draft.objects.filter(slug=slug).exists()
                or Session.objects.filter(slug=slug).exists()
            ):
                raise services.DeskRefused(_("%(slug)s exists already: edit it.") % {"slug": slug})
            if upload is not None:
                if upload.size and upload.size > services.MAX_FILE_BYTES:
                    raise services.DeskRefused(_("The file is too large."))
                try:
                    text = upload.read().decode("utf-8")
                except UnicodeDecodeError:
                    raise services.DeskRefused(_("The file is not UTF-8 text.")) from None
            else:
                text = services.template_text(slug, title or slug)
            services.start(slug, text, _username(request))
            return redirect("desk:edit", slug=slug)
        except services.DeskRefused as exc:
            error = str(exc)
    return render(
        request,
        "desk/index.html",
        {
            "drafts": Draft.objects.all(),
            "sessions": Session.objects.order_by("start_date"),
            "session_slugs": set(Session.objects.values_list("slug", flat=True)),
            "error": error,
        },
        status=400 if error else 200,
    )


def _page(
    request: HttpRequest, draft: Draft, data: dict[str, Any], status: int = 200
) -> HttpResponse:
    view = formdata.form_view(data)
    checked = services.check(services.text_of(data), formdata.field_names(view))
    by_field: dict[str, list[services.FieldProblem]] = {}
    general = []
    for p in checked.problems:
        if p.field:
            by_field.setdefault(p.field, []).append(p)
        else:
            general.append(p)
    return render(
        request,
        "desk/edit.html",
        {
            "draft": draft,
            "form": view,
            "problems": by_field,
            "general": general,
            "errors": len(checked.errors),
            "warnings": len(checked.problems) - len(checked.errors),
            # the live counter's words, one per plural category (the script counts)
            "plurals": json.dumps(
                {
                    "errors": plural_forms("%(n)s error", "%(n)s errors"),
                    "warnings": plural_forms("%(n)s warning", "%(n)s warnings"),
                },
                ensure_ascii=False,
            ),
            "budget": checked.budget,
            "session": Session.objects.filter(slug=draft.slug).first(),
            "last_version": Version.objects.filter(slug=draft.slug).first(),
        },
        status=status,
    )


def edit(request: HttpRequest, slug: str) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    draft = _draft(slug)
    data = services.data_of(draft.text)
    if request.method != "POST":
        return _page(request, draft, data)
    data = formdata.from_form(data, request.POST)
    action = request.POST.get("action", "save")
    user = _username(request)
    if action == "publish":
        services.save(draft, data, user)
        try:
            version = services.publish(draft, user, request.POST.get("note", ""))
        except services.DeskRefused as exc:
            messages.error(request, str(exc))
            return _page(request, draft, data, status=400)
        messages.success(request, _("Published as version %(n)s.") % {"n": version.number})
        return redirect("desk:edit", slug=slug)
    if action != "save":
        data = formdata.apply(data, action)
    services.save(draft, data, user)
    if action == "save":
        messages.success(request, _("Draft saved."))
    return redirect(request.path)


@require_POST
def check(request: HttpRequest, slug: str) -> HttpResponse:
    """The problems of the form as it stands (not saved) and its budget, for the page's script."""
    if (refusal := _refused(request)) is not None:
        return refusal
    draft = _draft(slug)
    data = formdata.from_form(services.data_of(draft.text), request.POST)
    view = formdata.form_view(data)
    checked = services.check(services.text_of(data), formdata.field_names(view))
    return JsonResponse(
        {
            "problems": [p.as_json() for p in checked.problems],
            "errors": len(checked.errors),
            "budget_html": render_to_string(
                "desk/_budget.html", {"budget": checked.budget}, request
            ),
        }
    )


def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft's session file (or a published version's, `?version=N`), as a download."""
    if (refusal := _refused(request)) is not None:
        return refusal
    text = _draft(slug).text
    number = request.GET.get("version", "")
    if number:
        version = Version.objects.filter(slug=slug, number=_int(number)).first()
        if version is None:
            raise Http404(_("No such version."))
        text = version.text
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    suffix = f"-v{number}" if number else ""
    response["Content-Disposition"] = f'attachment; filename="{slug}{suffix}.yaml"'
    return response


def versions(request: HttpRequest, slug: str) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    draft = _draft(slug)
    found = {v.number: v for v in Version.objects.filter(slug=slug)}
    if request.method == "POST":
        version = found.get(_int(request.POST.get("restore", "")))
        if version is None:
            raise Http404(_("No such version."))
        services.restore(draft, version, _username(request))
        messages.success(
            request,
            _("Version %(n)s is the draft again; publish it to make it the programme.")
            % {"n": version.number},
        )
        return redirect("desk:edit", slug=slug)
    a, b = found.get(_int(request.GET.get("a", ""))), found.get(_int(request.GET.get("b", "")))
    return render(
        request,
        "desk/versions.html",
        {
            "slug": slug,
            "versions": sorted(found.values(), key=lambda v: -v.number),
            "a": a,
            "b": b,
            "diff": services.diff(a, b) if a and b else None,
        },
    )


def _int(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else -1
