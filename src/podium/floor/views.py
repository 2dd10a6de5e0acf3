"""The floor's API and screens.

- `GET /api/sessions/<slug>/floor` -> the snapshot; `POST` `{"command": ..., ...}` -> the new
  snapshot, or 4xx `{"error": reason, "code", "field"}` (409 when `expected_version` is stale).
  The command is parsed against its schema, its sender resolved into the core's `Actor`, and
  the core decides (`podium.core.commands`): this module only maps outcomes to HTTP.
- `/sessions/<slug>/floor/console` (chairs), `/sessions/<slug>/floor/delegate` (delegations),
  `/sessions/<slug>/room` (projector and webcast, no login; `?layout=full|speaker|line|lower-third`),
  `/sessions/<slug>/live` (public).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie

from podium.core import commands, views
from podium.core.commands import Refusal
from podium.core.floor import LINE_OF_KIND, WARNING_S, FloorState
from podium.core.programme import zone_named
from podium.floor import access, services
from podium.floor.labels import role_labels
from podium.live import ratelimit
from podium.people.flags import flag_urls
from podium.people.models import Entity
from podium.people.names import name_of, reader_language
from podium.people.permissions import deny, request_user
from podium.problems import problem
from podium.programme.labels import picker_label
from podium.programme.models import Session
from podium.programme.zones import zone_name

MAX_BODY = 16 * 1024
# What a refusal's kind answers in HTTP (`podium.core.commands.REFUSALS`).
STATUS_OF_KIND = {"sign_in": 401, "forbidden": 403, "invalid": 400, "failed": 422}


def _session(slug: str) -> Any:
    return get_object_or_404(Session, slug=slug)


def _error(reason: str, status: int, code: str, field: str | None = None) -> JsonResponse:
    return problem(status, reason, code, field)


def refusal_response(refusal: Refusal) -> JsonResponse:
    """A refusal of the core as the API answers it: its reason in the reader's language."""
    params = dict(refusal.params)
    reason = _(refusal.template) % params if params else _(refusal.template)
    return _error(reason, STATUS_OF_KIND[refusal.kind], refusal.code, refusal.field)


def _csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """A request signed in by its session cookie must carry the CSRF token, even when it also
    sends an `Authorization` header; only a request authenticated by its bearer token alone
    is exempt (a token is not sent by the browser on its own)."""
    if not getattr(getattr(request, "user", None), "is_authenticated", False):
        return None
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    check.process_request(request)
    return check.process_view(request, lambda r: HttpResponse(), (), {})


def _rate_ok(request: HttpRequest, user: Any) -> bool:
    key = f"floor-cmd:{getattr(user, 'pk', None) or request.META.get('REMOTE_ADDR', '')}"
    return ratelimit.allow(key, rate_per_s=5.0, burst=30)


def _body(request: HttpRequest) -> tuple[Any, bool] | JsonResponse:
    """The decoded body and whether it is a form (its values all text)."""
    if request.content_type == "application/json":
        try:
            # orjson refuses what Python's json would let through: lone surrogates, Infinity
            # and NaN, numbers out of a double's range, nesting deeper than 1024
            return orjson.loads(request.body or b"{}"), False
        except orjson.JSONDecodeError as exc:
            return _error(
                _("The body is not valid JSON: %(error)s") % {"error": exc}, 400, "invalid_json"
            )
    return request.POST.dict(), True


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
    user = request_user(request)
    if request.method == "GET":
        return _read(request, session, user)
    if request.method != "POST":
        return _error(_("Use GET or POST."), 405, "method")
    if not getattr(user, "is_authenticated", False):
        return refusal_response(Refusal("sign_in"))
    if _csrf_failure(request) is not None:
        return _error(_("CSRF check failed: reload the page."), 403, "csrf")
    if len(request.body) > MAX_BODY:
        return _error(_("The command is too big."), 413, "too_big")
    decoded = _body(request)
    if isinstance(decoded, JsonResponse):
        return decoded
    body, form = decoded
    if not _rate_ok(request, user):
        return _error(_("Too many commands; wait a moment."), 429, "too_many")
    command = commands.parse(body, lax=form)
    if isinstance(command, Refusal):
        return refusal_response(command)
    actor = access.actor_of(user, session)
    try:
        out = services.accept(session, command, actor, services.directory_of(session), ticket)
    except services.Stale:
        return _error(_("The floor changed: refresh and try again."), 409, "stale")
    if isinstance(out, Refusal):
        return refusal_response(out)
    chair = actor.may_chair(_open_id(out.state))
    audience = request.GET.get("view", "")
    if audience == "console" and chair:  # the console's own view, its notes included
        body = services.view_bytes(session, out.state, "console", [])
        return HttpResponse(body, content_type="application/json")
    if audience in views.AUDIENCES and audience != "console":  # a screen's own view of it
        body = services.view_of_payload(out.payload, audience, sorted(actor.delegations))
        return HttpResponse(body, content_type="application/json")
    payload = out.payload  # the snapshot every screen gets, encoded once
    if chair:
        payload = services.with_notes(payload, out.state)
    return HttpResponse(payload, content_type="application/json")


def _read(request: HttpRequest, session: Any, user: Any) -> HttpResponse:
    """`GET`: the whole snapshot (`?notes=1` adds the notes for chairs), or one audience's view
    (`?view=room|public|delegate|console`: what that screen's socket is sent)."""
    state = services.state_of(session)
    audience = request.GET.get("view", "")
    if not audience:
        notes = request.GET.get("notes") == "1" and access.actor_of(user, session).may_chair(
            _open_id(state)
        )
        snap = services.snapshot_of(session, state, include_notes=notes)
        return HttpResponse(services.encode(snap), content_type="application/json")
    if audience not in views.AUDIENCES:
        return _error(_("Unknown view: %(view)s.") % {"view": audience[:40]}, 400, "unknown_view")
    actor = access.actor_of(user, session)
    if audience in ("delegate", "console") and not actor.signed_in:
        return refusal_response(Refusal("sign_in"))
    if audience == "delegate" and not actor.delegations:
        return refusal_response(Refusal("no_delegation"))
    if audience == "console" and not actor.may_chair(None):
        return refusal_response(Refusal("not_chair"))
    body = services.view_bytes(session, state, audience, sorted(actor.delegations))
    return HttpResponse(body, content_type="application/json")


def _open_id(state: FloorState) -> str | None:
    return state.segment.config.id if state.segment is not None else None


# --- pages -----------------------------------------------------------------------------------


FLOOR_LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def _entity_names() -> dict[str, str]:
    """{code: name} in the reader's language where it differs from the stored name (none for an
    English reader): the screens put these over the floor's stored names."""
    if reader_language() == "en":
        return {}
    out = {}
    for e in Entity.objects.only("code", "name"):
        name = name_of(e)
        if name and name != e.name:
            out[e.code] = name
    return out


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
        "roles": role_labels(),
        # the speaker's language, for listeners choosing their interpretation channel: each
        # language named as its speakers write it
        "floor_language": _("Floor: %(language)s"),
        "languages": {**FLOOR_LANGUAGE_NAMES, "other": _("another language")},
        "lines": {
            "member_states": _("Member States"),
            "observers": _("Observer States and organizations"),
            "stakeholders": _("Stakeholders"),
            "panelists": _("Panelists"),
        },
        "phases": {
            "ready": _("ready"),
            "running": _("running"),
            "warning": _("%(seconds)s seconds left") % {"seconds": WARNING_S},
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
        "fit_range": _(
            "%(min)s–%(max)s more interventions fit before the planned end (%(fit)s at this "
            "pace); %(queue)s waiting."
        ),
        "advice_shorten_limit": _("To hear everyone waiting, give each speaker at most %(limit)s."),
        "advice_close_list": _(
            "Even at one minute each, the line is longer than the time left: close the list."
        ),
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
        "announce_warning": _("%(seconds)s seconds left") % {"seconds": WARNING_S},
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
        "not_live": _("Not live: reconnecting…"),
        "list_closed": _("list closed"),
        "point_of_order": _("Point of order: %(name)s"),
        "point_of_order_waiting": _("Your point of order is with the chair."),
        "on_screens": _("On the room screens"),
        "countdown": _("Countdown"),  # the chair's countdown, when it has no label of its own
        "reply_waiting": _("Your right of reply is noted: it is taken at the end of the segment."),
        "settle": _("Settled"),
        "discussion_closed_short": _("discussion not open"),
        # why a console button may not be pressed now (the core's refusal, translated)
        "refusals": {
            **{code: _(commands.REFUSALS[code].template) for code in _BUTTON_REFUSALS},
            # why a phone may not ask for the floor now (requests_by_line)
            "no_pre_inscription": _(commands.REFUSALS["no_pre_inscription"].template),
            "discussion_closed": _(commands.REFUSALS["discussion_closed"].template),
            "list_closed": _(commands.REFUSALS["list_closed"].template),
            "round_not_open": _("Your delegation's round has not come yet."),
            "other_segment_open": _("Close the open segment first."),
        },
        # what the undo bar says was done (the floor may undo it for 10 s)
        "undo_what": {
            "close_discussion": _(
                "Discussion closed: %(count)s waiting requests marked not heard."
            ),
            "close_segment": _("Segment closed: %(count)s waiting requests marked not heard."),
            "switch_round": _("Moved to the next round."),
            "withdraw": _("Request withdrawn."),
        },
    }


# The refusals a console button may show (those without parameters: "The timer is not running.")
_BUTTON_REFUSALS = sorted(
    {
        code
        for name in commands.BUTTONS
        for code in commands.HANDLERS[name].refusals
        if "%(" not in commands.REFUSALS[code].template
    }
    | {"segment_already_open"}
)


def venue_zone(session: Any) -> ZoneInfo:
    """The session's time zone (the venue's); UTC when it is not a known IANA name."""
    return zone_named(str(session.time_zone or ""))


def zone_label(session: Any) -> str:
    """How the screens name the venue's zone: "New York time" for America/New_York."""
    name = str(venue_zone(session))
    if name in ("UTC", "Etc/UTC"):
        return "UTC"
    if not (get_language() or "en").startswith("en"):
        return zone_name(name)  # CLDR's name in the reader's language ("heure de l’Est…")
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return _("%(city)s time") % {"city": city}


def _local(dt: datetime | None, zone: ZoneInfo) -> datetime | None:
    return dt.astimezone(zone) if dt is not None else None


def _venue_text(dt: datetime | None, zone: ZoneInfo, fmt: str) -> str:
    """`dt` in the venue's zone, formatted (the template filters would convert to the
    project's zone)."""
    local = _local(dt, zone)
    return formats.date_format(local, fmt) if local is not None else ""


def segment_choices(
    session: Any, closed: list[str], now: datetime, may_open: Any = None
) -> list[dict[str, Any]]:
    """The console's segment picker: "Day 1 · 10:15 · Panel 1: title" (venue-local time),
    in time order, each with `mine` (`may_open(id)`: this chair may open it) and `selected` on
    the segment scheduled now or next that is not closed yet and is theirs (else the first not
    closed that is theirs, else the first of theirs)."""
    zone = venue_zone(session)
    days = [d.date for d in session.days.order_by("date")]
    out: list[dict[str, Any]] = []
    for c in services.segment_configs(session):
        start = _local(c.planned_start, zone)
        day = days.index(start.date()) + 1 if start and start.date() in days else None
        title = c.title
        if c.kind == "expert_panel" and c.panel_number is not None:
            title = _("Panel %(number)s: %(title)s") % {"number": c.panel_number, "title": title}
        out.append(
            {
                "id": c.id,
                "label": picker_label(day, title, f"{start:%H:%M}" if start is not None else ""),
                "end": c.planned_end,
                "closed": c.id in closed,
                "selected": False,
                "mine": may_open is None or bool(may_open(c.id)),
            }
        )
    mine = [o for o in out if o["mine"]]
    pick = next((o for o in mine if o["end"] and o["end"] > now and not o["closed"]), None)
    pick = pick or next((o for o in mine if not o["closed"]), None) or (mine[0] if mine else None)
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


def _page_context(
    session: Any,
    audience: str,
    state: Any = None,
    own: tuple[str, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A floor page's context: its screen's view of the floor (`audience`, what its socket is
    then sent; `state`: the floor the view has already read, if any; `own`: a phone's
    delegations)."""
    words = labels()
    words["zone"] = zone_label(session)
    words["groups"] = dict(Entity.objects.filter(kind="group").values_list("code", "name"))
    state = state if state is not None else services.state_of(session)
    view = orjson.loads(services.view_bytes(session, state, audience, list(own)))
    return {
        "session": session,
        "snapshot": view,
        "view": audience,
        # the snapshot's `flag` (a State's ISO alpha-2 code) drawn as its image
        "labels": {**words, "entities": _entity_names(), "flags": flag_urls()},
        "zone_label": words["zone"],
        "floor_languages": list(words["languages"].items()),
        **extra,
    }


@ensure_csrf_cookie
def console(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = request_user(request)
    if not getattr(user, "is_authenticated", False):
        return deny(request, _("Sign in first."), 401)
    if not access.actor_of(user, session).may_chair(None):
        return deny(
            request, _("Only the moderators, the co-chairs and the secretariat use the console.")
        )
    state = services.state_of(session)
    open_id = _open_id(state)
    actor = access.actor_of(user, session)
    choices = segment_choices(session, list(state.closed_segments), timezone.now(), actor.may_chair)
    if open_id is not None:
        for o in choices:
            o["selected"] = o["id"] == open_id
    return render(
        request,
        "floor/console.html",
        _page_context(session, "console", state, segments=choices),
    )


@ensure_csrf_cookie
def delegate(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(slug)
    user = request_user(request)
    if not getattr(user, "is_authenticated", False):
        return deny(request, _("Sign in first."), 401)
    actor = access.actor_of(user, session)
    if not actor.delegations:
        return deny(request, _("You do not act for any delegation in this session."))
    # the groups each delegation may speak for: those it is a member of (the core's rule)
    member_of: dict[str, list[str]] = {}
    for code, info in actor.delegations.items():
        for group in info.groups:
            member_of.setdefault(group, []).append(code)
    groups = [
        {"code": code, "name": name, "delegations": " ".join(member_of[code])}
        for code, name in Entity.objects.filter(kind="group", code__in=list(member_of))
        .order_by("name")
        .values_list("code", "name")
    ]
    state = services.state_of(session)
    delegations = sorted(
        (
            {
                "code": i.code,
                "name": i.name,
                "kind": i.kind,
                "line": LINE_OF_KIND.get(i.kind, ""),
                "is_state": i.is_state,
            }
            for i in actor.delegations.values()
        ),
        key=lambda d: d["name"],
    )
    context = _page_context(
        session,
        "delegate",
        state,
        tuple(sorted(actor.delegations)),
        delegations=delegations,
        groups=groups,
        statement_upload_url=_statement_upload_url(session),
        floor_limit=limit_text(state.segment.config.floor_limit_s) if state.segment else "",
    )
    # what the phone's live regions say (once each) when its delegation's turn comes
    context["labels"]["you_are_next"] = _("You are next: %(delegation)s")
    context["labels"]["you_have_floor"] = _("You have the floor: %(delegation)s")
    return render(request, "floor/delegate.html", context)


def room_layouts() -> dict[str, str]:
    """The room screen's layouts (`?layout=`), each with what it shows, in the reader's language."""
    return {
        "full": _(
            "Full screen: the segment, the round, the speaker, a big countdown and the next three."
        ),
        "speaker": _("The speaker and the countdown only, as large as the screen allows."),
        "line": _("The line: the next ten who will speak."),
        "lower-third": _(
            "A strip at the bottom on a transparent background, for the webcast's mixer: the "
            "speaker and the countdown."
        ),
    }


def room(request: HttpRequest, slug: str) -> HttpResponse:
    """The room screen in one of its layouts (`?layout=`, full by default): chosen per page
    load, so several screens may show different ones. An unknown layout is a 400 page naming
    the layouts, each a link."""
    session = _session(slug)
    layouts = room_layouts()
    layout = request.GET.get("layout") or "full"
    if layout not in layouts:
        base = reverse("floor:room", kwargs={"slug": session.slug})
        choices = [
            {"name": name, "text": text, "url": base if name == "full" else f"{base}?layout={name}"}
            for name, text in layouts.items()
        ]
        context = {"session": session, "layout": layout[:40], "layouts": choices}
        return render(request, "floor/room_layouts.html", context, status=400)
    return render(request, "floor/room.html", _page_context(session, "room", layout=layout))


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
        _page_context(session, "public", segments=segments),
    )
