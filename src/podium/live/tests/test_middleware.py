"""The 503 for a lost database (the end-to-end fault test lives with the floor tests below)."""

from __future__ import annotations

import json

from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from podium.live.middleware import DatabaseUnavailableMiddleware


def test_database_errors_become_a_clear_503(db: None) -> None:
    mw = DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().post("/api/sessions/x/floor/commands")
    response = mw.process_exception(request, OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "database is unavailable" in json.loads(response.content)["error"]
    assert mw.process_exception(request, ValueError("not ours")) is None
