"""Issued reports through the API (CONTRACT.md "Issued reports"): issue one, list a period's,
read one as issued, download its files as stored."""

from __future__ import annotations

import json

from flask import jsonify, url_for
from flask_login import current_user

from tracker.api.blueprint import bp
from tracker.api.common import check_id, json_body
from tracker.api.spec import WRITE_ERRORS, operation
from tracker.common.access import current_principal
from tracker.reports.api import period_arg
from tracker.reports.export import MIMETYPES
from tracker.reports.issuing import (
    IssueRequest,
    issue_report,
    issued_versions,
    readable_issued,
    stored_file,
)
from tracker.reports.schemas import IssuedList, IssuedSchema, PeriodParam, ReportSchema
from tracker.web.downloads import attachment

PERIOD = {"period": PeriodParam}


@bp.post("/reports/<string:period>/issue")
@operation(
    summary="Issue (chốt và phát hành) the report of a period: number, date, signature",
    tag="reports",
    status="201",
    response=IssuedSchema,
    errors=(*WRITE_ERRORS, "409"),
    body=IssueRequest,
    path_params=PERIOD,
    example={
        "number": "45/BC-STTTT",
        "date": "2026-10-05",
        "signer_name": "Nguyễn Văn Này",
        "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "recipients": ["UBND tỉnh (b/c)", "Lưu: VT"],
    },
)
def issue(period: str):
    """Issue the report of P; 409 for a number used this year, 422 before the cut-off."""
    row = issue_report(current_user, current_principal(), period_arg(period), json_body())
    response = jsonify(IssuedSchema().dump(row))
    response.headers["Location"] = url_for("api.issued_report", issued_id=row.id)
    return response, 201


@bp.get("/reports/<string:period>/issued")
@operation(
    summary="The issued versions of a period's report, newest first",
    tag="reports",
    response=IssuedList,
    errors=("400", "401"),
    path_params=PERIOD,
)
def issued(period: str):
    rows = issued_versions(period_arg(period), current_principal())
    return jsonify(IssuedList().dump({"items": rows}))


@bp.get("/issued-reports/<int:issued_id>")
@operation(
    summary="An issued report as it was issued (the report's JSON, with its number)",
    tag="reports",
    response=ReportSchema,
    errors=("401", "404"),
)
def issued_report(issued_id: int):
    row = readable_issued(check_id(issued_id), current_principal())
    body = json.loads(row.content) | {"id": row.id, "unit": row.unit.code}
    return jsonify(body)


@bp.get("/issued-reports/<int:issued_id>.<any(docx, xlsx):fmt>")
@operation(
    summary="An issued report's Word file, byte for byte as stored",
    tag="reports",
    binary=MIMETYPES["docx"],
    errors=("401", "404"),
    path="/issued-reports/{issued_id}.docx",
)
@operation(
    summary="An issued report's Excel file, byte for byte as stored",
    tag="reports",
    binary=MIMETYPES["xlsx"],
    errors=("401", "404"),
    path="/issued-reports/{issued_id}.xlsx",
)
def issued_file(issued_id: int, fmt: str):
    row = readable_issued(check_id(issued_id), current_principal())
    file = stored_file(row, fmt)
    return attachment(file.data, file.mimetype, file.filename, etag=file.digest)
