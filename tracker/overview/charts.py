"""Charts drawn on the server as SVG markup. Pure: no Flask, no database.

The page embeds the markup inline, so the chart needs no script (the CSP forbids inline
script anyway) and prints as it looks. Colours are the timeliness badges' Bootstrap colours;
every label is escaped; each segment carries a `<title>` tooltip and, when given, a link to
the list it counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    """One stacked category: its key in the counts, its Vietnamese label, its colour."""

    key: str
    label: str
    color: str
    text_color: str = "#ffffff"


# The order and colours of the unit table and of the timeliness badges.
TIMELINESS_SERIES = (
    Series("done_on_time", "Hoàn thành đúng hạn", "#198754"),
    Series("done_late", "Hoàn thành quá hạn", "#ffc107", "#212529"),
    Series("unfinished_on_time", "Chưa hoàn thành – trong hạn", "#0d6efd"),
    Series("overdue", "Chưa hoàn thành – quá hạn", "#dc3545"),
)

WIDTH = 480
NARROW = 420  # below this the legend takes one item a line
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_GAP = 10
LEGEND_LINE = 20
TOTAL_SPACE = 44
MAX_LABEL = 60
MIN_TEXT_WIDTH = 22


def plain_number(value: int) -> str:
    """An integer with Vietnamese thousands separators: 1009186 → "1.009.186"."""
    return f"{value:,}".replace(",", ".")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _row_parts(row: Sequence) -> tuple[str, Mapping[str, int], Mapping[str, str]]:
    label, counts = row[0], row[1]
    links = row[2] if len(row) > 2 and row[2] else {}
    return str(label), counts, links


def _legend(series: Sequence[Series], width: int) -> tuple[list[str], int]:
    """Legend items two to a line (one on a narrow chart); the markup and its height."""
    per_line = 2 if width >= NARROW else 1
    parts, column = [], width // per_line
    for i, s in enumerate(series):
        x, y = (i % per_line) * column, (i // per_line) * LEGEND_LINE
        parts.append(
            f'<g class="chart-legend-item"><rect x="{x}" y="{y + 3}" width="12" height="12" '
            f'rx="2" fill="{_attr(s.color)}"/><text x="{x + 17}" y="{y + 13}" font-size="12" '
            f'fill="#212529">{escape(s.label)}</text></g>'
        )
    lines = -(-len(series) // per_line)
    return parts, lines * LEGEND_LINE + 8


def _describe(label: str, counts: Mapping[str, int], series: Sequence[Series]) -> str:
    figures = ", ".join(f"{s.label.lower()} {plain_number(counts.get(s.key, 0))}" for s in series)
    return f"{label}: {figures}"


def stacked_bars(
    rows: Sequence[Sequence],
    series: Sequence[Series] = TIMELINESS_SERIES,
    *,
    title: str = "Tình hình thực hiện nhiệm vụ theo đơn vị",
    ident: str = "chart",
    width: int = WIDTH,
) -> str:
    """Horizontal stacked bars, one per row of (label, counts by series key[, links by key]).

    Bar lengths are proportional to the counts, on one scale for all rows (the largest
    total fills the width), so units can be compared with one another.
    """
    parsed = [_row_parts(row) for row in rows]
    totals = [sum(max(0, int(counts.get(s.key, 0))) for s in series) for _, counts, _ in parsed]
    scale_max = max(totals, default=0)
    plot = width - TOTAL_SPACE
    legend, top = _legend(series, width)
    body: list[str] = []
    y = top
    for (label, counts, links), total in zip(parsed, totals, strict=True):
        body.append(
            f'<text x="0" y="{y + 13}" font-size="13" fill="#212529">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        bar_y, x = y + LABEL_HEIGHT, 0.0
        body.append(
            f'<rect x="0" y="{bar_y}" width="{plot}" height="{BAR_HEIGHT}" fill="#f1f3f5" rx="2"/>'
        )
        for s in series:
            value = max(0, int(counts.get(s.key, 0)))
            if not value:
                continue
            w = plot * value / scale_max
            tip = f"{label} – {s.label}: {plain_number(value)}"
            segment = (
                f'<rect class="chart-segment" data-series="{_attr(s.key)}" x="{x:.2f}" '
                f'y="{bar_y}" width="{w:.2f}" height="{BAR_HEIGHT}" fill="{_attr(s.color)}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if w >= MIN_TEXT_WIDTH:
                segment += (
                    f'<text x="{x + w / 2:.2f}" y="{bar_y + 13}" font-size="11" '
                    f'text-anchor="middle" fill="{_attr(s.text_color)}" aria-hidden="true">'
                    f"{plain_number(value)}</text>"
                )
            if links.get(s.key):
                # A link needs a name of its own: the segment's tooltip, then where it leads.
                name = f"{tip} – xem danh sách"
                segment = (
                    f'<a href="{_attr(links[s.key])}" aria-label="{_attr(name)}">{segment}</a>'
                )
            body.append(segment)
            x += w
        body.append(
            f'<text x="{width}" y="{bar_y + 13}" font-size="12" text-anchor="end" '
            f'font-weight="600" fill="#212529">{plain_number(total)}</text>'
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    if not parsed or scale_max == 0:
        body = [
            f'<text x="{width / 2:.0f}" y="{top + 20}" font-size="13" text-anchor="middle" '
            f'fill="#6c757d">Không có số liệu trong kỳ.</text>'
        ]
        y = top + 34
    # An image hides its content from assistive technology: a chart whose bars are links is a
    # group, so that each link is reachable and named; a chart without links stays an image.
    role = "group" if any(links for _, _, links in parsed) else "img"
    summary = (
        "; ".join(_describe(label, counts, series) for label, counts, _ in parsed)
        or "Không có số liệu."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {width} {y}" '
        f'role="{role}" aria-labelledby="{_attr(ident)}-title {_attr(ident)}-desc">'
        f'<title id="{_attr(ident)}-title">{escape(title)}</title>'
        f'<desc id="{_attr(ident)}-desc">{escape(summary)}</desc>'
        + "".join(legend)
        + "".join(body)
        + "</svg>"
    )
