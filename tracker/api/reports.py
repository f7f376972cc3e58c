"""The period report as JSON, Excel and Word: one report object, three renderings."""

from __future__ import annotations

from flask import Response, jsonify

from ..domain.periods import PeriodError, parse_period
from ..services.access import current_principal
from ..services.report_export import MIMETYPES, report_bytes
from ..services.reports import build_period_report
from . import bp
from .errors import ApiError


def _period(code: str):
    try:
        return parse_period(code)
    except PeriodError as error:
        raise ApiError(400, "bad_request", str(error), field="period") from None


@bp.get("/reports/<string:spec>")
def get_report(spec: str):
    """The report of period P (`P`, `P.xlsx` or `P.docx`) over the tasks the caller sees."""
    code, dot, extension = spec.rpartition(".")
    if not dot:
        code, extension = spec, ""
    extension = extension.lower()
    if extension and extension not in MIMETYPES:
        raise ApiError(
            404, "not_found", f"Không có định dạng “.{extension}”: dùng .xlsx hoặc .docx."
        )
    report = build_period_report(current_principal(), _period(code))
    if not extension:
        return jsonify(report.to_dict())
    filename = f"bao-cao-{report.period.code}.{extension}"
    return Response(
        report_bytes(report, extension),
        mimetype=MIMETYPES[extension],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
