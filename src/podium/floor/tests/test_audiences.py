"""Each screen is sent its audience's view of the floor over the real server: only what it
shows, nothing when that did not change, the newest state when changes come fast."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from podium.core import views

from .test_socket import api, token_for

SLUG = "gcm-its2-drivers"


class Screen:
    """A socket of one audience, reading everything it is sent."""

    def __init__(self, server: Any, view: str = "", token: str = "") -> None:
        from websockets.sync.client import connect

        query = f"?view={view}" if view else ""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = server.url.replace("http", "ws") + f"/ws/sessions/{SLUG}/floor{query}"
        self.ws = connect(url, open_timeout=10, additional_headers=headers)
        self.got: list[dict[str, Any]] = []
        self.patches = 0

    def receive(self, timeout: float) -> dict[str, Any]:
        """The next message; a console's patch applied as its script does (to the view this
        socket holds at the patch's base version)."""
        message = json.loads(self.ws.recv(timeout=timeout))
        self.patches += "base" in message
        if "base" in message:
            assert self.got and self.got[-1]["version"] == message["base"], "a patch of what?"
            message = views.apply_patch(self.got[-1], message)
        return dict(message)

    def until(self, version: int, timeout: float = 10) -> dict[str, Any]:
        """Read until a message at `version` or later (the last one read)."""
        deadline = time.monotonic() + timeout
        while not self.got or self.got[-1]["version"] < version:
            self.got.append(self.receive(max(0.1, deadline - time.monotonic())))
        return self.got[-1]

    def quiet(self, wait: float = 0.3) -> list[dict[str, Any]]:
        """What arrives within `wait` seconds."""
        from websockets.exceptions import ConnectionClosed

        out = []
        deadline = time.monotonic() + wait
        try:
            while time.monotonic() < deadline:
                out.append(self.receive(deadline - time.monotonic()))
                self.got.append(out[-1])
        except (TimeoutError, ConnectionClosed):
            pass
        return out

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def every_change(settings: Any) -> None:
    settings.PODIUM_LIVE_FRAME_MS = 0  # each change as it comes: what is checked is what


def test_each_audience_gets_its_view_and_nothing_when_its_view_did_not_change(
    every_change: None, asgi_server: Any, seed: Any
) -> None:
    mod, mex, bgd = token_for("mod1"), token_for("mex"), token_for("bgd")
    api(asgi_server, mod, {"command": "open_segment", "segment": "panel-1"})
    v = api(asgi_server, mod, {"command": "open_discussion"})[1]["version"]
    room, public = Screen(asgi_server, "room"), Screen(asgi_server, "public")
    phone = Screen(asgi_server, "delegate", mex)
    console, full = Screen(asgi_server, "console", mod), Screen(asgi_server, "")
    for s in (room, public, phone, console, full):
        assert s.until(v)["version"] == v
    api(asgi_server, mex, {"command": "request"})  # under the delegate's name: Ana Torres
    for code in ("DEU", "NGA", "FRA", "BRA", "KEN", "JPN", "CAN", "CHL", "EGY"):
        v = api(asgi_server, mod, {"command": "request", "entity": code})[1]["version"]
    for s in (room, phone, console):
        s.until(v)
    assert len(room.got[-1]["next"]) == 10
    # an eleventh request, at place 11: the room's "next ten" and the public screen do not change
    fourth = api(asgi_server, bgd, {"command": "request"})[1]["version"]
    assert [m["version"] for m in console.quiet()] == [fourth]
    assert room.quiet() == [] and public.quiet() == []
    mine = phone.until(fourth)["mine"]["MEX"]  # the count of those waiting changed
    assert (mine["place"], mine["line"]) == (1, "member_states") and mine["wait_min"] >= 0
    full.until(fourth)
    # the public screen never received a waiting delegation's details; the room no person
    for m in public.got + room.got:
        assert "lines" not in m and "speaker_called" not in json.dumps(m)
    assert all("Ana Torres" not in json.dumps(m) for m in room.got + public.got)
    assert "Ana Torres" in json.dumps(console.got[-1])  # Mexico's delegate, by name
    assert console.got[-1]["notes"] == [] and "notes" not in full.got[-1]
    assert console.patches >= 3  # after its first view, a console is sent patches
    # a change every screen shows reaches every one
    called = api(asgi_server, mod, {"command": "call_next"})[1]["version"]
    for s in (room, public, phone, console, full):
        assert s.until(called)["current"]["entity"] == "MEX"
    assert phone.got[-1]["mine"]["MEX"] is None  # Mexico has the floor: no longer in line
    for s in (room, public, phone, console, full):
        s.close()


def test_views_that_need_a_user_refuse_the_others(asgi_server: Any, seed: Any) -> None:
    from websockets.exceptions import ConnectionClosed

    def close_code(view: str, token: str = "") -> int:
        with pytest.raises(ConnectionClosed) as info:
            Screen(asgi_server, view, token).until(10**9)
        assert info.value.rcvd is not None
        return int(info.value.rcvd.code)

    assert close_code("console") == 4401
    assert close_code("console", token_for("mex")) == 4403  # a delegate does not chair
    assert close_code("delegate", token_for("mod1")) == 4403  # a moderator has no delegation
    assert close_code("rooms") == 4400
    # and over HTTP, the same views
    import urllib.error
    import urllib.request

    def get(view: str, token: str = "") -> tuple[int, dict[str, Any]]:
        req = urllib.request.Request(
            f"{asgi_server.url}/api/sessions/{SLUG}/floor?view={view}",
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    assert get("console")[0] == 401 and get("console", token_for("mex"))[0] == 403
    status, view = get("delegate", token_for("mex"))
    assert status == 200 and view["view"] == "delegate" and view["mine"] == {"MEX": None}
    status, view = get("room")
    assert status == 200 and view["view"] == "room" and "lines" not in view
    assert get("nope")[0] == 400


def test_changes_coming_fast_are_sent_as_the_newest_and_the_last_is_never_lost(
    settings: Any, asgi_server: Any, seed: Any
) -> None:
    settings.PODIUM_LIVE_FRAME_MS = 300  # long frames: the burst below fits in one or two
    mod = token_for("mod1")
    api(asgi_server, mod, {"command": "open_segment", "segment": "panel-1"})
    v = api(asgi_server, mod, {"command": "open_discussion"})[1]["version"]
    console = Screen(asgi_server, "console", mod)
    console.until(v)
    codes = ["MEX", "DEU", "NGA", "FRA", "BRA", "IND", "KEN", "ARG"]
    for code in codes:
        v = api(asgi_server, mod, {"command": "request", "entity": code})[1]["version"]
    last = console.until(v)
    received = [m["version"] for m in console.got[1:]]
    assert received == sorted(set(received)) and received[-1] == v
    assert len(received) < len(codes)  # coalesced: not one message per change
    assert [r["entity"] for r in last["lines"]["member_states"]] == codes  # the newest state
    console.quiet(0.6)  # nothing older arrives after it
    assert console.got[-1]["version"] == v
    # a screen (re)connecting gets the current view at once
    again = Screen(asgi_server, "console", mod)
    assert again.until(v)["version"] == v and len(again.got) == 1
    console.close()
    again.close()
