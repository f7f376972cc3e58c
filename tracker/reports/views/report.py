"""The report page, its texts and downloads, and the import of a plan from Excel."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import allowed, current_principal, require
from tracker.common.exceptions import NotFound
from tracker.domain.periods import Kind, Period, PeriodError, parse_period, period_containing
from tracker.domain.report.prose import lower_first
from tracker.domain.report.window import RULE_LABELS
from tracker.permissions import Action
from tracker.reports.build import build_period_report
from tracker.reports.changes import changes_of
from tracker.reports.export import MIMETYPES, export_report
from tracker.reports.issuing import issued_versions
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
from tracker.reports.texts import department, save_report_texts, stored_texts
from tracker.reports.views import reading as view
from tracker.reports.views.blueprint import bp
from tracker.reports.views.forms import PlanConfirmForm, PlanUploadForm, ReportTextsForm
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
    if year.isdigit() and part in dict(view.PARTS):
        return redirect(url_for(".show", period=view.period_code(int(year), part)))
    if request.args.get("period"):
        return redirect(url_for(".show", period=request.args["period"].strip()))
    return redirect(url_for(".show", period=period_containing(clock.today(), Kind.QUARTER).code))


def render_report(period: Period, form: ReportTextsForm | None = None, status: int = 200):
    principal = current_principal()
    report = build_period_report(principal, period)
    may_edit = allowed(Action.EDIT_REPORT)
    if may_edit and form is None:
        written = {"number": report.texts.number, "plan_intro": report.texts.plan_intro}
        form = ReportTextsForm(data=report.texts.to_dict() | written)
    today = clock.today()
    earlier, later = view.neighbours(period)
    versions = issued_versions(period, principal)
    latest = next((v for v in versions if v.unit_id == (department() or v).id), None)
    changes = changes_of(latest, report, principal)
    return render_template(
        "reports/show.html",
        report=report,
        form=form if may_edit else None,
        texts_open=bool(form and form.errors),
        uses_defaults=stored_texts(period, department()) is None,
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


@bp.get("/<period>/download/<fmt>")
@login_required
def download(period: str, fmt: str):
    """The period's report as an Excel or Word file: the same report the page shows."""
    chosen = period_or_404(period)
    file = export_report(current_principal(), chosen, fmt)
    return send_file(
        BytesIO(file.data),
        mimetype=file.mimetype,
        as_attachment=True,
        download_name=file.filename,
        max_age=0,
    )


# -- importing a plan ----------------------------------------------------------------------


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
    return [(p.code, f"{p.label} ({p.code})") for p in unique]


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
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)


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
        # The rows that did go in before the one that failed are gone with the rollback.
        discard_upload(token)
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
