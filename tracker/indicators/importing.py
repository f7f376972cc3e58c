"""Chỉ tiêu from an Excel workbook: new indicators (leaders) and a period's figures, all or
nothing. Every row goes through the use case that handles it alone (create_indicator,
set_figure), in a savepoint of its own, so that every refused row is named; if any is, the
request saves none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.common.exceptions import ServiceError, ValidationFailed
from tracker.common.savepoints import begin_writing
from tracker.domain.indicators import KIND_LABELS_VI, Kind
from tracker.domain.periods import Period
from tracker.exports.indicator_template import FigureRow, indicator_template_bytes
from tracker.extensions import db
from tracker.imports.indicator_sheet import (
    DIRECTION_WORDS,
    FIGURE_SHEET,
    KIND_WORDS,
    NEW_SHEET,
    SheetRefused,
    read_indicator_workbook,
)
from tracker.indicators.models import Indicator
from tracker.indicators.queries import unit_indicators
from tracker.indicators.records import set_figure
from tracker.indicators.setup import create_indicator
from tracker.models import Section, Unit
from tracker.permissions import Action, Principal, can


@dataclass(frozen=True)
class RowProblem:
    sheet: str | None
    row: int | None
    message: str

    def __str__(self) -> str:
        where = f"Trang “{self.sheet}”, dòng {self.row}: " if self.row else ""
        return where + self.message


class ImportRefused(ValidationFailed):
    """Rows that could not be taken; nothing of the file was saved."""

    def __init__(self, problems: list[RowProblem]):
        count = len(problems)
        super().__init__(f"Chưa nhập được: {count} dòng có lỗi (không dòng nào được lưu).")
        self.problems = problems


def import_workbook(user, principal: Principal, data: bytes, period: Period, today: date):
    """Take the workbook's new indicators and figures of `period`; (created, figures)."""
    try:
        figures, new = read_indicator_workbook(data)
    except SheetRefused as refused:
        raise ImportRefused([RowProblem(None, None, m) for m in refused.messages]) from None
    if new and not can(principal, Action.MANAGE_INDICATORS):
        problem = f"Chỉ lãnh đạo Sở thêm chỉ tiêu mới: hãy để trống trang “{NEW_SHEET}”."
        raise ImportRefused([RowProblem(NEW_SHEET, new[0][0], problem)])
    begin_writing()
    problems: list[RowProblem] = []
    created = 0
    for number, cells in new:
        if _taken(NEW_SHEET, number, problems, lambda c=cells: _create(user, principal, c)):
            created += 1
    saved = 0
    for number, cells in figures:
        if _is_empty_figure(cells):
            continue  # a row of the template left for later
        work = lambda c=cells: _figure(user, principal, c, period, today)  # noqa: E731
        if _taken(FIGURE_SHEET, number, problems, work):
            saved += 1
    if problems:
        raise ImportRefused(problems)
    return created, saved


def _taken(sheet: str, row: int, problems: list[RowProblem], work) -> bool:
    try:
        with db.session.begin_nested():
            work()
    except ServiceError as error:
        problems.append(RowProblem(sheet, row, error.message))
        return False
    return True


def _create(user, principal: Principal, cells: dict) -> None:
    year, target = cells.get("year"), cells.get("target")
    targets = {str(year): target} if year is not None and target is not None else {}
    data = {
        "code": cells.get("code"),
        "name": cells.get("name"),
        "measure": cells.get("measure"),
        "kind": KIND_WORDS.get(cells.get("kind"), cells.get("kind")),
        "direction": DIRECTION_WORDS.get(cells.get("direction"), cells.get("direction")),
        "unit": cells.get("unit"),
        "section": cells.get("section"),
        "targets": targets,
    }
    create_indicator(user, principal, {k: _text(v) for k, v in data.items()})


def _text(value):
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _figure(user, principal: Principal, cells: dict, period: Period, today: date) -> None:
    code = str(cells.get("code") or "").strip().upper()
    indicator = db.session.scalar(select(Indicator).where(Indicator.code == code))
    if indicator is None:
        raise ValidationFailed(f"Không có chỉ tiêu mã “{code}”.", field="code")
    given = {k: cells.get(k) for k in ("numerator", "denominator", "note")}
    if indicator.kind != Kind.RATIO:
        given = {"value": cells.get("value"), "note": cells.get("note")}
    set_figure(user, principal, indicator, period.code, given, None, today)


def _is_empty_figure(cells: dict) -> bool:
    return all(cells.get(k) is None for k in ("value", "numerator", "denominator", "note"))


def template_for(unit: Unit, period: Period, principal: Principal) -> bytes:
    """The workbook for `unit`'s indicators of `period`, with their figures so far."""
    owned = unit_indicators(unit.id, period)
    words = {kind: label for label, kind in KIND_WORDS.items()}
    rows = []
    for i, value in owned:
        rows.append(
            FigureRow(
                i.code,
                i.name,
                i.measure,
                words.get(i.kind, KIND_LABELS_VI[Kind(i.kind)]),
                _float(value.value) if value and i.kind != Kind.RATIO else None,
                _float(value.numerator) if value else None,
                _float(value.denominator) if value else None,
            )
        )
    units = db.session.scalars(select(Unit.code).where(Unit.active).order_by(Unit.sort_order))
    sections = db.session.scalars(select(Section.code).where(Section.active).order_by(Section.code))
    with_new = can(principal, Action.MANAGE_INDICATORS)
    return indicator_template_bytes(period.label, rows, list(units), list(sections), with_new)


def _float(number) -> float | None:
    return None if number is None else float(number)
