"""The period report as a file: the one report object, written as Excel or Word."""

from __future__ import annotations

from typing import NamedTuple

from tracker.common.exceptions import NotFound
from tracker.domain.periods import Period
from tracker.permissions import Principal
from tracker.reports.build import build_period_report

MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ReportFile(NamedTuple):
    data: bytes
    filename: str
    mimetype: str
    report: object  # the Report it was written from


def report_bytes(report, fmt: str) -> bytes:
    """Write a built report as .xlsx or .docx bytes."""
    # The writers pull in pandas and python-docx: load them only when a file is asked for.
    if fmt == "xlsx":
        from tracker.exports.excel import report_xlsx_bytes

        return report_xlsx_bytes(report)
    from tracker.exports.word import report_docx_bytes

    return report_docx_bytes(report)


def export_report(principal: Principal, period: Period, fmt: str) -> ReportFile:
    """Build the period's report over what the principal sees and write it as `fmt`."""
    if fmt not in MIMETYPES:
        raise NotFound(f"Không có định dạng “{fmt}”: dùng xlsx (Excel) hoặc docx (Word).")
    report = build_period_report(principal, period)
    name = f"bao-cao-{period.code}.{fmt}"
    return ReportFile(report_bytes(report, fmt), name, MIMETYPES[fmt], report)
