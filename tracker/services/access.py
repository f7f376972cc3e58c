"""The current user's principal, loaded once per request, and guards for views."""

from __future__ import annotations

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import RoleGrant, Task, Unit, task_support_unit
from ..permissions import ANONYMOUS, Action, Principal, TaskRef, build_principal, can
from . import NotAllowed, NotFound


def principal_for(user) -> Principal:
    """Build the principal of a user from their grants and the unit tree."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    units = db.session.execute(select(Unit.id, Unit.parent_id)).all()
    grants = db.session.execute(
        select(RoleGrant.role, RoleGrant.unit_id).where(RoleGrant.user_id == user.id)
    ).all()
    return build_principal(user.id, [tuple(g_) for g_ in grants], [tuple(u) for u in units])


def current_principal() -> Principal:
    """The principal of the signed-in user, cached for the request."""
    if not has_request_context():
        return ANONYMOUS
    if "principal" not in g:
        g.principal = principal_for(current_user)
    return g.principal


def task_ref(task: Task) -> TaskRef:
    """The permission-relevant facts of a task (support units loaded once)."""
    support = getattr(task, "_support_ids", None)
    if support is None:
        support = frozenset(
            db.session.scalars(
                select(task_support_unit.c.unit_id).where(task_support_unit.c.task_id == task.id)
            )
        )
    return TaskRef(task.lead_unit_id, task.assignee_id, frozenset(support), task.status)


def allowed(action: Action, task: Task | None = None, unit_id: int | None = None, principal=None):
    """Whether the (current) principal may do `action`."""
    principal = principal or current_principal()
    ref = task_ref(task) if task is not None else None
    return can(principal, action, ref, unit_id)


def require(action: Action, task: Task | None = None, unit_id: int | None = None, principal=None):
    """Raise NotAllowed (403) unless the principal may do `action`."""
    if not allowed(action, task, unit_id, principal):
        raise NotAllowed("Bạn không có quyền thực hiện thao tác này.")


def visible_task(task_id: int, principal: Principal | None = None) -> Task:
    """The task if the principal may see it; otherwise NotFound, so existence does not leak."""
    task = db.session.get(Task, task_id)
    if task is None or not allowed(Action.VIEW_TASK, task, principal=principal):
        raise NotFound("Không tìm thấy nhiệm vụ.")
    return task
