"""Commands, import/export round trip, pages, iCal feed, JSON API and admin validation."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from io import StringIO
from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis.extra.django import TestCase as HypothesisTestCase

from podium.core import programme as core
from podium.core import sessionfile
from podium.core.tests.test_programme import GENEVA, broken, programmes
from podium.programme import extensions
from podium.programme.exports import EXPORTERS
from podium.programme.models import Segment, Session
from podium.programme.services import (
    floor_options,
    import_session_file,
    import_session_text,
    programme_of,
)

SEED = Path(settings.PACKAGE_DIR) / "fixtures" / "sessions" / "gcm-its2-drivers.yaml"


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


# --- commands -----------------------------------------------------------------------------


def test_check_on_the_bundled_file_exits_0_with_the_budget() -> None:
    code, out, err = run("check", str(SEED))
    assert code == 0
    line = next(
        x for x in out.splitlines() if "Sustainable development and poverty eradication" in x
    )
    assert " 165 " in line and "29–35" in line and "room for 43–45 interventions of 3 min" in line
    assert "warning: side-event window 13:15–14:45 differs from the lunch break" in err


def test_check_json_writes_only_json_on_stdout_and_problems_in_line_order(
    tmp_path: Path,
) -> None:
    """Finding: `podium check FILE --json` printed the warnings on stdout before the JSON."""
    code, out, err = run("check", str(SEED), "--json")
    assert code == 0
    assert json.loads(out)[0]["kind"] == "welcome"  # stdout is the JSON and nothing else
    assert "warning:" in err
    text, _line = broken(
        "moderator: {name: TBC, entity: BGD}", "moderator: {name: TBC, entity: IOM}"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, _out, err = run("check", str(bad))
    lines = [int(x.split(":")[1]) for x in err.splitlines() if x.startswith(str(bad))]
    assert code == 1 and lines == sorted(lines) and "warning:" in err and "IOM" in err


def test_check_reports_file_line_message_and_exits_1(tmp_path: Path) -> None:
    text, line = broken(
        "moderator: {name: TBC, entity: BGD}", "moderator: {name: TBC, entity: IOM}"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, _out, err = run("check", str(bad))
    assert code == 1
    assert f"{bad}:{line}: the moderator of panel 1 must represent a Member State" in err


def test_check_speaks_the_language_it_is_given_and_english_by_default(tmp_path: Path) -> None:
    text, line = broken(
        "moderator: {name: TBC, entity: BGD}", "moderator: {name: TBC, entity: IOM}"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, _out, err = run("check", "--language", "fr", str(bad))
    assert code == 1
    assert (
        f"{bad}:{line}: le modérateur de la réunion-débat 1 doit représenter un État Membre, "
        "mais IOM est de type igo"
    ) in err.splitlines()
    assert "avertissement\u00a0: le créneau des manifestations parallèles 13:15–14:45" in err
    code, out, _err = run("check", "--language", "zh-hans", str(SEED))
    assert code == 0 and out.startswith(f"{SEED}：OK（gcm-its2-drivers）")
    assert "警告：会外活动时间窗 13:15–14:45 与午休 13:00–15:00 不一致" in _err
    with translation.override("fr"):  # whatever the environment says: English unless asked
        code, _out, err = run("check", str(bad))
    assert f"{bad}:{line}: the moderator of panel 1 must represent a Member State" in err
    with pytest.raises(CommandError, match="unknown language 'xx'"):
        run("check", "--language", "xx", str(bad))


def test_check_without_files_is_djangos_system_check() -> None:
    code, out, _err = run("check")
    assert code == 0 and "System check identified" in out


def test_budget_json_is_stable() -> None:
    code, out, _err = run("budget", str(SEED), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["session"] == "gcm-its2-drivers"
    panel1 = next(s for s in doc["segments"] if s["panel"] == 1)
    assert panel1 == {
        "date": "2017-05-22",
        "start": "10:15",
        "end": "13:00",
        "kind": "expert_panel",
        "title": "Sustainable development and poverty eradication",
        "panel": 1,
        "length": 165,
        "fixed": {"min": 29, "max": 35},
        "floor": {"min": 130, "max": 136},
        "intervention": {"min": 3, "max": 3},
        "interventions": {"min": 43, "max": 45},
    }


@pytest.mark.django_db
def test_import_prints_the_slug_last_and_is_idempotent() -> None:
    for _ in range(2):
        code, out, _err = run("import", str(SEED))
        assert code == 0
        assert out.strip().splitlines()[-1] == "gcm-its2-drivers"
    assert Session.objects.count() == 1
    assert Segment.objects.count() == 12


@pytest.mark.django_db
def test_import_refuses_a_broken_file(tmp_path: Path) -> None:
    text, line = broken('time: "17:50-18:00"', 'time: "17:50-18:10"')
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, _out, err = run("import", str(bad))
    assert code == 1 and f"bad.yaml:{line}: segment 17:50–18:10" in err
    assert not Session.objects.exists()


# --- round trip ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_import_export_import_keeps_the_programme(tmp_path: Path, fmt: str) -> None:
    session = import_session_file(SEED)
    before = programme_of(session)
    assert before == sessionfile.check(SEED).programme
    exported = tmp_path / f"out.{fmt}"
    call_command("export", "gcm-its2-drivers", "--format", fmt, "-o", str(exported))
    Session.objects.all().delete()
    again = import_session_file(exported)
    assert programme_of(again) == before


@pytest.mark.django_db
def test_geneva_session_round_trips_through_the_database() -> None:
    session = import_session_text(GENEVA)
    p = programme_of(session)
    assert p == sessionfile.check_text(GENEVA).programme
    assert floor_options(session).rounds == ("member-states", "stakeholders")
    assert floor_options(session, 2).intervention == core.Limit(2, 2)
    seg = Segment.objects.get(session=session, panel_number=1)
    assert seg.start == datetime(2026, 3, 10, 9, 10, tzinfo=UTC)  # 10:10 in Geneva (CET)


class GeneratedRoundTrip(HypothesisTestCase):
    @hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(programmes())
    def test_generated_programmes_round_trip_through_the_database(self, p: core.Programme) -> None:
        session = import_session_text(sessionfile.dump(p))
        assert programme_of(session) == p
        again = import_session_text(EXPORTERS["yaml"](session).decode())
        assert programme_of(again) == p


# --- pages and feeds ----------------------------------------------------------------------


@pytest.fixture
def seed(db: None) -> Session:
    return import_session_file(SEED)


def test_programme_page_shows_days_panels_and_people(client: Any, seed: Session) -> None:
    response = client.get("/sessions/gcm-its2-drivers/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Monday 22 May 2017",
        "Tuesday 23 May 2017",
        "Human-made crises as drivers of migration",
        "preventive diplomacy",
        "Moderator",
        "Thematic expert",
        "TBC (Ghana)",
        "ECOSOC Chamber",
        "America/New_York",
        "10:15",
        "programme.ics",
    ):
        assert text in html, text


def test_programme_page_in_the_viewers_zone(client: Any, seed: Session) -> None:
    html = client.get("/sessions/gcm-its2-drivers/?tz=Europe/Zurich").content.decode()
    assert "Europe/Zurich" in html
    assert "Mon 16:15–19:00" in html  # panel 1, 10:15–13:00 in New York (EDT)
    bad = client.get("/sessions/gcm-its2-drivers/?tz=Mars/Olympus")
    assert bad.status_code == 200 and "Unknown time zone" in bad.content.decode()
    # a directory of the zone database, a path, a long or odd value: a notice, never a 500
    for odd in ("America", "../../etc/passwd", "x" * 300, "UTC/.."):
        r = client.get("/sessions/gcm-its2-drivers/", {"tz": odd})
        assert r.status_code == 200 and "Unknown time zone" in r.content.decode(), odd
    assert client.get("/sessions/gcm-its2-drivers/", {"tz": "UTC\x00"}).status_code == 400


def test_an_untitled_segment_is_named_by_its_kind_in_the_readers_language(
    client: Any, seed: Session
) -> None:
    Segment.objects.filter(session=seed, kind="lunch").update(title="")
    html = client.get("/sessions/gcm-its2-drivers/").content.decode()
    assert "<h3>Lunch break</h3>" in html
    cal = icalendar.Calendar.from_ical(
        client.get("/sessions/gcm-its2-drivers/programme.ics").content
    )
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")].count("Lunch break") == 2


def test_unknown_session_is_404(client: Any, db: None) -> None:
    assert client.get("/sessions/nope/").status_code == 404
    response = client.get("/api/sessions/nope")
    assert response.status_code == 404 and "error" in response.json()


def test_ical_feed_parses_and_its_times_are_right_in_utc(client: Any, seed: Session) -> None:
    response = client.get("/sessions/gcm-its2-drivers/programme.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    zones = [c for c in cal.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["America/New_York"]
    events = cal.walk("VEVENT")
    assert len(events) == 12
    panel1 = next(e for e in events if str(e["SUMMARY"]).startswith("Sustainable development"))
    start = panel1.decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2017, 5, 22, 14, 15, tzinfo=UTC)
    assert panel1.decoded("DTEND").astimezone(UTC) == datetime(2017, 5, 22, 17, 0, tzinfo=UTC)
    assert "ECOSOC Chamber" in str(panel1["LOCATION"])
    # the VTIMEZONE itself says EDT (UTC-4) on 22 May 2017, as a client without tz data reads it
    own_zone = zones[0].to_tz()
    local = datetime(2017, 5, 22, 10, 15, tzinfo=own_zone)
    assert local.astimezone(UTC) == datetime(2017, 5, 22, 14, 15, tzinfo=UTC)


@pytest.mark.django_db
def test_ical_for_geneva_has_its_time_zone() -> None:
    session = import_session_text(GENEVA)
    cal = icalendar.Calendar.from_ical(EXPORTERS["ical"](session))
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Zurich"]
    first = cal.walk("VEVENT")[0]
    assert first.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_api_matches_the_json_export(client: Any, seed: Session) -> None:
    listing = client.get("/api/sessions/").json()
    assert [s["slug"] for s in listing["sessions"]] == ["gcm-its2-drivers"]
    assert listing["sessions"][0]["start_date"] == "2017-05-22"
    detail = client.get("/api/sessions/gcm-its2-drivers").json()
    assert detail == json.loads(EXPORTERS["json"](seed))
    assert detail["days"][0]["segments"][2]["starts_at"] == "2017-05-22T10:15:00-04:00"
    assert detail["floor"]["rounds"] == ["member-states", "panelists", "stakeholders", "panelists"]


# --- admin --------------------------------------------------------------------------------


def test_admin_refuses_a_change_that_breaks_the_rules(client: Any, seed: Session) -> None:
    admin = get_user_model().objects.create_superuser("sec", "sec@example.org", "pw-123456")
    client.force_login(admin)
    seg = Segment.objects.get(session=seed, kind="closing", day__date=date(2017, 5, 22))
    url = f"/admin/programme/segment/{seg.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "17:50" in page.content.decode()  # edited in the venue's time zone
    form = {
        "session": seed.pk,
        "day": seg.day_id,
        "kind": "closing",
        "title": seg.title,
        "description": "",
        "start_0": "2017-05-22",
        "start_1": "17:50:00",
        "end_0": "2017-05-22",
        "end_1": "18:30:00",
        "panel_number": "",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, form, follow=True)
    text = response.content.decode()
    assert "Not saved" in text and "outside the meeting blocks" in text
    seg.refresh_from_db()
    assert seg.end.astimezone(core.ZoneInfo("America/New_York")).time() == time(18, 0)
    # the problems in the reader's language
    fr = client.post(url, form, follow=True, headers={"Accept-Language": "fr"}).content.decode()
    assert "séquence 17:50–18:30 (allocutions de clôture) est en dehors des plages de réunion" in fr


def test_other_apps_add_links_and_sections_without_breaking_the_page(
    client: Any, seed: Session, tmp_path: Path, settings: Any
) -> None:
    (tmp_path / "extra.html").write_text("<section id='extra'>Side events of {{ slug }}</section>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), str(tmp_path)]}
    ]

    def broken(session: Any) -> str:
        raise RuntimeError("an app's bug")

    saved = (list(extensions._links), list(extensions._sections))
    try:
        extensions.register_link("Live floor", lambda s: f"/sessions/{s.slug}/live")
        extensions.register_link("Broken", broken)
        extensions.register_section("extra.html", lambda s: {"slug": s.slug})
        html = client.get("/sessions/gcm-its2-drivers/").content.decode()
    finally:
        extensions._links[:], extensions._sections[:] = saved
    assert '<a href="/sessions/gcm-its2-drivers/live">Live floor</a>' in html
    assert "Broken" not in html
    assert "Side events of gcm-its2-drivers" in html
