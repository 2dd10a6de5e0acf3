"""The series' other sessions, bundled as session files: each passes `podium check`, imports,
and shows what makes it different on the programme page, in iCal and in the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.conf import settings
from django.test import Client

from podium.core import sessionfile
from podium.programme.services import import_session_file, programme_of

SESSIONS = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions"
FILES = ["gcm-its5-vienna.yaml", "gcm-its6-geneva.yaml", "gcm-hearing-2017.yaml"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", FILES)
def test_each_bundled_session_passes_the_checks_and_round_trips(name: str) -> None:
    parsed = sessionfile.check(SESSIONS / name)
    assert parsed.ok, [p.format(name) for p in parsed.errors]
    session = import_session_file(SESSIONS / name)
    assert programme_of(session) == parsed.programme  # what is stored is what the file says


def test_vienna_two_moderators_and_the_stakeholder_dialogue_show_everywhere(client: Client) -> None:
    session = import_session_file(SESSIONS / "gcm-its5-vienna.yaml")
    page = client.get(f"/sessions/{session.slug}/").content.decode()
    assert "Stakeholder dialogue" in page and "Austria" in page and "Australia" in page
    assert page.count("Moderators") >= 3  # panels 2 and 3, and the summary panel
    assert session.time_zone == "Europe/Vienna"
    cal = icalendar.Calendar.from_ical(
        client.get(f"/sessions/{session.slug}/programme.ics").content
    )
    events = [e for e in cal.walk("VEVENT")]
    dialogue = next(e for e in events if "stakeholder_dialogue" in str(e.get("categories").cats))
    assert dialogue.decoded("dtstart").strftime("%H:%M %Z") == "09:00 CEST"
    panel2 = next(e for e in events if "Decent work" in str(e.get("summary")))
    assert "(AUT)" in str(panel2.get("description")) and "(AUS)" in str(panel2.get("description"))
    data = client.get(f"/api/sessions/{session.slug}").json()
    assert [m["entity"] for m in data["panels"][1]["moderators"]] == ["AUT", "AUS"]


def test_geneva_is_opened_by_the_pga_and_the_hearing_moderated_by_ohchr(client: Client) -> None:
    geneva = import_session_file(SESSIONS / "gcm-its6-geneva.yaml")
    page = client.get(f"/sessions/{geneva.slug}/").content.decode()
    assert "Miroslav Lajčák" in page and "Room XIX" in page and "Germany" in page
    opening = programme_of(geneva).days[0].segments[0]
    assert [s.speaker.name for s in programme_of(geneva).slots(opening) if s.speaker] == [
        "Miroslav Lajčák"
    ]
    hearing = import_session_file(SESSIONS / "gcm-hearing-2017.yaml")
    p = programme_of(hearing)
    assert p.moderators_may_be == ("un_entity", "member_state")
    assert p.floor.rounds[0] == "stakeholders"
    page = client.get(f"/sessions/{hearing.slug}/").content.decode()
    assert "Office of the United Nations High Commissioner for Human Rights" in page
    assert client.get(f"/api/sessions/{hearing.slug}").json()["format"]["moderators_may_be"] == [
        "un_entity",
        "member_state",
    ]


STOCKTAKING = """
slug: gcm-stocktaking
title: Preparatory (stocktaking) meeting for the intergovernmental conference
venue: Puerto Vallarta
city: Puerto Vallarta
time_zone: America/Mexico_City
format: {moderators_may_be: [member_state, co_chair]}
co_chairs: [{name: Juan José Gómez Camacho, entity: MEX}, {name: Jürg Lauber, entity: CHE}]
panels:
  - number: 1
    title: Stocktaking of the consultations
    moderator: {name: Jürg Lauber, entity: CHE}
    experts: [TBC]
days:
  - date: 2017-12-04
    blocks: ["08:00-09:30", "10:00-13:00", "15:00-18:00"]
    segments:
      - {time: "08:00-09:30", kind: registration}
      - time: "10:00-11:00"
        kind: ceremony
        title: Opening ceremony
        speakers:
          - {name: TBC, title: Head of State of the host country, role: opening}
          - {name: TBC, title: Minister of Foreign Affairs, role: address}
      - {time: "11:00-13:00", kind: expert_panel, panel: 1}
      - {time: "15:00-18:00", kind: other, title: Action-oriented dialogues}
  - date: 2017-12-05
    blocks: ["10:00-13:00"]
    segments:
      - {time: "10:00-13:00", kind: concluding_panel, title: Concluding panel chaired by the co-facilitators}
  - date: 2017-12-06
    blocks: ["10:00-12:00"]
    segments:
      - {time: "10:00-11:50", kind: other, title: Closing plenary}
      - {time: "11:50-12:00", kind: closing}
"""


def test_the_three_day_stocktaking_meeting_is_expressible() -> None:
    parsed = sessionfile.check_text(STOCKTAKING)
    assert parsed.ok, [p.format("stocktaking") for p in parsed.problems]
    p = parsed.programme
    assert p is not None and len(p.days) == 3
    assert p.panel(1) is not None and p.panel(1).moderator.entity == "CHE"  # a co-facilitator
    again = sessionfile.parse(sessionfile.dump(p))
    assert again.problems == [] and again.programme == p


def test_a_title_given_in_several_languages_is_shown_in_the_readers(client: Any, db: None) -> None:
    """`title: {en: …, fr: …}` on a panel: the French reader sees the French title, a Chinese
    reader (not given) the English one; the file's export keeps every language."""
    from django.conf import settings

    from podium.programme.services import import_session_text, programme_yaml

    seed = settings.PACKAGE_DIR / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    text = seed.read_text(encoding="utf-8").replace(
        "    title: Sustainable development and poverty eradication\n",
        "    title:\n      en: Sustainable development and poverty eradication\n"
        "      fr: Développement durable et élimination de la pauvreté\n",
        1,
    )
    session = import_session_text(text)
    url = f"/sessions/{session.slug}/"
    assert "Développement durable et élimination" in client.get(url + "?lang=fr").content.decode()
    zh = client.get(url + "?lang=zh-hans").content.decode()
    assert "Sustainable development and poverty eradication" in zh and "Développement" not in zh
    journal = client.get(f"/sessions/{session.slug}/journal/2017-05-22?lang=fr").content.decode()
    assert "Développement durable" in journal
    exported = programme_yaml(session)
    assert "fr: Développement durable et élimination de la pauvreté" in exported


def test_the_venues_time_zone_is_named_in_the_readers_language(client: Any, db: None) -> None:
    from django.conf import settings

    from podium.programme.services import import_session_file

    vienna = import_session_file(
        settings.PACKAGE_DIR / "fixtures" / "sessions" / "gcm-its5-vienna.yaml"
    )
    url = f"/sessions/{vienna.slug}/"
    assert "Central European Time (Europe/Vienna)" in client.get(url).content.decode()
    fr = client.get(url + "?lang=fr").content.decode()
    assert "heure d’Europe centrale (Europe/Vienna)" in fr
    assert "中欧" in client.get(url + "?lang=zh-hans").content.decode()


def test_a_segments_title_in_several_languages(client: Any, db: None) -> None:
    from django.conf import settings

    from podium.programme.services import import_session_text, programme_yaml

    seed = settings.PACKAGE_DIR / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"
    text = seed.read_text(encoding="utf-8").replace(
        "        title: Welcome remarks by the co-facilitators\n",
        "        title: {en: Welcome remarks by the co-facilitators,"
        " es: Palabras de bienvenida de los cofacilitadores}\n",
        1,
    )
    session = import_session_text(text)
    es = client.get(f"/sessions/{session.slug}/?lang=es").content.decode()
    assert "Palabras de bienvenida de los cofacilitadores" in es
    en = client.get(f"/sessions/{session.slug}/").content.decode()
    assert "Welcome remarks by the co-facilitators" in en and "Palabras" not in en
    assert "es: Palabras de bienvenida de los cofacilitadores" in programme_yaml(session)
