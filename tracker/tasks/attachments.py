"""Minh chứng: evidence files on a task, checked by content and stored under random names.

A file is accepted for what its bytes are, not for what its name says: PDF, Word, Excel and
PowerPoint (the OOXML zip packages and the old OLE2 files), PNG, JPEG and plain UTF-8 text.
The bytes live in the attachment's row (deferred), written in the transaction that records
it; the row keeps the original name for display.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from flask import current_app

from tracker.common.access import task_ref
from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.extensions import db
from tracker.models import Attachment, Task
from tracker.permissions import Action, Principal, can
from tracker.tasks.history import record

ALLOWED_LABEL = "Chỉ nhận PDF, Word, Excel, ảnh PNG/JPEG, PowerPoint hoặc văn bản thuần (.txt)."

_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_TYPES = {
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def sniff(data: bytes, filename: str = "") -> str | None:
    """The content type of an allowed file judged from its bytes; None when not allowed."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(_OLE2):
        # The old binary formats share one container; the name only picks the label.
        return _OLE2_TYPES.get(Path(filename).suffix.lower(), "application/msword")
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_type(data)
    return "text/plain; charset=utf-8" if _is_text(data) else None


def _ooxml_type(data: bytes) -> str | None:
    """The type of an Office Open XML package, read from its [Content_Types].xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1_000_000:  # a manifest is a few kB; this is not one
                return None
            manifest = archive.read(info).decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    # Macro-enabled packages (docm, xlsm) declare other main types and are not accepted.
    for main_type, (content_type, _suffix) in _OOXML.items():
        if f'ContentType="{main_type}"' in manifest:
            return content_type
    return None


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and not _CONTROL.search(text)


def display_name(filename: str | None) -> str:
    """The uploaded file's own name, made safe to show and to offer as a download name."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" ._") or "tep-dinh-kem"
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = stem[:190] + dot + suffix[:9] if dot and len(suffix) < 10 else name[:200]
    return name


def attachment_bytes(attachment: Attachment) -> bytes:
    """The evidence file's bytes (read only now: lists never load them)."""
    if attachment.data is None:
        raise NotFound(
            f"Không còn nội dung của tệp “{attachment.filename}” (tệp đã mất trước khi được "
            "chuyển vào cơ sở dữ liệu); hãy tải tệp lên lại."
        )
    return attachment.data


def read_limited(file_storage, limit: int) -> bytes:
    """Read at most limit + 1 bytes, enough to know whether the file is too large."""
    stream = getattr(file_storage, "stream", file_storage)
    return stream.read(limit + 1)


def add_attachment(user, principal: Principal, task: Task, file_storage) -> Attachment:
    """Attach an evidence file to a task (those who may update its progress)."""
    if not can(principal, Action.UPDATE_PROGRESS, task_ref(task)):
        raise NotAllowed("Bạn không được đính kèm tệp cho nhiệm vụ này.", field="file")
    if file_storage is None or not getattr(file_storage, "filename", None):
        raise ValidationFailed("Chưa chọn tệp minh chứng.", field="file")
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = read_limited(file_storage, limit)
    if len(data) > limit:
        megabytes = limit / (1024 * 1024)
        raise ValidationFailed(f"Tệp vượt quá {megabytes:g} MB.", field="file")
    if not data:
        raise ValidationFailed("Tệp rỗng, không có nội dung.", field="file")
    name = display_name(file_storage.filename)
    content_type = sniff(data, name)
    if content_type is None:
        raise ValidationFailed(ALLOWED_LABEL, field="file")
    attachment = Attachment(
        task_id=task.id,
        uploaded_by_id=user.id if user else None,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
    db.session.add(attachment)
    record(task, user, "attachment", {}, name)
    db.session.flush()
    return attachment


def task_attachment(task: Task, attachment_id: int) -> Attachment:
    """One of the task's attachments; NotFound for another task's or a missing one."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.task_id != task.id:
        raise NotFound("Không tìm thấy tệp.")
    return attachment
