"""What changed in a period's report since it was issued, as the live page lists it."""

from __future__ import annotations

import json

from sqlalchemy import select

from tracker.domain.report import Report
from tracker.domain.report.changes import Change, changes_since, gone_from
from tracker.extensions import db
from tracker.models import IssuedReport, Task
from tracker.permissions import Principal


def changes_of(
    issued: IssuedReport | None, live: Report, principal: Principal
) -> list[Change] | None:
    """The differences between the issued version and the live report of the same unit;
    None when they cannot be told: nothing issued, or a report narrowed to the principal's
    divisions (it would differ from the department's issued one by all it leaves out)."""
    if issued is None or not principal.sees_everything:
        return None
    before, now = json.loads(issued.content), live.to_dict()
    gone = gone_from(before, now)
    due_now = {}
    if gone:
        rows = db.session.execute(select(Task.id, Task.due_date).where(Task.id.in_(gone)))
        due_now = {task_id: due.isoformat() if due else None for task_id, due in rows}
    return changes_since(before, now, due_now)
