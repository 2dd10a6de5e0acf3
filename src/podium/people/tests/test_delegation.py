"""A focal point registers delegates: never someone else's person or account, and the page
answers the same whether the address is known or not (no oracle)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from podium.people.models import Entity, Person, Role
from podium.people.services import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("entities")]


@pytest.fixture
def focal(session: Any) -> Client:
    g = grant("fp-mex", "focal_point", session, Entity.objects.get(code="MEX"))
    client = Client()
    client.force_login(g.user)
    return client


def register(client: Client, session: Any, **fields: str) -> Any:
    data = {"family_name": "Pérez", "given_name": "Ana", "role": "delegate", **fields}
    return client.post(f"/sessions/{session.slug}/delegations/MEX/", data, follow=True)


def test_another_delegations_address_makes_a_new_person_and_takes_over_nothing(
    session: Any, focal: Client, mailoutbox: Any
) -> None:
    deu = grant("hans", "delegate", session, Entity.objects.get(code="DEU"))
    deu.person.family_name, deu.person.email = "Müller", "hans@auswaertiges-amt.de"
    deu.person.save()
    response = register(focal, session, email="HANS@auswaertiges-amt.de")
    page = response.content.decode()
    assert response.status_code == 200 and "Pérez is registered for Mexico" in page
    assert "Müller" not in page  # the other delegation's person is not named
    deu.person.refresh_from_db()
    assert deu.person.user == deu.user and deu.person.entity.code == "DEU"
    assert not Role.objects.filter(person=deu.person, entity__code="MEX").exists()
    new = Person.objects.get(family_name="Pérez")
    assert new.entity.code == "MEX" and new.user is None
    # The owner of the address hears of it; nothing is linked until they confirm.
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["HANS@auswaertiges-amt.de"]


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
    session: Any, focal: Client, mailoutbox: Any
) -> None:
    get_user_model().objects.create_user("known@example.org", "known@example.org", "pw-1234567")

    def answer(email: str, name: str) -> str:
        page = register(focal, session, email=email, family_name=name).content.decode()
        page = page.replace(name, "NAME").replace(email, "EMAIL")
        return re.sub(r"[A-Za-z0-9]{64}", "CSRF", page)  # the form's and htmx's tokens

    first = answer("known@example.org", "Uno")
    second = answer("unknown@example.org", "Dos")
    # Both lists now hold two people: compare the message and the form, not the table.
    assert first.split("<section")[0] == second.split("<section")[0]
    assert len(mailoutbox) == 2  # one confirmation, one invitation


def test_the_owner_confirms_and_the_account_joins_the_delegation(
    session: Any, focal: Client, mailoutbox: Any
) -> None:
    owner = get_user_model().objects.create_user("ana@sre.gob.mx", "ana@sre.gob.mx", "pw-1234567")
    register(focal, session, email="ana@sre.gob.mx")
    link = re.search(r"http://testserver(/accounts/join/\S+)", mailoutbox[0].body).group(1)
    person = Person.objects.get(family_name="Pérez")

    stranger = Client()
    stranger.force_login(get_user_model().objects.create_user("eve", "eve@x.org", "pw-1234567"))
    response = stranger.post(link)
    assert response.status_code == 403 and b"another account" in response.content
    assert Client().get(link).status_code == 302  # sign in first

    me = Client()
    me.force_login(owner)
    assert b"Mexico" in me.get(link).content  # says what joining means before it happens
    assert me.post(link).status_code == 302
    person.refresh_from_db()
    assert person.user == owner
    assert me.post(link).status_code == 400  # used once
    assert me.get(link.rstrip("/") + "x/").status_code == 400  # tampered


def test_an_account_that_already_represents_someone_is_not_moved(
    session: Any, focal: Client, mailoutbox: Any
) -> None:
    deu = grant("hans@x.de", "delegate", session, Entity.objects.get(code="DEU"))
    deu.person.email = "hans@x.de"
    deu.person.save()
    register(focal, session, email="hans@x.de")
    link = re.search(r"http://testserver(/accounts/join/\S+)", mailoutbox[0].body).group(1)
    me = Client()
    me.force_login(deu.user)
    response = me.post(link)
    assert response.status_code == 409 and b"secretariat" in response.content
    deu.person.refresh_from_db()
    assert deu.person.user == deu.user


def test_a_person_of_the_same_delegation_is_registered_again_not_duplicated(
    session: Any, other_session: Any, focal: Client, mailoutbox: Any
) -> None:
    register(focal, session, email="ana@sre.gob.mx")
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body
    grant("fp-mex", "focal_point", other_session, Entity.objects.get(code="MEX"))
    register(focal, other_session, email="ana@sre.gob.mx", family_name="Pérez")
    assert Person.objects.filter(email__iexact="ana@sre.gob.mx").count() == 1
    person = Person.objects.get(email="ana@sre.gob.mx")
    assert person.user is not None and person.user.username == "ana@sre.gob.mx"
    assert set(Role.objects.filter(person=person).values_list("session__slug", flat=True)) == {
        session.slug,
        other_session.slug,
    }
