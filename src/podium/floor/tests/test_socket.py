"""The floor over the real ASGI server: the socket's snapshot on connect and after each change."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

SLUG = "gcm-its2-drivers"


def api(server: Any, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(
        f"{server.url}/api/sessions/{SLUG}/floor",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def token_for(username: str) -> str:
    from django.contrib.auth import get_user_model

    from podium.people.models import ApiToken

    return ApiToken.issue(get_user_model().objects.get(username=username))[1]


def test_socket_sends_the_snapshot_on_connect_and_after_each_change(
    asgi_server: Any, seed: Any
) -> None:
    from websockets.sync.client import connect

    mod, mex = token_for("mod1"), token_for("mex")
    ws_url = asgi_server.url.replace("http", "ws") + f"/ws/sessions/{SLUG}/floor"
    with connect(ws_url, open_timeout=10) as ws:
        first = json.loads(ws.recv(timeout=10))
        assert first["version"] == 0 and first["segment"] is None
        status, snap = api(asgi_server, mod, {"command": "open_segment", "segment": "panel-1"})
        assert status == 200
        pushed = json.loads(ws.recv(timeout=10))
        assert pushed["version"] == 1 and pushed["segment"]["title"] == snap["segment"]["title"]
        api(asgi_server, mod, {"command": "open_discussion"})
        api(asgi_server, mex, {"command": "request"})
        versions = [json.loads(ws.recv(timeout=10))["version"]]
        while versions[-1] < 3:  # a slow screen may be given only the newest
            versions.append(json.loads(ws.recv(timeout=10))["version"])
        assert versions == sorted(set(versions)) and versions[-1] == 3
        # a refused command changes nothing and pushes nothing
        status, err = api(asgi_server, mex, {"command": "call_next"})
        assert status == 403 and err["error"]
        api(asgi_server, mod, {"command": "call_next"})
        called = json.loads(ws.recv(timeout=10))
        assert called["version"] == 5  # speaker_called + timer_started
        assert called["current"]["entity"] == "MEX" and called["current"]["timer"]["started_at"]
    # a screen connecting later gets the current state at once
    with connect(ws_url, open_timeout=10) as ws:
        again = json.loads(ws.recv(timeout=10))
        assert again["version"] == 5 and again["current"]["entity_name"] == "Mexico"


def test_unknown_session_socket_is_closed(asgi_server: Any, seed: Any) -> None:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    ws_url = asgi_server.url.replace("http", "ws") + "/ws/sessions/no-such-session/floor"
    with pytest.raises(ConnectionClosed) as info, connect(ws_url, open_timeout=10) as ws:
        ws.recv(timeout=10)
    assert info.value.rcvd is not None and info.value.rcvd.code == 4404
