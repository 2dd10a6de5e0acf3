"""Side-event pages: public list, own pages, proposal form, OPGA workflow and overview, feeds."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import icalendar
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from podium.core import sideevents as core
from podium.people.models import Entity
from podium.people.names import name_of
from podium.people.permissions import delegations_of, deny, is_secretariat, request_user
from podium.problems import is_api, problem
from podium.programme import journal
from podium.programme.exports import calendar, place
from podium.programme.models import Session
from podium.sideevents import programme_link, services
from podium.sideevents.forms import ProposalForm, apply_suggestion, entitled_entities
from podium.sideevents.messages import ACTION_LABELS, status_label, window_label
from podium.sideevents.models import SideEvent, Status


def _session(slug: str) -> Any:
    session = Session.objects.filter(slug=slug).first()
    if session is None:
        raise Http404(_("No such session."))
    return session


def _user(request: HttpRequest) -> Any:
    return request_user(request)


def _deny(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    return deny(request, reason, status)


def _secretariat(user: Any, session: Any) -> bool:
    return bool(is_secretariat(user, session))


def _event(session: Any, pk: int) -> SideEvent:
    event = (
        SideEvent.objects.filter(session=session, pk=pk)
        .select_related("organizer", "room", "session", "submitted_by")
        .first()
    )
    if event is None:
        raise Http404(_("No such side event."))
    return event


def _may_see(user: Any, event: SideEvent) -> bool:
    return (
        event.is_public or _secretariat(user, event.session) or services.is_organizer(user, event)
    )


def _organizers(user: Any, session: Any) -> Any:
    if _secretariat(user, session):
        return entitled_entities()
    pks = [e.pk for e in delegations_of(user, session)]
    return Entity.objects.filter(pk__in=pks)


def _local(session: Any, value: datetime) -> datetime:
    return value.astimezone(programme_link.zone_of(session))


def by_day(session: Any, events: Any) -> list[tuple[date, list[SideEvent]]]:
    days: dict[date, list[SideEvent]] = defaultdict(list)
    for e in events:
        days[_local(session, e.start).date()].append(e)
    return sorted(days.items())


def side_events_context(session: Any) -> dict[str, Any]:
    """Context for `sideevents/_programme_side_events.html`, the include the programme page may
    use to show approved side events next to the plenary: ``{"side_events_by_day": ...,
    "side_events_session": session}``."""
    return {
        "side_events_session": session,
        "side_events_by_day": by_day(session, services.approved(session)),
        "side_events_zone": programme_link.zone_of(session),
    }


def journal_items(session: Any, day: date) -> list[journal.Item]:
    """The day's approved side events as entries of the Journal: time, title, organizer, room
    (the Journal of the United Nations lists them after the day's official meetings)."""
    out: list[journal.Item] = []
    for e in services.approved(session):
        start, end = _local(session, e.start), _local(session, e.end)
        if start.date() != day:
            continue
        lines = [journal.Line(_("Organized by"), name_of(e.organizer))]
        if e.room is not None:
            lines.append(journal.Line(_("Room"), e.room.name))
        title = _("Side event: %(title)s") % {"title": e.title}
        out.append(journal.Item(start.time(), end.time(), title, "side_event", tuple(lines)))
    return out


# --- public -------------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = _user(request)
    context = side_events_context(session)
    context.update(
        session=session,
        windows=[window_label(w) for w in services.windows_of(session)],
        secretariat=_secretariat(user, session),
        signed_in=bool(getattr(user, "is_authenticated", False)),
    )
    return render(request, "sideevents/list.html", context)


@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug)
    event = _event(session, pk)
    user = _user(request)
    if not _may_see(user, event):
        raise Http404(_("No such side event."))
    secretariat = _secretariat(user, session)
    organizer = services.is_organizer(user, event)
    actions = core.allowed_actions(
        core.Status(event.status), secretariat=secretariat, organizer=organizer
    )
    return render(
        request,
        "sideevents/detail.html",
        {
            "session": session,
            "event": event,
            "zone": programme_link.zone_of(session),
            "themes": _theme_labels(session, event),
            "parity": services.parity_of(event),
            "actions": [
                (a.value, ACTION_LABELS[a.value]) for a in actions if a != core.Action.CHANGE
            ],
            "can_change": core.Action.CHANGE in actions,
            "show_log": secretariat or organizer,
            "secretariat": secretariat,
            "status_label": status_label(event.status),
        },
    )


def _theme_labels(session: Any, event: SideEvent) -> list[str]:
    labels = dict(programme_link.panel_themes(session))
    return [labels.get(t, t) for t in event.themes or []]


# --- proposing ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return _deny(request, _("Sign in first."), 401)
    organizers = _organizers(user, session)
    if not organizers.exists():
        return _deny(
            request,
            _(
                "Your account does not act for a Member State, an observer, a UN entity, an "
                "intergovernmental organization or an accredited stakeholder in this session, so "
                "it cannot propose side events."
            ),
        )
    return _proposal_form(request, session, user, organizers, None)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug)
    event = _event(session, pk)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return _deny(request, _("Sign in first."), 401)
    if not services.is_organizer(user, event):
        return _deny(request, _("Only the organizer of the side event may do this."))
    organizers = Entity.objects.filter(pk=event.organizer_id)
    return _proposal_form(request, session, user, organizers, event)


def _proposal_form(
    request: HttpRequest, session: Any, user: Any, organizers: Any, event: SideEvent | None
) -> HttpResponse:
    zone = programme_link.zone_of(session)
    refused: services.Refused | None = None
    status = 200
    if request.method == "POST":
        data = request.POST
        if data.get("suggestion"):
            data = apply_suggestion(data, data["suggestion"], zone)
        form = ProposalForm(data, session=session, organizers=organizers, event=event)
        if form.is_valid():
            try:
                if event is None:
                    saved = services.submit(
                        session, user, form.cleaned_data["organizer"], form.proposal()
                    )
                    messages.success(
                        request,
                        _(
                            "Your side event was submitted; the Office of the President of the General Assembly will review it."
                        ),
                    )
                else:
                    saved = services.change(event, user, form.proposal())
                    messages.success(request, _("Your changes were saved."))
                return redirect("sideevents:detail", slug=session.slug, pk=saved.pk)
            except services.Refused as exc:
                refused = exc
                status = exc.status if exc.status != 409 else 409
        else:
            status = 400
    else:
        form = ProposalForm(session=session, organizers=organizers, event=event)
    return render(
        request,
        "sideevents/propose.html",
        {
            "session": session,
            "form": form,
            "event": event,
            "change_reopens_review": event is not None and core.change_reopens_review(event.status),
            "refused": refused,
            "suggestions": [
                {
                    "value": f"{s.room.key}|{s.start.isoformat()}|{s.end.isoformat()}",
                    "label": s.label(),
                    "room": s.room,
                    "start": s.start.astimezone(zone),
                    "end": s.end.astimezone(zone),
                }
                for s in (refused.suggestions if refused else [])
            ],
            "windows": [window_label(w) for w in services.windows_of(session)],
        },
        status=status,
    )


@require_GET
def mine(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return _deny(request, _("Sign in first."), 401)
    pks = [e.pk for e in delegations_of(user, session)]
    events = (
        SideEvent.objects.filter(session=session)
        .filter(Q(submitted_by=user) | Q(organizer__in=pks))
        .select_related("organizer", "room")
        .order_by("start")
    )
    return render(
        request,
        "sideevents/mine.html",
        {"session": session, "events": events, "zone": programme_link.zone_of(session)},
    )


@require_POST
def act(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug)
    event = _event(session, pk)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return _deny(request, _("Sign in first."), 401)
    if not _may_see(user, event):
        raise Http404(_("No such side event."))
    action = request.POST.get("action", "")
    try:
        services.act(event, user, action, request.POST.get("reason", ""))
    except services.Refused as exc:
        if is_api(request):
            return problem(exc.status, "; ".join(exc.reasons))
        messages.error(request, "; ".join(exc.reasons))
        return redirect("sideevents:detail", slug=slug, pk=pk)
    messages.success(
        request, _("Done: %(action)s.") % {"action": ACTION_LABELS.get(action, action)}
    )
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("sideevents:detail", slug=slug, pk=pk)


# --- OPGA ---------------------------------------------------------------------------------------


@require_GET
def opga(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return _deny(request, _("Sign in first."), 401)
    if not _secretariat(user, session):
        return _deny(
            request, _("Only the Office of the President of the General Assembly may do this.")
        )
    events = list(
        SideEvent.objects.filter(session=session)
        .select_related("organizer", "room")
        .prefetch_related("speakers")
        .order_by("start", "title")
    )
    by_key = {str(e.pk): e for e in events}
    groups = []
    for st in (
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.APPROVED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ):
        rows = [
            {"event": e, "parity": services.parity_of(e), "actions": _opga_actions(e)}
            for e in events
            if e.status == st
        ]
        groups.append((st.label, st.value, rows))
    overlaps = []
    for o in services.overlaps_of(session, events):
        first = by_key.get(o.first)
        second = by_key.get(o.second)
        overlaps.append(
            {
                "kind": o.kind.value,
                "kind_label": OVERLAP_LABELS[o.kind],
                "first": first,
                "second": second,
                "second_title": o.second if second is None else second.title,
                "detail": o.detail,
                "same_time": o.same_time,
                "flagged": o.flagged,
            }
        )
    overlaps.sort(key=lambda o: (not o["flagged"], not o["same_time"], o["kind"]))
    return render(
        request,
        "sideevents/opga.html",
        {
            "session": session,
            "groups": groups,
            "overlaps": overlaps,
            "zone": programme_link.zone_of(session),
            "windows": [window_label(w) for w in services.windows_of(session)],
            "rooms": services.rooms_of(session),
        },
    )


def _opga_actions(event: SideEvent) -> list[tuple[str, Any]]:
    actions = core.allowed_actions(core.Status(event.status), secretariat=True, organizer=False)
    return [(a.value, ACTION_LABELS[a.value]) for a in actions]


OVERLAP_LABELS = {
    core.OverlapKind.THEME: gettext_lazy("Same theme, same time"),
    core.OverlapKind.SPEAKER: gettext_lazy("Same speaker"),
    core.OverlapKind.PLENARY_THEME: gettext_lazy("Theme of a plenary panel"),
    core.OverlapKind.PLENARY_SPEAKER: gettext_lazy("Speaker also on the plenary"),
}


# --- publication --------------------------------------------------------------------------------


@require_GET
def day_sheet(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    session = _session(slug)
    try:
        the_day = date.fromisoformat(day)
    except ValueError as exc:
        raise Http404(_("No such day.")) from exc
    events = [e for e in services.approved(session) if _local(session, e.start).date() == the_day]
    return render(
        request,
        "sideevents/day.html",
        {
            "session": session,
            "day": the_day,
            "events": events,
            "zone": programme_link.zone_of(session),
            "days": programme_link.session_days(session),
        },
    )


def event_json(
    request: HttpRequest, session: Any, event: SideEvent, labels: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One side event for the API; `labels`: the session's panel themes, when already read."""
    zone = programme_link.zone_of(session)
    if labels is None:
        labels = dict(programme_link.panel_themes(session))
    parity = services.parity_of(event)
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "organizer": {
            "code": event.organizer.code,
            "name": event.organizer.name,
            "kind": event.organizer.kind,
        },
        "cosponsors": [
            {"code": c.code, "name": c.name, "kind": c.kind} for c in event.cosponsors.all()
        ],
        "themes": [{"key": t, "label": str(labels.get(t, t))} for t in event.themes or []],
        "start": event.start.astimezone(zone).isoformat(),
        "end": event.end.astimezone(zone).isoformat(),
        "room": None
        if event.room is None
        else {
            "name": event.room.name,
            "building": event.room.building,
            "capacity": event.room.capacity,
        },
        "interpretation": list(event.languages_needed or []),
        "webcast": event.webcast_needed,
        "speakers": [{"name": s.name, "affiliation": s.affiliation} for s in event.speakers.all()],
        "parity": {
            "women": parity.women,
            "men": parity.men,
            "other": parity.other,
            "undeclared": parity.undeclared,
            "balanced": parity.balanced,
        },  # fmt: skip
        "url": request.build_absolute_uri(
            reverse("sideevents:detail", kwargs={"slug": session.slug, "pk": event.pk})
        ),
    }


@require_GET
def api_list(request: HttpRequest, slug: str) -> HttpResponse:
    session = Session.objects.filter(slug=slug).first()
    if session is None:
        return problem(404, _("No such session."))
    labels = dict(programme_link.panel_themes(session))
    return JsonResponse(
        {
            "session": session.slug,
            "time_zone": str(programme_link.zone_of(session)),
            "side_events": [
                event_json(request, session, e, labels) for e in services.approved(session)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def ical(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    zone = programme_link.zone_of(session)
    name = _("Side events: %(session)s") % {"session": session}
    cal = calendar("-//Podium//Side events//EN", name, str(zone))
    host = request.get_host().split(":")[0] or "podium"
    for e in services.approved(session):
        ev = icalendar.Event()
        ev.add("uid", f"side-event-{e.pk}@{host}")
        ev.add("summary", e.title)
        ev.add("dtstart", e.start.astimezone(zone))
        ev.add("dtend", e.end.astimezone(zone))
        ev.add("dtstamp", e.updated_at)
        if e.room is not None:
            ev.add("location", place(e.room.name, e.room.building))
        body = [e.description] if e.description else []
        body.append(_("Organizer: %(org)s") % {"org": e.organizer.name})
        names = ", ".join(s.name for s in e.speakers.all())
        if names:
            body.append(_("Speakers: %(names)s") % {"names": names})
        ev.add("description", "\n".join(body))
        ev.add(
            "url",
            request.build_absolute_uri(
                reverse("sideevents:detail", kwargs={"slug": slug, "pk": e.pk})
            ),
        )
        cal.add_component(ev)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-side-events.ics"'
    return response
