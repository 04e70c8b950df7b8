"""Bar charts as SVG, drawn on the server: readable without colour (a hatch pattern and the
number written beside each bar), the same picture on the page and in the PDF. The table with
the same numbers follows each chart for screen readers; the chart itself is an image with a
title. A suppressed figure draws no bar and says so in words."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _

from steunsysteem.core.printable import printable_text

from .selectors import Table

WIDTH = 640
LABEL_WIDTH = 260
BAR_HEIGHT = 22
GAP = 10
PAD = 8


def _text(value: object) -> str:
    return escape(printable_text(value, one_line=True))


def bar_chart(table: Table) -> str:
    """One horizontal bar per row, for the table's chart column; "" when it has none."""
    column = table.chart_column
    if column is None or not table.rows:
        return ""
    values = [row.values[column] for row in table.rows]
    numbers = [float(v.value) for v in values if v.value is not None]
    top = max(numbers, default=0) or 1
    room = WIDTH - LABEL_WIDTH - 90
    height = PAD * 2 + len(table.rows) * (BAR_HEIGHT + GAP)
    pattern_id = f"hatch-{table.key}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="steunsysteem-chart" role="img"'
        f' width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
        f' aria-labelledby="chart-title-{table.key}">',
        f'<title id="chart-title-{table.key}">{_text(table.title)}: '
        f"{_text(table.columns[column])}</title>",
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="3"/></pattern></defs>',
    ]
    for index, (row, shown) in enumerate(zip(table.rows, values, strict=True)):
        y = PAD + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" font-size="13"'
            f' font-family="sans-serif" fill="#1a1a1a">{_text(row.label[:40])}</text>'
        )
        if shown.value is None:
            parts.append(
                f'<text x="{LABEL_WIDTH}" y="{middle}" font-size="13" font-family="sans-serif"'
                f' fill="#1a1a1a">{_text(shown)} ({_text(_("not shown"))})</text>'
            )
            continue
        length = max(1.0, float(shown.value) / top * room) if shown.value else 0
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}"'
            f' fill="url(#{pattern_id})" stroke="#1a1a1a"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle}" font-size="13"'
            f' font-family="sans-serif" fill="#1a1a1a">{_text(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
