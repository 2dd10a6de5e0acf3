"""The summary generator the benchmarks drive: a synthetic two-day session, 300 interventions."""

from __future__ import annotations

import io

from docx import Document

from podium.record.documents import generate_synthetic, synthetic_summary


def test_synthetic_summary_of_300_interventions_as_docx() -> None:
    content = synthetic_summary(300)
    assert sum(len(p.speakers) for p in [*content.panels, *content.summary_panels]) == 300
    doc = Document(io.BytesIO(generate_synthetic("docx", 300)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Speaker 1 (E000)" in text and "Speaker 300 (E059)" in text
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert all(h in headings for h in content.headings())
    assert len(doc.tables) == len(content.tables)
