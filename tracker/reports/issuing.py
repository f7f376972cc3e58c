"""Issuing a report (chốt và phát hành): the number, the date, the signature, and a frozen
copy (its JSON, Word and Excel files) that never changes, whatever happens to the tasks.

The rules, from Decree 30/2020/NĐ-CP on clerical work: a number is used once a year by the
whole department (Article 15, Appendix I); the signature block names the signer, with "KT."
(ký thay), "TL." (thừa lệnh), "TM." (thay mặt) or "Q." before the authority when someone
signs for it (Article 13). And from the report's data window: a report is issued once its
cut-off has passed, dated no earlier than the cut-off and no later than today.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date

from marshmallow import fields, validate
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from tracker.api.schemas import ApiSchema, Day, Parsed, Text, load
from tracker.common import clock
from tracker.common.exceptions import Conflict, NotAllowed, NotFound, ValidationFailed
from tracker.common.lookup import get_or_404, resolve_unit
from tracker.domain.dates import format_day
from tracker.domain.periods import Period
from tracker.domain.report.header import IssueStamp
from tracker.domain.report.prose import split_lines
from tracker.domain.report.window import report_window
from tracker.domain.text import fold
from tracker.extensions import db
from tracker.models import IssuedReport, Unit
from tracker.org.settings import window_rule
from tracker.permissions import Action, Principal, can
from tracker.reports.build import build_period_report
from tracker.reports.export import MIMETYPES, report_bytes
from tracker.reports.texts import department, report_organisation
from tracker.web.downloads import StoredFile

SIGNING_FOR = ("KT.", "TL.", "TM.", "Q.", "TUQ.")
NUMBER_MAX, TITLE_MAX = 60, 160  # the columns' sizes
_NUMBER = re.compile(r"^\d{1,6}[A-Za-z]?(?:/[0-9A-Za-zĐđ&.\-]+)*$")


def number_key(number: str) -> str:
    """A number as the register compares it: no spaces, capitals ("45/bc-stttt" = "45/BC-STTTT")."""
    return "".join(number.split()).upper()


def _signer_title(value) -> str:
    lines = [line.upper() for line in split_lines(value if isinstance(value, str) else "")]
    if not lines:
        raise ValidationFailed("Chưa nhập chức danh người ký.", field="signer_title")
    if lines[0].startswith(SIGNING_FOR) and len(lines) < 2:
        raise ValidationFailed(
            f"Ký “{lines[0]}”: dòng dưới ghi chức danh của người ký (ví dụ PHÓ GIÁM ĐỐC).",
            field="signer_title",
        )
    title = "\n".join(lines)
    if len(lines) > 3 or len(title) > TITLE_MAX:
        raise ValidationFailed(
            f"Chức danh người ký quá dài: tối đa 3 dòng, {TITLE_MAX} ký tự.", field="signer_title"
        )
    return title


def _number(value) -> str:
    text = "".join(str(value or "").split())
    if len(text) > NUMBER_MAX:
        raise ValidationFailed(f"Số báo cáo dài quá {NUMBER_MAX} ký tự.", field="number")
    if not _NUMBER.match(text):
        raise ValidationFailed(
            f"Số báo cáo “{value}” không hợp lệ: viết số, có thể kèm ký hiệu (ví dụ 45/BC-STTTT).",
            field="number",
        )
    return text


class IssueRequest(ApiSchema):
    """What issuing a report takes (CONTRACT.md "Issued reports")."""

    number = Parsed(
        _number, {"type": "string", "example": "45/BC-STTTT", "maxLength": 60}, required=True
    )
    date = Day(required=True)
    signer_name = Text(160, blank=False, required=True)
    signer_title = Parsed(
        _signer_title, {"type": "string", "example": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"}, required=True
    )
    recipients = fields.List(
        Text(300, blank=False),
        required=True,
        validate=validate.Length(min=1, max=40, error="Nơi nhận: từ 1 đến 40 dòng."),
        metadata={"minItems": 1, "maxItems": 40},
    )
    unit = Parsed(lambda v: resolve_unit(v, field="unit"), {"type": "string"})


def issuable_units(principal: Principal) -> list[Unit]:
    """The department and the divisions whose report this leader may issue, tree order."""
    units = db.session.scalars(
        select(Unit).where(Unit.active).order_by(Unit.parent_id.is_not(None), Unit.sort_order)
    ).all()
    return [u for u in units if can(principal, Action.ISSUE_REPORT, unit_id=u.id)]


def issue_unit(data: dict) -> Unit:
    """The unit whose report is issued: the one named, else the department."""
    if data.get("unit") not in (None, ""):
        return resolve_unit(data["unit"], field="unit")
    unit = department()
    if unit is None:
        raise ValidationFailed("Chưa có đơn vị nào.", field="unit")
    return unit


def issue_report(
    user, principal: Principal, period: Period, data: dict, today: date | None = None
) -> IssuedReport:
    """Issue the report of `period` for a unit: check, number, freeze and store it."""
    today = today or clock.today()
    unit = issue_unit(data)
    # The role first: someone who may not issue learns nothing from the body's errors.
    if not can(principal, Action.ISSUE_REPORT, unit_id=unit.id):
        raise NotAllowed("Chỉ lãnh đạo Sở phát hành được báo cáo.")
    values = load(IssueRequest(), data)
    window = report_window(period, window_rule())
    if today <= window.end:
        raise ValidationFailed(
            f"Chưa hết thời gian chốt số liệu (đến hết ngày {format_day(window.end)}): "
            "chưa phát hành được báo cáo kỳ này.",
            field="date",
        )
    issued_on = values["date"]
    if not window.end <= issued_on <= today:
        raise ValidationFailed(
            f"Ngày ban hành phải từ ngày chốt số liệu ({format_day(window.end)}) "
            f"đến hôm nay ({format_day(today)}).",
            field="date",
        )
    org = report_organisation(period, unit)
    number = values["number"] if "/" in values["number"] else f"{values['number']}/BC-{org.code}"
    if len(number) > NUMBER_MAX:
        raise ValidationFailed(f"Số báo cáo dài quá {NUMBER_MAX} ký tự.", field="number")
    _refuse_used_number(number, issued_on.year)
    previous = latest_issued(period, unit)
    stamp = IssueStamp(
        number=number,
        issued_on=issued_on,
        signer_title=values["signer_title"],
        signer_name=values["signer_name"],
        recipients=tuple(values["recipients"]),
        version=previous.version + 1 if previous else 1,
        replaces=previous.label if previous else None,
    )
    report = build_period_report(principal, period, unit, window, on=issued_on)
    # The frozen texts say what the stamp says: one signature, one list of recipients.
    signed = replace(
        report.texts,
        number=number,
        signer_title=stamp.signer_title,
        signer_name=stamp.signer_name,
        recipients="\n".join(stamp.recipients),
    )
    report = replace(report, issue=stamp, texts=signed)
    return _store(user, report, unit, previous)


def _refuse_used_number(number: str, year: int) -> None:
    used = db.session.scalar(
        select(IssuedReport).where(
            IssuedReport.number_key == number_key(number), IssuedReport.year == year
        )
    )
    if used is not None:
        raise Conflict(
            f"Số {number} đã dùng cho báo cáo {used.period} ({used.label}) trong năm {year}: "
            "hãy lấy số khác."
        )


def _store(user, report, unit: Unit, previous: IssuedReport | None) -> IssuedReport:
    stamp = report.issue
    docx, xlsx = report_bytes(report, "docx"), report_bytes(report, "xlsx")
    row = IssuedReport(
        period=report.period.code,
        unit_id=unit.id,
        number=stamp.number,
        number_key=number_key(stamp.number),
        year=stamp.issued_on.year,
        issued_on=stamp.issued_on,
        window_start=report.window.start,
        as_of=report.window.end,
        window_rule=report.window_rule,
        signer_title=stamp.signer_title,
        signer_name=stamp.signer_name,
        recipients="\n".join(stamp.recipients),
        version=stamp.version,
        replaces_id=previous.id if previous else None,
        issued_by_id=user.id if user else None,
        content=json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")),
        docx=docx,
        xlsx=xlsx,
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
    )
    db.session.add(row)
    try:
        # No savepoint: on SQLite the driver would commit at its release. A concurrent issue
        # of the same number fails here; the refusal rolls the whole request back.
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            f"Số {stamp.number} hoặc lần phát hành này vừa được dùng: hãy tải lại trang."
        ) from None
    return row


def stored_file(row: IssuedReport, fmt: str) -> StoredFile:
    """The issued report's file `fmt` ("docx", "xlsx" or "json") as it was stored."""
    if fmt == "json":
        name = f"bao-cao-{row.period}-v{row.version}.json"
        return StoredFile(row.content, name, "application/json", None)
    name = f"bao-cao-{row.period}-so-{fold(row.number_key).replace('/', '-')}.{fmt}"
    if fmt == "docx":
        return StoredFile(row.docx, name, MIMETYPES["docx"], row.docx_sha256)
    return StoredFile(row.xlsx, name, MIMETYPES["xlsx"], row.xlsx_sha256)


def latest_issued(period: Period, unit: Unit) -> IssuedReport | None:
    """The newest issued version of a unit's report of a period."""
    return db.session.scalar(
        select(IssuedReport)
        .where(IssuedReport.period == period.code, IssuedReport.unit_id == unit.id)
        .order_by(IssuedReport.version.desc())
        .limit(1)
    )


def issued_versions(period: Period, principal: Principal) -> list[IssuedReport]:
    """The issued versions of a period the principal may read, newest first."""
    rows = db.session.scalars(
        select(IssuedReport)
        .options(selectinload(IssuedReport.unit), selectinload(IssuedReport.issued_by))
        .where(IssuedReport.period == period.code)
        .order_by(IssuedReport.issued_at.desc(), IssuedReport.id.desc())
    ).all()
    return [r for r in rows if can(principal, Action.READ_ISSUED, unit_id=r.unit_id)]


def readable_issued(issued_id: int, principal: Principal) -> IssuedReport:
    """An issued report the principal may read; else NotFound, so that none leaks."""
    missing = "Không tìm thấy báo cáo đã phát hành."
    row = get_or_404(IssuedReport, issued_id, missing)
    if not can(principal, Action.READ_ISSUED, unit_id=row.unit_id):
        raise NotFound(missing)  # the same answer as for no such report: none leaks
    return row
