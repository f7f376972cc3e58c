"""Importing next period's plan from the Excel template: the template, the preview, the
confirmation."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import current_principal, require
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing
from tracker.domain.report.prose import lower_first
from tracker.permissions import Action
from tracker.reports.export import MIMETYPES
from tracker.reports.plan_import import (
    GONE,
    PlanRejected,
    discard_upload,
    import_plan,
    keep_upload,
    kept_upload,
    plan_template_file,
    preview_plan,
)
from tracker.reports.views import reading as view
from tracker.reports.views.blueprint import bp
from tracker.reports.views.forms import PlanConfirmForm, PlanUploadForm
from tracker.reports.views.report import period_or_404
from tracker.web import downloads
from tracker.web.form_errors import on_refusal

XLSX = MIMETYPES["xlsx"]


def plan_periods(today: date, chosen: str | None = None) -> list[tuple[str, str]]:
    """The periods a plan is usually made for: the coming quarters, halves and years."""
    quarter = period_containing(today, Kind.QUARTER)
    half = period_containing(today, Kind.HALF)
    year = period_containing(today, Kind.YEAR)
    found = [quarter, quarter.next(), quarter.next().next(), half, half.next(), year, year.next()]
    if chosen:
        try:
            found.insert(0, parse_period(chosen))
        except PeriodError:
            pass
    unique = list(dict.fromkeys(found))
    return [(p.code, p.label) for p in unique]  # people read "Quý I năm 2027", not 2027-Q1


def planning_report(period: Period) -> Period:
    """The report whose section IV lists this period's plan (else the period's own)."""
    before = period.previous()
    return before if before.next() == period else period


@bp.get("/plan/template")
@login_required
def plan_template():
    """The Excel template of a plan, with today's units and sections in its dropdowns."""
    require(Action.VIEW_REPORT)
    code = request.args.get("period", "").strip()
    period = period_or_404(code) if code else None
    data = plan_template_file(period)
    name = f"mau-ke-hoach-{period.code}.xlsx" if period else "mau-ke-hoach.xlsx"
    return downloads.attachment(data, XLSX, name)


@bp.route("/plan/import", methods=["GET", "POST"])
@login_required
def plan_import():
    """Upload a plan workbook; show what it would create, or every error in it."""
    require(Action.IMPORT)
    form = PlanUploadForm()
    chosen = request.args.get("period") or form.period.data
    form.period.choices = plan_periods(clock.today(), chosen)
    if request.method == "GET":
        form.period.data = chosen if chosen else period_containing(clock.today()).next().code
        return render_template("reports/plan_import.html", form=form)
    if not form.validate_on_submit():
        return render_template("reports/plan_import.html", form=form), 422
    period, upload = parse_period(form.period.data), form.file.data
    data = upload.read()
    preview = preview_plan(data, period, current_principal())
    if not preview.ok:
        return render_template(
            "reports/plan_import.html",
            form=form,
            errors=view.error_rows(preview.errors),
            filename=upload.filename,
        ), 422
    token = keep_upload(data, current_user, period, upload.filename or "")
    return render_template(
        "reports/plan_preview.html",
        preview=preview,
        form=PlanConfirmForm(token=token),
        filename=upload.filename,
    )


@bp.post("/plan/import/confirm")
@login_required
def plan_import_confirm():
    """Import the previewed plan, checked once more against the database as it is now."""
    require(Action.IMPORT)
    form = PlanConfirmForm()
    if not form.validate_on_submit():
        flash(GONE, "danger")
        return redirect(url_for(".plan_import"), code=303)
    token = form.token.data

    def gone(error):
        flash(error.message, "danger")
        return redirect(url_for(".plan_import"), code=303)

    on_refusal(gone)
    data, meta = kept_upload(token, current_user)
    period = parse_period(meta["period"])

    def rejected(error):
        # The rows that did go in before the one that failed are gone with the rollback; the
        # kept upload stays (until swept): confirming it again meets the same check.
        again = PlanUploadForm(formdata=None, period=period.code)
        again.period.choices = plan_periods(clock.today(), period.code)
        page = render_template(
            "reports/plan_import.html",
            form=again,
            errors=view.error_rows(error.errors),
            filename=meta.get("filename"),
            changed=True,
        )
        return page, 422

    on_refusal(rejected)
    preview = preview_plan(data, period, current_principal())
    if not preview.ok:
        raise PlanRejected(preview.errors)
    tasks = import_plan(current_user, current_principal(), preview.rows, period)
    discard_upload(token)
    flash(f"Đã nhập {len(tasks)} nhiệm vụ vào kế hoạch {lower_first(period.label)}.", "success")
    return redirect(url_for("tasks.index", period=period.code), code=303)
