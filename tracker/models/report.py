"""The report of a period as a record: the director's texts, the organisation's settings,
and the issued reports (frozen: their JSON and files never change once issued)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models._base import utcnow


class ReportText(db.Model):
    """The words of one unit's report of one period (the department's, or a division's)."""

    __tablename__ = "report_text"
    __table_args__ = (UniqueConstraint("period", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    number: Mapped[str] = mapped_column(String(60), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    plan_intro: Mapped[str] = mapped_column(Text, default="")
    signer_title: Mapped[str] = mapped_column(String(160), default="")
    signer_name: Mapped[str] = mapped_column(String(160), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    # A report read in from a file keeps its own header for its period: the bodies' names as
    # written, the place and the date it was signed (None: the organisation's settings).
    org_parent_body: Mapped[str | None] = mapped_column(String(255))
    org_name: Mapped[str | None] = mapped_column(String(255))  # in capitals, as headed
    org_written_name: Mapped[str | None] = mapped_column(String(255))  # as sentences write it
    org_place: Mapped[str | None] = mapped_column(String(120))
    signed_on: Mapped[date | None]
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Setting(db.Model):
    """A named value the admin can change (organisation header, reminder window ...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class IssuedReport(db.Model):
    """A report as it was issued (chốt và phát hành): its number, date, signature and what it
    said, frozen as JSON with the Word and Excel files made from it, byte for byte."""

    __tablename__ = "issued_report"
    __table_args__ = (
        # A number is used once in a year by the whole department (Decree 30/2020, Art. 15).
        UniqueConstraint("number_key", "year"),
        UniqueConstraint("period", "unit_id", "version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    number: Mapped[str] = mapped_column(String(60))
    number_key: Mapped[str] = mapped_column(String(60))
    year: Mapped[int]
    issued_on: Mapped[date]
    window_start: Mapped[date]
    as_of: Mapped[date]
    window_rule: Mapped[str] = mapped_column(String(20))
    signer_title: Mapped[str] = mapped_column(String(160))
    signer_name: Mapped[str] = mapped_column(String(160))
    recipients: Mapped[str] = mapped_column(Text)  # one a line
    version: Mapped[int] = mapped_column(default=1)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("issued_report.id"))
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Megabytes for a province: loaded only when read (a list of versions reads none).
    content: Mapped[str] = mapped_column(Text, deferred=True)  # the report's JSON as issued
    docx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    xlsx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    docx_sha256: Mapped[str] = mapped_column(String(64))
    xlsx_sha256: Mapped[str] = mapped_column(String(64))

    unit = relationship("Unit")
    issued_by = relationship("User")
    replaces = relationship("IssuedReport", remote_side=[id])

    @property
    def label(self) -> str:
        """ "Báo cáo số 45/BC-STTTT ngày 20/10/2026" """
        day = self.issued_on
        return f"Báo cáo số {self.number} ngày {day.day:02d}/{day.month:02d}/{day.year}"


@event.listens_for(IssuedReport, "before_update")
def _issued_reports_never_change(_mapper, _connection, target: IssuedReport) -> None:
    raise ValueError(f"An issued report never changes (issued report {target.id}).")
