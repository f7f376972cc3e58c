"""The report page: its texts, the order of its items, and its downloads."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import allowed, current_principal, require
from tracker.common.exceptions import NotFound
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing
from tracker.domain.report.prose import lower_first
from tracker.domain.report.window import RULE_LABELS
from tracker.domain.text import whole_number
from tracker.permissions import Action
from tracker.reports.build import build_period_report
from tracker.reports.changes import changes_of
from tracker.reports.export import MIMETYPES, export_report
from tracker.reports.issuing import issued_versions
from tracker.reports.ordering import ordered_groups, read_places, reorder
from tracker.reports.texts import department, save_report_texts, stored_texts
from tracker.reports.views import reading as view
from tracker.reports.views.blueprint import bp
from tracker.reports.views.forms import (
    OrderForm,
    ReportTextsForm,
)
from tracker.web import downloads
from tracker.web.form_errors import on_refusal

XLSX = MIMETYPES["xlsx"]


@bp.app_template_filter("lower_first")
def lower_first_filter(text: str | None) -> str:
    """Lower-case the first letter only: "Quý III năm 2020" → "quý III năm 2020"."""
    return lower_first(text or "")


def period_or_404(code: str) -> Period:
    """The period named in the URL; a bad one is a 404 with the parser's own words."""
    try:
        return parse_period(code)
    except PeriodError as error:
        raise NotFound(str(error)) from None


@bp.get("/")
@login_required
def index():
    """The picker's target: the chosen period, else the current quarter."""
    require(Action.VIEW_REPORT)
    year, part = request.args.get("year", ""), request.args.get("part", "")
    if (number := whole_number(year, 4)) is not None and part in dict(view.PARTS):
        return redirect(url_for(".show", period=view.period_code(number, part)))
    if request.args.get("period"):
        return redirect(url_for(".show", period=request.args["period"].strip()))
    return redirect(url_for(".show", period=period_containing(clock.today(), Kind.QUARTER).code))


def render_report(
    period: Period,
    form: ReportTextsForm | None = None,
    status: int = 200,
    order_open: bool = False,
    order_error: str | None = None,
):
    principal = current_principal()
    report = build_period_report(principal, period)
    may_edit = allowed(Action.EDIT_REPORT)
    if may_edit and form is None:
        written = {"number": report.texts.number, "plan_intro": report.texts.plan_intro}
        form = ReportTextsForm(data=report.texts.to_dict() | written)
    today = clock.today()
    earlier, later = view.neighbours(period)
    versions = issued_versions(period, principal)
    top = department()
    latest = next((v for v in versions if top is not None and v.unit_id == top.id), None)
    changes = changes_of(latest, report, principal)
    return render_template(
        "reports/show.html",
        report=report,
        form=form if may_edit else None,
        texts_open=bool(form and form.errors),
        order_groups=ordered_groups(report) if may_edit else [],
        order_form=OrderForm() if may_edit else None,
        order_open=order_open,
        order_values=request.form if order_open else None,
        order_error=order_error,
        uses_defaults=stored_texts(period, top) is None,
        versions=versions,
        latest_issued=latest,
        changes=changes,
        may_issue=allowed(Action.ISSUE_REPORT),
        cut_off_passed=today > report.window.end,
        rule_label=RULE_LABELS[report.window.rule],
        parts=view.PARTS,
        part=view.part_of(period) if period.kind is not Kind.MONTH else "",
        years=view.picker_years(period, today),
        earlier=earlier,
        later=later,
        running=report.window.end >= today,
        empty_sections=view.empty_sections(report),
        **view.document_context(report),
    ), status


@bp.get("/<period>")
@login_required
def show(period: str):
    """The report of a period as a civil servant reads it."""
    return render_report(period_or_404(period))


@bp.post("/<period>/texts")
@login_required
def texts(period: str):
    """Save the director's texts of the period's report."""
    chosen = period_or_404(period)
    require(Action.EDIT_REPORT)
    form = ReportTextsForm()
    if not form.validate_on_submit():
        return render_report(chosen, form, 422)
    save_report_texts(current_user, current_principal(), chosen, _texts_of(form))
    flash(f"Đã lưu nội dung báo cáo {lower_first(chosen.label)}.", "success")
    return redirect(url_for(".show", period=chosen.code) + "#report", code=303)


def _texts_of(form: ReportTextsForm) -> dict:
    names = ("number", "introduction", "assessment", "difficulties", "proposals")
    names += ("signer_title", "signer_name", "recipients", "plan_intro")
    return {name: getattr(form, name).data or "" for name in names}


@bp.post("/<period>/order")
@login_required
def order(period: str):
    """Put the report's items in the department's order (the numbers of the order panel)."""
    chosen = period_or_404(period)
    require(Action.EDIT_REPORT)
    form = OrderForm()
    if not form.validate_on_submit():
        return render_report(chosen, order_open=True, status=422)
    principal = current_principal()
    on_refusal(lambda error: _order_again(chosen, error))
    report = build_period_report(principal, chosen)
    moved = reorder(principal, report, read_places(request.form))
    flash(f"Đã lưu thứ tự ({moved} mục đổi chỗ).", "success")
    return redirect(url_for(".show", period=chosen.code) + "#report", code=303)


def _order_again(period: Period, error):
    """The report again with the order panel open, as typed, the faulty number marked."""
    flash(error.message, "danger")
    return render_report(period, order_open=True, order_error=error.field)[0], error.status


@bp.get("/<period>/download/<fmt>")
@login_required
def download(period: str, fmt: str):
    """The period's report as an Excel or Word file: the same report the page shows."""
    chosen = period_or_404(period)
    file = export_report(current_principal(), chosen, fmt)
    return downloads.attachment(file.data, file.mimetype, file.filename)
