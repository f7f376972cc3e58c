"""Reading the chỉ tiêu workbook: a period's figures ("Số liệu") and, for the leaders, new
indicators ("Chỉ tiêu mới"). Each row comes back with its row number, for messages that say
where to look. Pure: no Flask, no database; the use case checks what the rows say.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tracker.domain.text import fold
from tracker.imports.workbook import check_package, opened_workbook

FIGURE_SHEET, NEW_SHEET = "Số liệu", "Chỉ tiêu mới"
MAX_ROWS = 5_000  # a province's 4,000 indicators fit in one file
_HEADER_SCAN = 10


class Column(NamedTuple):
    key: str
    header: str


FIGURE_COLUMNS = (
    Column("code", "Mã chỉ tiêu"),
    Column("name", "Tên chỉ tiêu"),
    Column("measure", "Đơn vị tính"),
    Column("kind", "Loại"),
    Column("value", "Giá trị"),
    Column("numerator", "Tử số"),
    Column("denominator", "Mẫu số"),
    Column("note", "Ghi chú, nguồn số liệu"),
)
NEW_COLUMNS = (
    Column("code", "Mã chỉ tiêu"),
    Column("name", "Tên chỉ tiêu"),
    Column("measure", "Đơn vị tính"),
    Column("kind", "Loại"),
    Column("direction", "Chiều đánh giá"),
    Column("unit", "Đơn vị chủ trì"),
    Column("section", "Mục báo cáo"),
    Column("year", "Năm"),
    Column("target", "Chỉ tiêu năm"),
)
# What the dropdowns offer, and what they mean.
KIND_WORDS = {"Số của kỳ": "count", "Lũy kế từ đầu năm": "cumulative", "Tỷ lệ": "ratio"}
DIRECTION_WORDS = {"Càng cao càng tốt": "up", "Càng thấp càng tốt": "down"}

Rows = list[tuple[int, dict[str, Any]]]


class SheetRefused(ValueError):
    """The workbook cannot be read as a whole; `messages` say why."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def read_indicator_workbook(data: bytes) -> tuple[Rows, Rows]:
    """(figure rows, new indicator rows), each row with its number; SheetRefused when the
    file is not a workbook, has neither sheet, or has too many rows."""
    try:
        check_package(data)
        with opened_workbook(data, own=(SheetRefused,)) as book:
            sheets = {fold(ws.title): ws for ws in book.worksheets}
            figures = _rows(sheets.get(fold(FIGURE_SHEET)), FIGURE_COLUMNS)
            new = _rows(sheets.get(fold(NEW_SHEET)), NEW_COLUMNS)
    except ValueError as refused:
        raise SheetRefused(*getattr(refused, "messages", [str(refused)])) from refused
    if not figures and not new:
        raise SheetRefused(
            f"Tệp không có dòng nào trong trang “{FIGURE_SHEET}” hay “{NEW_SHEET}”: "
            "hãy dùng tệp mẫu tải về từ trang Nhập số liệu."
        )
    return figures, new


def _rows(ws: Any, columns: tuple[Column, ...]) -> Rows:
    if ws is None:
        return []
    ws.reset_dimensions()
    head = list(ws.iter_rows(max_row=_HEADER_SCAN, max_col=30, values_only=True))
    number, found = _header(ws.title, head, {fold(c.header): c.key for c in columns})
    width = max(found.values()) + 1
    rows: Rows = []
    lines = ws.iter_rows(min_row=number + 1, max_col=width, values_only=True)
    for row_number, values in enumerate(lines, start=number + 1):
        cells = {key: _clean(values[i] if i < len(values) else None) for key, i in found.items()}
        if all(v is None for v in cells.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise SheetRefused(f"Trang “{ws.title}” có hơn {MAX_ROWS:,} dòng.".replace(",", "."))
        rows.append((row_number, cells))
    return rows


def _header(title: str, head: list, wanted: dict[str, str]) -> tuple[int, dict[str, int]]:
    """The header row's number and the column of each key it names."""
    for number, values in enumerate(head, start=1):
        found = {
            wanted[fold(v)]: i
            for i, v in enumerate(values)
            if isinstance(v, str) and fold(v) in wanted
        }
        if "code" in found and len(found) >= 2:
            return number, found
    raise SheetRefused(f"Trang “{title}” không có dòng tiêu đề “Mã chỉ tiêu”: hãy dùng tệp mẫu.")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value
