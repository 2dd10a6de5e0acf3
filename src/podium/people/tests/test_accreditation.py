"""The non-objection procedure through its deadline, and ECOSOC registration; history is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from podium.people import accreditation as acc
from podium.people.models import AccreditationEvent, Entity, Listing, NonObjectionList
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]

T0 = datetime(2017, 5, 1, 12, 0, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=7)


def _org(code: str) -> Entity:
    return Entity.objects.create(code=code, name=f"Org {code}", kind="stakeholder", category="ngo")


def test_objection_before_deadline_means_not_accredited_and_none_means_accredited() -> None:
    a, b, c = _org("ORG-A"), _org("ORG-B"), _org("ORG-C")
    nol = acc.publish_list("List 1", [a, b, c], DEADLINE, T0)
    assert Entity.objects.get(code="ORG-A").accreditation == "pending"
    mex, deu = Entity.objects.get(code="MEX"), Entity.objects.get(code="DEU")
    la, lc = Listing.objects.get(entity=a), Listing.objects.get(entity=c)
    acc.object_to(la, mex, T0 + timedelta(days=1))  # reason is optional
    withdrawn = acc.object_to(lc, deu, T0 + timedelta(days=2), reason="not relevant")
    acc.withdraw_objection(withdrawn, T0 + timedelta(days=3))

    # before the deadline nothing is settled
    with pytest.raises(acc.AccreditationError):
        acc.close_list(nol, DEADLINE - timedelta(seconds=1))
    assert acc.settle_due_lists(DEADLINE - timedelta(seconds=1)) == 0

    # an objection at the deadline is too late
    with pytest.raises(acc.AccreditationError):
        acc.object_to(Listing.objects.get(entity=b), deu, DEADLINE)

    assert acc.settle_due_lists(DEADLINE) == 1
    statuses = dict(
        Entity.objects.filter(code__startswith="ORG-").values_list("code", "accreditation")
    )
    assert statuses == {"ORG-A": "not-accredited", "ORG-B": "accredited", "ORG-C": "accredited"}
    # closing again changes nothing
    assert acc.close_list(nol, DEADLINE + timedelta(days=1))["ORG-A"] == "not-accredited"
    assert AccreditationEvent.objects.filter(kind="not-accredited").count() == 1

    history = list(
        AccreditationEvent.objects.filter(entity=c).values_list("kind", "state__code", "note")
    )
    assert history == [
        ("listed", None, ""),
        ("objected", "DEU", "not relevant"),
        ("withdrawn", "DEU", ""),
        ("accredited", None, "no objection by the deadline"),
    ]


def test_only_member_states_object_and_only_once() -> None:
    a = _org("ORG-A")
    acc.publish_list("List", [a], DEADLINE, T0)
    listing = Listing.objects.get(entity=a)
    for code in ("PSE", "EU", "IOM"):
        with pytest.raises(acc.AccreditationError):
            acc.object_to(listing, Entity.objects.get(code=code), T0)
    mex = Entity.objects.get(code="MEX")
    acc.object_to(listing, mex, T0)
    with pytest.raises(acc.AccreditationError):
        acc.object_to(listing, mex, T0)


def test_ecosoc_ngos_register_and_are_accredited_at_once() -> None:
    ngo = _org("ECOSOC-NGO")
    with pytest.raises(acc.AccreditationError):
        acc.register_ecosoc(ngo, T0)  # no consultative status
    acc.register_ecosoc(ngo, T0, ecosoc_status="special")
    ngo.refresh_from_db()
    assert ngo.is_accredited and ngo.category == "ngo"
    assert list(ngo.accreditation_history.values_list("kind", flat=True)) == [
        "registered",
        "accredited",
    ]


def test_publication_rules() -> None:
    with pytest.raises(acc.AccreditationError):
        acc.publish_list("Empty", [], DEADLINE, T0)
    with pytest.raises(acc.AccreditationError):
        acc.publish_list("Past", [_org("ORG-P")], T0, T0)
    with pytest.raises(acc.AccreditationError):
        acc.publish_list("A State", [Entity.objects.get(code="MEX")], DEADLINE, T0)


def test_a_delegate_objects_on_the_page_and_others_cannot(session: Any) -> None:
    now = timezone.now()
    org = _org("ORG-W")
    acc.publish_list("Open list", [org], now + timedelta(days=3), now)
    listing = Listing.objects.get(entity=org)
    delegate = grant("del-mex", "delegate", session, Entity.objects.get(code="MEX")).user
    outsider = grant("pub", "public", session).user
    client = Client()
    client.force_login(outsider)
    response = client.post(
        "/accreditation/", {"action": "object", "listing": listing.pk, "state": "MEX"}
    )
    assert response.status_code == 403
    client.force_login(delegate)
    page = client.get("/accreditation/").content.decode()
    assert "Object on behalf of Mexico" in page
    response = client.post(
        "/accreditation/",
        {"action": "object", "listing": listing.pk, "state": "MEX", "reason": ""},
    )
    assert response.status_code == 302
    assert listing.objections.get().state.code == "MEX"
    # the public API shows the pending status, the page does not name the objecting State publicly
    data = Client().get("/api/entities/?kind=stakeholder").json()
    assert {e["code"]: e["accreditation"] for e in data["entities"]}["ORG-W"] == "pending"
    assert "Mexico" not in Client().get("/accreditation/").content.decode()


def test_a_malformed_list_or_id_is_refused_naming_it_and_stores_nothing(session: Any) -> None:
    """Finding: an organization's name over 200 characters answered 500 (DataError on
    PostgreSQL); an unknown category silently became "ngo"; a posted objection id "abc" 500."""
    sec = grant("sec", "secretariat", session).user
    client = Client()
    client.force_login(sec)
    deadline = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    def publish(organizations: str) -> Any:
        return client.post(
            "/accreditation/",
            {
                "action": "publish",
                "publish-title": "List 1",
                "publish-deadline": deadline,
                "publish-organizations": organizations,
            },
        )

    r = publish("Good NGO | ngo\n" + "N" * 201 + " | ngo")
    assert r.status_code == 400 and "line 2: the name has 201 characters" in r.content.decode()
    r = publish("Good NGO | think-tank")
    assert r.status_code == 400 and "line 1: unknown category think-tank" in r.content.decode()
    r = client.post("/accreditation/", {"action": "ecosoc", "ecosoc-name": "E" * 201})
    assert r.status_code == 400
    assert not NonObjectionList.objects.exists()
    assert not Entity.objects.filter(name="Good NGO").exists()
    for raw in ("abc", "99999999999999999999", "-3"):
        r = client.post("/accreditation/", {"action": "withdraw", "objection": raw})
        assert r.status_code == 404, raw
        r = client.post("/accreditation/", {"action": "object", "listing": raw, "state": "MEX"})
        assert r.status_code == 400, raw
    assert publish("Good NGO | ngo\n" + "N" * 200).status_code == 302
