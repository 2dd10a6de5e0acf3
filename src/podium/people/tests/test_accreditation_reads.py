"""A non-objection list past its deadline reads as settled everywhere, and no GET writes it.

The outcome is fixed at the deadline (objections and withdrawals are refused from then on), so
pages, the API, the floor's directory and the permissions read it before anyone settles the list;
the settled rows and their history are written by explicit steps only (the secretariat's
"settle" on the accreditation page, `podium load_entities`, any step of the procedure), with the
events dated at the deadline.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from podium.people import accreditation as acc
from podium.people import directory
from podium.people.models import (
    AccreditationEvent,
    Entity,
    Listing,
    NonObjectionList,
    Objection,
)
from podium.people.permissions import delegations_of
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _org(code: str) -> Entity:
    return Entity.objects.create(code=code, name=f"Org {code}", kind="stakeholder", category="ngo")


@pytest.fixture
def past_deadline() -> dict[str, Any]:
    """A list published eight days ago whose deadline passed an hour ago, not settled: ORG-OK
    without objection, ORG-NO with Mexico's standing objection, ORG-BACK with Germany's objection
    withdrawn before the deadline."""
    now = timezone.now()
    deadline = now - timedelta(hours=1)
    ok, no, back = _org("ORG-OK"), _org("ORG-NO"), _org("ORG-BACK")
    nol = acc.publish_list("Past list", [ok, no, back], deadline, now - timedelta(days=8))
    mex, deu = Entity.objects.get(code="MEX"), Entity.objects.get(code="DEU")
    acc.object_to(Listing.objects.get(entity=no), mex, now - timedelta(days=2), reason="why")
    withdrawn = acc.object_to(Listing.objects.get(entity=back), deu, now - timedelta(days=3))
    acc.withdraw_objection(withdrawn, now - timedelta(days=2))
    directory.forget()
    return {"nol": nol, "deadline": deadline, "ok": ok, "no": no, "back": back}


def _state() -> tuple[Any, ...]:
    """Everything the procedure writes, to compare before and after."""
    return (
        list(Entity.objects.order_by("pk").values_list("pk", "accreditation")),
        list(NonObjectionList.objects.values_list("pk", "closed_at")),
        list(Listing.objects.order_by("pk").values_list("pk", "outcome")),
        list(Objection.objects.order_by("pk").values_list("pk", "withdrawn_at")),
        list(AccreditationEvent.objects.order_by("pk").values_list("pk", "kind", "at")),
    )


def _clients(session: Any) -> dict[str, Client]:
    delegate = grant("del-mex", "delegate", session, Entity.objects.get(code="MEX")).user
    secretariat = grant("sec", "secretariat", session).user
    clients = {"public": Client(), "delegate": Client(), "secretariat": Client()}
    clients["delegate"].force_login(delegate)
    clients["secretariat"].force_login(secretariat)
    return clients


def _page_accredits(page: str) -> set[str]:
    """The organizations the page lists as accredited stakeholders."""
    section = page.split("Accredited stakeholders")[1].split("</ul>")[0]
    return {code for code in ("ORG-OK", "ORG-NO", "ORG-BACK") if f"<li>Org {code} " in section}


def _listed(data: dict[str, Any]) -> dict[str, str]:
    return {e["code"]: e["accreditation"] for e in data["entities"] if e["code"].startswith("ORG-")}


DECIDED = {"ORG-OK": "accredited", "ORG-NO": "not-accredited", "ORG-BACK": "accredited"}
GETS = [  # (who, URL, what the answer must say)
    ("public", "/accreditation/", lambda r: _page_accredits(r.content.decode())),
    ("delegate", "/accreditation/", lambda r: _page_accredits(r.content.decode())),
    ("secretariat", "/accreditation/", lambda r: _page_accredits(r.content.decode())),
    ("public", "/api/entities/", lambda r: _listed(r.json())),
    ("public", "/api/entities/?kind=stakeholder", lambda r: _listed(r.json())),
    ("public", "/api/entities/ORG-OK/", lambda r: r.json()["accreditation"]),
    ("public", "/api/entities/ORG-NO/", lambda r: r.json()["accreditation"]),
]
EXPECTED = [{"ORG-OK", "ORG-BACK"}] * 3 + [DECIDED] * 2 + ["accredited", "not-accredited"]


@pytest.mark.parametrize(
    ("who", "url", "read", "expected"),
    [(*g, e) for g, e in zip(GETS, EXPECTED, strict=True)],
    ids=[f"{g[0]}-{g[1]}" for g in GETS],
)
def test_a_get_after_the_deadline_reads_the_outcome_and_writes_nothing(
    session: Any, past_deadline: dict[str, Any], who: str, url: str, read: Any, expected: Any
) -> None:
    client = _clients(session)[who]
    before = _state()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert read(response) == expected
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert writes == [], f"GET {url} ({who}) wrote: {writes}"
    assert _state() == before


def test_listed_stakeholders_read_as_the_deadline_decided_before_anyone_settles(
    session: Any, past_deadline: dict[str, Any]
) -> None:
    ok, no, back = past_deadline["ok"], past_deadline["no"], past_deadline["back"]
    now = timezone.now()
    # the model, as the floor's eligibility and the permissions read it
    assert Entity.objects.get(pk=ok.pk).is_accredited
    assert Entity.objects.get(pk=back.pk).is_accredited
    assert not Entity.objects.get(pk=no.pk).is_accredited
    assert Entity.objects.get(pk=no.pk).accreditation_at(now) == "not-accredited"
    # the floor's directory
    assert directory.entity_info("ORG-OK").accredited  # type: ignore[union-attr]
    assert not directory.entity_info("ORG-NO").accredited  # type: ignore[union-attr]
    assert directory.info_of(Entity.objects.get(pk=ok.pk)).accredited
    # a stakeholder representative may act for the organization (request the floor)
    rep = grant("rep", "stakeholder", session, Entity.objects.get(pk=ok.pk)).user
    assert [e.code for e in delegations_of(rep, session)] == ["ORG-OK"]
    # (that it may organize side events: sideevents' test_services)
    # the API, one entity and all of them
    client = Client()
    assert client.get("/api/entities/ORG-OK/").json()["accreditation"] == "accredited"
    assert client.get("/api/entities/ORG-NO/").json()["accreditation"] == "not-accredited"
    listed = client.get("/api/entities/?kind=stakeholder").json()["entities"]
    assert {e["code"]: e["accreditation"] for e in listed if e["code"].startswith("ORG-")} == {
        "ORG-OK": "accredited",
        "ORG-NO": "not-accredited",
        "ORG-BACK": "accredited",
    }
    # the page: closed for objections, each outcome, the accredited stakeholders
    delegate = grant("del-deu", "delegate", session, Entity.objects.get(code="DEU")).user
    client.force_login(delegate)
    page = client.get("/accreditation/").content.decode()
    assert "Object on behalf of Germany" not in page
    listing_ok = page.split(f'id="listing-{Listing.objects.get(entity=ok).pk}"')[1]
    assert listing_ok.split("</tr>")[0].count("Accredited") == 1
    listing_no = page.split(f'id="listing-{Listing.objects.get(entity=no).pk}"')[1]
    assert "Not accredited (objection)" in listing_no.split("</tr>")[0]
    assert _page_accredits(page) == {"ORG-OK", "ORG-BACK"}
    # and still nothing was settled
    assert NonObjectionList.objects.get().closed_at is None
    assert set(
        Entity.objects.filter(code__startswith="ORG-").values_list("accreditation", flat=True)
    ) == {"pending"}


def _history(entity: Entity) -> list[tuple[str, Any, str]]:
    return list(entity.accreditation_history.values_list("kind", "at", "note"))


def _settled_as_read(past_deadline: dict[str, Any]) -> None:
    ok, no, back = past_deadline["ok"], past_deadline["no"], past_deadline["back"]
    deadline = past_deadline["deadline"]
    assert NonObjectionList.objects.get(pk=past_deadline["nol"].pk).closed_at is not None
    codes = ["ORG-OK", "ORG-NO", "ORG-BACK"]
    statuses = dict(Entity.objects.filter(code__in=codes).values_list("code", "accreditation"))
    assert statuses == {
        "ORG-OK": "accredited",
        "ORG-NO": "not-accredited",
        "ORG-BACK": "accredited",
    }
    # dated at the deadline, when it was decided, not when it was written
    assert _history(ok)[-1] == ("accredited", deadline, "no objection by the deadline")
    assert _history(back)[-1] == ("accredited", deadline, "no objection by the deadline")
    assert _history(no)[-1] == ("not-accredited", deadline, "MEX")
    assert [k for k, _at, _n in _history(back)] == ["listed", "objected", "withdrawn", "accredited"]


def test_the_secretariat_settles_by_a_post_and_others_cannot(
    session: Any, past_deadline: dict[str, Any]
) -> None:
    clients = _clients(session)
    assert "Record the outcome" in clients["secretariat"].get("/accreditation/").content.decode()
    before = _state()
    assert clients["delegate"].post("/accreditation/", {"action": "settle"}).status_code == 403
    assert clients["public"].post("/accreditation/", {"action": "settle"}).status_code == 302
    assert _state() == before
    assert clients["secretariat"].post("/accreditation/", {"action": "settle"}).status_code == 302
    _settled_as_read(past_deadline)
    # settling again changes nothing; the page no longer offers it
    settled = _state()
    clients["secretariat"].post("/accreditation/", {"action": "settle"})
    assert _state() == settled
    assert (
        "Record the outcome" not in clients["secretariat"].get("/accreditation/").content.decode()
    )


def test_the_next_step_of_the_procedure_settles_first(
    session: Any, past_deadline: dict[str, Any]
) -> None:
    """A delegate objecting, on the page, to an organization of another list still open settles
    the list past its deadline first (the history stays in time order)."""
    published = past_deadline["deadline"] - timedelta(minutes=1)  # before the first deadline
    later = acc.publish_list(
        "Open list", [_org("ORG-NEW")], published + timedelta(days=3), published
    )
    client = _clients(session)["delegate"]
    assert "Object on behalf of Mexico" in client.get("/accreditation/").content.decode()
    assert NonObjectionList.objects.get(pk=past_deadline["nol"].pk).closed_at is None  # read only
    listing = Listing.objects.get(entity__code="ORG-NEW")
    response = client.post(
        "/accreditation/", {"action": "object", "listing": listing.pk, "state": "MEX"}
    )
    assert response.status_code == 302
    _settled_as_read(past_deadline)
    assert later.listings.get().objections.get().state.code == "MEX"
    assert NonObjectionList.objects.get(pk=later.pk).closed_at is None


def test_load_entities_settles(past_deadline: dict[str, Any]) -> None:
    Client().get("/accreditation/")
    Client().get("/api/entities/?kind=stakeholder")
    assert NonObjectionList.objects.get(pk=past_deadline["nol"].pk).closed_at is None  # read only
    out = StringIO()
    call_command("load_entities", stdout=out)
    assert "1 non-objection list(s) closed" in out.getvalue()
    _settled_as_read(past_deadline)


def test_the_directory_reads_again_when_a_deadline_passes(
    session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The floor's directory keeps entities for TTL_S seconds, but not past the next deadline."""
    now = timezone.now()
    acc.publish_list("Soon", [_org("ORG-SOON")], now + timedelta(minutes=5), now)
    directory.forget()
    assert not directory.entity_info("ORG-SOON").accredited  # type: ignore[union-attr]
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    assert directory.entity_info("ORG-SOON").accredited  # type: ignore[union-attr]
    assert NonObjectionList.objects.get(title="Soon").closed_at is None
