"""The compact's 23 objectives as data, suggested for contributions by similarity, confirmed or
corrected by the secretariat (and those decisions kept and used)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from podium.kb import objectives
from podium.kb.embed import from_bytes
from podium.kb.models import ObjectiveLink, Passage
from podium.kb.tests.conftest import record_fixtures

REMIT = "We call for reducing the transaction costs of migrant remittances to less than 3 per cent."
REMIT_AR = "ندعو إلى خفض تكاليف تحويلات المهاجرين المالية إلى أسرهم إلى أقل من ثلاثة في المائة."
SMUGGLING = (
    "Criminal networks that smuggle migrants across borders must be dismantled and prosecuted."
)


def statuses(c: Any) -> dict[int, str]:
    return dict(ObjectiveLink.objects.filter(contribution=c).values_list("objective", "status"))


def test_the_23_objectives_come_from_the_resolution(client: Client, db: None) -> None:
    body = client.get("/api/objectives/").json()
    assert body["source"]["symbol"] == "A/RES/73/195"
    assert [o["number"] for o in body["objectives"]] == list(range(1, 24))
    assert body["objectives"][19]["title"].startswith("Promote faster, safer and cheaper transfer")
    assert body["objectives"][0]["paragraph"] == 17 and body["objectives"][22]["paragraph"] == 39


def test_a_tagged_contribution_is_suggested_its_objective(tag: Any) -> None:
    c = tag("MEX", REMIT)
    assert statuses(c).get(20) == "suggested"
    c_ar = tag("EGY", REMIT_AR)  # in Arabic: the same objective
    assert statuses(c_ar).get(20) == "suggested"
    s = tag("ITA", SMUGGLING)
    assert 9 in statuses(s) and 20 not in statuses(s)


def test_the_secretariat_confirms_and_a_delegate_may_not(
    tag: Any, client: Client, secretariat: Any, session: Any
) -> None:
    c = tag("MEX", REMIT)
    url = f"/knowledge/contributions/{c.pk}/objectives"
    delegate = record_fixtures.make_user(session, "mexdelegate", "delegate", "MEX")
    client.force_login(delegate)
    r = client.post(url, {"objective": "20", "decision": "confirm"})
    assert r.status_code == 403
    assert statuses(c)[20] == "suggested"
    client.force_login(secretariat)
    for bad in (
        {"objective": "24", "decision": "confirm"},
        {"objective": "20", "decision": "maybe"},
    ):
        assert client.post(url, bad).status_code == 400
    r = client.post(
        url, {"objective": "20", "decision": "confirm", "next": "https://evil.example/"}
    )
    assert r.status_code == 302 and r["Location"] == "/knowledge/objectives/20/"
    assert statuses(c)[20] == "confirmed"
    listed = client.get("/api/objectives/20/contributions").json()
    assert [(x["contribution"], x["status"], x["entity"]) for x in listed["contributions"]] == [
        (c.pk, "confirmed", "MEX")
    ]


def test_a_decision_is_never_overwritten_and_a_correction_is_kept(
    tag: Any, secretariat: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = tag("MEX", REMIT)
    objectives.decide(c.pk, 20, False, secretariat)  # rejected
    objectives.decide(c.pk, 19, True, secretariat)  # corrected: objective 19 instead
    c.text = REMIT + " Digital channels help."
    with django_capture_on_commit_callbacks(execute=True):
        c.save()  # re-indexed: suggestions recomputed
    assert statuses(c)[20] == "rejected" and statuses(c)[19] == "confirmed"


def test_decisions_teach_the_next_suggestions(tag: Any, secretariat: Any) -> None:
    first = tag("MEX", REMIT)
    v = from_bytes(Passage.objects.get(source="contribution", source_id=first.pk).vector)
    before = objectives.scores(v)
    objectives.decide(first.pk, 20, False, secretariat)
    objectives.decide(first.pk, 21, True, secretariat)
    after = objectives.scores(v)  # a new contribution saying the same as the decided one
    assert after[20] > before[20]  # objective 21 rose with the confirmation
    assert after[19] < before[19]  # objective 20 fell with the rejection


def test_an_objective_page_lists_what_was_said_and_the_matrix_counts_it(
    tag: Any, client: Client
) -> None:
    tag("MEX", REMIT)
    tag("EGY", REMIT_AR)
    html = client.get("/knowledge/objectives/20/").content.decode()
    assert REMIT in html and REMIT_AR in html and "Mexico" in html and "Arabic" in html
    assert client.get("/knowledge/objectives/24/").status_code == 404
    assert client.get("/api/objectives/0/contributions").status_code == 404
    matrix = client.get("/knowledge/objectives/").content.decode()
    assert "0 <small>(+2)</small>" in matrix
