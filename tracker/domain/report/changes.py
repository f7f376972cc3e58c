"""What changed in a report since it was issued: the issued JSON against the live one. Pure.

Each task is placed in each report (an achievement, awaiting confirmation, unfinished, in the
plan, with its deadline); a task placed differently is a change the director should see
before sending a corrected report: confirmed, returned, rescheduled, added or gone since.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tracker.domain.dates import format_day

LABELS = {
    "confirmed": "Đã xác nhận hoàn thành sau khi phát hành",
    "withdrawn": "Không còn là kết quả (bị trả lại hoặc mở lại)",
    "returned": "Bị trả lại sau khi phát hành",
    "submitted": "Báo cáo hoàn thành, chờ xác nhận",
    "rescheduled": "Đổi hạn",
    "added": "Mới thêm vào kỳ",
    "removed": "Không còn trong báo cáo (hủy hoặc chuyển kỳ)",
}
ORDER = tuple(LABELS)


@dataclass(frozen=True)
class Change:
    kind: str
    task_id: int
    title: str
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass
class Place:
    """Where a task stands in one report."""

    title: str = ""
    achieved: bool = False
    pending: bool = False
    listed: bool = False  # unfinished or in the plan
    due: str | None = None


def places(report: dict) -> dict[int, Place]:
    """Each task of a report's JSON and where it stands in it."""
    found: dict[int, Place] = {}

    def at(task_id: int, title: str) -> Place:
        place = found.setdefault(task_id, Place(title))
        place.title = place.title or title
        return place

    stack = list(report.get("sections", []))
    while stack:
        section = stack.pop()
        stack.extend(section.get("sections", []))
        for item in section.get("achievements", []):
            at(item["task_id"], item["title"]).achieved = True
    for item in report.get("pending_confirmation", []):
        at(item["task_id"], item["title"]).pending = True
    for item in [*report.get("unfinished", []), *report.get("plan", [])]:
        place = at(item["task_id"], item["title"])
        place.listed = True
        place.due = item.get("due_date") or place.due
    return found


def gone_from(issued: dict, live: dict) -> set[int]:
    """The tasks the issued report lists and the live one no longer does."""
    return places(issued).keys() - places(live).keys()


def changes_since(
    issued: dict, live: dict, due_now: Mapping[int, str | None] | None = None
) -> list[Change]:
    """What differs between the issued report and the live one, grouped by kind.

    `due_now`: the current deadline (ISO) of tasks gone from the live report, when known:
    one whose deadline moved past the window was rescheduled, not removed.
    """
    before, now = places(issued), places(live)
    due_now = due_now or {}
    changes = []
    for task_id in sorted(before.keys() | now.keys()):
        old, new = before.get(task_id, Place()), now.get(task_id, Place())
        if task_id not in now and task_id in due_now and due_now[task_id] != old.due:
            new = Place(old.title, listed=old.listed, due=due_now[task_id])
        title = new.title or old.title
        kind, detail = _compare(old, new)
        if kind:
            changes.append(Change(kind, task_id, title, detail))
    return sorted(changes, key=lambda c: (ORDER.index(c.kind), c.task_id))


def _compare(old: Place, new: Place) -> tuple[str | None, str]:
    if new.achieved and not old.achieved:
        return "confirmed", ""
    if old.achieved and not new.achieved:
        return "withdrawn", ""
    if old.pending and not new.pending and not new.achieved:
        return "returned", ""
    if new.pending and not old.pending:
        return "submitted", ""
    if old.listed and new.listed and old.due != new.due:
        return "rescheduled", f"{_day(old.due)} → {_day(new.due)}"
    if new.listed and not (old.listed or old.pending or old.achieved):
        return "added", ""
    if old.listed and not (new.listed or new.pending or new.achieved):
        return "removed", ""
    return None, ""


def _day(iso: str | None) -> str:
    return format_day(date.fromisoformat(iso)) if iso else "không hạn"
