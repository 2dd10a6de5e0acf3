"""The floor's API and screens.

- `GET /api/sessions/<slug>/floor` -> the snapshot; `POST` `{"command": ..., ...}` -> the new
  snapshot, or 4xx `{"error": reason}` (409 when `expected_version` is stale).
- `/sessions/<slug>/floor/console` (chairs), `/sessions/<slug>/floor/delegate` (delegations),
  `/sessions/<slug>/room` (projector, no login), `/sessions/<slug>/live` (public).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie

from podium.core.floor import (
    COMMANDS,
    PARTICIPANT_COMMANDS,
    Command,
    FloorState,
    Refusal,
    line_of,
)
from podium.floor import services

MAX_BODY = 16 * 1024


def _session(slug: str) -> Any:
    from podium.programme.models import Session

    return get_object_or_404(Session, slug=slug)


def _error(reason: str, status: int) -> JsonResponse:
    return JsonResponse({"error": reason}, status=status)


def _user(request: HttpRequest) -> Any:
    from podium.people.permissions import request_user

    return request_user(request)


def _label(user: Any) -> str:
    return str(getattr(user, "username", "") or "")


def _chair_panel(state: FloorState, config_panel: int | None = None) -> int | None:
    if state.segment is not None:
        return state.segment.config.panel_number
    return config_panel


def may_chair(user: Any, session: Any, state: FloorState, panel: int | None = None) -> bool:
    """The segment's moderator, the co-chairs and the secretariat; with no segment open, anyone
    who chairs some panel of the session (opening a segment is checked on that segment)."""
    from podium.people.permissions import can_chair

    if state.segment is not None or panel is not None:
        return can_chair(user, session, _chair_panel(state, panel))
    return chair_of_any(user, session)


def chair_of_any(user: Any, session: Any) -> bool:
    """The co-chairs, the secretariat and the moderator of any panel of the session."""
    from podium.people.permissions import can_chair, panels_moderated

    return can_chair(user, session, None) or bool(panels_moderated(user, session))


def _entity(code: str) -> Any:
    from podium.people.models import Entity

    return Entity.objects.filter(code__iexact=code).first() if code else None


def _person_name(user: Any, session: Any) -> str:
    """The name a delegation's request shows: the person their roles in the session carry."""
    from podium.people.permissions import person_in

    person = person_in(user, session)
    if person is not None and getattr(person, "display_name", ""):
        return str(person.display_name)
    return str(getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", ""))


def _prepare(
    request: HttpRequest, session: Any, state: FloorState, body: dict[str, Any]
) -> tuple[Command, None] | tuple[None, JsonResponse]:
    """Check who may do it and fill what the server knows (names, categories, configs)."""
    from podium.people.permissions import delegations_of

    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return None, _error(_("Sign in first."), 401)
    name = str(body.get("command") or "")
    if name not in COMMANDS:
        return None, _error(_("Unknown command: %(command)s.") % {"command": name}, 400)
    args = {k: v for k, v in body.items() if k not in ("command", "expected_version")}
    by = _label(user)

    if name == "open_segment":
        key = str(args.get("segment") or "")
        cfg = services.segment_config(session, key)
        if cfg is None:
            return None, _error(_("No such segment: %(key)s.") % {"key": key}, 400)
        if not may_chair(user, session, services.core.initial_state(), cfg.panel_number):
            return None, _error(
                _("Only the moderator, the co-chairs and the secretariat open it."), 403
            )
        if cfg.panel_number is None:
            from podium.people.permissions import can_chair

            if not can_chair(user, session, None):
                return None, _error(_("Only the co-chairs and the secretariat open it."), 403)
        args["segment"] = cfg.to_json()
        return Command(name, args, by=by), None

    chair = may_chair(user, session, state)
    if name not in PARTICIPANT_COMMANDS:
        if not chair:
            return None, _error(
                _("Only the segment's moderator, the co-chairs and the secretariat run the floor."),
                403,
            )
        if name == "call" and args.get("request_id") in (None, ""):
            ent = _entity(str(args.get("entity") or ""))
            if ent is not None:
                args.setdefault("entity_name", ent.name)
                args.setdefault("category", ent.kind)
        return Command(name, args, by=by), None

    mine = {e.code.upper(): e for e in delegations_of(user, session)}
    if name == "withdraw":
        req = state.find_request(str(args.get("request_id") or ""))
        if req is not None and not chair and req.entity.upper() not in mine:
            return None, _error(_("You may withdraw only your own delegation's request."), 403)
        return Command(name, args, by=by), None

    # request
    code = str(args.get("entity") or "").strip()
    if not code and len(mine) == 1:
        code = next(iter(mine))
    if not code:
        return None, _error(_("For which delegation? Give its code."), 400)
    entity = mine.get(code.upper())
    if entity is None:
        if not chair:
            return None, _error(_("You do not act for this delegation in this session."), 403)
        entity = _entity(code)
    if entity is not None:
        args["entity"] = entity.code
        args["entity_name"] = entity.name
        args["category"] = entity.kind
        if not chair:
            args["speaker"] = args.get("speaker") or _person_name(user, session)
    elif not line_of(str(args.get("category") or "member-state")):
        return None, _error(_("Unknown category."), 400)
    group = str(args.get("on_behalf_of") or "").strip()
    if group:
        g = _entity(group)
        if g is None or g.kind != "group":
            return None, _error(_("%(code)s is not a group of States.") % {"code": group}, 400)
        args["on_behalf_of"] = g.code
    return Command(name, args, by=by), None


def _judged_alike(a: FloorState, b: FloorState, name: str) -> bool:
    """Whether `_prepare` judges and fills a command the same on both states. It reads the
    state only through the open segment (whose chairs may run it) and, for `withdraw`, the
    request withdrawn; so a command checked on one state need not be checked again on a newer
    one with the same segment open (a burst of requests to speak, decided together)."""
    if name == "withdraw":
        return False
    segment_a = a.segment.config.id if a.segment is not None else None
    segment_b = b.segment.config.id if b.segment is not None else None
    return segment_a == segment_b


def _csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """Cookie sessions must carry the CSRF token; Bearer-token clients need not."""
    from podium.people.permissions import bearer_token

    if bearer_token(request):
        return None
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    check.process_request(request)
    return check.process_view(request, lambda r: HttpResponse(), (), {})


def _rate_ok(request: HttpRequest, user: Any) -> bool:
    try:
        from podium.live.ratelimit import allow
    except ImportError:  # pragma: no cover
        return True
    key = f"floor-cmd:{getattr(user, 'pk', None) or request.META.get('REMOTE_ADDR', '')}"
    return allow(key, rate_per_s=5.0, burst=30)


@csrf_exempt
def api_floor(request: HttpRequest, slug: str) -> HttpResponse:
    ticket = request.META.get("asgi.scope", {}).get("podium.floor_ticket")
    try:
        return _api_floor(request, slug, ticket)
    finally:
        if ticket is not None:  # answered: later commands need not wait for this one
            services.gone(slug, ticket)


def _api_floor(request: HttpRequest, slug: str, ticket: int | None) -> HttpResponse:
    session = services.session_by_slug(slug)
    if session is None:
        raise Http404(_("No such session."))
    if request.method == "GET":
        notes = request.GET.get("notes") == "1"
        state = services.state_of(session)
        if notes and not may_chair(_user(request), session, state):
            notes = False
        snap = services.snapshot_of(session, state, include_notes=notes)
        return HttpResponse(services.encode(snap), content_type="application/json")
    if request.method != "POST":
        return _error(_("Use GET or POST."), 405)
    failure = _csrf_failure(request)
    if failure is not None:
        return _error(_("CSRF check failed: reload the page."), 403)
    if len(request.body) > MAX_BODY:
        return _error(_("The command is too big."), 413)
    try:
        if request.content_type == "application/json":
            body = json.loads(request.body or b"{}")
        else:
            body = request.POST.dict()
    except ValueError:
        return _error(_("The body is not valid JSON."), 400)
    if not isinstance(body, dict):
        return _error(_("The body must be a JSON object."), 400)
    user = _user(request)
    if not _rate_ok(request, user):
        return _error(_("Too many commands; wait a moment."), 429)
    expected: int | None = None
    if body.get("expected_version") not in (None, ""):
        try:
            expected = int(body["expected_version"])
        except (TypeError, ValueError):
            return _error(_("expected_version must be a number."), 400)
    # Checked first on this process's state (no query); the command is decided in the
    # transaction on the database's state, and checked again there if that one is newer.
    state = services.cached_state(session)
    command, failed = _prepare(request, session, state, body)
    if failed is not None:
        fresh = services.state_of(session)
        if fresh is state:
            return failed
        state = fresh
        command, failed = _prepare(request, session, state, body)
        if failed is not None:
            return failed
    assert command is not None

    def on(fresh: FloorState) -> Command:
        if fresh is state or _judged_alike(fresh, state, command.name):
            return command
        again, refused = _prepare(request, session, fresh, body)
        if refused is not None:
            raise _Refused(refused)
        assert again is not None
        return again

    try:
        out = services.accept(session, on, expected, ticket)
    except services.Stale:
        return _error(_("The floor changed: refresh and try again."), 409)
    except _Refused as exc:
        return exc.response
    if isinstance(out, Refusal):
        reason = _(out.template) % dict(out.params) if out.params else _(out.template)
        return JsonResponse({"error": reason, "code": out.code}, status=400)
    payload = out.payload  # the snapshot every screen gets, encoded once
    if may_chair(user, session, out.state):
        payload = services.with_notes(payload, out.state)
    return HttpResponse(payload, content_type="application/json")


class _Refused(Exception):
    """The command is not allowed on the state it would be decided on (rolls back)."""

    def __init__(self, response: JsonResponse) -> None:
        super().__init__()
        self.response = response


# --- pages -----------------------------------------------------------------------------------


def labels() -> dict[str, Any]:
    """The words the screens' scripts show, translated."""
    return {
        "no_segment": _("No segment is open"),
        "nobody": _("Nobody has the floor"),
        "on_behalf_of": _("on behalf of"),
        "rounds": {
            "member_states": _("Member States"),
            "panelists": _("Panelists respond"),
            "stakeholders": _("Stakeholders"),
            "observers": _("Observers"),
            "all": _("All delegations"),
        },
        "lines": {
            "member_states": _("Member States"),
            "observers": _("Observer States and organizations"),
            "stakeholders": _("Stakeholders"),
            "panelists": _("Panelists"),
        },
        "phases": {
            "ready": _("ready"),
            "running": _("running"),
            "warning": _("30 seconds left"),
            "overtime": _("time is up"),
            "paused": _("paused"),
            "stopped": _("stopped"),
        },
        "call": _("Call"),
        "up": _("Up"),
        "down": _("Down"),
        "withdraw": _("Withdraw"),
        "place": _("Place"),
        "wait": _("estimated wait"),
        "empty": _("Nobody is waiting."),
        "suggested": _("Suggested next"),
        "none": _("none"),
        "fit": _("%(fit)s more interventions fit before the planned end; %(queue)s waiting."),
        "not_all": _("The queue cannot all be heard before the planned end."),
        "projected_end": _("At this pace the segment ends at"),
        "pace": _("Pace"),
        "discussion_closed": _("The discussion is not open yet: requests open when it does."),
        "not_in_line": _("Your delegation is not in line."),
        "in_line": _("In line"),
        "speaking": _("Your delegation has the floor."),
        "departed": _("called out of the suggested order"),
        "slot_call": _("Call for this slot"),
        "overtime": _("overtime"),
        "left": _("%(seconds)s s left"),
        "overtime_text": _("Overtime %(time)s"),
        "announce_warning": _("30 seconds left"),
        "announce_overtime": _("Time is up"),
        "call_who": _("Call %(name)s"),
        "up_who": _("Move %(name)s up"),
        "down_who": _("Move %(name)s down"),
        "withdraw_who": _("Withdraw the request of %(name)s"),
        "call_slot": _("Call %(name)s for this slot"),
        "floor_limit": _("Time limit for interventions from the floor: %(limit)s"),
        "min": _("%(minutes)s min"),
        "min_s": _("%(minutes)s min %(seconds)s s"),
        "now_is": _("Now: %(time)s"),
    }


def venue_zone(session: Any) -> ZoneInfo:
    """The session's time zone (the venue's); UTC when it is not a known IANA name."""
    try:
        return ZoneInfo(str(session.time_zone or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def zone_label(session: Any) -> str:
    """How the screens name the venue's zone: "New York time" for America/New_York."""
    name = str(venue_zone(session))
    if name in ("UTC", "Etc/UTC"):
        return "UTC"
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return _("%(city)s time") % {"city": city}


def _local(dt: datetime | None, zone: ZoneInfo) -> datetime | None:
    return dt.astimezone(zone) if dt is not None else None


def _venue_text(dt: datetime | None, zone: ZoneInfo, fmt: str) -> str:
    """`dt` in the venue's zone, formatted (the template filters would convert to the
    project's zone)."""
    local = _local(dt, zone)
    return formats.date_format(local, fmt) if local is not None else ""


def segment_choices(session: Any, closed: list[str], now: datetime) -> list[dict[str, Any]]:
    """The console's segment picker: "Day 1 · 10:15 · Panel 1: title" (venue-local time),
    in time order, each with `selected` on the segment scheduled now or next that is not
    closed yet (else the first not closed, else the first)."""
    zone = venue_zone(session)
    days = [d.date for d in session.days.order_by("date")]
    out: list[dict[str, Any]] = []
    for c in services.segment_configs(session):
        start = _local(c.planned_start, zone)
        day = days.index(start.date()) + 1 if start and start.date() in days else None
        title = c.title
        if c.kind == "expert_panel" and c.panel_number is not None:
            title = _("Panel %(number)s: %(title)s") % {"number": c.panel_number, "title": title}
        parts = []
        if day is not None:
            parts.append(_("Day %(number)s") % {"number": day})
        if start is not None:
            parts.append(f"{start:%H:%M}")
        parts.append(title)
        out.append(
            {
                "id": c.id,
                "label": " · ".join(parts),
                "end": c.planned_end,
                "closed": c.id in closed,
                "selected": False,
            }
        )
    pick = next((o for o in out if o["end"] and o["end"] > now and not o["closed"]), None)
    pick = pick or next((o for o in out if not o["closed"]), None) or (out[0] if out else None)
    if pick is not None:
        pick["selected"] = True
    for o in out:
        del o["end"]
    return out


def limit_text(seconds: int) -> str:
    """A time limit in words: "3 min", "2 min 30 s"."""
    m, s = divmod(max(0, int(seconds)), 60)
    if s:
        return _("%(minutes)s min %(seconds)s s") % {"minutes": m, "seconds": s}
    return _("%(minutes)s min") % {"minutes": m}


def _statement_upload_url(session: Any) -> str:
    try:
        return reverse("record:statement_upload", kwargs={"slug": session.slug})
    except NoReverseMatch:  # the record app is not installed
        return ""


def _page_context(session: Any, state: Any = None, **extra: Any) -> dict[str, Any]:
    """A floor page's context; `state` is the floor the view has already read, if any."""
    from podium.people.models import Entity

    words = labels()
    words["zone"] = zone_label(session)
    words["groups"] = dict(Entity.objects.filter(kind="group").values_list("code", "name"))
    return {
        "session": session,
        "snapshot": services.snapshot_of(session, state),
        "labels": words,
        "zone_label": words["zone"],
        **extra,
    }


@ensure_csrf_cookie
def console(request: HttpRequest, slug: str) -> HttpResponse:
    from podium.people.permissions import deny

    session = _session(slug)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return deny(request, _("Sign in first."), 401)
    if not chair_of_any(user, session):
        return deny(
            request, _("Only the moderators, the co-chairs and the secretariat use the console.")
        )
    state = services.state_of(session)
    open_id = state.segment.config.id if state.segment is not None else None
    choices = segment_choices(session, list(state.closed_segments), timezone.now())
    if open_id is not None:
        for o in choices:
            o["selected"] = o["id"] == open_id
    return render(
        request,
        "floor/console.html",
        _page_context(session, state, segments=choices),
    )


@ensure_csrf_cookie
def delegate(request: HttpRequest, slug: str) -> HttpResponse:
    from podium.people.models import Entity
    from podium.people.permissions import delegations_of, deny

    session = _session(slug)
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        return deny(request, _("Sign in first."), 401)
    mine = list(delegations_of(user, session))
    if not mine:
        return deny(request, _("You do not act for any delegation in this session."))
    groups = list(Entity.objects.filter(kind="group").order_by("name").values("code", "name"))
    state = services.state_of(session)
    delegations = [{"code": e.code, "name": e.name, "kind": e.kind} for e in mine]
    return render(
        request,
        "floor/delegate.html",
        _page_context(
            session,
            state,
            delegations=delegations,
            groups=groups,
            statement_upload_url=_statement_upload_url(session),
            floor_limit=limit_text(state.segment.config.floor_limit_s) if state.segment else "",
        ),
    )


def room(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    return render(request, "floor/room.html", _page_context(session))


def live(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    now = timezone.now()
    zone = venue_zone(session)
    segments = []
    for c in services.segment_configs(session):
        segments.append(
            {
                **c.to_json(),
                "local_day": _venue_text(c.planned_start, zone, "D j M"),
                "local_start": _venue_text(c.planned_start, zone, "H:i"),
                "local_end": _venue_text(c.planned_end, zone, "H:i"),
                "now": bool(
                    c.planned_start and c.planned_end and c.planned_start <= now < c.planned_end
                ),
            }
        )
    return render(
        request,
        "floor/live.html",
        _page_context(session, segments=segments),
    )
