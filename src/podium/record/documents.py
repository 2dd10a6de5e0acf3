"""The co-facilitators' summary as DOCX (python-docx) and PDF (WeasyPrint).

The content is a plain `SummaryContent` (no database), so the same renderers serve the pages,
`podium export`, the tests and the benchmarks (`synthetic_summary`).

Structure: introduction; per panel (moderator, experts, key messages, recommendations, good
practices and commitments heard, list of speakers); summary panel; conclusions; annex with
statistics.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from podium.core.record import Intervention, Record
from podium.core.statistics import PlannedSegment, Table, all_tables
from podium.record.labels import column_label, document_cell


@dataclass
class PanelContent:
    title: str
    moderator: str = ""
    experts: list[str] = field(default_factory=list)
    key_messages: list[str] = field(default_factory=list)  # the moderator's summary, paragraphs
    recommendations: list[str] = field(default_factory=list)
    good_practices: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # "Name (Entity)" in the order heard
    not_heard: list[str] = field(default_factory=list)


@dataclass
class SummaryContent:
    title: str
    subtitle: str = ""  # venue and dates
    introduction: list[str] = field(default_factory=list)
    panels: list[PanelContent] = field(default_factory=list)
    summary_panels: list[PanelContent] = field(default_factory=list)  # the last has the overview
    thematic_overview: list[str] = field(default_factory=list)
    conclusions: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    status: str = "draft"  # "draft" or "published"

    def headings(self) -> list[str]:
        """Every heading the documents carry, in order (tests check them in both formats)."""
        out = [self.title, _("Introduction")]
        for p in self.panels:
            out.append(p.title)
        for p in self.summary_panels:
            out.append(p.title)
        out += [_("Conclusions"), _("Annex: statistics")]
        return out


def paragraphs(text: str) -> list[str]:
    """Split a written text into paragraphs on blank lines (single newlines are kept as spaces)."""
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p]


def _panel_sections(p: PanelContent) -> list[tuple[str, list[str]]]:
    return [
        (_("Key messages"), p.key_messages),
        (_("Recommendations"), p.recommendations),
        (_("Good practices heard"), p.good_practices),
        (_("Commitments heard"), p.commitments),
    ]


# --- DOCX -------------------------------------------------------------------------------------


def render_docx(content: SummaryContent) -> bytes:
    doc = Document()
    doc.core_properties.title = content.title
    doc.add_heading(content.title, level=0)
    if content.subtitle:
        doc.add_paragraph(content.subtitle)
    if content.status != "published":
        doc.add_paragraph(_("DRAFT — not yet published"))

    doc.add_heading(_("Introduction"), level=1)
    for para in content.introduction:
        doc.add_paragraph(para)

    def panel(p: PanelContent, overview: Sequence[str] = ()) -> None:
        doc.add_heading(p.title, level=1)
        if p.moderator:
            doc.add_paragraph(f"{_('Moderator')}: {p.moderator}")
        if p.experts:
            doc.add_paragraph(f"{_('Experts')}: {'; '.join(p.experts)}")
        for heading, items in _panel_sections(p):
            if not items:
                continue
            doc.add_heading(heading, level=2)
            for item in items:
                doc.add_paragraph(item, style="List Bullet")
        if overview:
            doc.add_heading(_("Thematic expert's overview"), level=2)
            for para in overview:
                doc.add_paragraph(para)
        doc.add_heading(_("List of speakers"), level=2)
        if not p.speakers:
            doc.add_paragraph(_("No interventions recorded."))
        for s in p.speakers:
            doc.add_paragraph(s, style="List Number")
        if p.not_heard:
            doc.add_heading(_("Requests not heard"), level=3)
            for s in p.not_heard:
                doc.add_paragraph(s, style="List Bullet")

    for p in content.panels:
        panel(p)
    for n, p in enumerate(content.summary_panels, start=1):
        last = n == len(content.summary_panels)
        panel(p, content.thematic_overview if last else [])

    doc.add_heading(_("Conclusions"), level=1)
    for para in content.conclusions:
        doc.add_paragraph(para)

    doc.add_heading(_("Annex: statistics"), level=1)
    for t in content.tables:
        doc.add_heading(t.title, level=2)
        table = doc.add_table(rows=1, cols=len(t.columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, t.columns, strict=True):
            cell.text = column_label(name)
        for row in t.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = "" if value is None else str(document_cell(value))
        if not t.rows:
            doc.add_paragraph(_("None."))
    style = doc.styles["Normal"]
    style.font.size = Pt(11)  # type: ignore[attr-defined]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def render_html(content: SummaryContent, fragment: bool = False) -> str:
    """The summary as a standalone HTML document (for WeasyPrint), or its body only (a page)."""
    return render_to_string(
        "record/_summary_body.html" if fragment else "record/summary_document.html",
        {
            "c": content,
            "panels": [(p, _panel_sections(p)) for p in content.panels],
            "summary_panels": [(p, _panel_sections(p)) for p in content.summary_panels],
        },
    )


def render_pdf(content: SummaryContent) -> bytes:
    from weasyprint import HTML  # here: ~0.5 s and ~40 MB that every process would pay otherwise

    return bytes(HTML(string=render_html(content)).write_pdf())


# --- for benchmarks ---------------------------------------------------------------------------


def synthetic_summary(interventions: int = 300, panels: int = 3) -> SummaryContent:
    """A two-day session with `interventions` interventions spread over `panels` panels and a
    summary panel: the input the benchmarks render (no database needed)."""
    t0 = datetime(2017, 5, 22, 14, 0, tzinfo=UTC)
    keys = [f"panel-{n}" for n in range(1, panels + 1)] + ["summary-panel"]
    titles = {k: f"Panel {n}" for n, k in enumerate(keys[:-1], start=1)}
    titles["summary-panel"] = "Summary panel"
    items: list[Intervention] = []
    t = t0
    for n in range(interventions):
        seg = keys[n * len(keys) // interventions]
        dur = 150 + (n * 37) % 80
        items.append(
            Intervention(
                number=n + 1,
                segment=seg,
                role="floor" if n % 4 != 2 else "expert",
                category=("member_state", "stakeholder", "panelist", "observer_state")[n % 4],
                speaker=f"Speaker {n + 1}",
                entity=f"E{n % 120:03d}" if n % 4 != 2 else "",
                entity_name="",
                start=t,
                end=t + timedelta(seconds=dur),
                speaking_s=float(dur),
                limit_s=180,
                granted_s=180,
                regional_group=("African", "Asia-Pacific", "Eastern European", "GRULAC", "WEOG")[
                    n % 5
                ],
                gender=("female", "male", "")[n % 3],
            )
        )
        t += timedelta(seconds=dur + 20)
        if n == interventions // 2:
            t = t0 + timedelta(days=1)
    record = Record(interventions=tuple(items))
    planned = [
        PlannedSegment(k, titles[k], t0 + timedelta(hours=3 * i), t0 + timedelta(hours=3 * i + 2))
        for i, k in enumerate(keys)
    ]

    def panel_of(k: str) -> PanelContent:
        return PanelContent(
            title=titles[k],
            moderator="H.E. Moderator (Member State)",
            experts=["Expert A", "Expert B", "Expert C"],
            key_messages=[f"Key message {i} of {titles[k]}." for i in range(1, 6)],
            recommendations=[f"Recommendation {i}." for i in range(1, 4)],
            good_practices=[f"Good practice {i}." for i in range(1, 4)],
            commitments=[f"Commitment {i}." for i in range(1, 3)],
            speakers=[f"{i.speaker} ({i.entity})" for i in items if i.segment == k],
        )

    return SummaryContent(
        title="Co-facilitators' summary: synthetic session",
        subtitle="New York, two days",
        introduction=["Introduction paragraph. " * 20] * 3,
        panels=[panel_of(k) for k in keys[:-1]],
        summary_panels=[panel_of("summary-panel")],
        thematic_overview=["Overview paragraph. " * 20] * 2,
        conclusions=["Conclusion paragraph. " * 20] * 4,
        tables=all_tables(record, planned),
    )


def generate_synthetic(fmt: str = "docx", interventions: int = 300) -> bytes:
    """Benchmark entry point: the summary of a synthetic two-day session, as DOCX or PDF bytes."""
    content = synthetic_summary(interventions)
    return render_docx(content) if fmt == "docx" else render_pdf(content)
