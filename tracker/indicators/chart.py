"""One indicator's figures over its quarters as an SVG bar chart, drawn on the server (no
script, no CDN): a bar per quarter, a tick where its target stands, the words beside."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from tracker.indicators.models import Indicator
from tracker.indicators.queries import IndicatorRow
from tracker.indicators.words import STANDING_LOOKS, amount

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 8, 34, 22
COLOURS = {
    "success": "#198754",
    "primary": "#0d6efd",
    "warning": "#b58100",
    "danger": "#dc3545",
    "secondary": "#6c757d",
}


def figure_chart(indicator: Indicator, rows: list[IndicatorRow]) -> Markup:
    """The chart of `rows` (one per quarter, oldest first); empty when nothing is entered."""
    shown = rows[-12:]  # three years: more would make the bars unreadable on a phone
    if not any(r.figure for r in shown):
        return Markup("")
    peak = max([r.figure.value for r in shown if r.figure] + [r.target for r in shown if r.target])
    scale = (HEIGHT - BOTTOM - TOP) / float(peak or Decimal(1))
    slot = (WIDTH - LEFT) / len(shown)
    parts = [
        f'<svg class="indicator-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title-{indicator.id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title-{indicator.id}">{escape(indicator.name)}: số liệu theo quý'
        "</title>",
    ]
    base = HEIGHT - BOTTOM
    for i, row in enumerate(shown):
        x = LEFT + i * slot + slot * 0.2
        width = slot * 0.6
        label = f"Q{row.period.index}/{row.period.year % 100:02d}"
        parts.append(
            f'<text x="{x + width / 2:.1f}" y="{HEIGHT - 14}" text-anchor="middle" '
            f'font-size="12" fill="#495057">{label}</text>'
        )
        if row.figure is not None:
            height = float(row.figure.value) * scale
            colour = COLOURS[STANDING_LOOKS[row.standing][0]]
            words = amount(row.figure.value, indicator.measure, row.kind)
            parts.append(
                f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{width:.1f}" '
                f'height="{max(height, 1):.1f}" fill="{colour}"><title>{escape(label)}: '
                f"{escape(words)}</title></rect>"
            )
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{base - height - 4:.1f}" '
                f'text-anchor="middle" font-size="11" fill="#212529">{escape(words)}</text>'
            )
        if row.target is not None:
            y = base - float(row.target) * scale
            parts.append(
                f'<line x1="{x - 4:.1f}" x2="{x + width + 4:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                'stroke="#212529" stroke-width="2" stroke-dasharray="4 2"/>'
            )
    parts.append(f'<line x1="0" x2="{WIDTH}" y1="{base}" y2="{base}" stroke="#adb5bd"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text inside is escaped above)
