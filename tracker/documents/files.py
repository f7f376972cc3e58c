"""A document's own file (its PDF or DOCX): checked by content, stored under a made-up name."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import event

from tracker.common.exceptions import NotFound, ValidationFailed
from tracker.extensions import db
from tracker.models import Document
from tracker.tasks.attachments import display_name
from tracker.tasks.attachments import sniff as sniff_content

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KINDS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_SUFFIXES = {content_type: suffix for suffix, content_type in KINDS.items()}
_STORED = re.compile(r"[0-9a-f]{32}\.(?:pdf|docx)")


def storage_dir() -> Path:
    """<instance>/documents/, created on first use."""
    folder = Path(current_app.instance_path) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def max_bytes() -> int:
    return int(current_app.config.get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(content: bytes) -> str | None:
    """The suffix, ".pdf" or ".docx", that the bytes themselves show (as for evidence files)."""
    return _SUFFIXES.get(sniff_content(content) or "")


def store_document_file(document: Document, upload) -> None:
    """Check an uploaded file (a werkzeug FileStorage) and make it the document's file."""
    if upload is None or not getattr(upload, "filename", None):
        raise ValidationFailed("Chưa chọn tệp văn bản.", field="file")
    name = display_name(upload.filename)
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
    stored = secrets.token_hex(16) + suffix
    folder = storage_dir()
    partial = folder / (stored + ".part")
    partial.write_bytes(content)
    os.replace(partial, folder / stored)  # readers never see half a file
    previous = document.stored_name
    document.file_name = (stem[: 250 - len(suffix)] + suffix) if stem else "van-ban" + suffix
    document.stored_name = stored
    # The old file goes once the new name is committed; the new one if nothing is.
    _when_settled(on_commit=previous, on_rollback=stored)


def discard_stored_file(stored_name: str | None) -> None:
    """Delete a stored file once the transaction that dropped it commits."""
    _when_settled(on_commit=stored_name, on_rollback=None)


def _when_settled(on_commit: str | None, on_rollback: str | None) -> None:
    """Delete one stored file after the session commits, or another after it rolls back."""
    if not on_commit and not on_rollback:
        return
    session = db.session()
    folder = storage_dir()
    settled = []

    def committed(_session) -> None:
        if not settled:
            settled.append(True)
            if on_commit:
                (folder / Path(on_commit).name).unlink(missing_ok=True)

    def rolled_back(_session) -> None:
        if not settled:
            settled.append(True)
            if on_rollback:
                (folder / Path(on_rollback).name).unlink(missing_ok=True)

    event.listen(session, "after_commit", committed)
    event.listen(session, "after_rollback", rolled_back)


def document_file(document: Document) -> tuple[Path, str, str]:
    """(path, download name, content type) of the document's file; NotFound if it has none."""
    if not document.stored_name:
        raise NotFound("Văn bản này chưa có tệp đính kèm.")
    if not _STORED.fullmatch(document.stored_name):
        raise NotFound("Không tìm thấy tệp của văn bản này.")
    path = storage_dir() / Path(document.stored_name).name
    if not path.is_file():
        raise NotFound("Không tìm thấy tệp của văn bản này; hãy tải tệp lên lại.")
    suffix = path.suffix.lower()
    return path, document.file_name or ("van-ban" + suffix), KINDS.get(suffix, "application/pdf")
