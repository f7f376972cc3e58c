"""Chỉ tiêu in and out of Excel: the workbook to fill for a unit's period, and its import."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.exceptions import NotAllowed
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing
from tracker.indicators.importing import ImportRefused, import_workbook, template_for
from tracker.indicators.views import bp, chosen_unit, entry_units
from tracker.web.downloads import attachment
from tracker.web.form_errors import on_refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/template.xlsx")
@login_required
def template():
    units = entry_units()
    if not units:
        raise NotAllowed("Bạn không nhập số liệu chỉ tiêu của đơn vị nào.")
    unit, period = chosen_unit(units), _period()
    data = template_for(unit, period, current_principal())
    return attachment(data, XLSX, f"chi-tieu-{unit.code}-{period.code}.xlsx")


@bp.post("/import")
@login_required
def import_file():
    """Nhập từ Excel: all the file's rows, or none of them, with every problem by row."""
    if not entry_units():
        raise NotAllowed("Bạn không nhập số liệu chỉ tiêu của đơn vị nào.")
    period = _period()
    upload = request.files.get("file")
    on_refusal(lambda error: _refused(error, period))
    data = upload.read() if upload else b""
    if not data:
        return _refused(ImportRefused([]), period, "Hãy chọn tệp Excel (.xlsx) để nhập.")
    created, saved = import_workbook(current_user, current_principal(), data, period, clock.today())
    words = [f"{saved} số liệu {period.label}"] + ([f"{created} chỉ tiêu mới"] if created else [])
    flash("Đã nhập " + " và ".join(words) + ".", "success")
    return redirect(url_for("indicators.index", period=period.code), 303)


def _refused(error, period: Period, message: str | None = None):
    problems = getattr(error, "problems", [])
    return render_template(
        "indicators/import_refused.html",
        period=period,
        message=message or error.message,
        problems=problems,
    ), 422


def _period() -> Period:
    code = request.values.get("period")
    try:
        return parse_period(code) if code else period_containing(clock.today(), Kind.QUARTER)
    except PeriodError:
        return period_containing(clock.today(), Kind.QUARTER)
