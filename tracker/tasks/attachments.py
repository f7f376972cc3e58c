"""Minh chứng: evidence files on a task, checked by their content and their name.

A file is accepted when its name's extension is on the allow-list and agrees with what its
bytes are (common/filetypes.py): PDF, Word, Excel and PowerPoint (the OOXML packages and the
old OLE2 files), OpenDocument text and spreadsheets, PNG, JPEG, plain UTF-8 text (.txt) and
zip. The bytes live in the attachment's row (deferred), written in the transaction that
records it; the row keeps the original name, cleaned, for display.
"""

from __future__ import annotations

import hashlib

from flask import current_app

from tracker.common.access import task_ref
from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.common.filetypes import ALLOWED, accepted_type, clean_name, extension
from tracker.extensions import db
from tracker.models import Attachment, Task
from tracker.permissions import Action, Principal, can
from tracker.tasks.history import record

ALLOWED_LABEL = (
    "Chỉ nhận PDF, Word, Excel, ảnh PNG/JPEG, PowerPoint, OpenDocument (.odt, .ods), "
    "văn bản thuần (.txt) hoặc .zip, với đuôi tên tệp đúng loại nội dung."
)


def refusal(name: str) -> str:
    """Why a file is refused, naming it: its extension is not taken, or its bytes are not
    what its extension says."""
    suffix = extension(name)
    if suffix not in ALLOWED:
        shown = f"đuôi “{suffix}”" if suffix else "tệp không có đuôi"
        return f"Tệp “{name}”: không nhận {shown}. {ALLOWED_LABEL}"
    return f"Tệp “{name}”: nội dung không phải là tệp {suffix}. {ALLOWED_LABEL}"


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


def checked_evidence(file_storage) -> tuple[str, str, bytes]:
    """(clean name, content type, bytes) of an uploaded evidence file, or ValidationFailed:
    none chosen, too large, empty, or not what its name says (the same rule everywhere)."""
    if file_storage is None or not getattr(file_storage, "filename", None):
        raise ValidationFailed("Chưa chọn tệp minh chứng.", field="file")
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = read_limited(file_storage, limit)
    if len(data) > limit:
        megabytes = limit / (1024 * 1024)
        raise ValidationFailed(f"Tệp vượt quá {megabytes:g} MB.", field="file")
    if not data:
        raise ValidationFailed("Tệp rỗng, không có nội dung.", field="file")
    name = clean_name(file_storage.filename)
    content_type = accepted_type(data, name)
    if content_type is None:
        raise ValidationFailed(refusal(name), field="file")
    return name, content_type, data


def add_attachment(user, principal: Principal, task: Task, file_storage) -> Attachment:
    """Attach an evidence file to a task (those who may update its progress)."""
    if not can(principal, Action.UPDATE_PROGRESS, task_ref(task)):
        raise NotAllowed("Bạn không được đính kèm tệp cho nhiệm vụ này.", field="file")
    name, content_type, data = checked_evidence(file_storage)
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
