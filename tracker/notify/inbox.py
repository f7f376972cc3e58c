"""Who hears about what happens to a task, and the in-app notification each one gets.

notify/subscribers.py calls `notify` for every task signal (common/signals.py).
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Notification, RoleGrant, Task, Unit, User
from tracker.permissions import Role

MESSAGES = {
    "assigned": "Bạn được giao nhiệm vụ “{title}”.",
    "submitted": "Nhiệm vụ “{title}” được báo cáo hoàn thành, chờ xác nhận.",
    "confirmed": "Nhiệm vụ “{title}” đã được xác nhận hoàn thành.",
    "returned": "Nhiệm vụ “{title}” bị trả lại: {reason}",
    "extension_requested": "Đề nghị gia hạn nhiệm vụ “{title}” đến {date}.",
    "extension_decided": "Đề nghị gia hạn nhiệm vụ “{title}”: {decision}.",
    "reminded": "Nhắc nhở: nhiệm vụ “{title}” đã quá hạn.",
}


def unit_ancestors(unit_id: int) -> list[int]:
    """The unit and every unit above it: a grant on any of them reaches the unit."""
    parents = {uid: pid for uid, pid in db.session.execute(select(Unit.id, Unit.parent_id))}
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def people_reaching(task: Task, role: Role) -> list[User]:
    """Active users whose `role` grant reaches the task's lead unit."""
    stmt = (
        select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(
            RoleGrant.role == role,
            RoleGrant.unit_id.in_(unit_ancestors(task.lead_unit_id)),
            User.active,
        )
        .order_by(User.id)
    )
    return list(db.session.scalars(stmt).unique())


def unit_heads(task: Task) -> list[User]:
    """The heads whose grants reach the task's lead unit."""
    return people_reaching(task, Role.HEAD)


def leaders(task: Task) -> list[User]:
    """The directors whose grants reach the task's lead unit."""
    return people_reaching(task, Role.DIRECTOR)


def recipients_for(kind: str, task: Task, actor: User | None, data: dict) -> list[User]:
    """Who hears about an event: never the person who caused it."""
    people: list[User] = []
    if kind in ("assigned", "confirmed", "returned", "reminded") and task.assignee:
        people.append(task.assignee)
    if kind in ("returned", "reminded", "confirmed") or (kind == "assigned" and not task.assignee):
        people += unit_heads(task)
    if kind in ("submitted", "extension_requested"):
        people += leaders(task)
    if kind == "extension_decided" and data.get("requester") is not None:
        people.append(data["requester"])
    unique = []
    for person in people:
        if person not in unique and person != actor and person.active:
            unique.append(person)
    return unique


def message_for(kind: str, task: Task, data: dict) -> str:
    """The sentence people read about an event (in the bell and in the mail)."""
    fields = {k: v for k, v in data.items() if k != "requester"}
    return MESSAGES[kind].format(title=task.title, **fields)


def notify(kind: str, task: Task, actor: User | None, data: dict) -> tuple[list[User], str]:
    """Put the event in the bell of each person concerned; return them and the message."""
    people = recipients_for(kind, task, actor, data)
    text = message_for(kind, task, data)
    for person in people:
        db.session.add(Notification(user_id=person.id, kind=kind, task_id=task.id, message=text))
    return people, text
