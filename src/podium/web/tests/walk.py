"""The walk through every page of the README's table, as each role that sees it: the seed session
with its demo accounts, a side event, a non-objection list, a contribution and panel 1's floor
open with a few requests (so lines, the current speaker and the record render). Read by the
browser tests that open every page (`test_rtl_browser`: Arabic and English, phone and projector;
`test_accessibility_browser`: axe-core)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from podium.floor.tests.conftest import signed_in_context

__all__ = ["signed_in_context"]  # the browser walks' signed-in context: the floor tests' one

SLUG = "gcm-its2-drivers"
S = f"/sessions/{SLUG}"
SERIES = "/series/gcm-informal-thematic-sessions"
DAY = "2017-05-22"

# The pages everyone sees ("everyone" / "public" in the README's table), also as each role (a
# role's header and forms differ: tags for the secretariat, objections for delegates...).
EVERYONE = [
    "/",
    f"{S}/",
    f"{S}/journal/{DAY}",
    f"{SERIES}/",
    f"{SERIES}/statistics",
    f"{S}/room",
    f"{S}/live",
    f"{S}/side-events",
    f"{S}/side-events/day/{DAY}",
    f"{S}/archive",
    f"{S}/archive?language=fr",
    f"{S}/contributions/",
    f"{S}/summary",
    f"{S}/statistics",
    "/search/?q=migration",
    "/knowledge/?q=remittances",
    "/knowledge/objectives/",
    "/knowledge/objectives/20/",
    "/accreditation/",
]
# The pages only some roles see, by demo account (None: not signed in; the API's documentation,
# not in the table, once). The side event's page ("{event}") is its organizer's (a proposal, not
# yet public) and the OPGA's.
ROLES: dict[str | None, list[str]] = {
    None: [
        "/accounts/login/",
        "/accounts/password-reset/",
        "/api/docs",
        # the room's other layouts (the full one is among everyone's pages)
        f"{S}/room?layout=speaker",
        f"{S}/room?layout=line",
        f"{S}/room?layout=lower-third",
    ],
    "delegate-mex": [
        f"{S}/floor/delegate",
        f"{S}/statements/upload",
        f"{S}/side-events/propose",
        f"{S}/side-events/mine",
        f"{S}/side-events/{{event}}",
        "/accounts/",
    ],
    "stakeholder": [f"{S}/floor/delegate", f"{S}/statements/upload", "/accounts/"],
    "focal-mex": [f"{S}/floor/delegate", f"{S}/delegations/MEX/", "/accounts/"],
    "moderator1": [f"{S}/floor/console", f"{S}/drafting?segment=panel-1", "/accounts/"],
    "cochair": [f"{S}/floor/console", f"{S}/composition", f"{S}/drafting", "/accounts/"],
    "secretariat": [
        f"{S}/floor/console",
        f"{S}/people/",
        f"{S}/delegations/MEX/",
        f"{S}/composition",
        f"{S}/side-events/opga",
        f"{S}/side-events/{{event}}",
        f"{S}/drafting",
        "/desk/",
        f"{S}/edit",
        f"{S}/edit/versions",
        "/admin/",
        "/accounts/",
    ],
    # an existing account a focal point registered for Mexico: the link it was sent
    "newcomer": ["/accounts/join/{join}/"],
}


def status(username: str | None, url: str) -> int:
    """The page's expected status: a summary not published yet says so (404) to all but those
    who draft it."""
    if url == f"{S}/summary" and username not in ("cochair", "secretariat"):
        return 404
    return 200


def prepare() -> dict[str, str]:
    """The data every page of the walk shows; returns the values of the URLs' placeholders."""
    from podium.floor.tests.conftest import client_for, post
    from podium.people import accreditation
    from podium.people.demo import create_demo_accounts
    from podium.people.models import Entity, Person
    from podium.people.services import join_token
    from podium.programme.services import import_session_file
    from podium.record.models import Contribution
    from podium.record.tests.conftest import SEED
    from podium.sideevents.demo import create_demo_rooms

    users = get_user_model().objects
    session = import_session_file(SEED)
    create_demo_rooms(session)
    create_demo_accounts(session)
    # a proposal of Mexico's, so that its page has the red "Withdraw" button
    event = propose_remittances(session)
    # an organization on a non-objection list: delegates may object ("Object on behalf of…")
    now = timezone.now()
    ngo = Entity.objects.create(
        code="WALK-NGO", name="Walkers for Migrants", kind="stakeholder", category="ecosoc-ngo"
    )
    accreditation.publish_list("List 1", [ngo], now + timedelta(days=10), now)
    Contribution.objects.create(
        session=session,
        kind="good_practice",
        text="Regular pathways for migration reduce irregular crossings.",
        entity=Entity.objects.get(code="MEX"),
    )
    # panel 1 on the floor: Bangladesh heard, Germany speaking, Mexico first in line
    mod = client_for("moderator1")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    assert post(mod, SLUG, command="open_discussion").status_code == 200
    for code in ("BGD", "DEU", "MEX", "NGA", "CHE"):
        assert post(mod, SLUG, command="request", entity=code).status_code == 200, code
    for _ in range(2):
        assert post(mod, SLUG, command="call_next").status_code == 200
    # someone a focal point registered, whose account has not joined yet
    newcomer = users.create_user("newcomer", "newcomer@example.org", "newcomer-pass-1")
    person = Person.objects.create(
        given_name="Lucía", family_name="Hernández", entity=Entity.objects.get(code="MEX")
    )
    return {"event": str(event.pk), "join": join_token(person, newcomer)}


def pages(everyone: bool = True) -> Iterator[tuple[str | None, list[str]]]:
    """(username, its pages) for every role: the everyone pages first (as each role too when
    `everyone`), then the role's own."""
    for username, own in ROLES.items():
        yield username, ([*EVERYONE, *own] if everyone or username is None else own)


def propose_remittances(session: Any) -> Any:
    """Mexico's side-event proposal on the session's first day, 13:15–14:30 (pages and forms
    that act on a proposal need one)."""
    from podium.people.models import Entity
    from podium.sideevents import services as side_events
    from podium.sideevents.programme_link import zone_of

    day, zone = session.start_date, zone_of(session)
    return side_events.submit(
        session,
        get_user_model().objects.get(username="delegate-mex"),
        Entity.objects.get(code="MEX"),
        side_events.Proposal(
            title="Remittances",
            slots=[
                (
                    datetime.combine(day, time(13, 15), zone),
                    datetime.combine(day, time(14, 30), zone),
                )
            ],
            contact_name="Ana Torres",
            contact_email="ana@example.org",
        ),
    )


# What sticks out sideways: the page's own width, and any element beyond the viewport that no
# scrolling box of its own holds.
OVERFLOW = """() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || (r.left >= -1 && r.right <= innerWidth + 1)) continue;
    let clipped = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') { clipped = true; break; }
    if (!clipped) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: innerWidth, out: out.slice(0, 8)};
}"""

# Buttons whose text is the colour of their background (red buttons were).
INVISIBLE = """() => [...document.querySelectorAll('button, .button')].filter(b => {
  const s = getComputedStyle(b);
  return b.offsetParent !== null && b.textContent.trim() && s.color === s.backgroundColor;
}).map(b => b.textContent.trim()).slice(0, 5)"""
