"""The current user's principal, loaded once per request, and guards for views."""

from __future__ import annotations

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import select

from tracker.common.answer_cache import rows_of
from tracker.common.exceptions import NotAllowed, NotFound
from tracker.extensions import db
from tracker.models import Document, RoleGrant, Task, Unit
from tracker.permissions import (
    ANONYMOUS,
    Action,
    DocumentRef,
    Principal,
    Role,
    TaskRef,
    build_principal,
    can,
)


def principal_for(user) -> Principal:
    """Build the principal of a user from their grants and the unit tree."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    units = rows_of(select(Unit.id, Unit.parent_id))
    grants = rows_of(select(RoleGrant.role, RoleGrant.unit_id).where(RoleGrant.user_id == user.id))
    return build_principal(user.id, grants, units)


def system_principal() -> Principal:
    """A principal that sees and may do everything: commands run by the operator, no user."""
    units = frozenset(db.session.scalars(select(Unit.id)))
    # user_id 0 is no user's id: `can` refuses only the anonymous (None).
    return Principal(user_id=0, reach={Role.ADMIN: units}, all_units=units)


def current_principal() -> Principal:
    """The principal of the signed-in user, cached for the request."""
    if not has_request_context():
        return ANONYMOUS
    # Keyed by the user: `g` outlives a request when an app context is already pushed (tests,
    # shells), and a sign-in within the request changes who is asking.
    key = current_user.id if current_user.is_authenticated else None
    if "principal" not in g or g.get("principal_key") != key:
        g.principal, g.principal_key = principal_for(current_user), key
    return g.principal


def task_ref(task: Task) -> TaskRef:
    """The permission-relevant facts of a task (support units loaded once).

    Lists prefetch the support units of a whole page (`_support_ids`); otherwise the
    relationship is read, once per session, and it follows changes not yet flushed (a page
    checks a dozen permissions on one task: a query each was most of its SQL).
    """
    support = getattr(task, "_support_ids", None)
    if support is None:
        support = frozenset(unit.id for unit in task.support_units)
    return TaskRef(
        task.lead_unit_id, task.assignee_id, frozenset(support), task.status, task.created_by_id
    )


def document_ref(document: Document) -> DocumentRef:
    """The permission-relevant facts of a registered document."""
    return DocumentRef(document.registered_by_unit_id)


def allowed(
    action: Action,
    task: Task | None = None,
    unit_id: int | None = None,
    principal: Principal | None = None,
    document: Document | None = None,
) -> bool:
    """Whether the (current) principal may do `action`."""
    principal = principal or current_principal()
    ref = task_ref(task) if task is not None else None
    about = document_ref(document) if document is not None else None
    return can(principal, action, ref, unit_id, about)


def require(
    action: Action,
    task: Task | None = None,
    unit_id: int | None = None,
    principal: Principal | None = None,
    document: Document | None = None,
) -> None:
    """Raise NotAllowed (403) unless the principal may do `action`."""
    if not allowed(action, task, unit_id, principal, document):
        raise NotAllowed("Bạn không có quyền thực hiện thao tác này.")


def visible_task(task_id: int, principal: Principal | None = None) -> Task:
    """The task if the principal may see it; otherwise NotFound, so existence does not leak."""
    task = db.session.get(Task, task_id)
    if task is None or not allowed(Action.VIEW_TASK, task, principal=principal):
        raise NotFound("Không tìm thấy nhiệm vụ.")
    return task
