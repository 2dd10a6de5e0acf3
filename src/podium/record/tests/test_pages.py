"""Every record page answers on the seed session (an empty floor log) without an error."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client


def test_public_pages_render_and_downloads_parse(client: Client, session: Any) -> None:
    base = f"/sessions/{session.slug}"
    r = client.get(f"{base}/archive")
    assert r.status_code == 200
    page = r.content.decode()
    for title in ("PANEL 1", "PANEL 2", "PANEL 3", "SUMMARY PANEL"):
        assert title.lower() in page.lower()
    stats = client.get(f"{base}/statistics")
    assert stats.status_code == 200 and b"<svg" in stats.content
    assert '<th scope="col">Measure</th>' in stats.content.decode()  # a heading, not "measure"
    data = json.loads(client.get(f"{base}/statistics/all.json").content)
    keys = [t["key"] for t in data["tables"]]
    assert "planned-vs-actual" in keys and "by-category" in keys
    for key in keys:
        assert client.get(f"{base}/statistics/{key}.csv").status_code == 200
    assert client.get(f"{base}/summary").status_code == 404  # not published yet
    assert client.get(f"{base}/contributions/").status_code == 200
    assert client.get("/search/?q=climate").status_code == 200


def test_the_archive_names_a_segments_planned_speakers(client: Client, db: None) -> None:
    """The sixth session is opened by the President of the General Assembly: the archive says
    who the programme put on that segment, with what they did there."""
    from django.conf import settings

    from podium.programme.services import import_session_file

    geneva = import_session_file(
        settings.PACKAGE_DIR / "fixtures" / "sessions" / "gcm-its6-geneva.yaml"
    )
    page = client.get(f"/sessions/{geneva.slug}/archive").content.decode()
    assert "Speakers (programme): Miroslav Lajčák, opening" in page
    assert "Louise Arbour, issue brief" in page


def test_the_statistics_page_says_its_measures_and_times_in_words(
    client: Client, session: Any
) -> None:
    """The totals named in words (not `departed_from_suggested_order`), and the time a request
    not heard was made in the venue's time (not a raw UTC timestamp); the downloads keep the
    identifiers and the instants."""
    from podium.record.tests.scripted import run_two_panels

    run_two_panels(session)
    page = client.get(f"/sessions/{session.slug}/statistics").content.decode()
    assert "Calls out of the suggested order" in page and "Speaking time (min)" in page
    assert "departed_from_suggested_order" not in page.split("<tbody>", 1)[1]
    assert "+00:00" not in page
    csv = client.get(f"/sessions/{session.slug}/statistics/totals.csv").content.decode()
    assert "departed_from_suggested_order" in csv
