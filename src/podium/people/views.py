"""Pages and the public entities API of the people capability."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import send_mail
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from podium.core.entities import LANGUAGES as OFFICIAL_LANGUAGES
from podium.people import accreditation as acc
from podium.people import composition
from podium.people.csvio import export_csv, import_csv
from podium.people.forms import (
    DelegateForm,
    EcosocForm,
    ImportForm,
    ObjectionForm,
    PublishListForm,
    TokenForm,
)
from podium.people.models import (
    AccreditationStatus,
    ApiToken,
    Entity,
    EntityKind,
    Listing,
    NonObjectionList,
    Objection,
    Role,
    RoleKind,
    StakeholderCategory,
    accredited_now,
    decided_status,
    due_objections,
    standing_objection,
)
from podium.people.names import name_of, names_of, reader_language
from podium.people.permissions import (
    can,
    delegation_of_role,
    deny,
    focal_point_of,
    request_user,
    requires,
    states_represented,
)
from podium.people.services import (
    GrantError,
    JoinRefused,
    check_join,
    join,
    join_token,
    register_delegate,
)
from podium.problems import problem
from podium.programme.models import Session

# --- accounts ---


class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "people/password_reset.html"
    email_template_name = "people/password_reset_email.txt"
    subject_template_name = "people/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"


def send_invitation(request: HttpRequest, email: str) -> None:
    """Send the password-setting link (Django's reset mechanism) to a newly registered person."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            email_template_name="people/invitation_email.txt",
            subject_template_name="people/invitation_subject.txt",
        )


def send_join_request(request: HttpRequest, person: Any, account: Any, email: str) -> None:
    """Ask the owner of an existing account whether the person just registered is them."""
    context = {
        "person": person,
        "entity": person.entity,
        "link": request.build_absolute_uri(
            reverse("people:join", kwargs={"token": join_token(person, account)})
        ),
    }
    send_mail(
        render_to_string("people/join_subject.txt", context, request).strip(),
        render_to_string("people/join_email.txt", context, request),
        None,
        [email],
    )


@require_http_methods(["GET", "POST"])
def join_page(request: HttpRequest, token: str) -> HttpResponse:
    """The owner of an account confirms they are the delegate a focal point registered:
    GET says what joining means, POST links the account (once, and only for that account)."""
    user = request_user(request)
    if not user.is_authenticated:
        return deny(request, _("Sign in first."), 401)
    try:
        person = check_join(token, user) if request.method == "GET" else join(token, user)
    except JoinRefused as exc:
        return deny(request, str(exc), exc.status)
    if request.method == "POST":
        messages.success(
            request,
            _("Your account now stands for %(name)s of %(entity)s.")
            % {"name": person.display_name, "entity": name_of(person.entity)},
        )
        return redirect("people:account")
    return render(request, "people/join.html", {"person": person})


# --- public API ---


def entity_json(e: Entity, accreditation: str, language: str | None = None) -> dict[str, Any]:
    """The API's entity; `accreditation` is its status now (`Entity.accreditation_at`); `name`
    in `language` (the reader's by default), `names` in the six official languages."""
    data: dict[str, Any] = {
        "code": e.code,
        "name": name_of(e, language),
        "names": names_of(e),
        "kind": e.kind,
        "iso2": e.iso2 or None,
        "iso3": e.iso3 or None,
        "numeric": e.numeric or None,
        "regional_groups": list(e.regional_groups),
        "election_group": e.election_group or None,
        "observes": list(e.observes),
        "accreditation": accreditation or None if e.kind == EntityKind.STAKEHOLDER else None,
    }
    if e.kind == EntityKind.GROUP:
        data["members"] = sorted(m.code for m in e.members.all())
    if e.kind == EntityKind.STAKEHOLDER:
        data["category"] = e.category or None
        data["ecosoc_status"] = e.ecosoc_status or None
    return data


def api_language(request: HttpRequest) -> str | JsonResponse:
    """The language of an API answer's names: `?lang=` (exactly one of the six codes), else the
    active language (`Accept-Language`); a 400 problem for any other `lang`."""
    lang = request.GET.get("lang")
    if lang:
        if lang not in OFFICIAL_LANGUAGES:
            return problem(
                400,
                _("unknown language %(lang)s; expected one of %(langs)s")
                % {"lang": lang[:40], "langs": ", ".join(OFFICIAL_LANGUAGES)},
                "unknown_language",
                "lang",
            )
        return lang
    return reader_language()


@require_GET
def api_entities(request: HttpRequest) -> JsonResponse:
    language = api_language(request)
    if isinstance(language, JsonResponse):
        return language
    qs = Entity.objects.order_by("kind", "name").prefetch_related(
        Prefetch("members", queryset=Entity.objects.only("code"))
    )
    kind = request.GET.get("kind")
    if kind:
        if kind not in EntityKind.values:
            return problem(
                400,
                _("unknown kind %(kind)s; expected one of %(kinds)s")
                % {"kind": kind[:40], "kinds": ", ".join(EntityKind.values)},
                "unknown_kind",
                "kind",
            )
        qs = qs.filter(kind=kind)
    due = due_objections(timezone.now())  # lists past their deadline, not settled yet
    entities = [
        entity_json(e, decided_status(e.accreditation, due.get(e.pk, ())), language) for e in qs
    ]
    return JsonResponse(
        {"count": len(entities), "entities": entities}, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def api_entity(request: HttpRequest, code: str) -> JsonResponse:
    language = api_language(request)
    if isinstance(language, JsonResponse):
        return language
    e = Entity.by_code(code)
    if e is None:
        return problem(404, _("No such entity."))
    return JsonResponse(
        entity_json(e, e.accreditation_at(timezone.now()), language),
        json_dumps_params={"ensure_ascii": False},
    )


# --- secretariat: people of a session ---


@requires("manage_people")
@require_http_methods(["GET", "POST"])
def people_page(request: HttpRequest, slug: str) -> HttpResponse:
    session = request.podium_session  # type: ignore[attr-defined]
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = import_csv(session, form.cleaned_data["file"].read(), form.cleaned_data["dry_run"])
        if report.imported:
            messages.success(
                request,
                _("Imported %(rows)s rows: %(persons)s new persons, %(roles)s new roles.")
                % {
                    "rows": report.rows,
                    "persons": report.persons_created,
                    "roles": report.roles_created,
                },
            )
            return redirect("people:people", slug=session.slug)
    roles = (
        Role.objects.filter(session=session)
        .select_related("person", "person__user", "person__entity", "entity")
        .order_by("role", "panel", "person__family_name")
    )
    return render(
        request,
        "people/people.html",
        {"session": session, "roles": roles, "form": form, "report": report},
        status=400 if report is not None and not report.ok else 200,
    )


@requires("manage_people")
@require_GET
def people_csv(request: HttpRequest, slug: str) -> HttpResponse:
    session = request.podium_session  # type: ignore[attr-defined]
    response = HttpResponse(export_csv(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-people.csv"'
    return response


# --- focal points: a delegation's registration page ---


@require_GET
def my_delegation(request: HttpRequest, slug: str) -> HttpResponse:
    session = Session.objects.filter(slug=slug).first()
    if session is None:
        return deny(request, _("No such session."), 404)
    user = request_user(request)
    if not user.is_authenticated:
        return deny(request, _("Sign in first."), 401)
    mine = focal_point_of(user, session)
    if not mine:
        return deny(request, _("You are not the focal point of a delegation in this session."))
    return redirect("people:delegation", slug=slug, code=mine[0].code)


@requires("register_delegates", entity_kwarg="code")
@require_http_methods(["GET", "POST"])
def delegation(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    session = request.podium_session  # type: ignore[attr-defined]
    entity = request.podium_entity  # type: ignore[attr-defined]
    form = DelegateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = register_delegate(
                session,
                entity,
                family_name=data["family_name"],
                given_name=data["given_name"],
                title=data["title"],
                gender=data["gender"],
                function=data["function"],
                position=data["position"],
                email=data["email"],
                role=data["role"],
            )
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            if done.invite is not None:
                send_invitation(request, data["email"])
            elif done.confirm is not None:
                send_join_request(request, done.person, done.confirm, data["email"])
            # The same answer whatever the address: the page tells nobody whose it is.
            messages.success(
                request,
                _("%(name)s is registered for %(entity)s.")
                % {"name": done.person.display_name, "entity": name_of(entity)},
            )
            return redirect("people:delegation", slug=session.slug, code=entity.code)
    members = (
        Role.objects.filter(session=session, role__in=[RoleKind.DELEGATE, RoleKind.FOCAL_POINT])
        .filter(entity=entity)
        .select_related("person")
        .order_by("person__family_name")
    )
    return render(
        request,
        "people/delegation.html",
        {"session": session, "entity": entity, "members": members, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- panel composition ---


@requires("view_composition")
@require_GET
def composition_page(request: HttpRequest, slug: str) -> HttpResponse:
    session = request.podium_session  # type: ignore[attr-defined]
    report = composition.session_report(session)
    return render(
        request,
        "people/composition.html",
        {
            "session": session,
            "report": report,
            "rows": composition.rows(report),
            "overall": [(composition.region_label(k), v) for k, v in report.regions.items()],
        },
    )


# --- accreditation ---

CATEGORY_BY_NAME = {slugify(str(label)): value for value, label in StakeholderCategory.choices}


def _row_id(raw: str | None) -> int:
    """A posted row id; ValueError (answered 404) unless it is one a database stores."""
    value = int(raw or "")
    if not 1 <= value < 2**31:
        raise ValueError(raw)
    return value


def _new_stakeholder(name: str, category: str = "") -> Entity:
    base = slugify(name).upper()[:30] or "ORG"
    code, n = base, 2
    existing = Entity.objects.filter(name__iexact=name, kind=EntityKind.STAKEHOLDER).first()
    if existing:
        return existing
    while Entity.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return Entity.objects.create(
        code=code, name=name, kind=EntityKind.STAKEHOLDER, category=category
    )


@require_http_methods(["GET", "POST"])
def accreditation_page(request: HttpRequest) -> HttpResponse:
    """The lists, their status and the accredited stakeholders as they stand now. A GET writes
    nothing (a list past its deadline reads as settled); each step of the procedure settles the
    lists past their deadline first, and the secretariat may settle them alone ("settle")."""
    now = timezone.now()
    user = request_user(request)
    secretariat = can(user, None, "manage_accreditation")
    states = states_represented(user, None)
    publish_form = PublishListForm(prefix="publish")
    ecosoc_form = EcosocForm(prefix="ecosoc")
    if request.method == "POST":
        if not user.is_authenticated:
            return deny(request, _("Sign in first."), 401)
        action = request.POST.get("action")
        try:
            if action == "settle":
                if not secretariat:
                    return deny(request, _("Only the secretariat may do this."))
                settled = acc.settle_due_lists(now)
                messages.success(
                    request, _("%(n)s non-objection list(s) settled.") % {"n": settled}
                )
                return redirect("people:accreditation")
            if action == "object":
                form = ObjectionForm(request.POST)
                if not form.is_valid():
                    return deny(request, _("Incomplete objection."), 400)
                state = Entity.by_code(form.cleaned_data["state"])
                if state is None or not can(user, None, "object", entity=state):
                    return deny(request, _("Only a delegate of a Member State may object for it."))
                listing = Listing.objects.select_related("nol", "entity").get(
                    pk=form.cleaned_data["listing"]
                )
                acc.object_to(listing, state, now, by=user, reason=form.cleaned_data["reason"])
                messages.success(
                    request,
                    _("%(state)s objects to %(org)s.")
                    % {"state": name_of(state), "org": name_of(listing.entity)},
                )
            elif action == "withdraw":
                objection = Objection.objects.select_related("state", "listing__nol").get(
                    pk=_row_id(request.POST.get("objection"))
                )
                if not can(user, None, "object", entity=objection.state):
                    return deny(
                        request, _("Only a delegate of the objecting State may withdraw it.")
                    )
                acc.withdraw_objection(objection, now, by=user)
                messages.success(request, _("Objection withdrawn."))
            elif action in ("publish", "ecosoc"):
                if not secretariat:
                    return deny(request, _("Only the secretariat may do this."))
                if action == "publish":
                    publish_form = PublishListForm(request.POST, prefix="publish")
                    if publish_form.is_valid():
                        orgs = [
                            _new_stakeholder(name, category)
                            for name, category in publish_form.cleaned_data["organizations"]
                        ]
                        deadline = publish_form.cleaned_data["deadline"]
                        if timezone.is_naive(deadline):
                            deadline = deadline.replace(tzinfo=UTC)
                        acc.publish_list(
                            publish_form.cleaned_data["title"], orgs, deadline, now, by=user
                        )
                        messages.success(request, _("The non-objection list is published."))
                        return redirect("people:accreditation")
                else:
                    ecosoc_form = EcosocForm(request.POST, prefix="ecosoc")
                    if ecosoc_form.is_valid():
                        org = _new_stakeholder(ecosoc_form.cleaned_data["name"], "ecosoc-ngo")
                        acc.register_ecosoc(
                            org,
                            now,
                            by=user,
                            ecosoc_status=ecosoc_form.cleaned_data["ecosoc_status"],
                        )
                        messages.success(
                            request, _("%(name)s is accredited.") % {"name": name_of(org)}
                        )
                        return redirect("people:accreditation")
            else:
                return deny(request, _("Unknown action."), 400)
        except (Listing.DoesNotExist, Objection.DoesNotExist, ValueError):
            return deny(request, _("No such listing or objection."), 404)
        except acc.AccreditationError as exc:
            messages.error(request, str(exc))
            return redirect("people:accreditation")
        if action in ("object", "withdraw"):
            return redirect("people:accreditation")
    lists = list(
        NonObjectionList.objects.prefetch_related(
            Prefetch(
                "listings",
                queryset=Listing.objects.select_related("entity")
                .annotate(objected=standing_objection())
                .prefetch_related(
                    Prefetch("objections", queryset=Objection.objects.select_related("state"))
                ),
            )
        )
    )
    due = False  # a list past its deadline, not settled yet
    for nol in lists:
        nol.is_open = nol.closed_at is None and now < nol.deadline  # type: ignore[attr-defined]
        nol_due = nol.closed_at is None and now >= nol.deadline
        due = due or nol_due
        for listing in nol.listings.all():
            outcome = listing.outcome
            if nol_due:  # what settling the list will write
                outcome = (
                    AccreditationStatus.NOT_ACCREDITED
                    if listing.objected
                    else AccreditationStatus.ACCREDITED
                )
            listing.outcome_label = AccreditationStatus(outcome).label  # type: ignore[attr-defined]
    state_codes = {s.pk for s in states}
    accredited = Entity.objects.filter(accredited_now(now))
    return render(
        request,
        "people/accreditation.html",
        {
            "lists": lists,
            "now": now,
            "states": states,
            "state_pks": state_codes,
            "secretariat": secretariat,
            "due": due,
            "accredited": accredited,
            "publish_form": publish_form,
            "ecosoc_form": ecosoc_form,
        },
        status=400 if publish_form.errors or ecosoc_form.errors else 200,
    )


# --- the signed-in user's own account ---


def _my_sessions(user: Any) -> list[dict[str, Any]]:
    roles = (
        Role.objects.filter(person__user=user)
        .select_related("session", "entity", "person__entity")
        .order_by("session__slug", "role", "panel")
    )
    by_session: dict[int, dict[str, Any]] = {}
    for r in roles:
        item = by_session.setdefault(
            r.session.pk,
            {"session": r.session, "slug": r.session.slug, "roles": [], "delegations": {}},
        )
        item["roles"].append(r)
        e = delegation_of_role(r)
        if e is not None:
            item["delegations"][e.code] = e
    return list(by_session.values())


@require_http_methods(["GET", "POST"])
def my_account(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not user.is_authenticated:
        return deny(request, _("Sign in first."), 401)
    new_token = None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "token":
        form = TokenForm(request.POST)
        if not form.is_valid():
            return deny(request, form.errors.as_text(), 400)
        _token, new_token = ApiToken.issue(
            user, form.cleaned_data["name"], form.cleaned_data["days"]
        )
    elif action == "revoke":
        # Only the owner's own tokens: another account's id revokes nothing and says so.
        try:
            pk = _row_id(request.POST.get("token"))
        except ValueError:
            pk = 0
        revoked, _n = user.api_tokens.filter(pk=pk).delete()
        if not revoked:
            return deny(request, _("You have no such token."), 404)
        messages.success(request, _("The token is revoked: it opens nothing any more."))
        return redirect("people:account")
    elif action is not None:
        return deny(request, _("Unknown action."), 400)
    return render(
        request,
        "people/account.html",
        {
            "sessions": _my_sessions(user),
            "tokens": user.api_tokens.order_by("-created_at"),
            "new_token": new_token,
        },
    )


@require_GET
def api_me(request: HttpRequest) -> JsonResponse:
    user = request_user(request)
    if not user.is_authenticated:
        return problem(401, _("Sign in first."))
    sessions = {
        item["slug"]: {
            "roles": sorted({r.role for r in item["roles"]}),
            "panels": sorted({r.panel for r in item["roles"] if r.panel is not None}),
            "delegations": [
                {"code": e.code, "name": name_of(e), "kind": e.kind}
                for e in sorted(item["delegations"].values(), key=lambda e: e.name)
            ],
        }
        for item in _my_sessions(user)
    }
    return JsonResponse(
        {"username": user.get_username(), "superuser": user.is_superuser, "sessions": sessions}
    )
