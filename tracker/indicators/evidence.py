"""Minh chứng of a chỉ tiêu's figure: files the owning unit attaches to a period, checked as a
task's evidence is (tasks/attachments.py), each one noted in the indicator's history."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select

from tracker.common.exceptions import NotAllowed, NotFound, ValidationFailed
from tracker.domain.periods import PeriodError, parse_period
from tracker.extensions import db
from tracker.indicators.models import Indicator, IndicatorChange, IndicatorEvidence
from tracker.permissions import Action, Principal, can
from tracker.tasks.attachments import checked_evidence


def add_evidence(
    user, principal: Principal, indicator: Indicator, period_code, file_storage, today: date
) -> IndicatorEvidence:
    """Attach a file to the figure of a period (the owning unit, the leaders)."""
    if not can(principal, Action.ENTER_FIGURES, unit_id=indicator.unit_id):
        raise NotAllowed("Chỉ đơn vị chủ trì chỉ tiêu này đính kèm minh chứng.", field="file")
    try:
        period = parse_period(str(period_code))
    except PeriodError as error:
        raise ValidationFailed(str(error), field="period") from None
    if not indicator.first_year <= period.year <= indicator.last_year or period.start > today:
        raise ValidationFailed(f"Chỉ tiêu không có số liệu {period.label}.", field="period")
    name, content_type, data = checked_evidence(file_storage)
    evidence = IndicatorEvidence(
        indicator_id=indicator.id,
        period=period.code,
        uploaded_by_id=user.id if user else None,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
    db.session.add(evidence)
    db.session.add(
        IndicatorChange(
            indicator_id=indicator.id,
            period=period.code,
            user_id=user.id if user else None,
            changes={},
            note=f"Đính kèm minh chứng “{name}”.",
        )
    )
    db.session.flush()
    return evidence


def evidence_of(indicator: Indicator) -> dict[str, list[IndicatorEvidence]]:
    """The indicator's evidence files by period (their bytes not loaded)."""
    found: dict[str, list[IndicatorEvidence]] = {}
    stmt = (
        select(IndicatorEvidence)
        .where(IndicatorEvidence.indicator_id == indicator.id)
        .order_by(IndicatorEvidence.uploaded_at, IndicatorEvidence.id)
    )
    for evidence in db.session.scalars(stmt):
        found.setdefault(evidence.period, []).append(evidence)
    return found


def one_evidence(indicator: Indicator, evidence_id: int) -> IndicatorEvidence:
    evidence = db.session.get(IndicatorEvidence, evidence_id)
    if evidence is None or evidence.indicator_id != indicator.id:
        raise NotFound("Không tìm thấy tệp.")
    return evidence
