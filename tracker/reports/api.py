"""The period report as JSON, Excel and Word: one report object, three renderings."""

from __future__ import annotations

from flask import jsonify

from tracker.api.blueprint import bp
from tracker.api.errors import ApiError
from tracker.api.spec import operation
from tracker.common.access import current_principal
from tracker.domain.periods import PeriodError, parse_period
from tracker.reports.build import build_period_report
from tracker.reports.export import MIMETYPES, report_bytes
from tracker.reports.schemas import PeriodParam, ReportSchema
from tracker.web.downloads import attachment


def period_arg(code: str):
    """The period named in the address; 400 naming it when it is not one."""
    try:
        return parse_period(code)
    except PeriodError as error:
        raise ApiError(400, "bad_request", str(error), field="period") from None


@bp.get("/reports/<string:spec>")
@operation(
    summary="The report of a period: achievements, unfinished, plan, units",
    tag="reports",
    response=ReportSchema,
    errors=("400", "401"),
    path="/reports/{period}",
    path_params={"spec": PeriodParam},
)
@operation(
    summary="The report of a period as Excel",
    tag="reports",
    binary=MIMETYPES["xlsx"],
    errors=("400", "401"),
    path="/reports/{period}.xlsx",
    path_params={"spec": PeriodParam},
)
@operation(
    summary="The report of a period as Word",
    tag="reports",
    binary=MIMETYPES["docx"],
    errors=("400", "401"),
    path="/reports/{period}.docx",
    path_params={"spec": PeriodParam},
)
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
    report = build_period_report(current_principal(), period_arg(code))
    if not extension:
        return jsonify(report.to_dict())
    filename = f"bao-cao-{report.period.code}.{extension}"
    return attachment(report_bytes(report, extension), MIMETYPES[extension], filename)
