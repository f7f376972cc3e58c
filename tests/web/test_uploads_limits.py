"""Hostile uploads: bodies over the limit, files that lie about their type, zip bombs."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import docx
import openpyxl
import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tracker.models import Attachment, Task

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
# The start of a Windows program: "MZ", the DOS stub, NULs and a PE header.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"This program cannot be run"
EXE += b" in DOS mode.\r\r\n$" + b"\x00" * 64 + b"PE\x00\x00L\x01"
HTML = b"<html><body><script>fetch('/api/v1/me')</script>B\xc3\xa1o c\xc3\xa1o</body></html>"
TOO_LARGE = re.compile(r"Dữ liệu gửi lên vượt quá giới hạn 20\sMB")


def multipart(client, url: str, fields: dict):
    """Post a multipart form built in memory (the test client would spool it to a file)."""
    fields = {
        key: FileStorage(io.BytesIO(value[0]), filename=value[1])
        if isinstance(value, tuple)
        else value
        for key, value in fields.items()
    }
    boundary, body = encode_multipart(fields)
    return client.raw.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# -- the global request limit ---------------------------------------------------------------


def test_a_form_over_the_limit_gets_a_vietnamese_413_page(world, login_as, db):
    client = login_as("director")
    token = client.csrf("/tasks/new")
    body = {"csrf_token": token, "title": "x", "description": "y" * (21 * MB)}
    response = client.post("/tasks/new", data=body)
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert TOO_LARGE.search(page) and "Tệp quá lớn" in page
    assert response.headers["X-Frame-Options"] == "DENY"
    assert count(db, Task) == 0


def test_a_file_over_the_limit_gets_the_413_page_and_nothing_is_kept(app, world, login_as, db):
    task = world.task(unit="a")
    client = login_as("head_a")
    fields = {
        "csrf_token": client.csrf(f"/tasks/{task.id}"),
        "file": (b"%PDF-" * (5 * MB), "a.pdf"),
    }
    response = multipart(client, f"/tasks/{task.id}/attachments", fields)
    assert response.status_code == 413 and TOO_LARGE.search(response.get_data(as_text=True))
    assert count(db, Attachment) == 0


def test_one_overlong_field_in_a_small_form_gets_its_own_message(world, login_as, db):
    client = login_as("director")
    fields = {"csrf_token": client.csrf("/tasks/new"), "title": "x", "description": "y" * MB}
    fields["file"] = (b"%PDF-1.7", "a.pdf")  # a multipart form, as when evidence is attached
    response = multipart(client, "/tasks/new", fields)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "Biểu mẫu có một ô quá dài hoặc quá nhiều ô (mỗi ô tối đa 488\xa0KB)" in page
    assert count(db, Task) == 0


def test_the_anonymous_get_the_413_page_too(client, world):
    response = client.post("/login", data={"username": "x" * (21 * MB), "password": "y"})
    assert response.status_code == 413 and TOO_LARGE.search(response.get_data(as_text=True))


@pytest.mark.parametrize("size", [2 * MB, 21 * MB])
def test_an_api_body_over_the_limit_gets_413_json(world, login_as, size):
    client = login_as("director")
    headers = {"X-CSRFToken": client.get("/api/v1/auth/csrf").get_json()["csrf_token"]}
    response = client.post("/api/v1/tasks", json={"title": "x" * size}, headers=headers)
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "too_large"
    assert "vượt quá giới hạn" in error["message"]


# -- evidence files are judged by their bytes -----------------------------------------------


def upload(client, task, data: bytes, name: str):
    fields = {"csrf_token": client.csrf(f"/tasks/{task.id}"), "file": (data, name)}
    return multipart(client, f"/tasks/{task.id}/attachments", fields)


def test_a_png_named_pdf_is_refused_and_as_png_accepted(app, world, login_as, db):
    task = world.task(unit="a")
    client = login_as("head_a")
    refused = upload(client, task, PNG, "bien-ban.pdf")
    assert refused.status_code == 422 and "không phải là tệp .pdf" in refused.get_data(as_text=True)
    assert upload(client, task, PNG, "bien-ban.png").status_code == 303
    attachment = db.session.scalar(select(Attachment))
    assert attachment.content_type == "image/png"
    response = client.get(f"/tasks/{task.id}/attachments/{attachment.id}")
    body = response.data
    response.close()
    assert body == PNG and response.mimetype == "image/png"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_program_renamed_pdf_is_refused_and_nothing_is_kept(app, world, login_as, db):
    task = world.task(unit="a")
    response = upload(login_as("head_a"), task, EXE, "bao-cao.pdf")
    assert response.status_code == 422
    assert "Chỉ nhận PDF, Word, Excel, ảnh PNG/JPEG" in response.get_data(as_text=True)
    assert count(db, Attachment) == 0


def test_a_web_page_is_refused_as_html_or_pdf_and_as_text_only_ever_downloaded(
    app, world, login_as, db
):
    task = world.task(unit="a")
    client = login_as("head_a")
    assert upload(client, task, HTML, "bao-cao.html").status_code == 422
    assert upload(client, task, HTML, "bao-cao.pdf").status_code == 422
    assert upload(client, task, HTML, "bao-cao.txt").status_code == 303
    attachment = db.session.scalar(select(Attachment))
    response = client.get(f"/tasks/{task.id}/attachments/{attachment.id}")
    response.close()
    assert response.mimetype == "text/plain"  # never text/html: its script cannot run here
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_name_that_climbs_directories_stays_a_name(app, world, login_as, db):
    task = world.task(unit="a")
    client = login_as("head_a")
    assert upload(client, task, PNG, "../../../../tmp/evil.png").status_code == 303
    attachment = db.session.scalar(select(Attachment))
    assert attachment.filename == "evil.png" and attachment.data == PNG


# -- Excel plan imports ---------------------------------------------------------------------


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "STT"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(data: bytes, name: str, size: int) -> bytes:
    """The workbook with one member replaced by `size` bytes of zeros, streamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as member:
            chunk = b"0" * MB
            for _ in range(size // MB):
                member.write(chunk)
    return out.getvalue()


def lying_about_its_size(data: bytes, declared: int) -> bytes:
    """Rewrite every size field of a zip to `declared`: a bomb that claims to be small."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = raw.find(signature)
        while start != -1:
            if raw[start + 4 : start + 30].count(b"\xff\xff\xff\xff") == 0:
                struct.pack_into("<I", raw, start + offset, declared)
            start = raw.find(signature, start + 4)
    return bytes(raw)


def zip_bomb(uncompressed: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * uncompressed)
    return out.getvalue()


@pytest.fixture
def importer(login_as):
    return login_as("director")


def import_plan(client, data: bytes, name: str = "ke-hoach.xlsx"):
    fields = {"csrf_token": client.csrf("/reports/plan/import"), "period": "2026-Q4"}
    fields["file"] = (data, name)
    return multipart(client, "/reports/plan/import", fields)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("bomb", "bom nén"),
        ("ratio_bomb", "bom nén"),
        ("lying_bomb", "tệp bị hỏng hoặc không đúng cấu trúc .xlsx"),
        ("pdf_named_xlsx", "không phải là tệp Excel .xlsx hợp lệ"),
        ("docx_named_xlsx", "không phải là tệp Excel .xlsx hợp lệ"),
        ("truncated", "không phải là tệp Excel .xlsx hợp lệ"),
        ("exe_named_xlsx", "không phải là tệp Excel .xlsx hợp lệ"),
    ],
)
def test_a_hostile_workbook_is_refused_with_a_message(app, world, importer, db, case, message):
    valid = workbook()
    data = {
        "bomb": lambda: with_member(valid, "xl/worksheets/sheet1.xml", 60 * MB),
        "ratio_bomb": lambda: zip_bomb(8 * MB),
        "lying_bomb": lambda: lying_about_its_size(zip_bomb(40 * MB), 2000),
        "pdf_named_xlsx": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "docx_named_xlsx": lambda: word_file(),
        "truncated": lambda: valid[: len(valid) // 2],
        "exe_named_xlsx": lambda: EXE,
    }[case]()
    assert len(data) < 5 * MB  # all of them are small on the wire
    response = import_plan(importer, data)
    assert response.status_code == 422, response.status_code
    page = response.get_data(as_text=True)
    assert message in page, page[:3000]
    assert "Traceback" not in page
    assert count(db, Task) == 0


def word_file(paragraphs: int = 1) -> bytes:
    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph("Báo cáo")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("inflated", "message"),
    [(60 * MB, "bom nén"), (40 * MB, "bị hỏng hoặc không phải là tệp Word")],
)
def test_a_word_report_bomb_is_refused_on_the_report_import_too(
    world, importer, db, inflated, message
):
    bomb = with_member(word_file(), "word/document.xml", inflated)
    fields = {"csrf_token": importer.csrf("/reports/onboarding"), "period": "2020-9M"}
    fields["file"] = (bomb, "bao-cao.docx")
    response = multipart(importer, "/reports/onboarding", fields)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
