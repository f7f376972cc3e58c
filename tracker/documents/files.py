"""A document's own file (its PDF or DOCX): checked by content, kept in the document's row."""

from __future__ import annotations

import hashlib

from flask import current_app

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.common.filetypes import clean_name, content_kind
from tracker.models import Document
from tracker.web.downloads import StoredFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KINDS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def max_bytes() -> int:
    return int(current_app.config.get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(content: bytes) -> str | None:
    """The suffix, ".pdf" or ".docx", that the bytes themselves show (as for evidence files)."""
    kind = content_kind(content)
    return f".{kind}" if f".{kind}" in KINDS else None


def store_document_file(document: Document, upload) -> None:
    """Check an uploaded file (a werkzeug FileStorage) and make it the document's file.

    The bytes go into the document's row, in the transaction that records it: a refusal or a
    rollback leaves the previous file as it was, a commit replaces it.
    """
    if upload is None or not getattr(upload, "filename", None):
        raise ValidationFailed("Chưa chọn tệp văn bản.", field="file")
    name = clean_name(upload.filename)
    limit = max_bytes()
    content = upload.stream.read(limit + 1)
    if not content:
        raise ValidationFailed(f"Tệp “{name}” rỗng.", field="file")
    if len(content) > limit:
        raise ValidationFailed(f"Tệp “{name}” lớn quá {limit / (1024 * 1024):g} MB.", field="file")
    suffix = sniff(content)
    if suffix is None:
        raise ValidationFailed(
            f"Tệp “{name}” không phải là PDF hay Word (.docx); chỉ nhận hai loại này.",
            field="file",
        )
    stem = name.rsplit(".", 1)[0] if "." in name else name
    # The name offered for download ends as the content is: a PDF is never saved as .exe.
    document.file_name = (stem[: 250 - len(suffix)] + suffix) if stem else "van-ban" + suffix
    document.file_data = content
    document.file_size = len(content)
    document.file_sha256 = hashlib.sha256(content).hexdigest()


def document_file(document: Document) -> StoredFile:
    """The document's file as it is offered for download; NotFound if it has none."""
    if not document.file_name:
        raise NotFound("Văn bản này chưa có tệp đính kèm.")
    data = document.file_data
    if data is None:
        raise NotFound(
            f"Không còn nội dung của tệp “{document.file_name}” (tệp đã mất trước khi được "
            "chuyển vào cơ sở dữ liệu); hãy tải tệp lên lại."
        )
    suffix = "." + document.file_name.rsplit(".", 1)[-1].lower()
    return StoredFile(
        data, document.file_name, KINDS.get(suffix, "application/pdf"), document.file_sha256
    )
