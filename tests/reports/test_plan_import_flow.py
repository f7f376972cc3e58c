"""Importing a plan: the template round trip in the browser and on the command line."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import lxml.html
import openpyxl
import pytest
from sqlalchemy import func, select, update

from tracker.imports.plan import COLUMNS, SHEET_NAME
from tracker.models import Document, KeptUpload, Task, TaskUpdate

PERIOD = "2026-Q4"
KEYS = [c.key for c in COLUMNS]
TOKEN_RE = re.compile(r'name="token"[^>]*value="([^"]+)"')
GOOD_ROWS = [
    {
        "title": "Xây dựng kế hoạch chuyển đổi số",
        "description": "Trình UBND tỉnh ban hành",
        "section": "I.1",
        "lead_unit": "A",
        "support_units": "B, A1",
        "product": "Kế hoạch được UBND tỉnh ban hành",
        "start_date": datetime(2026, 10, 1),  # a real Excel date
        "due_date": "15/12/2026",  # a date typed as text
        "documents": "135/QĐ-TTg; Công văn 4366/BTTTT-HTQT",
        "note": "Ưu tiên",
    },
    {"title": "Tuyên truyền an toàn thông tin", "section": "I.2", "lead_unit": "B"},
]


def error_table(response) -> list[tuple[str, str, str]]:
    """The rows of the page's error table: (row, column, what is wrong)."""
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    return [
        tuple(cell.text_content().strip() for cell in tr.findall("td"))
        for tr in tree.xpath("//table[contains(@class, 'import-errors')]/tbody/tr")
    ]


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def fill(template: bytes, rows: list[dict]) -> bytes:
    """Fill the template's plan sheet as a user would, one task a row from row 2."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    ws = book[SHEET_NAME]
    assert [c.value for c in ws[1]][: len(KEYS)] == [c.header for c in COLUMNS]
    for number, row in enumerate(rows, start=2):
        ws.cell(number, 1, number - 1)
        for key, value in row.items():
            ws.cell(number, KEYS.index(key) + 1, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def director(login_as):
    return login_as("director")


@pytest.fixture
def template(director) -> bytes:
    response = director.get(f"/reports/plan/template?period={PERIOD}")
    assert response.status_code == 200
    assert f"mau-ke-hoach-{PERIOD}.xlsx" in response.headers["Content-Disposition"]
    return response.data


def upload(client, data: bytes, name: str = "ke-hoach.xlsx", period: str = PERIOD):
    form = {"period": period, "file": (io.BytesIO(data), name)}
    return client.post_form("/reports/plan/import", form, content_type="multipart/form-data")


def kept_tokens(db) -> list[str]:
    return list(db.session.scalars(select(KeptUpload.token).order_by(KeptUpload.id)))


def test_template_round_trip_preview_then_confirm(app, db, world, director, template):
    book = openpyxl.load_workbook(io.BytesIO(template))
    lists = [tuple(c.value for c in row) for row in book["Danh mục"].iter_rows(min_row=2)]
    assert ("A", "Phòng A", None, "I.1", "Lĩnh vực một") in lists  # today's units and sections

    preview = upload(director, fill(template, GOOD_ROWS))
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "2 nhiệm vụ" in html and GOOD_ROWS[0]["title"] in html and "Phòng B, Tổ A1" in html
    assert "Sản phẩm: Kế hoạch được UBND tỉnh ban hành" in html
    assert count(db, Task) == 0  # nothing is saved before the confirmation
    token = TOKEN_RE.search(html).group(1)
    assert kept_tokens(db) == [token]

    confirmed = director.post_form(
        "/reports/plan/import/confirm", {"token": token}, token_from="/reports/plan/import"
    )
    assert confirmed.status_code == 303
    tasks = db.session.scalars(select(Task).order_by(Task.id)).all()
    assert [t.title for t in tasks] == [r["title"] for r in GOOD_ROWS]
    first = tasks[0]
    assert first.planned_period == PERIOD and first.section.code == "I.1"
    assert first.lead_unit.code == "A" and {u.code for u in first.support_units} == {"B", "A1"}
    assert (first.start_date, first.due_date) == (date(2026, 10, 1), date(2026, 12, 15))
    assert first.product == "Kế hoạch được UBND tỉnh ban hành" and tasks[1].product is None
    assert "Ghi chú: Ưu tiên" in first.description
    assert {d.symbol for d in first.documents} == {"135/QĐ-TTg", "4366/BTTTT-HTQT"}
    assert first.created_by_id == world.users["director"].id
    history = db.session.scalars(select(TaskUpdate.kind).where(TaskUpdate.task_id == first.id))
    assert list(history) == ["created"]
    assert kept_tokens(db) == []  # the upload is gone once imported


def test_a_bad_row_imports_nothing_and_names_the_row_and_the_field(
    app, db, world, director, template
):
    rows = [GOOD_ROWS[0], {**GOOD_ROWS[1], "section": "IX.9", "start_date": "01/12/2026",
                           "due_date": "30/11/2026"}]  # fmt: skip
    response = upload(director, fill(template, rows))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert error_table(response) == [
        ("3", "Lĩnh vực (mã)", "Không có lĩnh vực mã “IX.9”."),
        ("3", "Hạn hoàn thành", "Hạn hoàn thành 30/11/2026 trước ngày bắt đầu 01/12/2026."),
    ]
    assert "Không nhiệm vụ nào được tạo" in html
    assert count(db, Task) == 0 and count(db, Document) == 0
    assert kept_tokens(db) == []


def test_duplicates_of_the_periods_tasks_are_refused(db, world, director, template):
    world.task(title=GOOD_ROWS[1]["title"].upper(), planned=PERIOD)  # same title, any case
    world.task(title=GOOD_ROWS[0]["title"], planned="2027-Q1")  # another period: no clash
    response = upload(director, fill(template, GOOD_ROWS))
    assert response.status_code == 422
    assert error_table(response) == [("3", "Tên nhiệm vụ", "Đã có nhiệm vụ cùng tên trong kỳ này.")]
    assert count(db, Task) == 2


def test_the_confirmation_checks_the_file_again(app, db, world, director, template):
    token = TOKEN_RE.search(upload(director, fill(template, GOOD_ROWS)).get_data(as_text=True))[1]
    world.task(title=GOOD_ROWS[0]["title"], planned=PERIOD)  # someone got there first
    response = director.post_form(
        "/reports/plan/import/confirm", {"token": token}, token_from="/reports/plan/import"
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_table(response) == [("2", "Tên nhiệm vụ", "Đã có nhiệm vụ cùng tên trong kỳ này.")]
    assert "Dữ liệu đã thay đổi" in html
    # The refusal rolls the request back, the kept upload with it: it stays until swept.
    assert count(db, Task) == 1 and kept_tokens(db) == [token]


def test_a_reference_that_is_no_document_is_caught_at_the_preview(db, world, director, template):
    rows = [{**GOOD_ROWS[1], "documents": "theo chỉ đạo miệng"}]
    response = upload(director, fill(template, rows))
    assert response.status_code == 422
    ((row, column, detail),) = error_table(response)
    assert (row, column) == ("2", "Văn bản liên quan") and "“theo chỉ đạo miệng”" in detail


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.xls", b"PK\x03\x04", "Chỉ nhận tệp Excel .xlsx"),
        ("ke-hoach.xlsx", b"not a zip at all", "không phải là tệp Excel .xlsx hợp lệ"),
        ("ke-hoach.xlsx", b"", "Tệp rỗng"),
    ],
)
def test_files_that_are_no_plan_are_refused(db, world, director, name, data, message):
    response = upload(director, data, name=name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_file_over_the_limit_is_refused(app, db, world, director, template, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1000)
    response = upload(director, fill(template, GOOD_ROWS))
    assert response.status_code == 422 and "Tệp lớn hơn" in response.get_data(as_text=True)


def test_a_period_that_is_no_period_is_refused(db, world, director, template):
    response = upload(director, fill(template, GOOD_ROWS), period="2026-Q7")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kỳ báo cáo “2026-Q7” không hợp lệ" in html
    assert "Not a valid" not in html and count(db, Task) == 0


@pytest.mark.parametrize("who", ["head_a", "staff_a", "viewer"])
def test_only_leaders_import(login_as, db, world, who):
    client = login_as(who)
    assert client.get("/reports/plan/import").status_code == 403
    response = client.post_form("/reports/plan/import/confirm", {"token": "x" * 43}, token_from="/")
    assert response.status_code == 403


def test_an_upload_is_confirmed_only_by_who_made_it(db, world, director, login_as, template):
    token = TOKEN_RE.search(upload(director, fill(template, GOOD_ROWS)).get_data(as_text=True))[1]
    director.logout()
    admin = login_as("admin")
    response = admin.post_form(
        "/reports/plan/import/confirm", {"token": token}, token_from="/reports/plan/import"
    )
    assert response.status_code == 303
    assert "không còn" in admin.get(response.headers["Location"]).get_data(as_text=True)
    assert count(db, Task) == 0


def test_old_uploads_are_swept(app, db, world, director, template):
    token = TOKEN_RE.search(upload(director, fill(template, GOOD_ROWS)).get_data(as_text=True))[1]
    two_days_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=2)
    db.session.execute(update(KeptUpload).values(stored_at=two_days_ago))
    db.session.commit()
    fresh = TOKEN_RE.search(upload(director, fill(template, GOOD_ROWS[1:])).get_data(as_text=True))
    assert kept_tokens(db) == [fresh[1]] and token != fresh[1]


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=["tracker", "import-plan", *args], catch_exceptions=False)

    return invoke


def test_cli_imports_a_good_plan(db, world, template, cli, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(fill(template, GOOD_ROWS))
    dry = cli(str(path), "--period", PERIOD, "--dry-run")
    assert dry.exit_code == 0 and "2 tasks would be imported" in dry.output
    assert count(db, Task) == 0
    result = cli(str(path), "--period", PERIOD)
    assert result.exit_code == 0, result.output
    assert "Imported 2 tasks into 2026-Q4" in result.output
    assert count(db, Task) == 2
    assert set(db.session.scalars(select(Task.planned_period))) == {PERIOD}
    again = cli(str(path), "--period", PERIOD)  # the same plan twice: duplicates
    assert again.exit_code == 1 and "đã có nhiệm vụ cùng tên" in again.output
    assert count(db, Task) == 2


def test_cli_names_the_row_and_the_field_and_imports_nothing(db, world, template, cli, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(fill(template, [GOOD_ROWS[0], {**GOOD_ROWS[1], "lead_unit": "ZZ"}]))
    result = cli(str(path), "--period", PERIOD)
    assert result.exit_code == 1
    assert "nothing imported, 1 error" in result.output
    assert "Dòng 3, cột “Đơn vị chủ trì (mã)”: không có đơn vị mã “ZZ”." in result.output
    assert count(db, Task) == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["/nonexistent/plan.xlsx", "--period", PERIOD], 1, "no such file"),
        (["{file}", "--period", "2026-Q9"], 1, "2026-Q9"),
        (["{file}"], 2, "--period"),
        ([], 2, "FILE"),
    ],
)
def test_cli_bad_input_and_usage(db, world, cli, tmp_path, args, code, message):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"not a workbook")
    result = cli(*[a.replace("{file}", str(path)) for a in args])
    assert result.exit_code == code
    assert message in result.output


def test_cli_refuses_a_file_that_is_no_workbook(db, world, cli, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"not a workbook")
    result = cli(str(path), "--period", PERIOD)
    assert result.exit_code == 1 and "không phải là tệp Excel .xlsx hợp lệ" in result.output
