"""Server-rendered SVG bar charts for statistics tables (no JavaScript, printable, accessible)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from podium.core.statistics import Table
from podium.record.labels import column_label


def bar_chart(table: Table, column: str | None = None, width: int = 560) -> SafeString:
    """A horizontal bar chart of one numeric column against the table's first column."""
    column = column or table.chart
    if not column or not table.rows:
        return mark_safe("")
    measure = column_label(column)  # "Total (min)", not `total_min`
    labels = [str(v) for v in table.column(table.columns[0])]
    values = [float(v) if isinstance(v, int | float) else 0.0 for v in table.column(column)]
    top = max(values) or 1.0
    bar_h, gap, label_w, pad = 20, 6, 210, 60
    height = len(values) * (bar_h + gap) + gap
    span = width - label_w - pad
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(table.title)}: {escape(measure)}">',
        f"<title>{escape(table.title)}: {escape(measure)}</title>",
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = gap + i * (bar_h + gap)
        w = max(1.0, span * value / top) if value else 0.0
        shown = f"{value:g}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" '
            f'font-size="12">{escape(label[:32])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#1f6fb2">'
            f"<title>{escape(label)}: {shown}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h * 0.72:.1f}" font-size="12">'
            f"{shown}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
