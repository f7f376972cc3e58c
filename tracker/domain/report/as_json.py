"""The report as CONTRACT.md's JSON (GET /api/v1/reports/P): written here, by hand, because a
province's quarter holds tens of thousands of rows; reports/schemas.py describes the same
shape and the tests hold the two together. Pure.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.numbers import json_number

if TYPE_CHECKING:
    from tracker.domain.report.parts import IndicatorResult, IssueStamp, Report, SectionReport


def report_dict(report: Report) -> dict:
    """The report as CONTRACT.md's JSON (and, once issued, what issuing gave it)."""
    data = {
        "period": report.period.code,
        "label": report.period.label,
        "as_of": report.as_of.isoformat(),
        "window": {
            "start": report.window.start.isoformat(),
            "end": report.window.end.isoformat(),
            "rule": str(report.window.rule),
        },
        "next_period": report.next_period.code,
        "next_label": report.next_period.label,
        "sections": [_section_dict(s) for s in report.sections],
        "pending_confirmation": [
            {
                "task_id": p.task_id,
                "title": p.title,
                "unit": p.unit,
                "completed_on": _iso(p.completed_on),
                "submitted_on": _iso(p.submitted_on),
            }
            for p in report.pending
        ],
        "unfinished": [
            {
                "task_id": u.task_id,
                "title": u.title,
                "unit": u.unit,
                "due_date": _iso(u.due_date),
                "days_overdue": u.days_overdue,
            }
            for u in report.unfinished
        ],
        "plan": [
            {
                "no": p.no,
                "task_id": p.task_id,
                "title": p.title,
                "wording": p.wording,
                "lead_unit": p.lead_unit,
                "support_units": list(p.support_units),
                "product": p.product,
                "due_date": _iso(p.due_date),
                "carried_over": p.carried_over,
            }
            for p in report.plan
        ],
        "units": [u.to_dict() for u in report.units],
        "previous_units": [u.to_dict() for u in report.previous_units.values()],
        "totals": report.totals.to_dict(),
        "texts": report.texts.to_dict(),
        "indicators": [_indicator_dict(i) for i in report.indicators],
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
    }
    if report.issue is not None:
        data["issue"] = issue_dict(report.issue)
    return data


def issue_dict(stamp: IssueStamp) -> dict:
    return {
        "number": stamp.number,
        "date": stamp.issued_on.isoformat(),
        "signer_title": stamp.signer_title,
        "signer_name": stamp.signer_name,
        "recipients": list(stamp.recipients),
        "version": stamp.version,
        "replaces": stamp.replaces,
    }


def _indicator_dict(result: IndicatorResult) -> dict:
    """A chỉ tiêu as the list API gives it (a ratio's value: its percentage, two decimals)."""
    ratio = result.kind == "ratio"
    return {
        "code": result.code,
        "name": result.name,
        "measure": result.measure,
        "kind": result.kind,
        "unit": result.unit,
        "section": result.section_code,
        "value": json_number(result.value, 2 if ratio else None),
        "numerator": json_number(result.numerator),
        "denominator": json_number(result.denominator),
        "as_of": _iso(result.as_of),
        "target": json_number(result.target),
        "percent_of_target": json_number(result.percent_of_target),
        "status": result.status,
        "sentence": result.sentence,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _section_dict(section: SectionReport) -> dict:
    return {
        "code": section.code,
        "title": section.title,
        "achievements": [
            {
                "task_id": a.task_id,
                "title": a.title,
                "result": a.result,
                "unit": a.unit,
                "completed_on": _iso(a.completed_on),
                "timeliness": str(a.timeliness),
            }
            for a in section.achievements
        ],
        "figures": list(section.figures),
        "sections": [_section_dict(child) for child in section.sections],
    }
