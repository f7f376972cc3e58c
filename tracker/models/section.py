"""Lĩnh vực / mục báo cáo: the report's headings as an ordered tree (I, I.1, I.6.1 ...)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db


class Section(db.Model):
    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Section | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Section]] = relationship(
        back_populates="parent", order_by="(Section.sort_order, Section.code)"
    )

    @property
    def number(self) -> str:
        """The number as a heading shows it: "I" for "I", "1" for "I.1", "6.1" for "I.6.1"."""
        parts = self.code.split(".")
        return parts[0] if len(parts) == 1 else ".".join(parts[1:])

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def depth(self) -> int:
        return self.code.count(".")

    def __repr__(self) -> str:
        return f"<Section {self.code}>"
