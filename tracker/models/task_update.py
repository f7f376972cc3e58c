"""Cập nhật tiến độ: every change to a task, who made it and when (the audit trail)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._base import utcnow

if TYPE_CHECKING:
    from tracker.models.user import User

UPDATE_KINDS = {
    "created": "Giao nhiệm vụ",
    "updated": "Cập nhật",
    "submitted": "Báo cáo hoàn thành",
    "confirmed": "Xác nhận hoàn thành",
    "returned": "Trả lại",
    "extension_requested": "Đề nghị gia hạn",
    "extension_approved": "Đồng ý gia hạn",
    "extension_declined": "Không đồng ý gia hạn",
    "reminded": "Nhắc nhở",
    "attachment": "Đính kèm tệp",
    "note": "Ghi chú",
    "imported": "Nhập từ tệp",
}


class TaskUpdate(db.Model):
    __tablename__ = "task_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))
    # {"field": [old, new], ...} with JSON-friendly values (dates as ISO strings).
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_task_update_task_time", "task_id", "created_at"),
        # The period's extension requests and returns, read to draft the report's obstacles.
        Index("ix_task_update_kind_time", "kind", "created_at"),
    )

    @property
    def kind_label(self) -> str:
        return UPDATE_KINDS.get(self.kind, self.kind)
