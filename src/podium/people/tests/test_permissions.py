"""Each role on each action: who may do what, in which session, and how refusals look."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from podium.people import permissions
from podium.people.models import ApiToken, Entity
from podium.people.permissions import (
    can,
    can_chair,
    delegations_of,
    is_secretariat,
    request_user,
    roles_of,
)
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]

ROLES = [
    # username, role, entity, panel
    ("sec", "secretariat", None, None),
    ("chair", "co_chair", "MEX", None),
    ("mod1", "moderator", "BGD", 1),
    ("exp1", "expert", "IOM", 1),
    ("them", "thematic_expert", None, None),
    ("sg", "secretary_general", None, None),
    ("del", "delegate", "MEX", None),
    ("fp", "focal_point", "MEX", None),
    ("ngo", "stakeholder", "DEMO-NGO", None),
    ("pub", "public", None, None),
]

# action, kwargs -> users allowed
MATRIX: list[tuple[str, dict[str, Any], set[str]]] = [
    ("chair", {"panel": 1}, {"sec", "chair", "mod1"}),
    ("chair", {"panel": 2}, {"sec", "chair"}),
    ("chair", {"panel": None}, {"sec", "chair"}),
    ("act_for", {"entity": "MEX"}, {"sec", "del", "fp"}),
    ("act_for", {"entity": "DEU"}, {"sec"}),
    ("act_for", {"entity": "DEMO-NGO"}, {"sec", "ngo"}),
    ("register_delegates", {"entity": "MEX"}, {"sec", "fp"}),
    ("register_delegates", {"entity": "DEU"}, {"sec"}),
    ("manage_people", {}, {"sec"}),
    ("view_composition", {}, {"sec", "chair", "mod1", "sg"}),
    ("object", {"entity": "MEX"}, {"del", "fp"}),
    ("object", {"entity": "DEU"}, set()),
    ("manage_accreditation", {}, {"sec"}),
]


@pytest.fixture
def people(session: Any, accredited_ngo: Entity) -> dict[str, Any]:
    users = {}
    for username, role, code, panel in ROLES:
        entity = Entity.objects.get(code=code) if code else None
        users[username] = grant(username, role, session, entity, panel).user
    users["anon"] = AnonymousUser()
    return users


@pytest.mark.parametrize(("action", "kwargs", "allowed"), MATRIX)
def test_each_role_on_each_action(
    session: Any, people: dict[str, Any], action: str, kwargs: dict[str, Any], allowed: set[str]
) -> None:
    if "entity" in kwargs:
        kwargs = {**kwargs, "entity": Entity.objects.get(code=kwargs["entity"])}
    got = {name for name, user in people.items() if can(user, session, action, **kwargs)}
    assert got == allowed


def test_roles_do_not_carry_over_to_another_session(
    session: Any, other_session: Any, people: dict[str, Any]
) -> None:
    mex = Entity.objects.get(code="MEX")
    assert roles_of(people["del"], session) == {"delegate"}
    assert roles_of(people["del"], other_session) == set()
    assert not can(people["del"], other_session, "act_for", entity=mex)
    assert not is_secretariat(people["sec"], other_session)
    assert not can_chair(people["mod1"], other_session, 1)


def test_delegations_of_lists_only_accredited_stakeholders(
    session: Any, people: dict[str, Any]
) -> None:
    assert [e.code for e in delegations_of(people["fp"], session)] == ["MEX"]
    assert [e.code for e in delegations_of(people["ngo"], session)] == ["DEMO-NGO"]
    pending = Entity.objects.create(code="PENDING-NGO", name="Pending", kind="stakeholder")
    g = grant("pend", "stakeholder", session, pending)
    assert delegations_of(g.user, session) == []
    assert delegations_of(people["sec"], session) == []  # may act for any, lists none
    assert delegations_of(people["anon"], session) == []


def test_superuser_counts_as_secretariat(session: Any, django_user_model: Any) -> None:
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456")
    assert is_secretariat(root, session) and can_chair(root, session, 3)


def test_bearer_token_identifies_its_owner_and_only_its_hash_is_stored(
    session: Any, people: dict[str, Any]
) -> None:
    token, raw = ApiToken.issue(people["del"])
    assert raw not in token.key_hash and len(token.key_hash) == 64
    rf = RequestFactory()
    request = rf.get("/api/x", HTTP_AUTHORIZATION=f"Bearer {raw}")
    request.user = AnonymousUser()
    assert request_user(request) == people["del"]
    request = rf.get("/api/x", HTTP_AUTHORIZATION="Bearer wrong")
    request.user = AnonymousUser()
    assert not request_user(request).is_authenticated


def test_token_last_use_is_written_for_all_tokens_used_meanwhile_in_one_statement(
    session: Any, people: dict[str, Any], monkeypatch: Any, django_assert_num_queries: Any
) -> None:
    """What the accounts page and the admin show as a token's last use; not written once per
    request (a burst of first requests to speak would queue 200 writes behind the floor's)."""
    monkeypatch.setattr(permissions, "_touches_written_at", time.monotonic())
    delegate, focal = ApiToken.issue(people["del"]), ApiToken.issue(people["fp"])
    with django_assert_num_queries(2):  # the two lookups, no write
        assert permissions.user_for_token(delegate[1]) == people["del"]
        assert permissions.user_for_token(focal[1]) == people["fp"]
    assert ApiToken.objects.filter(last_used_at__isnull=False).count() == 0

    monkeypatch.setattr(permissions, "_touches_written_at", 0.0)  # the interval has passed
    with django_assert_num_queries(2):  # this lookup, and one write for both
        permissions.user_for_token(delegate[1])
    used = set(ApiToken.objects.filter(last_used_at__isnull=False).values_list("pk", flat=True))
    assert used == {delegate[0].pk, focal[0].pk}


def test_refusals_are_401_or_403_with_a_reason(session: Any, people: dict[str, Any]) -> None:
    client = Client()
    url = f"/sessions/{session.slug}/people/"
    # a browser that is not signed in goes to the sign-in page
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # an API client gets 401 JSON
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 401 and "error" in response.json()
    # a delegate is refused with the reason, as a page and as JSON
    client.force_login(people["del"])
    response = client.get(url)
    assert response.status_code == 403
    assert "Only the secretariat may do this." in response.content.decode()
    token = ApiToken.issue(people["del"])[1]
    response = Client().get(
        f"/sessions/{session.slug}/people.csv", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 403
    assert response.json()["error"] == "Only the secretariat may do this."
    assert response.json()["code"] == "forbidden"
    # the focal point of Mexico cannot register delegates of Germany
    client.force_login(people["fp"])
    assert client.get(f"/sessions/{session.slug}/delegations/DEU/").status_code == 403
    assert client.get(f"/sessions/{session.slug}/delegations/MEX/").status_code == 200
    assert client.get(f"/sessions/{session.slug}/delegations/XXX/").status_code == 404
    # the secretariat may
    client.force_login(people["sec"])
    assert client.get(url).status_code == 200
    assert client.get(f"/sessions/{session.slug}/delegations/DEU/").status_code == 200
    # composition page: moderators yes, delegates no
    client.force_login(people["mod1"])
    assert client.get(f"/sessions/{session.slug}/composition").status_code == 200
    client.force_login(people["del"])
    assert client.get(f"/sessions/{session.slug}/composition").status_code == 403
