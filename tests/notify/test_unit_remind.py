"""“Nhắc nhở tất cả”: a director reminds every overdue task of a unit at once, through HTTP.

Each task is reminded as the task page's button does (services.reminders.remind_task): its
assignee and its unit's heads get a notification and an e-mail (a real SMTP server on
loopback), and the task's history records it.
"""

from __future__ import annotations

import pytest
from factories import make_user
from sqlalchemy import func, select
from task_pages import submit, text

from tracker.models import Notification, TaskUpdate

pytest_plugins = ["mail_support"]


@pytest.fixture
def late(world):
    """Overdue work in division A and its team A1, with work that must stay untouched."""
    users = world.users
    return {
        "a": world.task(
            unit="a", title="Báo cáo quá hạn phòng A", due=world.days(-3), assignee=users["staff_a"]
        ),
        "a1": world.task(unit="a1", title="Việc quá hạn tổ A1", due=world.days(-6)),
        "on_time": world.task(unit="a", due=world.days(5), assignee=users["staff_a"]),
        "done_late": world.task(
            unit="a", status="done", due=world.days(-9), done=world.days(-2), result="Xong"
        ),
        "b": world.task(unit="b", due=world.days(-4), assignee=users["staff_b"]),
    }


def reminded_ids(db) -> list[int]:
    stmt = select(TaskUpdate.task_id).where(TaskUpdate.kind == "reminded")
    return sorted(db.session.scalars(stmt))


def count(db, model, **where) -> int:
    stmt = select(func.count()).select_from(model).filter_by(**where)
    return db.session.scalar(stmt)


def test_the_director_reminds_every_overdue_task_of_a_unit(login_as, world, db, smtp, late):
    unit = world.units["a"]
    action = f"/tasks/unit/{unit.id}/remind"
    client = login_as("director")
    listing = f"/tasks/?unit={unit.id}&timeliness=overdue"
    page = text(client.get(listing))
    assert f'action="{action}"' in page and "Nhắc nhở tất cả" in page
    assert f'action="{action}"' in text(client.get(f"/tasks/unit?unit={unit.id}"))

    response = submit(client, listing, action, {})
    assert response.status_code == 303
    assert response.headers["Location"] == listing
    shown = text(client.get(response.headers["Location"]))
    assert "Đã nhắc nhở 2 nhiệm vụ quá hạn của Phòng A." in shown

    # Every overdue task of A and of its team A1, and nothing else.
    assert reminded_ids(db) == sorted([late["a"].id, late["a1"].id])
    entries = db.session.scalars(select(TaskUpdate).where(TaskUpdate.kind == "reminded"))
    assert {entry.user_id for entry in entries} == {world.users["director"].id}
    users = world.users
    assert count(db, Notification, kind="reminded", user_id=users["staff_a"].id) == 1
    assert count(db, Notification, kind="reminded", user_id=users["head_a"].id) == 2
    assert count(db, Notification, kind="reminded") == 3

    # The mails: the assignee of A's task, and A's head for both (A1 is under A).
    (to_staff,) = smtp.to("staff.a@example.test")
    assert to_staff["Subject"] == "[Nhắc nhở] Nhiệm vụ quá hạn: Báo cáo quá hạn phòng A"
    subjects = sorted(mail["Subject"] for mail in smtp.to("head.a@example.test"))
    assert subjects == [
        "[Nhắc nhở] Nhiệm vụ quá hạn: Báo cáo quá hạn phòng A",
        "[Nhắc nhở] Nhiệm vụ quá hạn: Việc quá hạn tổ A1",
    ]
    assert len(smtp.messages) == 3  # not B's people, not the director who reminded

    # The task page's history shows the reminder.
    assert "Nhắc nhở" in text(client.get(f"/tasks/{late['a'].id}"))


def test_without_the_subtree_only_the_units_own_tasks_are_reminded(login_as, world, db, late):
    unit = world.units["a"]
    client = login_as("director")
    listing = f"/tasks/?unit={unit.id}&subtree=0&timeliness=overdue"
    response = submit(client, listing, f"/tasks/unit/{unit.id}/remind", {})
    assert response.status_code == 303
    assert "Đã nhắc nhở 1 nhiệm vụ quá hạn của Phòng A." in text(client.get(listing))
    assert reminded_ids(db) == [late["a"].id]


def test_a_unit_without_overdue_tasks_sends_nothing(login_as, world, db, smtp):
    world.task(unit="b", due=world.days(3), assignee=world.users["staff_b"])
    unit = world.units["b"]
    client = login_as("director")
    listing = f"/tasks/?unit={unit.id}&timeliness=overdue"
    assert "Nhắc nhở tất cả" not in text(client.get(listing))
    response = client.post_form(f"/tasks/unit/{unit.id}/remind", {}, token_from=listing)
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "Phòng B không có nhiệm vụ quá hạn nào để nhắc nhở." in page
    assert reminded_ids(db) == [] and count(db, Notification, kind="reminded") == 0
    assert smtp.messages == []


def test_a_filtered_list_has_no_remind_all_button(login_as, world, late):
    unit = world.units["a"]
    client = login_as("director")
    page = text(client.get(f"/tasks/?unit={unit.id}&timeliness=overdue&q=phong"))
    assert "Nhắc nhở tất cả" not in page


@pytest.mark.parametrize("who", ["head_a", "head_b", "staff_a", "viewer"])
def test_others_may_not_remind_a_unit(login_as, world, db, late, who):
    unit = world.units["a"]
    client = login_as(who)
    for page in (f"/tasks/?unit={unit.id}&timeliness=overdue", f"/tasks/unit?unit={unit.id}"):
        response = client.get(page)
        assert response.status_code in (200, 404)
        assert "Nhắc nhở tất cả" not in text(response)
    response = client.post_form(f"/tasks/unit/{unit.id}/remind", {}, token_from="/")
    assert response.status_code == 403
    assert reminded_ids(db) == [] and count(db, Notification, kind="reminded") == 0


def test_a_unit_the_director_may_not_see_is_not_found(login_as, client, world, db, late):
    make_user("director.b", "director", world.units["b"])
    db.session.commit()
    client.login("director.b")
    for unit_id in (world.units["a"].id, 10**6):
        response = client.post_form(f"/tasks/unit/{unit_id}/remind", {}, token_from="/")
        assert response.status_code == 404
    assert reminded_ids(db) == []
    own = client.post_form(f"/tasks/unit/{world.units['b'].id}/remind", {}, token_from="/")
    assert own.status_code == 303
    assert reminded_ids(db) == [late["b"].id]


def test_a_post_without_its_csrf_token_is_refused(login_as, world, db, late):
    client = login_as("director")
    response = client.raw.post(f"/tasks/unit/{world.units['a'].id}/remind", data={})
    assert response.status_code == 400
    assert reminded_ids(db) == [] and count(db, Notification, kind="reminded") == 0
