"""Whatever the bytes or cells, the plan reader answers rows or PlanImportError, nothing else."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tracker.imports.plan import COLUMNS, PlanImportError, PlanLookup, PlanRow, read_plan

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = [c.key for c in COLUMNS]
HEADERS = [c.header for c in COLUMNS]
LOOKUP = PlanLookup.from_records(
    [(1, "VP", "Văn phòng"), (2, "BCVT", "Phòng Bưu chính, Viễn thông"), (3, "TTr", "Thanh tra")],
    [(10, "I.1", "Bưu chính"), (11, "I.2", "Ứng dụng công nghệ thông tin")],
    existing_titles=["Báo cáo quý III"],
)


class Literal(str):
    """Text to store as a string cell even when it looks like a formula."""


printable = st.characters(blacklist_categories=("Cs", "Cc"))
tricky = st.sampled_from(
    ["=1+1", "=SUM(A1:A3)", "+cmd|' /C calc'!A0", "-2", "@x", "#N/A", "#REF!", "TRUE", " ", "",
     "31/02/2020", "2020-13-45", "1/1/2021", "01/10/2020", "0/0/0000", "99/99/9999",
     "VP", "vp, bcvt", "I.1", "Bưu chính", ",,,", ";;", "135/QĐ-TTg; ; x"]
)  # fmt: skip
cell_values = st.one_of(
    st.none(),
    st.text(printable, max_size=40),
    st.text(printable, min_size=490, max_size=1200),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.dates(min_value=date(1900, 3, 1)),
    st.times(),
    tricky,
    st.one_of(tricky, st.text(printable, max_size=40)).map(Literal),
)


def row(**fields: object) -> list[object]:
    """A valid row of the template, with some fields replaced."""
    values = dict.fromkeys(KEYS, "") | {"title": "Nhiệm vụ", "section": "I.1", "lead_unit": "VP"}
    values |= {"start_date": datetime(2020, 10, 1), "due_date": "31/12/2020"}
    return [(values | fields)[key] for key in KEYS]


def build(lines: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kế hoạch"
    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            if isinstance(value, Literal):
                cell.value, cell.data_type = str(value), "s"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def check(data: bytes) -> None:
    """Read the data; only a valid plan or a documented refusal may come out."""
    try:
        rows = read_plan(data, LOOKUP)
    except PlanImportError as refusal:
        assert refusal.errors
        event("refused: rows" if refusal.errors[0].row else "refused: file")
        for error in refusal.errors:
            prefix = "" if error.row is None else f"Dòng {error.row}, cột “{error.field}”: "
            assert str(error).startswith(prefix) and len(str(error)) > len(prefix)
        return
    event("accepted")
    assert rows and all(isinstance(r, PlanRow) for r in rows)
    assert [r.row_number for r in rows] == sorted({r.row_number for r in rows})
    for r in rows:
        assert 0 < len(r.title) <= 500
        assert r.section_id in LOOKUP.sections.values()
        assert r.lead_unit_id not in r.support_unit_ids
        assert not (r.start_date and r.due_date and r.due_date < r.start_date)


VALID = build([HEADERS, row(), row(title="Thứ hai", support_units="BCVT, TTr")])


@FUZZ
@given(st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(b"PK\x03\x04".__add__)))
def test_random_bytes_are_refused_cleanly(data):
    check(data)


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), cell_values, max_size=4), max_size=5))
def test_random_cells_in_an_otherwise_valid_workbook(changes):
    rows = [row(**({"title": f"Nhiệm vụ {i}"} | change)) for i, change in enumerate(changes)]
    check(build([HEADERS, *rows]))


@FUZZ
@given(
    st.lists(st.lists(cell_values, max_size=12), max_size=3),
    st.lists(cell_values, max_size=4),
    st.lists(st.lists(cell_values, max_size=12), max_size=4),
)
def test_random_lines_around_a_header(above, extra_headers, rows):
    check(build([*above, HEADERS + extra_headers, *rows]))


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=8),
    st.integers(1, len(VALID)),
)
def test_a_valid_workbook_with_damaged_bytes(flips, keep):
    data = bytearray(VALID[:keep])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    check(bytes(data))
