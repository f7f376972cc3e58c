"""The printed table of results and the JSON file that carries the same figures."""

from __future__ import annotations

import json
import math
from pathlib import Path

from bench.measure import Result

RESULTS = Path(__file__).resolve().parent / "results"
COLUMNS = (
    "operation",
    "mode",
    "n",
    "median",
    "p95",
    "max",
    "floor",
    "×floor",
    "sql",
    "target",
    "verdict",
)


def duration(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def row(result: Result) -> list[str]:
    extra = result.extra
    target = result.target.describe() if result.target else ""
    median = duration(result.stat("median"))
    if "requests_per_second" in extra:
        median = f"{extra['requests_per_second']:.0f} req/s"
    notes = []
    if result.peak_mb is not None:
        notes.append(f"{result.peak_mb:.0f} MB")
    verdict = result.verdict + (f" ({', '.join(notes)})" if notes else "")
    return [
        result.operation,
        result.mode,
        str(result.n),
        median,
        duration(result.stat("p95")),
        duration(result.stat("max")),
        duration(result.floor),
        "—" if result.ratio is None else f"{result.ratio:.1f}×",
        "—" if result.queries is None else str(result.queries),
        target,
        verdict,
    ]


def render(results: list[Result]) -> str:
    """A plain-text table, one line per result, columns aligned."""
    rows = [list(COLUMNS)] + [row(r) for r in results]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    numeric = {2, 3, 4, 5, 6, 7, 8}
    lines = []
    for index, cells in enumerate(rows):
        parts = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        lines.append("  ".join(parts).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(results: list[Result]) -> str:
    """The same table in Markdown (for bench/README.md and the closing note)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in row(r)) + " |" for r in results]
    return "\n".join(lines)


def save(database: str, meta: dict, results: list[Result], stamp: str) -> Path:
    """Write bench/results/<database>-<timestamp>.json (and its Markdown table beside it)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{database}-{stamp}.json"
    data = {"meta": meta, "results": [r.to_dict() for r in results]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    path.with_suffix(".md").write_text(markdown(results) + "\n", encoding="utf-8")
    return path
