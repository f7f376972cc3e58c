"""Records as CONTRACT's JSON: tasks, units, sections, documents, people, history."""

from __future__ import annotations

from datetime import date, datetime

from tracker.common import clock
from tracker.common.access import task_ref
from tracker.documents.progress import DocumentProgress
from tracker.domain.timeliness import classify, days_overdue
from tracker.models import Document, Extension, Section, Task, TaskUpdate, Unit, User
from tracker.permissions import Action, Principal, can


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_time(value: datetime | None) -> str | None:
    """A stored (naive UTC) time as RFC 3339 with its zone."""
    return value.isoformat(timespec="seconds") + "Z" if value else None


def unit_ref(unit: Unit | None) -> dict | None:
    return None if unit is None else {"id": unit.id, "code": unit.code, "name": unit.name}


def section_ref(section: Section | None) -> dict | None:
    if section is None:
        return None
    return {"id": section.id, "code": section.code, "title": section.title}


def document_ref(document: Document) -> dict:
    return {
        "id": document.id,
        "symbol": document.symbol,
        "title": document.title,
        "type": document.doc_type,
    }


def user_ref(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.id, "username": user.username, "full_name": user.full_name}


def task_json(task: Task, as_of: date | None = None, due_soon_days: int = 7) -> dict:
    """A task with exactly CONTRACT's fields (plus parent_id and priority)."""
    as_of = as_of or clock.today()
    return {
        "id": task.id,
        "title": task.title,
        "description": task.description,
        "section": section_ref(task.section),
        "lead_unit": unit_ref(task.lead_unit),
        "support_units": [unit_ref(u) for u in task.support_units],
        "assignee": user_ref(task.assignee),
        "documents": [document_ref(d) for d in task.documents],
        "planned_period": task.planned_period,
        "start_date": iso_day(task.start_date),
        "due_date": iso_day(task.due_date),
        "original_due_date": iso_day(task.original_due_date),
        "status": task.status,
        "progress": task.progress,
        "completed_on": iso_day(task.completed_on),
        "result": task.result,
        "timeliness": classify(
            task.status, task.due_date, task.completed_on, as_of, due_soon_days
        ).value,
        "days_overdue": days_overdue(task.status, task.due_date, task.completed_on, as_of),
        "version": task.version,
        "created_at": iso_time(task.created_at),
        "updated_at": iso_time(task.updated_at),
        "parent_id": task.parent_id,
        "priority": task.priority,
    }


def task_brief(task: Task, as_of: date, due_soon_days: int = 7) -> dict:
    """A task in a list of another record's tasks (a document's, a parent's)."""
    return {
        "id": task.id,
        "title": task.title,
        "lead_unit": unit_ref(task.lead_unit),
        "status": task.status,
        "progress": task.progress,
        "due_date": iso_day(task.due_date),
        "timeliness": classify(
            task.status, task.due_date, task.completed_on, as_of, due_soon_days
        ).value,
        "days_overdue": days_overdue(task.status, task.due_date, task.completed_on, as_of),
    }


def update_json(update: TaskUpdate) -> dict:
    return {
        "id": update.id,
        "kind": update.kind,
        "kind_label": update.kind_label,
        "user": user_ref(update.user),
        "created_at": iso_time(update.created_at),
        "changes": update.changes or {},
        "note": update.note,
    }


def extension_json(extension: Extension) -> dict:
    return {
        "id": extension.id,
        "task_id": extension.task_id,
        "status": extension.status,
        "requested_by": user_ref(extension.requested_by),
        "requested_at": iso_time(extension.requested_at),
        "previous_due_date": iso_day(extension.previous_due_date),
        "requested_due_date": iso_day(extension.requested_due_date),
        "reason": extension.reason,
        "decided_by": user_ref(extension.decided_by),
        "decided_at": iso_time(extension.decided_at),
        "decision_note": extension.decision_note,
    }


def task_permissions(principal: Principal, task: Task) -> dict:
    """What the caller may do with the task, so a client shows only what will work."""
    ref = task_ref(task)
    return {
        "edit": can(principal, Action.EDIT_TASK, ref),
        "update_progress": can(principal, Action.UPDATE_PROGRESS, ref),
        "move_due_date": can(principal, Action.MOVE_DUE_DATE, ref),
        "confirm": can(principal, Action.CONFIRM_TASK, ref),
        "request_extension": can(principal, Action.REQUEST_EXTENSION, ref),
        "decide_extension": can(principal, Action.DECIDE_EXTENSION, ref),
    }


def document_json(document: Document, progress: DocumentProgress) -> dict:
    return {
        "id": document.id,
        "type": document.doc_type,
        "symbol": document.symbol,
        "number": document.number,
        "year": document.year,
        "issuer_code": document.issuer_code,
        "issuer_name": document.issuer_name,
        "issued_on": iso_day(document.issued_on),
        "title": document.title,
        "link": document.link,
        "needs_title": document.needs_title,
        "progress": progress.to_dict(),
    }


def page_json(page, items: list) -> dict:
    """CONTRACT's list envelope."""
    return {
        "items": items,
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "pages": page.pages,
    }
