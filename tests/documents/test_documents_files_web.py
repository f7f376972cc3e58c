"""A document's own file: checked by content, size-limited, kept in the document's row."""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from pathlib import Path

import pytest

from tracker.documents.linking import ensure_document
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(with_body: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        main = "wordprocessingml.document.main+xml" if with_body else "x-unknown"
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.{main}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def qd(world):
    """A document division A registered: its head may attach the file."""
    document = ensure_document(parse_ref("Quyết định 135/QĐ-TTg ngày 20/01/2020"), title="Đề án")
    document.registered_by_unit_id = world.units["a"].id
    db.session.commit()
    return document


def upload(client, document, content: bytes, name: str):
    url = f"/documents/{document.id}"
    return client.post_form(
        f"{url}/file",
        {"file": (io.BytesIO(content), name)},
        token_from=url,
        content_type="multipart/form-data",
    )


def test_a_pdf_is_kept_in_its_row_and_served_to_readers(qd, login_as, client, app):
    response = upload(login_as("head_a"), qd, PDF, "../../QĐ 135 ký số.pdf")
    assert response.status_code == 303
    db.session.refresh(qd)
    assert qd.file_name == "QĐ 135 ký số.pdf"
    assert (qd.file_data, qd.file_size) == (PDF, len(PDF))
    assert qd.file_sha256 == hashlib.sha256(PDF).hexdigest()
    assert not (Path(app.instance_path) / "documents").exists()  # no file on any disk
    client.logout()
    download = login_as("viewer_b").get(f"/documents/{qd.id}/file")
    body = download.data
    download.close()
    assert download.status_code == 200 and body == PDF
    assert download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    page = text_of(client.get(f"/documents/{qd.id}"))
    assert "QĐ 135 ký số.pdf" in page


def test_replacing_the_file_replaces_its_bytes(qd, login_as):
    client = login_as("director")
    upload(client, qd, PDF, "ban-dau.pdf")
    assert upload(client, qd, b"MZ\x90\x00", "hong.pdf").status_code == 422
    db.session.refresh(qd)
    assert qd.file_name == "ban-dau.pdf" and qd.file_data == PDF  # a refusal keeps the old one
    word = docx_bytes()
    assert upload(client, qd, word, "ban-sua.docx").status_code == 303
    db.session.refresh(qd)
    assert qd.file_name == "ban-sua.docx" and qd.file_data == word
    download = client.get(f"/documents/{qd.id}/file")
    download.close()
    assert download.mimetype.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "van-ban.pdf", "không phải là PDF hay Word"),
        (b"<html>hi</html>", "van-ban.docx", "không phải là PDF hay Word"),
        (b"\x89PNG\r\n\x1a\n....", "anh.pdf", "không phải là PDF hay Word"),
        (docx_bytes(with_body=False), "van-ban.docx", "không phải là PDF hay Word"),
        (b"PK\x03\x04 broken zip", "van-ban.docx", "không phải là PDF hay Word"),
        (b"", "rong.pdf", "rỗng"),
    ],
)
def test_files_are_judged_by_their_content(qd, login_as, content, name, message):
    response = upload(login_as("director"), qd, content, name)
    assert response.status_code == 422
    assert message in text_of(response) and name in text_of(response)
    db.session.refresh(qd)
    assert qd.file_name is None and qd.file_data is None


def test_no_file_chosen(qd, login_as):
    client = login_as("director")
    response = client.post_form(f"/documents/{qd.id}/file", {}, token_from=f"/documents/{qd.id}")
    assert response.status_code == 422 and "Chưa chọn tệp văn bản." in text_of(response)


def test_a_file_over_the_limit_is_refused(qd, login_as, app):
    app.config["DOCUMENT_MAX_BYTES"] = 1024
    try:
        response = upload(login_as("director"), qd, PDF + b"0" * 2000, "lon.pdf")
    finally:
        app.config.pop("DOCUMENT_MAX_BYTES")
    assert response.status_code == 422 and "lớn quá" in text_of(response)
    db.session.refresh(qd)
    assert qd.file_name is None


def test_a_request_over_the_request_limit_is_refused_before_reading(qd, login_as, app):
    # 20 MB for real; smaller here, as big test bodies go through temporary files.
    assert app.config["MAX_CONTENT_LENGTH"] == max_bytes_default() == 20 * 1024 * 1024
    client = login_as("director")
    app.config["MAX_CONTENT_LENGTH"] = 100 * 1024
    try:
        response = upload(client, qd, PDF + b"0" * (200 * 1024), "qua-lon.pdf")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024
    assert response.status_code == 413 and "vượt quá giới hạn" in text_of(response)
    db.session.refresh(qd)
    assert qd.file_name is None


def max_bytes_default() -> int:
    from tracker.documents.files import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES


@pytest.mark.parametrize("key", ["staff_a", "viewer"])
def test_only_managers_upload(qd, login_as, key):
    assert upload(login_as(key), qd, PDF, "x.pdf").status_code == 403
    db.session.refresh(qd)
    assert qd.file_name is None


def test_a_document_without_a_file_has_nothing_to_download(qd, login_as):
    response = login_as("viewer").get(f"/documents/{qd.id}/file")
    assert response.status_code == 404 and "chưa có tệp" in text_of(response)


def test_a_registration_may_carry_the_file(world, login_as):
    client = login_as("director")
    data = {
        "reference": "Chỉ thị 03/CT-TTg ngày 16/01/2020",
        "title": "Rượu, bia",
        "file": (io.BytesIO(PDF), "chi-thi-03.pdf"),
    }
    response = client.post_form("/documents/new", data, content_type="multipart/form-data")
    assert response.status_code == 303
    document_id = int(response.headers["Location"].rsplit("/", 1)[1])
    download = client.get(f"/documents/{document_id}/file")
    body = download.data
    download.close()
    assert body == PDF


def test_another_divisions_head_neither_replaces_nor_deletes_the_document(qd, login_as):
    """The probe: any division's head could replace the file of, or delete, any document."""
    registrar = login_as("head_a")
    upload(registrar, qd, PDF, "ban-goc.pdf")
    registrar.logout()
    other = login_as("head_b")
    assert upload(other, qd, docx_bytes(), "thay-the.docx").status_code == 403
    url = f"/documents/{qd.id}"
    assert other.post_form(f"{url}/delete", token_from=url).status_code == 403
    db.session.expire_all()
    assert qd.file_name == "ban-goc.pdf" and qd.file_data == PDF
    other.logout()  # the registering division's head may
    assert upload(login_as("head_a"), qd, docx_bytes(), "ban-sua.docx").status_code == 303
