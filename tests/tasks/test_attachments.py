"""Evidence files: checked by content, stored under random names, downloadable by viewers."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from sqlalchemy import func, select
from task_pages import text
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tracker.models import Attachment, Task, TaskUpdate
from tracker.tasks.attachments import display_name, sniff

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "docx":
        document = docx.Document()
        document.add_paragraph("Biên bản kiểm tra")
        document.save(buffer)
    else:
        book = openpyxl.Workbook()
        book.active["A1"] = "Số liệu"
        book.save(buffer)
    return buffer.getvalue()


def zip_with(manifest: str | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest is not None:
            archive.writestr("[Content_Types].xml", manifest)
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


MACRO_DOC = (
    '<Types><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (PDF, "a.pdf", "application/pdf"),
        (PNG, "a.png", "image/png"),
        (JPEG, "a.jpg", "image/jpeg"),
        (OLE2, "a.doc", "application/msword"),
        (OLE2, "a.xls", "application/vnd.ms-excel"),
        ("Báo cáo tiến độ\n".encode(), "a.txt", "text/plain; charset=utf-8"),
        (PDF, "renamed.exe", "application/pdf"),
    ],
)
def test_allowed_files_are_known_by_their_bytes(data, name, expected):
    assert sniff(data, name) == expected


def test_office_packages_are_told_apart_by_their_manifest():
    assert sniff(office("docx"), "x.bin").endswith("wordprocessingml.document")
    assert sniff(office("xlsx"), "x.bin").endswith("spreadsheetml.sheet")


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03" + b"\x00" * 40,  # a Windows program
        zip_with(None),  # a zip, not an Office document
        zip_with(MACRO_DOC),  # a macro-enabled document
        b"PK\x03\x04 not really a zip",
        "văn bản".encode("utf-16"),
        b"abc\x00def",
        b"\xc3\x28 invalid utf-8",
        b"   \n ",
    ],
)
def test_other_content_is_refused_whatever_its_name(data):
    assert sniff(data, "bao-cao.pdf") is None


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Báo cáo quý IV.pdf", "Báo cáo quý IV.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\Biên bản.docx", "Biên bản.docx"),
        ('a<b>"c".txt', "a_b_c_.txt"),
        ("", "tep-dinh-kem"),
        ("x" * 300 + ".pdf", "x" * 190 + ".pdf"),
    ],
)
def test_original_names_are_kept_safe_for_display(raw, shown):
    assert display_name(raw) == shown


def multipart(client, url: str, fields: dict):
    """Post a multipart form encoded in memory (the test client spools big bodies to a
    temporary file it never closes)."""
    fields = {
        key: FileStorage(value[0], filename=value[1]) if isinstance(value, tuple) else value
        for key, value in fields.items()
    }
    boundary, body = encode_multipart(fields)
    return client.raw.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload(client, task, data: bytes, name: str):
    url = f"/tasks/{task.id}"
    fields = {"csrf_token": client.csrf(url), "file": (io.BytesIO(data), name)}
    return multipart(client, f"{url}/attachments", fields)


def test_an_upload_is_stored_in_its_row_and_recorded(app, login_as, world, db):
    task = world.task(title="Kiểm tra hạ tầng")
    client = login_as("head_a")
    response = upload(client, task, PDF, "Biên bản kiểm tra.pdf")
    assert response.status_code == 303
    attachment = db.session.scalar(select(Attachment))
    assert attachment.filename == "Biên bản kiểm tra.pdf"
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest() and attachment.size == len(PDF)
    assert attachment.data == PDF
    assert not (Path(app.instance_path) / "attachments").exists()  # no file on any disk
    entry = db.session.scalar(select(TaskUpdate).where(TaskUpdate.kind == "attachment"))
    assert entry.note == "Biên bản kiểm tra.pdf" and entry.user_id == world.users["head_a"].id
    assert "Biên bản kiểm tra.pdf" in text(client.get(f"/tasks/{task.id}"))


def test_whoever_sees_the_task_downloads_it_others_do_not(app, login_as, client, world, db):
    task = world.task()
    upload(login_as("head_a"), task, PDF, "Quyết định giao việc.pdf")
    attachment = db.session.scalar(select(Attachment))
    url = f"/tasks/{task.id}/attachments/{attachment.id}"
    client.logout()
    client.login("viewer")
    response = client.get(url)
    body = response.data
    response.close()
    assert response.status_code == 200 and body == PDF
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''Quy" in disposition
    client.logout()
    client.login("head.b")
    assert client.get(url).status_code == 404
    other = world.task(unit="b")
    assert client.get(f"/tasks/{other.id}/attachments/{attachment.id}").status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ" + b"\x00" * 100, "bao-cao.pdf", "Chỉ nhận PDF, Word, Excel, ảnh PNG/JPEG"),
        (b"", "rong.pdf", "Tệp rỗng"),
        (PDF + b"\x00" * 2048, "lon.pdf", "Tệp vượt quá"),
    ],
)
def test_a_refused_file_is_named_and_nothing_is_kept(
    app, login_as, world, db, monkeypatch, data, name, message
):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1024)
    task = world.task()
    response = upload(login_as("head_a"), task, data, name)
    assert response.status_code == 422 and message in text(response)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert db.session.scalar(select(func.count()).select_from(TaskUpdate)) == 0


def test_the_limit_is_ten_megabytes_by_default(app, login_as, world, db):
    task = world.task()
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = upload(login_as("head_a"), task, big, "lon.pdf")
    assert response.status_code == 422 and "Tệp vượt quá 10 MB" in text(response)


def test_a_quick_update_with_a_bad_file_saves_nothing(app, login_as, world, db):
    task = world.task(progress=10)
    client = login_as("head_a")
    url = f"/tasks/{task.id}"
    page = client.get(url).get_data(as_text=True)
    form = re.search(rf'action="{url}/update".*?</form>', page, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    bad = {"status": "in_progress", "progress": "90", "file": (io.BytesIO(b"MZ\x00"), "chay.exe")}
    response = multipart(client, f"{url}/update", {**fields, **bad})
    assert response.status_code == 422 and "Chỉ nhận PDF" in text(response)
    db.session.expire_all()
    assert db.session.get(Task, task.id).progress == 10
    assert db.session.scalar(select(func.count()).select_from(TaskUpdate)) == 0
    sheet = (io.BytesIO(office("xlsx")), "Số liệu.xlsx")
    good = multipart(
        client,
        f"{url}/update",
        {**fields, "progress": "90", "file": sheet, "status": "in_progress"},
    )
    assert good.status_code == 303
    assert db.session.scalar(select(Attachment.filename)) == "Số liệu.xlsx"


def test_staff_attach_only_to_their_own_tasks(login_as, world, db):
    other = world.task()
    response = upload(login_as("staff_a"), other, PDF, "a.pdf")
    assert response.status_code == 403
