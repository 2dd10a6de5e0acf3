"""Export formats of the record, dispatched by `podium export SLUG --format F [-o FILE]`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from podium.core.statistics import tables_to_csv, tables_to_json
from podium.record.documents import render_docx, render_pdf
from podium.record.services import statistics_of, summary_content


def summary_docx(session: Any) -> bytes:
    """The co-facilitators' summary as DOCX: the published version, else the current draft."""
    return render_docx(summary_content(session))


def summary_pdf(session: Any) -> bytes:
    return render_pdf(summary_content(session))


def stats_csv(session: Any) -> bytes:
    return tables_to_csv(statistics_of(session)).encode()


def stats_json(session: Any) -> bytes:
    return (tables_to_json(statistics_of(session), session=session.slug) + "\n").encode()


EXPORTERS: dict[str, Callable[[Any], bytes]] = {
    "summary-docx": summary_docx,
    "summary-pdf": summary_pdf,
    "stats-csv": stats_csv,
    "stats-json": stats_json,
}
