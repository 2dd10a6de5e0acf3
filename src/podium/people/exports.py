"""Formats offered to `podium export SLUG --format …` (collected by `podium.web.exports`)."""

from __future__ import annotations

from typing import Any

from podium.people.csvio import export_csv


def people_csv(session: Any) -> bytes:
    return export_csv(session).encode("utf-8")


EXPORTERS = {"people-csv": people_csv}
