"""Chốt và phát hành: the issue form, an issued report's page, and its files as stored."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from tracker.common import clock
from tracker.common.access import current_principal, require
from tracker.domain.dates import format_day
from tracker.domain.periods import Period, parse_period
from tracker.domain.report.window import RULE_LABELS, report_window
from tracker.org.settings import window_rule
from tracker.permissions import Action, Principal
from tracker.reports.build import build_period_report
from tracker.reports.issuing import (
    issuable_units,
    issue_report,
    issued_versions,
    latest_issued,
    readable_issued,
    stored_file,
)
from tracker.reports.texts import department, report_texts
from tracker.reports.views.blueprint import bp
from tracker.reports.views.forms import IssueForm
from tracker.reports.views.report import period_or_404
from tracker.web.downloads import attachment
from tracker.web.form_errors import form_again, on_refusal


def _issue_form(period: Period, principal: Principal) -> IssueForm:
    form = IssueForm()
    units = issuable_units(principal)
    form.unit.choices = [(u.code, u.name) for u in units]
    if not form.is_submitted():
        texts = report_texts(period)
        top = department()
        window = report_window(period, window_rule())
        form.unit.data = top.code if top else ""
        form.number.data = texts.number
        form.date.data = max(window.end, clock.today()).isoformat()
        form.signer_title.data = texts.signer_title
        form.signer_name.data = texts.signer_name
        form.recipients.data = texts.recipients
    return form


@bp.route("/<period>/issue", methods=["GET", "POST"])
@login_required
def issue(period: str):
    """The issue form; once the cut-off has passed, issuing freezes the report as sent."""
    chosen, principal = period_or_404(period), current_principal()
    require(Action.ISSUE_REPORT, principal=principal)
    form = _issue_form(chosen, principal)
    window = report_window(chosen, window_rule())

    def page():
        report = build_period_report(principal, chosen, window=window)
        return render_template(
            "reports/issue.html",
            form=form,
            report=report,
            window=window,
            rule_label=RULE_LABELS[window.rule],
            open_for_issue=clock.today() > window.end,
            first_issue_day=window.end + timedelta(days=1),
            previous=latest_issued(chosen, top) if (top := department()) else None,
        )

    if not form.validate_on_submit():
        return page(), 422 if form.errors else 200
    on_refusal(form_again(form, page))
    row = issue_report(current_user, principal, chosen, form.service_data())
    flash(f"Đã phát hành {row.label} ({chosen.label}).", "success")
    return redirect(url_for("reports.issued_page", issued_id=row.id), 303)


@bp.get("/issued/<int:issued_id>")
@login_required
def issued_page(issued_id: int):
    """An issued report: its number, date, signature, files, and the versions of its period."""
    principal = current_principal()
    row = readable_issued(issued_id, principal)
    versions = issued_versions(parse_period(row.period), principal)
    return render_template(
        "reports/issued.html",
        row=row,
        versions=versions,
        rule_label=RULE_LABELS.get(row.window_rule, row.window_rule),
        window=f"{format_day(row.window_start)} – {format_day(row.as_of)}",
    )


@bp.get("/issued/<int:issued_id>.<any(docx, xlsx, json):fmt>")
@login_required
def issued_download(issued_id: int, fmt: str):
    """An issued report's file, byte for byte as issued."""
    file = stored_file(readable_issued(issued_id, current_principal()), fmt)
    return attachment(file.data, file.mimetype, file.filename, etag=file.digest)
