"""Onboarding: import a past report (upload, preview, confirm)."""

from __future__ import annotations

from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import Length

from tracker.common import clock
from tracker.common.access import current_principal, require
from tracker.common.exceptions import ValidationFailed
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, periods_of_year
from tracker.domain.report.prose import lower_first
from tracker.permissions import Action
from tracker.reports.importing.read import infer_period, plan_import_of_report, read_report
from tracker.reports.importing.upload import (
    discard_upload,
    keep_upload,
    load_upload,
    selections_from_form,
)
from tracker.reports.importing.write import apply_report_import
from tracker.reports.views.blueprint import bp
from tracker.web.fields import Form
from tracker.web.form_errors import form_again, on_refusal


class ReportUploadForm(Form):
    file = FileField(
        "Tệp báo cáo (.docx hoặc .txt)",
        validators=[FileRequired("Chọn tệp báo cáo để tải lên.")],
        render_kw={"accept": ".docx,.txt"},
    )
    period = StringField(
        "Kỳ báo cáo",
        validators=[Length(max=10, message="Kỳ báo cáo quá dài.")],
        render_kw={"placeholder": "Ví dụ: 2020-9M", "autocomplete": "off"},
    )


@bp.route("/onboarding", methods=["GET", "POST"])
@login_required
def onboarding():
    """Upload last period's report; show what importing it would create."""
    require(Action.IMPORT)
    form = ReportUploadForm()
    if request.method == "GET":
        return _upload_page(form)
    if not form.validate_on_submit():
        return _upload_page(form, 422)
    upload = form.file.data
    filename = upload.filename or "bao-cao"
    data = upload.read()
    on_refusal(form_again(form, lambda: _upload_page(form)[0], default="file"))
    parsed = read_report(filename, data, current_app.config["IMPORT_MAX_BYTES"])
    period = _period(form, parsed)
    token = keep_upload(filename, data, period, current_user.id)
    plan = plan_import_of_report(parsed, period, filename)
    return render_template("reports/onboarding_preview.html", plan=plan, token=token, chosen=None)


def _upload_page(form: ReportUploadForm, status: int = 200):
    return render_template(
        "reports/onboarding.html", form=form, recent_periods=recent_periods(clock.today())
    ), status


def recent_periods(today: date) -> list[Period]:
    """The periods that ended lately, the latest first: what a department's last report covers."""
    kinds = (Kind.QUARTER, Kind.NINE_MONTHS, Kind.HALF, Kind.YEAR)
    ended = [
        p
        for year in (today.year, today.year - 1)
        for p in periods_of_year(year)
        if p.kind in kinds and p.end < today
    ]
    return sorted(ended, key=lambda p: (p.end, -p.months), reverse=True)[:8]


def _period(form: ReportUploadForm, parsed):
    code = (form.period.data or "").strip()
    if not code:
        found = infer_period(parsed)
        if found is None:
            raise ValidationFailed(
                "Không nhận ra kỳ báo cáo từ tiêu đề; hãy nhập kỳ (ví dụ 2020-9M).",
                field="period",
            )
        return found
    try:
        return parse_period(code)
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None


@bp.post("/onboarding/confirm")
@login_required
def onboarding_confirm():
    """Import the previewed report with the director's choices, in one transaction."""
    require(Action.IMPORT)
    token = request.form.get("token", "")
    upload = load_upload(token, current_user.id)
    parsed = read_report(upload.filename, upload.data)
    plan = plan_import_of_report(parsed, upload.period, upload.filename)
    on_refusal(
        lambda error: (
            render_template(
                "reports/onboarding_preview.html",
                plan=plan,
                token=token,
                chosen=request.form,
                error=error,
            ),
            422,
        )
    )
    selections = selections_from_form(plan, request.form)
    summary = apply_report_import(current_user, plan, selections, principal=current_principal())
    discard_upload(token)
    flash(
        f"Đã nhập báo cáo {lower_first(plan.period.label)}: {summary.achievements} kết quả đạt "
        f"được, {summary.planned} nhiệm vụ {lower_first(plan.next_period.label)}, "
        f"{summary.sections_created} lĩnh vực mới, {summary.documents_linked} văn bản liên kết.",
        "success",
    )
    return redirect(url_for("reports.show", period=plan.period.code), code=303)
