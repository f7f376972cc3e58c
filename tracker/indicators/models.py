"""Chỉ tiêu: an indicator, its targets per year or period, the figures entered for periods,
and every change of a figure (who, when, old → new)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models import Document, Section, Unit, User
from tracker.models._base import utcnow

# Figures up to a trillion with four decimals: a province's largest count has ten digits.
FIGURE = Numeric(19, 4)

indicator_document = Table(
    "indicator_document",
    db.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Indicator(db.Model):
    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint("kind IN ('count', 'cumulative', 'ratio')", name="kind_known"),
        CheckConstraint("direction IN ('up', 'down')", name="direction_known"),
        CheckConstraint("first_year <= last_year", name="years_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    measure: Mapped[str] = mapped_column(String(60))  # đơn vị tính: %, tài khoản, hồ sơ …
    kind: Mapped[str] = mapped_column(String(12))
    direction: Mapped[str] = mapped_column(String(4), default="up")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)  # chủ trì
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id"), index=True)
    first_year: Mapped[int]
    last_year: Mapped[int]
    sort_order: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship()
    section: Mapped[Section | None] = relationship()
    documents: Mapped[list[Document]] = relationship(
        secondary=indicator_document, order_by="Document.id"
    )
    targets: Mapped[list[IndicatorTarget]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorTarget.period"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Indicator {self.code}>"


class IndicatorTarget(db.Model):
    """The target of a year ("2026") or of a period within it ("2026-Q4", "2026-9M")."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    value: Mapped[Decimal] = mapped_column(FIGURE)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class IndicatorValue(db.Model):
    """The figure of one period, as of a day; a ratio keeps both terms (its value is the
    percentage they make)."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period"),
        CheckConstraint("value >= 0", name="not_negative"),
        CheckConstraint("denominator IS NULL OR denominator > 0", name="denominator_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    value: Mapped[Decimal] = mapped_column(FIGURE)
    numerator: Mapped[Decimal | None] = mapped_column(FIGURE)
    denominator: Mapped[Decimal | None] = mapped_column(FIGURE)
    as_of: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    indicator: Mapped[Indicator] = relationship()
    entered_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class IndicatorChange(db.Model):
    """One change of a figure: {"value": [old, new], ...} as text, who, when, and why."""

    __tablename__ = "indicator_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    after_issue: Mapped[bool] = mapped_column(default=False)  # a director's correction
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")


class IndicatorEvidence(db.Model):
    """Minh chứng of a period's figure (a report extract, a system's screenshot): the file
    in its row, like a task's evidence, deferred so that lists never load it."""

    __tablename__ = "indicator_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(10))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    uploaded_by: Mapped[User | None] = relationship()
