"""The report page's reading of the one `Report`: numbered headings, the closing, the picker.

Numbers and wording follow the Word export (tracker/exports/word.py), so that what a director
reads on the page is what goes out on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.periods import Kind, Period
from ..domain.report import Achievement, Report, SectionReport, UnitStats
from ..exports.word import _BULLET, _recipients, _roman, _split, _stats_sentence
from ..exports.word import period_phrase as _phrase

# (part of a period code, label) as the picker offers them, in the order a year runs.
PARTS = (
    ("Q1", "Quý I"),
    ("Q2", "Quý II"),
    ("H1", "6 tháng đầu năm"),
    ("Q3", "Quý III"),
    ("9M", "9 tháng đầu năm"),
    ("Q4", "Quý IV"),
    ("H2", "6 tháng cuối năm"),
    ("Y", "Cả năm"),
)


@dataclass
class Item:
    """One achievement as the page prints it: the first line bulleted, then the rest."""

    achievement: Achievement
    lines: list[str]


@dataclass
class Heading:
    level: int  # 1: I., 2: 1., 3: 1.1.
    label: str
    text: str
    code: str
    items: list[Item] = field(default_factory=list)


def part_of(period: Period) -> str:
    """The picker's part of a period code: "Q3", "9M", "H1", "Y" (months have none)."""
    return "Y" if period.kind is Kind.YEAR else period.code.split("-", 1)[1]


def period_code(year: int, part: str) -> str:
    return str(year) if part == "Y" else f"{year}-{part}"


def neighbours(period: Period) -> tuple[Period, Period]:
    """The periods of the same kind just before and after (nine months: a year apart)."""
    if period.kind is Kind.NINE_MONTHS:
        return Period(period.year - 1, period.kind), Period(period.year + 1, period.kind)
    return period.previous(), period.next()


def picker_years(period: Period, today: date) -> list[int]:
    years = set(range(today.year - 5, today.year + 2)) | {period.year}
    return sorted(years, reverse=True)


def headings(report: Report) -> list[Heading]:
    """The sections that have achievements, numbered afresh at every level, in reading order."""
    found: list[Heading] = []

    def visit(section: SectionReport, path: list[int]) -> None:
        if len(path) == 1:
            found.append(Heading(1, f"{_roman(path[0])}.", section.title.upper(), section.code))
        else:
            label = ".".join(str(n) for n in path[1:]) + "."
            found.append(Heading(min(len(path), 3), label, section.title, section.code))
        for item in section.achievements:
            lines = _split(item.result) or _split(item.title)
            lines[0] = _BULLET.sub("", lines[0])
            found[-1].items.append(Item(item, lines))
        children = [child for child in section.sections if child.item_count]
        for number, child in enumerate(children, start=1):
            visit(child, [*path, number])

    tops = [section for section in report.sections if section.item_count]
    for number, section in enumerate(tops, start=1):
        visit(section, [number])
    return found


def empty_sections(report: Report) -> list[SectionReport]:
    """Leaf sections with nothing to report: what a director may want to chase up."""
    return [s for _, s in report.walk_sections() if not s.sections and not s.achievements]


def title_lines(report: Report) -> tuple[str, str]:
    """The report's subtitle in two lines, as the Word file sets it."""
    first, rest = _phrase(report.period, report.next_period).split(" và phương hướng", 1)
    return f"Kết quả thực hiện nhiệm vụ {first}", f"và phương hướng{rest}"


def issued_line(report: Report) -> str:
    day, org = report.generated_at.date(), report.organisation
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    when = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{org.place}, {when}" if org.place else when[:1].upper() + when[1:]


def number_line(report: Report) -> str:
    number, code = report.texts.number.strip(), report.organisation.code
    if not number:
        return f"Số:\u2003\u2003/BC-{code}"
    return f"Số: {number}" if "/" in number else f"Số: {number}/BC-{code}"


def closing(report: Report) -> str:
    """The closing sentence: to whom the report goes, from the recipients marked "(b/c)"."""
    org, names = report.organisation.prose_name, _recipients(report.texts.recipients)
    phrase = _phrase(report.period, report.next_period)
    whom = [n.replace("(b/c)", "").strip() for n in names if "(b/c)" in n]
    whom = whom or [n for n in names if not n.lower().startswith("lưu")]
    if not whom:
        return f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ {phrase} của {org}./."
    listed = ", ".join(whom[:-1]) + (" và " if len(whom) > 1 else "") + whom[-1]
    text = f"Trên đây là kết quả thực hiện nhiệm vụ {phrase}, {org} báo cáo đến {listed}"
    return text + " nắm, chỉ đạo./."


def recipients(report: Report) -> list[str]:
    """Nơi nhận as printed: each on its line, the file copy ("Lưu: VT") last."""
    names = _recipients(report.texts.recipients)
    kept = [f"- {n};" for n in names if not n.lower().startswith("lưu")]
    filed = [f"- {n}." for n in names if n.lower().startswith("lưu")] or ["- Lưu: VT."]
    return kept + filed


def stats_rows(report: Report) -> list[tuple[UnitStats, UnitStats | None]]:
    """Each unit's counts beside the same unit's in the previous period, then the totals."""
    rows = [(u, report.previous_units.get(u.unit)) for u in report.units]
    previous_only = [s for name, s in report.previous_units.items() if name not in
                     {u.unit for u in report.units}]  # fmt: skip
    rows += [(UnitStats(unit=s.unit), s) for s in previous_only]
    return rows


def error_rows(errors) -> list[tuple[str, str, str]]:
    """Import errors as (row, column, what is wrong) for a table that names row and column."""
    rows = []
    for error in errors:
        detail = error.message
        if error.row is not None and error.field:
            detail = detail.removeprefix(f"Dòng {error.row}, cột “{error.field}”: ")
        row = "—" if error.row is None else str(error.row)
        rows.append((row, error.field or "Cả tệp", detail[:1].upper() + detail[1:]))
    return rows


def document_context(report: Report) -> dict:
    """Everything the document template needs besides the report itself."""
    carried = [p for p in report.plan if p.carried_over]
    found = headings(report)
    tops = sum(1 for h in found if h.level == 1)
    texts = report.texts
    parts = [("Khó khăn, vướng mắc", texts.difficulties), ("Đề xuất, kiến nghị", texts.proposals)]
    return {
        "headings": found,
        "assessment_label": _roman(tops + 1),
        "plan_label": _roman(tops + 2),
        "assessment_parts": [(h, _split(t)) for h, t in parts if t.strip()],
        "title_lines": title_lines(report),
        "issued_line": issued_line(report),
        "number_line": number_line(report),
        "org_prose": report.organisation.prose_name,
        "stats_sentence": _stats_sentence(report),
        "stats_rows": stats_rows(report),
        "fresh_plan": [p for p in report.plan if not p.carried_over],
        "carried_plan": carried,
        "closing": closing(report),
        "recipients": recipients(report),
        "signer_lines": _split(report.texts.signer_title),
        "split": _split,
    }
