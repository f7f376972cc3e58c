"""Văn bản: the legal documents tasks implement, and the issuer dictionary."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models._base import utcnow

# Types that direct work (a "chỉ đạo"), shown in the director's directive view.
DIRECTIVE_TYPES = (
    "Chỉ thị",
    "Công điện",
    "Công văn",
    "Quyết định",
    "Kế hoạch",
    "Nghị quyết",
    "Thông báo",
    "Kết luận",
    "Chương trình",
)


class Document(db.Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(60))
    symbol: Mapped[str] = mapped_column(String(120))
    # One document per symbol and year, whatever spacing or case it was written with.
    dedupe_key: Mapped[str] = mapped_column(String(140), unique=True)
    number: Mapped[str | None] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(index=True)
    issuer_code: Mapped[str | None] = mapped_column(String(40), index=True)
    issuer_name: Mapped[str | None] = mapped_column(String(255))
    issued_on: Mapped[date | None]
    title: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    needs_title: Mapped[bool] = mapped_column(default=False)
    # The document's own file (PDF or DOCX): the name it is offered under, and its bytes
    # (deferred: lists never load them; None with a name: lost before files moved here).
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_size: Mapped[int | None]
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The unit that registered it: it and the leaders may correct it (permissions.py). None:
    # the department's own (registered before units were recorded, or read from a task).
    registered_by_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL")
    )
    registered_by_unit = db.relationship("Unit", lazy="joined")

    __table_args__ = (Index("ix_document_type_year", "doc_type", "year"),)

    @property
    def label(self) -> str:
        """ "Quyết định 135/QĐ-TTg" — how people name a document."""
        return f"{self.doc_type} {self.symbol}"

    def __repr__(self) -> str:
        return f"<Document {self.symbol}>"


class Issuer(db.Model):
    """Cơ quan ban hành: the editable dictionary from symbol codes to names."""

    __tablename__ = "issuer"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))
