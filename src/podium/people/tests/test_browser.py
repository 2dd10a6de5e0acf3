"""A focal point signs in and registers a delegate of their delegation in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from podium.people.models import Entity, Person, Role
from podium.people.services import grant

pytestmark = pytest.mark.browser


def test_focal_point_registers_a_delegate(asgi_server: Any, page: Any, session: Any) -> None:
    mexico = Entity.objects.get(code="MEX")
    grant("focal-mex", "focal_point", session, mexico, password="focal-pass-1", family_name="Pérez")
    page.goto(f"{asgi_server.url}/sessions/{session.slug}/my-delegation")
    # not signed in: the sign-in page, which brings the focal point back
    page.fill("#id_username", "focal-mex")
    page.fill("#id_password", "focal-pass-1")
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"**/sessions/{session.slug}/delegations/MEX/")
    assert "Delegation of Mexico" in page.inner_text("h1")
    page.fill("#id_title", "Ms.")
    page.fill("#id_given_name", "Lucía")
    page.fill("#id_family_name", "Hernández")
    page.select_option("#id_function", "counsellor")
    page.fill("#id_email", "lucia@example.org")
    page.click("#register-delegate button[type=submit]")
    page.wait_for_selector("#delegation-members")
    row = page.inner_text("#delegation-members")
    assert "Ms. Lucía Hernández" in row and "Counsellor" in row
    assert "Lucía Hernández is registered for Mexico." in page.inner_text(".messages")
    person = Person.objects.get(family_name="Hernández")
    assert person.entity == mexico and person.user.username == "lucia@example.org"
    assert Role.objects.filter(
        session=session, person=person, role="delegate", entity=mexico
    ).exists()
    assert [m.to for m in mail.outbox] == [["lucia@example.org"]]  # invitation to set a password
    # the same focal point cannot reach another delegation's page
    response = page.goto(f"{asgi_server.url}/sessions/{session.slug}/delegations/DEU/")
    assert response.status == 403
