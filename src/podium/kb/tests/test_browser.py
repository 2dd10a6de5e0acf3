"""A secretariat officer searches in Chinese, narrows to one regional group, confirms the
objective suggested for a contribution and opens it (issue 17), on a laptop and a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from podium.floor.tests.conftest import signed_in_page
from podium.people.models import Entity
from podium.programme.services import import_session_file
from podium.record.models import Contribution
from podium.record.tests.conftest import SEED, make_user

pytestmark = pytest.mark.browser

REMIT_ES = (
    "Proponemos reducir el costo de las remesas de los migrantes a menos del tres por ciento "
    "y promover la inclusión financiera de sus familias."
)
REMIT_FR = "La France soutient la baisse des frais d'envoi de fonds des travailleurs migrants."


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_search_in_chinese_filter_by_region_confirm_and_open(
    asgi_server: Any, chromium: Any, media_root: Any, size: tuple[int, int]
) -> None:
    session = import_session_file(SEED)
    make_user(session, "officer", "secretariat")
    # committed at once (a transactional test): indexed in this thread after each commit
    mex = Contribution.objects.create(
        session=session, entity=Entity.objects.get(code="MEX"), kind="recommendation", text=REMIT_ES
    )
    Contribution.objects.create(
        session=session, entity=Entity.objects.get(code="FRA"), kind="commitment", text=REMIT_FR
    )
    page = signed_in_page(
        chromium, asgi_server, "officer", viewport={"width": size[0], "height": size[1]}
    )
    page.goto(f"{asgi_server.url}/knowledge/")
    page.get_by_label("Question or words").fill("降低移民汇款的费用")
    page.get_by_role("button", name="Search", exact=True).click()
    hits = page.locator(".kb-hit")
    expect(hits).to_have_count(2)
    page.get_by_label("Regional group").select_option("GRULAC")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(hits).to_have_count(1)
    hit = hits.first
    expect(hit.locator("blockquote")).to_have_text(REMIT_ES)
    expect(hit.locator(".who")).to_contain_text("Mexico")
    expect(hit.locator(".who")).to_contain_text("Spanish")
    assert overflow(page) <= 0
    chip = hit.locator(".chip", has_text="Objective 20")
    expect(chip).to_contain_text("suggested")
    chip.get_by_role("button", name="Confirm objective 20").click()
    expect(page.get_by_role("status").first).to_contain_text("Objective 20 confirmed")
    expect(page.locator(".kb-hit .chip", has_text="Objective 20")).to_contain_text("confirmed")
    assert mex.objective_links.get(objective=20).status == "confirmed"
    page.locator(".kb-hit").first.get_by_role("link", name="Open the contribution").click()
    page.wait_for_url(f"**/contributions/#contribution-{mex.pk}")
    expect(page.locator(f"#contribution-{mex.pk}")).to_contain_text("remesas")
