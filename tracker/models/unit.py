"""Đơn vị: the department, its divisions, centres and district offices, as a tree."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db

UNIT_KINDS = {
    "province": "Cấp tỉnh",
    "department": "Sở, ngành",
    "office": "Văn phòng",
    "inspectorate": "Thanh tra",
    "division": "Phòng chuyên môn",
    "center": "Trung tâm, đơn vị sự nghiệp",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}


class Unit(db.Model):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="division")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(
        back_populates="parent", order_by="(Unit.sort_order, Unit.name)"
    )

    __table_args__ = (Index("ix_unit_parent_order", "parent_id", "sort_order"),)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
