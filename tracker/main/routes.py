"""Home: the signed-in person's own tasks, grouped by what needs doing first."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from ..domain.timeliness import OPEN, Status
from ..extensions import db
from ..models import Task
from ..permissions import Role
from ..queries import SORTS, visibility_clause
from ..services.access import current_principal
from . import bp


@bp.get("/")
@login_required
def home():
    principal = current_principal()
    today = date.today()
    mine = or_(
        Task.assignee_id == current_user.id,
        Task.lead_unit_id.in_(sorted(principal.units_for(Role.HEAD))),
    )
    base = select(Task).where(visibility_clause(principal), mine)
    open_tasks = db.session.scalars(
        base.where(Task.status.in_([s.value for s in OPEN])).order_by(*SORTS["due"]).limit(200)
    ).all()
    submitted = db.session.scalars(
        base.where(Task.status == Status.SUBMITTED).order_by(*SORTS["updated"]).limit(50)
    ).all()
    soon = current_app.config["DUE_SOON_DAYS"]
    return render_template(
        "main/home.html",
        open_tasks=open_tasks,
        submitted=submitted,
        today=today,
        due_soon_days=soon,
    )
