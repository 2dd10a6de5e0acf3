"""What moderators, delegates and the public see on the floor's pages: the console's segment
picker, times in the venue's zone, the delegate's statement link and time limit."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from podium.floor.tests.conftest import client_for, post

SLUG = "gcm-its2-drivers"
NEW_YORK = ZoneInfo("America/New_York")


def options(html: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of the console's segment picker."""
    select = html.split('id="c-segment-choice"', 1)[1].split("</select>", 1)[0]
    return [
        (value, " selected" in attrs, label)
        for value, attrs, label in re.findall(
            r'<option value="([^"]+)"([^>]*)>([^<]*)</option>', select
        )
    ]


def test_segment_picker_tells_the_two_days_apart(seed: Any) -> None:
    html = client_for("mod1").get(f"/sessions/{SLUG}/floor/console").content.decode()
    opts = options(html)
    labels = [label for _, _, label in opts]
    assert "Day 1 · 10:00 · Welcome remarks by the co-facilitators" in labels
    assert "Day 2 · 10:00 · Welcome remarks by the co-facilitators" in labels
    assert "Day 1 · 17:50 · Closing remarks by the co-facilitators" in labels
    assert "Day 2 · 17:50 · Closing remarks by the co-facilitators" in labels
    assert "Day 1 · 10:15 · Panel 1: Sustainable development and poverty eradication" in labels
    assert len(set(labels)) == len(labels)
    # the seed session is in 2017: nothing is "now or next", so the first segment not closed
    # that this chair may open: panel 1 for its moderator (the welcome is the co-chairs')
    assert [v for v, sel, _ in opts if sel] == ["panel-1"]
    assert 'value="welcome-2017-05-22-1000" disabled' in html
    chair = client_for("chair").get(f"/sessions/{SLUG}/floor/console").content.decode()
    assert [v for v, sel, _ in options(chair) if sel] == ["welcome-2017-05-22-1000"]


def test_segment_picker_preselects_the_segment_now_or_next(seed: Any) -> None:
    from podium.floor.views import segment_choices

    def picked(now: datetime, closed: tuple[str, ...] = ()) -> str:
        return next(o["id"] for o in segment_choices(seed, list(closed), now) if o["selected"])

    assert picked(datetime(2017, 5, 22, 11, 0, tzinfo=NEW_YORK)) == "panel-1"
    # over lunch: the next one
    assert picked(datetime(2017, 5, 22, 13, 30, tzinfo=NEW_YORK)) == "panel-2"
    # panel 1 closed early: the next one
    assert picked(datetime(2017, 5, 22, 12, 0, tzinfo=NEW_YORK), ("panel-1",)) == "panel-2"
    assert picked(datetime(2017, 5, 23, 9, 0, tzinfo=NEW_YORK)) == "welcome-2017-05-23-1000"


def test_console_selects_the_open_segment(seed: Any) -> None:
    mod = client_for("mod1")
    assert post(mod, SLUG, command="open_segment", segment="panel-1").status_code == 200
    opts = options(mod.get(f"/sessions/{SLUG}/floor/console").content.decode())
    assert [v for v, sel, _ in opts if sel] == ["panel-1"]


def test_live_page_shows_venue_times(seed: Any, settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Tokyo"  # neither the server's nor the browser's zone matters
    html = client_for(None).get(f"/sessions/{SLUG}/live").content.decode()
    assert "Times are New York time (America/New_York)." in html
    assert re.search(r"Mon 22 May 10:15</time>–<time[^>]*>13:00</time></span>\s*Sustainable", html)
    assert re.search(
        r"Tue 23 May 15:00</time>–<time[^>]*>17:30</time></span>\s*Summary panel", html
    )


def test_delegate_links_statement_upload_and_shows_the_floor_limit(seed: Any) -> None:
    mex = client_for("mex")
    html = mex.get(f"/sessions/{SLUG}/floor/delegate").content.decode()
    assert f'href="/sessions/{SLUG}/statements/upload"' in html
    assert "Upload a statement" in html
    assert 'id="d-limit" hidden' in html  # no segment open: no limit to show
    post(client_for("mod1"), SLUG, command="open_segment", segment="panel-1")
    html = mex.get(f"/sessions/{SLUG}/floor/delegate").content.decode()
    assert "Time limit for interventions from the floor: 3 min" in html
    # the link leads to the record's upload page for this delegate
    assert mex.get(f"/sessions/{SLUG}/statements/upload").status_code == 200


def test_the_console_names_segments_as_the_record_pickers_do(seed: Any) -> None:
    from django.utils import timezone

    from podium.floor.views import segment_choices

    labels = {o["id"]: o["label"] for o in segment_choices(seed, [], timezone.now())}
    assert (
        labels["panel-1"]
        == "Day 1 · 10:15 · Panel 1: Sustainable development and poverty eradication"
    )


def test_the_room_is_drawn_in_the_layout_its_address_asks_for(seed: Any) -> None:
    """`?layout=` per page load (several screens, several layouts); none or empty: full; an
    unknown one is a 400 page naming the layouts, each a link."""
    from django.test import Client

    room = f"/sessions/{SLUG}/room"
    for query, layout in (
        ("", "full"),
        ("?layout=", "full"),
        ("?layout=full", "full"),
        ("?layout=speaker", "speaker"),
        ("?layout=line", "line"),
        ("?layout=lower-third", "lower-third"),
    ):
        r = Client().get(room + query)
        assert r.status_code == 200, query
        assert f'<body class="room room-{layout}"' in r.content.decode(), query
    r = Client().get(room + "?layout=lowerthird")
    assert r.status_code == 400
    html = r.content.decode()
    assert "There is no layout “lowerthird”" in html
    assert re.findall(r'<a href="([^"]+)"><code>', html) == [
        room,
        f"{room}?layout=speaker",
        f"{room}?layout=line",
        f"{room}?layout=lower-third",
    ]
    assert "&lt;b&gt;" in Client().get(room + "?layout=<b>").content.decode()
