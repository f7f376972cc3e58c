"""E-mails on events: assignment, return of a submission, extension decision, reminders.

Each person can turn each kind off on their account page (User.notify_prefs).
"""

from __future__ import annotations

from tracker.common.mail import mail_enabled, queue_mail, render_mail
from tracker.extensions import db

SUBJECTS = {
    "assigned": "[Giao việc] {title}",
    "returned": "[Trả lại] {title}",
    "extension_decided": "[Gia hạn] {title}",
    "reminded": "[Nhắc nhở] Nhiệm vụ quá hạn: {title}",
}
# What each kind is called on the account page, where people turn them on or off.
KINDS = {
    "digest": "Thư tổng hợp hằng ngày (việc sắp đến hạn, quá hạn, chờ xác nhận)",
    "assigned": "Khi được giao nhiệm vụ",
    "returned": "Khi nhiệm vụ bị trả lại",
    "extension_decided": "Khi đề nghị gia hạn được duyệt",
    "reminded": "Khi lãnh đạo nhắc nhở",
}


def mail_people(kind: str, task, actor, people, message: str) -> None:
    """E-mail the people who want this kind of news (the kinds in SUBJECTS only)."""
    if kind not in SUBJECTS:
        return
    if not mail_enabled():
        return
    for person in people:
        if person.email and person.wants(kind):
            mail = render_mail(
                "event",
                person,
                SUBJECTS[kind].format(title=task.title[:120]),
                task=task,
                actor=actor,
                message=message,
                kind=kind,
            )
            queue_mail(db.session, mail)
