"""Home ("Việc của tôi"): what the signed-in person should do next.

A head or staff member sees the tasks they answer for, grouped by urgency, each with an
inline quick update; a director first sees what waits for a decision (submissions to
confirm, extension requests). Grouping happens here, not in the template.
"""

from __future__ import annotations

from datetime import date

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import or_

from ..models import Task
from ..permissions import LEADERS, Role
from ..queries import TaskFilter
from ..services.access import current_principal
from ..services.settings import due_soon_days
from ..tasks.boards import awaiting_confirmation, board_tasks, extensions_to_decide, group_tasks
from ..tasks.common import stamp, status_choices
from ..tasks.rows import row_context
from . import bp


@bp.get("/")
@login_required
def home():
    principal = current_principal()
    today, soon = date.today(), due_soon_days()
    head_units = sorted(principal.units_for(Role.HEAD))
    mine = Task.assignee_id == current_user.id
    if head_units:  # an empty IN would hide the assignee index from the planner
        mine = or_(mine, Task.lead_unit_id.in_(head_units))
    tasks, truncated = board_tasks(principal, TaskFilter(as_of=today, due_soon_days=soon), mine)
    to_confirm = awaiting_confirmation(principal)
    to_decide = extensions_to_decide(principal)
    context = row_context([*tasks, *to_confirm, *(e.task for e in to_decide)])
    # Whole groups are listable only when "mine" is one filter: the tasks assigned to me.
    list_args = None if head_units else {"assignee": current_user.id}
    return render_template(
        "main/home.html",
        groups=group_tasks(tasks, today, soon, list_args),
        has_tasks=bool(tasks),
        truncated=truncated,
        to_confirm=to_confirm,
        to_decide=to_decide,
        is_leader=principal.has_role(*LEADERS),
        actor=principal,
        status_choices=status_choices,
        loaded_at=stamp(),
        next_url="/",
        today=today,
        due_soon_days=soon,
        **context,
    )
