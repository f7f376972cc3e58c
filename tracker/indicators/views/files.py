"""Chỉ tiêu's files: the workbook to fill for a unit's period and its import, and the
evidence files of a period's figure."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.exceptions import NotAllowed, NotFound
from tracker.domain.periods import Period
from tracker.extensions import db
from tracker.indicators.evidence import add_evidence, one_evidence
from tracker.indicators.fields import read_period
from tracker.indicators.importing import ImportRefused, import_workbook, template_for
from tracker.indicators.models import Indicator
from tracker.indicators.views.blueprint import bp
from tracker.indicators.views.pages import chosen_unit, entry_units
from tracker.permissions import Action, can
from tracker.web.downloads import attachment
from tracker.web.form_errors import on_refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/template.xlsx")
@login_required
def template():
    units = entry_units()
    if not units:
        raise NotAllowed("Bạn không nhập số liệu chỉ tiêu của đơn vị nào.")
    unit, period = chosen_unit(units), read_period(request.values.get("period"), clock.today())
    data = template_for(unit, period, current_principal())
    return attachment(data, XLSX, f"chi-tieu-{unit.code}-{period.code}.xlsx")


@bp.post("/import")
@login_required
def import_file():
    """Nhập từ Excel: all the file's rows, or none of them, with every problem by row."""
    if not entry_units():
        raise NotAllowed("Bạn không nhập số liệu chỉ tiêu của đơn vị nào.")
    period = read_period(request.values.get("period"), clock.today())
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


@bp.post("/<int:indicator_id>/evidence")
@login_required
def add_file(indicator_id: int):
    indicator = _indicator(indicator_id)
    back = url_for("indicators.show", indicator_id=indicator.id)

    def refused(error):
        flash(error.message, "danger")  # back on the indicator's page, nothing attached
        return redirect(back, 303)

    on_refusal(refused)
    evidence = add_evidence(
        current_user,
        current_principal(),
        indicator,
        request.form.get("period"),
        request.files.get("file"),
        clock.today(),
    )
    flash(f"Đã đính kèm minh chứng “{evidence.filename}”.", "success")
    return redirect(back, 303)


@bp.get("/<int:indicator_id>/evidence/<int:evidence_id>")
@login_required
def file(indicator_id: int, evidence_id: int):
    if not can(current_principal(), Action.VIEW_REPORT):
        raise NotAllowed("Tài khoản của bạn chưa được phân quyền xem chỉ tiêu.")
    evidence = one_evidence(_indicator(indicator_id), evidence_id)
    return attachment(evidence.data, evidence.content_type, evidence.filename)


def _indicator(indicator_id: int) -> Indicator:
    indicator = db.session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound("Không tìm thấy chỉ tiêu.")
    return indicator
