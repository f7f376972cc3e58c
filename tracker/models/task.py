"""Nhiệm vụ: a piece of work with a lead unit, a deadline, a status and a result."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, Float, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.models._base import utcnow

if TYPE_CHECKING:
    from tracker.models.document import Document
    from tracker.models.section import Section
    from tracker.models.unit import Unit
    from tracker.models.user import User

PRIORITIES = {1: "Thấp", 2: "Bình thường", 3: "Cao", 4: "Khẩn"}

task_support_unit = Table(
    "task_support_unit",
    db.metadata,
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True, index=True),
)

task_document = Table(
    "task_document",
    db.metadata,
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)

_STATUSES = ", ".join(repr(s.value) for s in Status)


class Task(db.Model):
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id"))
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    planned_period: Mapped[str | None] = mapped_column(String(10))
    start_date: Mapped[date | None]
    due_date: Mapped[date | None]
    original_due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=Status.NOT_STARTED.value)
    progress: Mapped[int] = mapped_column(default=0)
    priority: Mapped[int] = mapped_column(default=2)
    # Three dates of finished work: the day the unit says it was done (it counts), the day it
    # handed it in and the day the director confirmed it (both set by the server).
    completed_on: Mapped[date | None]
    submitted_on: Mapped[date | None]
    confirmed_on: Mapped[date | None]
    result: Mapped[str | None] = mapped_column(Text)
    product: Mapped[str | None] = mapped_column(Text)  # sản phẩm: what the work delivers
    weight: Mapped[float] = mapped_column(Float, default=1.0, server_default="1")  # hệ số quy đổi
    # Where the department placed the task among its section's results, and in its plan
    # (apart: a plan's first item, once done, is not its section's first result); and the
    # plan item's whole wording as a report it was read from wrote it (the title is its
    # first words).
    report_order: Mapped[int | None]
    plan_order: Mapped[int | None]
    report_wording: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Title, description and result folded (no accents, đ → d, lower case) for search.
    search_text: Mapped[str] = mapped_column(Text, default="")

    section: Mapped[Section] = relationship(lazy="joined", innerjoin=True)
    lead_unit: Mapped[Unit] = relationship(lazy="joined", innerjoin=True)
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    parent: Mapped[Task | None] = relationship(remote_side=[id], back_populates="subtasks")
    subtasks: Mapped[list[Task]] = relationship(back_populates="parent", order_by="Task.id")
    support_units: Mapped[list[Unit]] = relationship(
        secondary=task_support_unit, order_by="Unit.sort_order"
    )
    documents: Mapped[list[Document]] = relationship(
        secondary=task_document, order_by="Document.id"
    )

    # The ORM adds "AND version = :loaded" to every UPDATE: two writers, one winner.
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        CheckConstraint("length(title) > 0", name="title_present"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        CheckConstraint(f"status IN ({_STATUSES})", name="status_known"),
        CheckConstraint("priority BETWEEN 1 AND 4", name="priority_range"),
        CheckConstraint("weight > 0 AND weight <= 10", name="weight_range"),
        CheckConstraint(
            "start_date IS NULL OR due_date IS NULL OR due_date >= start_date",
            name="due_after_start",
        ),
        # A unit's tasks (its lists, boards and counts) are answered by this index alone.
        Index("ix_task_lead_unit_status", "lead_unit_id", "status", "due_date", "completed_on"),
        Index("ix_task_status_due", "status", "due_date"),
        # The lists' index: in their order (due_date, id), with the columns their filters
        # test, so that a page's keys are found without reading any task (tracker/queries.py).
        Index(
            "ix_task_due_date",
            "due_date",
            "id",
            "status",
            "completed_on",
            "lead_unit_id",
            "assignee_id",
        ),
        # Completion dates are asked for with a finishing status; with the due date, this
        # index answers "finished, but not by that day" without reading the rows.
        Index("ix_task_status_completed", "status", "completed_on", "due_date"),
        Index("ix_task_planned_period", "planned_period"),
        Index("ix_task_assignee", "assignee_id", "status"),
        Index("ix_task_section", "section_id"),
        Index("ix_task_parent", "parent_id"),
    )

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.SUBMITTED, Status.DONE)

    @property
    def was_extended(self) -> bool:
        return self.original_due_date is not None and self.original_due_date != self.due_date

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.title[:30]!r}>"
