"""Record every change of a task as a TaskUpdate: who, when, what changed."""

from __future__ import annotations

from datetime import date, datetime

from tracker.extensions import db
from tracker.models import Document, Task, TaskUpdate, Unit, User
from tracker.models._base import utcnow

# What the timeline shows for each field (and the names of fields in messages).
FIELD_LABELS = {
    "title": "Tên nhiệm vụ",
    "description": "Mô tả",
    "section": "Lĩnh vực",
    "lead_unit": "Đơn vị chủ trì",
    "support_units": "Đơn vị phối hợp",
    "assignee": "Người thực hiện",
    "documents": "Văn bản liên quan",
    "planned_period": "Kỳ kế hoạch",
    "start_date": "Ngày bắt đầu",
    "due_date": "Hạn hoàn thành",
    "status": "Trạng thái",
    "progress": "Tiến độ (%)",
    "result": "Kết quả",
    "completed_on": "Ngày hoàn thành",
    "priority": "Mức ưu tiên",
    "product": "Sản phẩm",
    "report_wording": "Nội dung ghi trong báo cáo",
    "weight": "Hệ số quy đổi",
    "parent": "Nhiệm vụ cha",
    "version": "Phiên bản",
    "reason": "Lý do",
    "note": "Ghi chú",
    "file": "Tệp minh chứng",
    "as_of": "Ngày xét",
    "due_before": "Hạn đến ngày",
    "due_after": "Hạn từ ngày",
}


def plain(value):
    """A JSON-friendly form of a field value, readable in the timeline."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Unit):
        return value.name
    if isinstance(value, User):
        return value.full_name
    if isinstance(value, Document):
        return value.symbol
    if isinstance(value, Task):
        return value.title
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return getattr(value, "title", None) or str(value)


def record(
    task: Task,
    user: User | None,
    kind: str,
    changes: dict | None = None,
    note: str | None = None,
) -> TaskUpdate:
    """Add one history entry to the task (flushed with the task)."""
    entry = TaskUpdate(
        task_id=task.id,
        user_id=user.id if user else None,
        kind=kind,
        changes={k: [plain(old), plain(new)] for k, (old, new) in (changes or {}).items()},
        note=note or None,
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry
