"""The filter bar of the task list: its options, and the active filters shown as chips.

The argument names are exactly those of tracker/filters.py, so that a link from anywhere
(the overview's "?period=2026-Q4&timeliness=overdue&unit=3") shows what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import request, url_for
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from tracker.common.answer_cache import remembered
from tracker.common.lookup import as_id
from tracker.domain.dates import format_day
from tracker.domain.timeliness import LABELS_VI, STATUS_LABELS_VI
from tracker.extensions import db
from tracker.models import Document
from tracker.permissions import Principal
from tracker.tasks.filters import FILTER_ARGS
from tracker.tasks.queries import TaskFilter
from tracker.tasks.views.choices import people, period_list, section_choices, unit_tree

SORT_LABELS = {
    "overdue": "Quá hạn lâu nhất trước",
    "due": "Hạn gần nhất trước",
    "-due": "Hạn xa nhất trước",
    "updated": "Mới cập nhật",
    "created": "Mới giao",
    "priority": "Ưu tiên cao trước",
    "title": "Tên nhiệm vụ (A–Z)",
}


@dataclass(frozen=True)
class Chip:
    label: str
    value: str
    remove_url: str


# A bare /tasks/ opens on the work still to do, overdue first whatever period it fell due in
# (every task sorted by deadline began with January's finished work). The defaults show as
# removable chips; "status=" (empty) asks for every task.
DEFAULT_VIEW = (
    ("status", "not_started,in_progress,paused,submitted"),
    ("sort", "overdue"),
)
ALL_TASKS = {"status": ""}


def list_args() -> MultiDict:
    """The list's arguments: the address's own, or the default view's when it has none."""
    if any(name in request.args for name in FILTER_ARGS):
        return request.args
    return MultiDict([*request.args.items(multi=True), *DEFAULT_VIEW])


def list_args_all_pages() -> dict:
    """The list's arguments for another address of the same list: every page of it."""
    args = list_args().to_dict(flat=False)
    args.pop("page", None)
    args.pop("per_page", None)
    return args


def _without(*names: str) -> str:
    args = list_args_all_pages()
    for name in names:
        args.pop(name, None)
    if not any(name in args for name in FILTER_ARGS):
        args.update(ALL_TASKS)  # the last filter removed: every task, not the default view
    return url_for("tasks.index", **args)


def sort_url(key: str) -> str:
    """The same list sorted by `key` (a column header's link), from its first page."""
    args = list_args_all_pages()
    args["sort"] = [key]
    return url_for("tasks.index", **args)


def _labels(raw: str, labels: dict) -> str:
    return ", ".join(labels.get(v.strip(), v.strip()) for v in raw.split(",") if v.strip())


def options(principal: Principal, today: date) -> dict:
    """The choices of the filter bar (four queries, whatever the number of tasks)."""
    visible = None if principal.sees_everything else principal.visible_units
    units = [(u, d) for u, d in unit_tree() if visible is None or u.id in visible]
    return {
        "units": units,
        "sections": section_choices(blank=None),
        "people": people_options(principal, request.args.get("assignee", "")),
        "periods": period_list(today, request.args.get("period")),
        "statuses": STATUS_LABELS_VI,
        "kinds": LABELS_VI,
        "sorts": SORT_LABELS,
    }


def people_options(principal: Principal, selected: str) -> Markup:
    """The assignee filter's <option>s: 1,500 of them in a province.

    Rendered once per data version and visibility, not per page (the loop was a third of
    a list page's time); only the chosen person's mark is set per request.
    """
    scope = None if principal.sees_everything else frozenset(principal.visible_units)

    def render() -> str:
        return "".join(
            f'<option value="{user.id}">{escape(user.full_name)} – '
            f"{escape(unit.display_name)}</option>"
            for user, unit in people(principal)
        )

    html = remembered(("filter.people", scope), render)
    if (chosen := as_id(selected)) is not None:
        mark = f'<option value="{chosen}">'
        html = html.replace(mark, mark[:-1] + " selected>", 1)
    return Markup(html)  # noqa: S704  (every text above is escaped)


def multi_value(name: str, labels: dict) -> tuple[str, str] | None:
    """A comma-joined or repeated argument the single select cannot show, as (value, label)."""
    values = [v.strip() for raw in list_args().getlist(name) for v in raw.split(",") if v.strip()]
    if len(values) < 2:
        return None
    joined = ",".join(values)
    return joined, _labels(joined, labels)


def chip_words(f: TaskFilter, bar: dict, principal: Principal) -> list[str]:
    """The active filters in words ("Thời hạn: Quá hạn"), for a sheet's heading."""
    return [f"{chip.label}: {chip.value}" for chip in chips(f, bar, principal)]


def chips(f: TaskFilter | None, bar: dict, principal: Principal) -> list[Chip]:
    """The active filters, each with a link that removes it."""
    if f is None:
        return []
    args = list_args()
    found: list[Chip] = []
    if f.q:
        found.append(Chip("Tìm", f"“{f.q}”", _without("q")))
    if f.unit_id is not None:
        name = next((u.name for u, _ in bar["units"] if u.id == f.unit_id), f"#{f.unit_id}")
        scope = "" if f.subtree else " (không gồm cấp dưới)"
        found.append(Chip("Đơn vị", name + scope, _without("unit", "subtree")))
    if f.include_support:
        found.append(Chip("Phạm vi", "gồm việc phối hợp", _without("support")))
    if f.section_id is not None:
        label = next((c.label.strip() for c in bar["sections"] if c.value == str(f.section_id)), "")
        found.append(Chip("Lĩnh vực", label, _without("section")))
    if f.period is not None:
        found.append(Chip("Kỳ", f.period.label, _without("period")))
    if f.statuses:
        found.append(
            Chip("Trạng thái", _labels(",".join(f.statuses), STATUS_LABELS_VI), _without("status"))
        )
    if f.timeliness:
        found.append(
            Chip("Thời hạn", _labels(",".join(f.timeliness), LABELS_VI), _without("timeliness"))
        )
    if f.assignee_id is not None:
        # Only a person the viewer may see is named (the id itself was typed in the URL).
        visible = people(principal)
        name = next((u.full_name for u, _ in visible if u.id == f.assignee_id), None)
        found.append(Chip("Người thực hiện", name or f"#{f.assignee_id}", _without("assignee")))
    if f.document_id is not None:
        document = db.session.get(Document, f.document_id)
        found.append(Chip("Văn bản", document.label if document else "", _without("document")))
    if f.due_after is not None:
        found.append(Chip("Hạn từ", format_day(f.due_after), _without("due_after")))
    if f.due_before is not None:
        found.append(Chip("Hạn đến", format_day(f.due_before), _without("due_before")))
    if f.top_level_only:
        found.append(Chip("Chỉ", "nhiệm vụ cấp trên cùng", _without("top")))
    if args.get("as_of"):
        found.append(Chip("Tính đến ngày", format_day(f.as_of), _without("as_of")))
    return found


def has_filters() -> bool:
    return any(list_args().get(name) for name in FILTER_ARGS if name != "sort")
