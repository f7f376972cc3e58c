"""Read a plan of tasks from the Excel template: find the table, check each row.

The file itself is guarded by workbook.py first. Pure: the caller passes lookups of units,
sections, documents and existing titles. The result is every row, validated, or a
PlanImportError that lists every problem found (all or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from tracker.domain.text import fold
from tracker.imports.plan_cells import (
    as_text,
    cleaned,
    quoted,
    read_date,
    read_one,
    read_plain,
    read_title,
    read_units,
)
from tracker.imports.workbook import MAX_BYTES, WorkbookRefused, check_package, opened_workbook

SHEET_NAME = "Kế hoạch"
MAX_ROWS = 2000
_HEADER_SCAN, _MAX_COLUMNS = 20, 40  # where the header row may be: a title block above is fine
_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!"}


class Column(NamedTuple):
    key: str
    header: str  # as written in the template
    label: str  # as named in error messages


COLUMNS = (
    Column("no", "STT", "STT"),
    Column("title", "Tên nhiệm vụ (*)", "Tên nhiệm vụ"),
    Column("description", "Mô tả", "Mô tả"),
    Column("section", "Lĩnh vực (mã) (*)", "Lĩnh vực (mã)"),
    Column("lead_unit", "Đơn vị chủ trì (mã) (*)", "Đơn vị chủ trì (mã)"),
    Column("support_units", "Đơn vị phối hợp (mã, cách nhau bởi dấu phẩy)", "Đơn vị phối hợp (mã)"),
    Column("product", "Sản phẩm", "Sản phẩm"),
    Column("start_date", "Ngày bắt đầu (dd/mm/yyyy)", "Ngày bắt đầu"),
    Column("due_date", "Hạn hoàn thành (dd/mm/yyyy)", "Hạn hoàn thành"),
    Column(
        "documents",
        "Văn bản liên quan (số ký hiệu, cách nhau bởi dấu chấm phẩy)",
        "Văn bản liên quan",
    ),
    Column("note", "Ghi chú", "Ghi chú"),
)
REQUIRED = ("title", "section", "lead_unit")
PRODUCT_MAX = 2_000  # as a task's product
_LABELS = {c.key: c.label for c in COLUMNS}
_ORDER = {c.label: i for i, c in enumerate(COLUMNS)}
_ALIASES = {"nhiem vu": "title", "noi dung nhiem vu": "title", "thoi han": "due_date"}


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)|[*:]", " ", fold(text)).split())


_HEADERS = {_header_key(c.header): c.key for c in COLUMNS} | _ALIASES


@dataclass(frozen=True)
class PlanLookup:
    """What the rows are checked against; every key is folded (see `from_records`)."""

    units: Mapping[str, int]
    sections: Mapping[str, int]
    unit_names: Mapping[str, int] = field(default_factory=dict)
    section_titles: Mapping[str, int] = field(default_factory=dict)
    existing_titles: frozenset[str] = frozenset()
    documents: Mapping[str, int] = field(default_factory=dict)  # symbol_key → document id

    @classmethod
    def from_records(
        cls,
        units: Iterable[tuple[int, str, str]],
        sections: Iterable[tuple[int, str, str]],
        existing_titles: Iterable[str] = (),
        documents: Iterable[tuple[int, str]] = (),
    ) -> PlanLookup:
        """Build the lookup from (id, code, name) units and sections, titles and (id, symbol)."""
        units, sections = list(units), list(sections)
        return cls(
            units={fold(code): id_ for id_, code, _ in units},
            sections={fold(code): id_ for id_, code, _ in sections},
            unit_names={fold(name): id_ for id_, _, name in units},
            section_titles={fold(title): id_ for id_, _, title in sections},
            existing_titles=frozenset(fold(t) for t in existing_titles),
            documents={symbol_key(symbol): id_ for id_, symbol in documents},
        )


@dataclass(frozen=True)
class PlanRow:
    row_number: int  # as Excel shows it, the header being row 1 in the template
    title: str
    description: str
    section_id: int
    lead_unit_id: int
    support_unit_ids: tuple[int, ...]
    start_date: date | None
    due_date: date | None
    document_refs: tuple[str, ...]  # as written
    note: str
    product: str = ""  # sản phẩm: what the work delivers
    document_ids: tuple[int | None, ...] = ()  # aligned with document_refs; None: not known yet


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the whole file
    field: str | None  # the column's label
    message: str  # the whole sentence, row and column included

    def __str__(self) -> str:
        return self.message


class PlanImportError(ValueError):
    """The plan file is refused; `errors` lists every reason, row by row."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def symbol_key(text: str) -> str:
    """Return the matching key of a document symbol, ignoring a type word, case and accents."""
    folded = fold(text)
    match = re.search(r"\S+/\S+", folded)
    return (match.group(0) if match else folded).replace(" ", "").rstrip(".,)")


def read_plan(
    data: bytes, lookup: PlanLookup, *, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES
) -> list[PlanRow]:
    """Read and check every row of a plan workbook; raise PlanImportError listing all problems."""
    try:
        check_package(data, max_bytes)
        with opened_workbook(data, own=(PlanImportError,)) as book:
            number_rows = _rows_of(_pick_sheet(book), max_rows)
    except WorkbookRefused as refused:
        raise _fail(*refused.messages) from refused
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    plan = [_check_row(n, cells, lookup, seen, errors) for n, cells in number_rows]
    if errors:
        raise PlanImportError(errors)
    return [row for row in plan if row is not None]


# -- the table ---------------------------------------------------------------------------------
def _fail(*messages: str) -> PlanImportError:
    return PlanImportError([RowError(None, None, m) for m in messages])


def _pick_sheet(book: Any) -> Any:
    if not book.worksheets:
        raise _fail("Tệp Excel không có trang tính nào.")
    named = [ws for ws in book.worksheets if fold(ws.title) == fold(SHEET_NAME)]
    return (named or book.worksheets)[0]


def _find_header(head: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    best: dict[str, int] = {}
    for number, values in enumerate(head, start=1):
        found: dict[str, int] = {}
        for index, value in enumerate(values):
            key = _HEADERS.get(_header_key(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = index
        if all(k in found for k in REQUIRED):
            return number, found
        best = max(best, found, key=len)
    if len(best) < 2:
        names = ", ".join(f"“{_LABELS[k]}”" for k in REQUIRED)
        raise _fail(
            f"Không thấy dòng tiêu đề của bảng kế hoạch (cần các cột {names}); hãy dùng tệp mẫu."
        )
    missing = ", ".join(f"“{_LABELS[k]}”" for k in REQUIRED if k not in best)
    raise _fail(f"Bảng kế hoạch thiếu cột {missing}; hãy dùng tệp mẫu.")


def _rows_of(ws: Any, max_rows: int) -> list[tuple[int, dict[str, Any]]]:
    """Return (row number, cells by column key) for every non-empty row under the header.

    openpyxl directly, not pandas.read_excel: pandas materialises every row and column, so a
    20 KB file with one cell in column XFD per row takes a minute and 600 MB. Here the width
    is bounded by the header and reading stops as soon as there are too many rows.
    """
    ws.reset_dimensions()  # declared dimensions may be wrong; let openpyxl find the extent
    head = list(ws.iter_rows(max_row=_HEADER_SCAN, max_col=_MAX_COLUMNS, values_only=True))
    header_row, columns = _find_header(head)
    width = max(columns.values()) + 1
    rows: list[tuple[int, dict[str, Any]]] = []
    lines = ws.iter_rows(min_row=header_row + 1, max_col=width, values_only=True)
    for number, values in enumerate(lines, start=header_row + 1):
        if values.count(None) == len(values):
            continue  # fast path: a sheet may hold a million empty rows before one last cell
        cells = {k: cleaned(values[i] if i < len(values) else None) for k, i in columns.items()}
        if all(v is None for k, v in cells.items() if k != "no"):
            continue  # blank, or numbered in advance (only an STT)
        if len(rows) == max_rows:
            limit = f"{max_rows:,}".replace(",", ".")  # Vietnamese thousands: 2.000
            raise _fail(f"Bảng có hơn {limit} dòng nhiệm vụ; mỗi lần chỉ nhập tối đa {limit} dòng.")
        rows.append((number, cells))
    if not rows:
        raise _fail("Bảng kế hoạch không có dòng nhiệm vụ nào.")
    return rows


# -- the rows ----------------------------------------------------------------------------------


def _error(row: int, key: str, detail: str) -> RowError:
    return RowError(row, _LABELS[key], f"Dòng {row}, cột “{_LABELS[key]}”: {detail}")


def _check_row(
    number: int, cells: dict, lookup: PlanLookup, seen: dict[str, int], errors: list[RowError]
) -> PlanRow | None:
    """Check one row; add its errors to `errors` and return the row only when it has none."""
    found: list[RowError] = []

    def take(key: str, parse: Callable[..., tuple[Any, Any]], *args: Any) -> Any:
        raw = cells.get(key)
        if isinstance(raw, str) and raw in _EXCEL_ERRORS:  # a broken formula's result
            value, detail = None, f"ô chứa giá trị lỗi {quoted(raw)} của Excel."
        else:
            value, detail = parse(raw, *args)
        if detail:
            found.append(_error(number, key, detail))
        return value

    title = take("title", read_title)
    section = take(
        "section", read_one, lookup.sections, lookup.section_titles, "lĩnh vực", "lĩnh vực"
    )
    lead = take("lead_unit", read_one, lookup.units, lookup.unit_names, "đơn vị", "đơn vị chủ trì")
    support = take("support_units", read_units, lookup)
    start, due = take("start_date", read_date), take("due_date", read_date)
    if start and due and due < start:
        detail = f"hạn hoàn thành {as_text(due)} trước ngày bắt đầu {as_text(start)}."
        found.append(_error(number, "due_date", detail))
    if title:
        if fold(title) in lookup.existing_titles:
            found.append(_error(number, "title", "đã có nhiệm vụ cùng tên trong kỳ này."))
        elif fold(title) in seen:
            detail = f"trùng tên với nhiệm vụ ở dòng {seen[fold(title)]}."
            found.append(_error(number, "title", detail))
        else:
            seen[fold(title)] = number
    written = take("documents", read_plain) or ""
    refs = tuple(p.strip() for p in re.split(r"[;\n]", written) if p.strip())
    description, note = take("description", read_plain), take("note", read_plain)
    product = take("product", read_plain)
    if len(product or "") > PRODUCT_MAX:
        found.append(_error(number, "product", f"dài quá {PRODUCT_MAX:,} ký tự.".replace(",", ".")))
    errors.extend(sorted(found, key=lambda e: _ORDER[e.field]))
    if found:
        return None
    return PlanRow(
        row_number=number,
        title=title,
        description=description,
        section_id=section,
        lead_unit_id=lead,
        support_unit_ids=tuple(u for u in support if u != lead),
        start_date=start,
        due_date=due,
        document_refs=refs,
        note=note,
        product=product or "",
        document_ids=tuple(lookup.documents.get(symbol_key(r)) for r in refs),
    )
