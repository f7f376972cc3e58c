"""Evidence files: checked by bytes and name, kept in their rows, downloadable by viewers."""

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

from tracker.common.filetypes import accepted_type, clean_name
from tracker.models import Attachment, Task, TaskUpdate

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


def package(first: str, content: str = "x", stored: bool = True) -> bytes:
    """A zip whose first entry is `first` (an OpenDocument file starts with its mimetype)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first, content, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


ODT = package("mimetype", "application/vnd.oasis.opendocument.text")
ODS = package("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
ZIP = package("bao-cao/phu-luc.txt", "Phụ lục")
TEXT = "Báo cáo tiến độ\n".encode()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (PDF, "a.pdf", "application/pdf"),
        (PDF, "A.PDF", "application/pdf"),
        (PNG, "a.png", "image/png"),
        (JPEG, "a.jpg", "image/jpeg"),
        (JPEG, "a.jpeg", "image/jpeg"),
        (OLE2, "a.doc", "application/msword"),
        (OLE2, "a.xls", "application/vnd.ms-excel"),
        (TEXT, "a.txt", "text/plain"),
        (ODT, "a.odt", "application/vnd.oasis.opendocument.text"),
        (ODS, "a.ods", "application/vnd.oasis.opendocument.spreadsheet"),
        (ZIP, "a.zip", "application/zip"),
        (ODT, "a.zip", "application/zip"),  # a package is a zip too
    ],
)
def test_allowed_files_are_known_by_their_bytes_and_their_name(data, name, expected):
    assert accepted_type(data, name) == expected


def test_office_packages_are_told_apart_by_their_manifest():
    assert accepted_type(office("docx"), "x.docx").endswith("wordprocessingml.document")
    assert accepted_type(office("xlsx"), "x.xlsx").endswith("spreadsheetml.sheet")
    assert accepted_type(office("docx"), "x.xlsx") is None


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT, "xss.html"),  # UTF-8 text, but a page the browser would run
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
        (PDF, "renamed.exe"),
        (PDF, "bao-cao.txt"),  # a PDF is not text
        (PNG, "bien-ban.pdf"),
        (TEXT, "bao-cao.pdf"),
        (ZIP, "bao-cao.docx"),  # a plain zip is no Word file
        (ODT, "bao-cao.ods"),
        (OLE2, "cai-dat.msi"),
        (TEXT, "khong-duoi"),
        (TEXT, ".txt"),
    ],
)
def test_a_name_that_disagrees_with_the_bytes_or_is_not_allowed_is_refused(data, name):
    assert accepted_type(data, name) is None


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
    for name in ("bao-cao.pdf", "bao-cao.docx", "bao-cao.txt"):
        assert accepted_type(data, name) is None


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Báo cáo quý IV.pdf", "Báo cáo quý IV.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\Biên bản.docx", "Biên bản.docx"),
        ('a<b>"c".txt', "a_b_c_.txt"),
        ("", "tep-dinh-kem"),
        ("x" * 300 + ".pdf", "x" * 190 + ".pdf"),
        ("a\u202egnp.exe", "agnp.exe"),  # right-to-left override: shown as "aexe.png"
        ("\u2066bao\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u2067\u2068.pdf", "bao.pdf"),
        ("tab\there\r\n.txt", "tabhere.txt"),
        ("zero\u200bwidth\ufeff\u00ad.txt", "zerowidth.txt"),
        ("dòng\u2028mới.txt", "dòngmới.txt"),
    ],
)
def test_original_names_are_kept_safe_for_display(raw, shown):
    assert clean_name(raw) == shown


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


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<script>alert(1)</script>", "xss.html", "Tệp “xss.html”: không nhận đuôi “.html”"),
        (b"<svg onload='alert(1)'/>", "x.svg", "Tệp “x.svg”: không nhận đuôi “.svg”"),
        (b"MZ\x90\x00 program", "a\u202egnp.exe", "Tệp “agnp.exe”: không nhận đuôi “.exe”"),
        (PNG, "bien-ban.pdf", "Tệp “bien-ban.pdf”: nội dung không phải là tệp .pdf"),
    ],
)
def test_pages_pictures_with_scripts_and_disguised_names_are_refused_by_name(
    login_as, world, db, data, name, message
):
    response = upload(login_as("head_a"), world.task(), data, name)
    assert response.status_code == 422 and message in text(response)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_a_text_file_downloads_with_one_charset(login_as, world, db):
    task = world.task()
    client = login_as("head_a")
    assert upload(client, task, TEXT, "ghi-chu.txt").status_code == 303
    attachment = db.session.scalar(select(Attachment))
    assert attachment.content_type == "text/plain"
    response = client.get(f"/tasks/{task.id}/attachments/{attachment.id}")
    response.close()
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


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


def test_the_task_page_has_one_place_to_attach_evidence(login_as, world, db):
    """Issue 16: an open task showed two upload boxes (the update form's and the card's)."""
    client = login_as("head_a")
    open_task = world.task(unit="a", due=world.days(5))
    page = client.get(f"/tasks/{open_task.id}").get_data(as_text=True)
    assert page.count('type="file"') == 1
    assert 'Đính kèm tệp minh chứng ở ô <a href="#file">' in page
    finished = world.task(unit="a", status="submitted", due=world.days(5), done=world.days(-1))
    page = client.get(f"/tasks/{finished.id}").get_data(as_text=True)
    assert page.count('type="file"') <= 1
