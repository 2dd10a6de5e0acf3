"""Record pages as readers read them (issue 16): segments named as the console names them,
a styled "not published yet" page, the summary's publication confirmed when panels are empty,
labels in words and times in the venue's zone."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from podium.record import adapters
from podium.record.models import Contribution, Statement
from podium.record.tests.conftest import make_user

PANEL_1 = "Day 1 · Panel 1: Sustainable development and poverty eradication"
PANEL_3 = "Day 2 · Panel 3: Adverse effects of climate change and natural disasters as drivers"


def test_pickers_name_each_segment_by_its_day_and_title(
    client: Client, session: Any, delegate: Any, secretariat: Any
) -> None:
    client.force_login(delegate)
    upload = client.get(f"/sessions/{session.slug}/statements/upload").content.decode()
    assert f">{PANEL_1}</option>" in upload and PANEL_3 in upload
    assert "Day 2 · Summary panel: synopsis" in upload
    assert ">expert panel<" not in upload
    client.force_login(secretariat)
    tagging = client.get(f"/sessions/{session.slug}/contributions/").content.decode()
    assert f">{PANEL_1}</option>" in tagging and ">expert panel<" not in tagging


def test_lists_name_a_statements_segment_as_the_pickers_do(
    client: Client, session: Any, secretariat: Any
) -> None:
    from podium.people.models import Entity

    panel = next(s for s in adapters.segments_of(session) if s.panel_number == 1)
    mex = Entity.objects.get(code="MEX")
    st = Statement.objects.create(
        session=session,
        segment=panel,
        entity=mex,
        text="x",
        kind="txt",
        size=1,
        delivered_at=timezone.now(),
    )
    Contribution.objects.create(
        session=session, segment=panel, entity=mex, kind="commitment", text="y"
    )
    for url in ("archive", f"statements/{st.pk}/", "contributions/"):
        page = Client().get(f"/sessions/{session.slug}/{url}").content.decode()
        assert PANEL_1 in page, url
        assert "expert panel" not in page, url


def test_an_unpublished_summary_is_a_styled_not_published_yet_page(
    client: Client, session: Any
) -> None:
    base = f"/sessions/{session.slug}"
    for url in (f"{base}/summary", f"{base}/summary.docx", f"{base}/summary.pdf"):
        r = client.get(url)
        page = r.content.decode()
        assert r.status_code == 404, url
        assert r["Content-Type"].startswith("text/html"), url
        assert '<header class="site">' in page and '<main id="main">' in page  # the layout
        assert "The co-facilitators&#x27;" in page or "The co-facilitators'" in page
        assert "summary is not published yet" in page
        assert f'href="{base}/"' in page  # the programme
        assert f'href="{base}/archive"' in page and f'href="{base}/statistics"' in page


def test_a_statement_not_delivered_yet_is_a_styled_not_public_yet_page(
    client: Client, session: Any
) -> None:
    from podium.people.models import Entity

    st = Statement.objects.create(
        session=session, entity=Entity.objects.get(code="MEX"), text="x", kind="txt", size=1
    )
    for url in (f"statements/{st.pk}/", f"statements/{st.pk}/file"):
        r = client.get(f"/sessions/{session.slug}/{url}")
        page = r.content.decode()
        assert r.status_code == 404 and '<main id="main">' in page, url
        assert "This statement is not public yet" in page
        assert f'href="/sessions/{session.slug}/archive"' in page


def test_publishing_with_panels_empty_asks_first_naming_them(client: Client, session: Any) -> None:
    from podium.record.models import Summary, Writing

    base = f"/sessions/{session.slug}"
    client.force_login(make_user(session, "cochair", "co_chair"))
    panels = {s.panel_number: s for s in adapters.segments_of(session) if s.kind == "expert_panel"}
    summary_panel = next(s for s in adapters.segments_of(session) if s.kind == "summary_panel")
    for seg in (panels[1], summary_panel):
        Writing.objects.create(session=session, segment=seg, kind="panel_summary", draft="Said.")
    r = client.post(f"{base}/summary/publish")
    page = r.content.decode()
    assert r.status_code == 200 and not Summary.objects.filter(session=session).exists()
    assert "Panels 2 and 3 have no key messages yet. Publish anyway?" in page
    assert 'name="confirm" value="1"' in page and "Publish anyway</button>" in page
    assert client.post(f"{base}/summary/publish", {"confirm": "1"}).status_code == 302
    assert Summary.objects.get(session=session).published_at is not None


def test_publishing_with_every_panel_written_asks_nothing(client: Client, session: Any) -> None:
    from podium.record.models import Summary, Writing

    client.force_login(make_user(session, "cochair", "co_chair"))
    for seg in adapters.segments_of(session):
        if seg.kind in ("expert_panel", "summary_panel"):
            Writing.objects.create(session=session, segment=seg, kind="panel_summary", draft="x")
    assert client.post(f"/sessions/{session.slug}/summary/publish").status_code == 302
    assert Summary.objects.get(session=session).published_content


def test_statistics_name_groups_categories_and_genders_in_words_and_times_at_the_venue(
    client: Client, session: Any
) -> None:
    from podium.record.tests.scripted import run_two_panels

    run_two_panels(session)
    page = client.get(f"/sessions/{session.slug}/statistics").content.decode()
    assert "African States" in page and "Latin American and Caribbean States" in page
    assert ">AFRICAN<" not in page and ">GRULAC<" not in page  # not the codes
    assert "<td>Not declared</td>" in page and "<td>not declared</td>" not in page
    assert "Planned speakers by role" in page
    assert "total_min" not in page and ': interventions"' not in page  # charts' names in words
    assert " EDT;" in page or " EST;" in page  # computed at: New York's time, not UTC
    assert " UTC;" not in page
    french = client.get(f"/sessions/{session.slug}/statistics?lang=fr").content.decode()
    assert "État Membre" in french and "États d&#x27;Afrique" in french
    assert "<td>Non déclaré</td>" in french
    # the downloads keep the identifiers
    csv = client.get(f"/sessions/{session.slug}/statistics/by-regional-group.csv").content
    assert b"AFRICAN" in csv


def test_the_summary_annex_shows_the_venue_time_of_a_request_not_heard(session: Any) -> None:
    from podium.record.services import summary_content
    from podium.record.tests.scripted import run_two_panels

    run_two_panels(session)
    annex = {t.key: t for t in summary_content(session, draft=True).tables}
    row = annex["not-heard"].rows[0]
    assert "22 May 10:26" in row and not any("+00:00" in str(v) for v in row)
    assert "African States" in [r[0] for r in annex["by-regional-group"].rows]
