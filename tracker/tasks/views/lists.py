"""Task lists: every task one may see (filtered), and "Việc của đơn vị" as a board."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.auth.saved_filters import delete_filter, save_filter, saved_filters
from tracker.bulk.actions import offered as bulk_actions
from tracker.common import clock
from tracker.common.access import current_principal
from tracker.common.lookup import as_id
from tracker.common.pagination import paginate
from tracker.domain.report.prose import issued_line
from tracker.extensions import db
from tracker.models import Unit
from tracker.models.fulltext import tokens as search_terms
from tracker.org.settings import due_soon_days, organisation
from tracker.permissions import Action, Principal, Role, can
from tracker.tasks.export import task_list_workbook, tasks_by_lead_unit
from tracker.tasks.filters import list_request, task_filter_from_args
from tracker.tasks.queries import TaskFilter, count_by_timeliness, task_list, unit_subtree
from tracker.tasks.views.blueprint import bp
from tracker.tasks.views.boards import board_tasks, group_tasks, supported_only
from tracker.tasks.views.common import stamp, status_choices
from tracker.tasks.views.filterbar import (
    ALL_TASKS,
    chip_words,
    chips,
    has_filters,
    list_args,
    list_args_all_pages,
    multi_value,
    options,
    sort_url,
)
from tracker.tasks.views.rows import row_context
from tracker.web.downloads import attachment
from tracker.web.form_errors import flash_and_show, on_refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@login_required
def index():
    principal = current_principal()
    today, soon = clock.today(), due_soon_days()
    bar = options(principal, today)
    asked = _asked(list_args(), today, soon, current_app.config["PER_PAGE"])
    f, error = asked.filter, asked.error
    if f is not None:
        page = paginate(task_list(principal, f), asked.page, asked.per_page)
    else:
        page = asked.empty_page()
    context = row_context(page.items)
    every_page = list_args_all_pages()
    return render_template(
        "tasks/index.html",
        remind_unit=overdue_list_unit(principal, f, today) if page.total else None,
        page=page,
        f=f or TaskFilter(as_of=today, due_soon_days=soon),
        bar=bar,
        chips=chips(f, bar, principal),
        filtered=has_filters(),
        all_tasks_url=url_for("tasks.index", **ALL_TASKS),
        export_url=url_for("tasks.export_list", **every_page),
        print_args=every_page,
        sort_url=sort_url,
        my_filters=saved_filters(current_user),
        multi_status=multi_value("status", bar["statuses"]),
        multi_kind=multi_value("timeliness", bar["kinds"]),
        terms=search_terms(f.q) if f else [],
        error=error,
        bulk_actions=bulk_actions(principal),
        **context,
    ), (422 if error else 200)


def overdue_list_unit(principal: Principal, f: TaskFilter | None, today: date) -> Unit | None:
    """The unit whose whole overdue list is shown, when the user may remind it all at once.

    Only the plain list (a unit, its overdue tasks, today): with any other filter the list
    shows fewer tasks than "Nhắc nhở tất cả" would remind.
    """
    if f is None or f.unit_id is None or list(f.timeliness) != ["overdue"]:
        return None
    if not can(principal, Action.REMIND) or f.as_of != today:
        return None
    narrowing = (f.section_id, f.period, f.statuses, f.assignee_id, f.document_id, f.parent_id)
    if any(narrowing) or f.q or f.due_before or f.due_after:
        return None
    if f.top_level_only or f.include_support:
        return None
    return db.session.get(Unit, f.unit_id)


def my_units(principal) -> list[Unit]:
    """The units granted to the user, a head's or staff member's first."""
    grants = sorted(current_user.grants, key=lambda g: g.role not in (Role.HEAD, Role.STAFF))
    units: list[Unit] = []
    for grant in grants:
        if grant.unit not in units:
            units.append(grant.unit)
    return units


@bp.get("/unit")
@login_required
def unit():
    principal = current_principal()
    today, soon = clock.today(), due_soon_days()
    granted = my_units(principal)
    if not granted:
        abort(404)
    reach = frozenset().union(*(unit_subtree(u.id) for u in granted))
    if request.args.get("unit", "").strip():
        unit_id = as_id(request.args["unit"])
        if unit_id is None or unit_id not in reach:
            abort(404)
        chosen = next((u for u in granted if u.id == unit_id), None)
        chosen = chosen or db.session.get(Unit, unit_id)
    else:
        chosen = granted[0]
    # The division's own work and the work it supports (phối hợp), marked as such.
    base = TaskFilter(unit_id=chosen.id, include_support=True, as_of=today, due_soon_days=soon)
    tasks, truncated = board_tasks(principal, base)
    context = row_context(tasks)
    counts = count_by_timeliness(principal, base)
    bar = options(principal, today)
    return render_template(
        "tasks/unit.html",
        unit=chosen,
        granted=granted,
        unit_options=[(u, d) for u, d in bar["units"] if u.id in reach],
        groups=group_tasks(tasks, today, soon, {"unit": chosen.id, "support": 1}),
        supporting=supported_only(tasks, unit_subtree(chosen.id)),
        truncated=truncated,
        counts=counts,
        total=sum(counts.values()),
        status_choices=status_choices,
        actor=principal,
        loaded_at=stamp(),
        today=today,
        due_soon_days=soon,
        **context,
    )


def _asked(args, today, soon, per_page: int = 1):
    """The list's filter and page read from `args` (or the error naming the argument)."""
    return list_request(args, lambda a: task_filter_from_args(a, today, soon), None, per_page)


@bp.get("/export.xlsx")
@login_required
def export_list():
    """Xuất Excel: the list as filtered on its page, every page of it, filters written above."""
    principal = current_principal()
    today, soon = clock.today(), due_soon_days()
    asked = _asked(list_args(), today, soon)
    if asked.error is not None:
        raise asked.error  # 422, naming the argument, like the list itself
    filters = chip_words(asked.filter, options(principal, today), principal)
    now = clock.now()
    made_at = f"{now:%d/%m/%Y %H:%M}"
    data = task_list_workbook(principal, asked.filter, filters, organisation().name, made_at)
    return attachment(data, XLSX, f"danh-sach-nhiem-vu-{now:%Y%m%d-%H%M}.xlsx")


@bp.get("/overdue/print")
@login_required
def print_overdue():
    """The overdue list to print for the weekly meeting: by lead unit, a signature block."""
    principal = current_principal()
    today, soon = clock.today(), due_soon_days()
    args = list_args().copy()
    args.setlist("timeliness", ["overdue"])
    args["sort"] = "overdue"
    asked = _asked(args, today, soon)
    if asked.error is not None:
        raise asked.error
    by_unit = tasks_by_lead_unit(principal, asked.filter)
    org = organisation()
    # Overdue is the sheet's title; the open statuses of the default view go without saying.
    hidden = ("Thời hạn:", "Trạng thái:") if "status" not in request.args else ("Thời hạn:",)
    words = chip_words(asked.filter, options(principal, today), principal)
    return render_template(
        "tasks/print_overdue.html",
        by_unit=by_unit,
        total=sum(len(tasks) for tasks in by_unit.values()),
        filters=[w for w in words if not w.startswith(hidden)],
        org=org,
        as_of=asked.filter.as_of,
        # "Trà Vinh, ngày 08 tháng 12 năm 2026", as every document of the department writes it
        dated=issued_line(clock.today(), org.place),
    )


@bp.post("/filters")
@login_required
def save_list_filter():
    """Lưu bộ lọc: the list's current filters under a name, for this person."""
    # A refused name: the same list again, with the message above it (422).
    on_refusal(flash_and_show(lambda: index()[0]))
    saved = save_filter(current_user, request.form.get("name"), request.args)
    flash(f"Đã lưu bộ lọc “{saved.name}”.", "success")
    return redirect(f"{url_for('tasks.index')}?{saved.query}", 303)


@bp.post("/filters/<int:filter_id>/delete")
@login_required
def delete_list_filter(filter_id: int):
    delete_filter(current_user, filter_id)
    flash("Đã xóa bộ lọc.", "info")
    return redirect(url_for("tasks.index"), 303)
