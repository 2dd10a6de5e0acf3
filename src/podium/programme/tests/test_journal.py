"""The Journal-style daily programme: the page of a day, `podium export --format journal`,
the programme page's links to it, and the dates it refuses."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from podium.programme.models import Session
from podium.programme.services import import_session_file

SESSIONS = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions"
SEED = SESSIONS / "gcm-its2-drivers.yaml"
VIENNA = SESSIONS / "gcm-its5-vienna.yaml"
DAY1 = "/sessions/gcm-its2-drivers/journal/2017-05-22"


@pytest.fixture
def seed(db: None) -> Session:
    return import_session_file(SEED)


def text_of(response: Any) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|head)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def rows(response: Any) -> list[str]:
    """The day's items, one text per table row of the items table, in page order."""
    html = response.content.decode()
    body = html.split('<table class="items">', 1)[1].split("</table>", 1)[0]
    return [
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r))).strip()
        for r in re.findall(r"<tr class=\"item.*?</tr>", body, flags=re.S)
    ]


def test_the_seed_days_journal_has_the_panels_times_titles_and_the_venue(
    client: Any, seed: Session
) -> None:
    response = client.get(DAY1)
    assert response.status_code == 200
    page = text_of(response)
    assert "Monday, 22 May 2017" in page
    assert seed.title in page
    assert "United Nations Headquarters, ECOSOC Chamber, New York" in page
    assert "Webcast webtv.un.org" in page
    assert "Co-chairs TBC (Mexico); TBC (Switzerland)" in page
    items = rows(response)
    assert items[0].startswith("10:00–10:10 Welcome remarks by the co-facilitators")
    panel1 = next(x for x in items if "Panel 1:" in x)
    assert panel1.startswith("10:15–13:00 Panel 1: Sustainable development and poverty eradication")
    assert "Moderator TBC (Bangladesh)" in panel1
    panel2 = next(x for x in items if "Panel 2:" in x)
    assert panel2.startswith("15:00–17:50 Panel 2: Human-made crises as drivers of migration")
    lunch = next(x for x in items if x.startswith("13:00–15:00"))
    assert "Side events 13:15–14:45" in lunch
    # the day is this day only: the second day's panel is not on it
    assert "Panel 3" not in page and "Summary panel" not in page
    # printable: its stylesheet has the print rules, in logical properties
    css = (Path(settings.PACKAGE_DIR) / "programme/static/programme/journal.css").read_text()
    assert "@media print" in css and "size: A4" in css
    assert not re.search(r"(margin|padding|border)-(left|right|top|bottom)|\b(left|right):", css)


def test_the_journal_links_the_previous_and_next_day_and_the_programme_each_day(
    client: Any, seed: Session
) -> None:
    first = client.get(DAY1).content.decode()
    assert 'rel="next" href="/sessions/gcm-its2-drivers/journal/2017-05-23"' in first
    assert 'rel="prev"' not in first
    second = client.get("/sessions/gcm-its2-drivers/journal/2017-05-23")
    assert second.status_code == 200
    html = second.content.decode()
    assert 'rel="prev" href="/sessions/gcm-its2-drivers/journal/2017-05-22"' in html
    assert 'rel="next"' not in html
    assert "Tuesday, 23 May 2017" in text_of(second)
    assert any(x.startswith("15:00–17:30 Summary panel") for x in rows(second))
    programme = client.get("/sessions/gcm-its2-drivers/").content.decode()
    links = re.findall(r'href="(/sessions/gcm-its2-drivers/journal/[^"]+)"', programme)
    assert links == [DAY1, "/sessions/gcm-its2-drivers/journal/2017-05-23"]


def test_the_journal_page_is_translated(client: Any, seed: Session) -> None:
    page = text_of(client.get(DAY1, headers={"accept-language": "fr"}))
    assert "lundi" in page.lower() and "mai 2017" in page  # Django's own French date names


@pytest.mark.parametrize(
    ("day", "status", "message"),
    [
        ("2017-05-24", 404, "does not meet on Wednesday 24 May 2017"),  # after the session
        ("2016-05-22", 404, "does not meet on Sunday 22 May 2016"),
        ("2017-02-30", 404, "is not a date"),
        ("abc", 404, "is not a date"),
        ("20170522", 404, "is not a date"),  # ISO, but not YYYY-MM-DD
        ("2" * 300, 404, "is not a date"),
        ("２０１７-05-22", 404, "is not a date"),  # full-width digits
    ],
)
def test_a_day_outside_the_session_or_not_a_date_is_refused(
    client: Any, seed: Session, day: str, status: int, message: str
) -> None:
    response = client.get(f"/sessions/gcm-its2-drivers/journal/{day}")
    assert response.status_code == status
    page = text_of(response)
    assert message in page
    assert "Monday 22 May 2017" in page  # the session's days, to pick from
    assert "2" * 60 not in page  # a long input is not echoed whole


def test_a_nul_in_the_date_is_refused_at_the_door(client: Any, seed: Session) -> None:
    response = client.get("/sessions/gcm-its2-drivers/journal/2017-05-22%00")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_an_unknown_session_has_no_journal(client: Any, db: None) -> None:
    response = client.get("/sessions/nope/journal/2017-05-22")
    assert response.status_code == 404
    assert "There is no session" in text_of(response)


def test_vienna_shows_both_moderators_of_a_panel(client: Any, db: None) -> None:
    import_session_file(VIENNA)
    response = client.get("/sessions/gcm-its5-vienna/journal/2017-09-04")
    assert response.status_code == 200
    assert "Vienna International Centre, Vienna" in text_of(response)
    panel2 = next(x for x in rows(response) if "Panel 2:" in x)
    assert panel2.startswith("15:00–18:00 Panel 2: Decent work, labour mobility")
    assert "Moderators TBC (Austria); TBC (Australia)" in panel2
    first = rows(response)[0]
    assert first.startswith("09:00–09:50 Stakeholder dialogue with the co-facilitators")


def test_export_journal_writes_every_day_as_text(seed: Session, capsysbinary: Any) -> None:
    call_command("export", "gcm-its2-drivers", "--format", "journal")
    text = capsysbinary.readouterr().out.decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "Monday, 22 May 2017" and lines[1] == "=" * len(lines[0])
    day2 = lines.index("Tuesday, 23 May 2017")
    assert day2 > lines.index("17:50–18:00  Closing remarks by the co-facilitators")
    assert "Room: United Nations Headquarters, ECOSOC Chamber, New York" in lines
    assert "Webcast: webtv.un.org" in lines
    assert "Co-chairs: TBC (Mexico); TBC (Switzerland)" in lines
    i = lines.index("10:15–13:00  Panel 1: Sustainable development and poverty eradication")
    assert lines[i + 1].strip() == "Moderator: TBC (Bangladesh)"
    assert lines[i + 2].strip() == "Experts: TBC; TBC; TBC"
    j = lines.index("13:00–15:00  Lunch · space for side events")
    assert lines[j + 1].strip() == "Side events: 13:15–14:45"
    summary = lines.index(
        "15:00–17:30  Summary panel: synopsis of the main conclusions and outcomes"
    )
    assert summary > day2
    assert lines[summary + 1].strip() == "Moderators: TBC (Bangladesh); TBC (Ghana); TBC (Fiji)"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_export_journal_to_a_file_is_utf8(seed: Session, tmp_path: Path) -> None:
    target = tmp_path / "journal.txt"
    call_command("export", "gcm-its2-drivers", "--format", "journal", "-o", str(target))
    raw = target.read_bytes()
    assert "10:00–10:10".encode() in raw  # the en dash, in UTF-8
    assert raw.decode("utf-8").count("Webcast: webtv.un.org") == 2  # once per day
