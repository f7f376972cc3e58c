"""The bell menu: events become notifications with an unread count; opening one marks it read."""

from __future__ import annotations

import re

from sqlalchemy import select

from tracker.models import Notification

BADGE = re.compile(r'text-bg-danger">(\d+)<span class="visually-hidden"> chưa đọc')


def badge(page: str) -> int:
    """The bell's unread count on a page (0 when the badge is absent)."""
    match = BADGE.search(page)
    return int(match.group(1)) if match else 0


def test_events_ring_the_bell_and_opening_one_marks_it_read(login_as, world, db):
    late = world.task(
        unit="a", title="Việc đã quá hạn", due=world.days(-3), assignee=world.users["staff_a"]
    )
    other = world.task(
        unit="a", title="Việc quá hạn thứ hai", due=world.days(-1), assignee=world.users["staff_a"]
    )
    director = login_as("director")
    for task in (late, other):
        director.post_form(f"/tasks/{task.id}/remind", {}, token_from=f"/tasks/{task.id}")
    director.logout()

    staff = login_as("staff_a")
    page = staff.get("/notifications").get_data(as_text=True)
    assert badge(page) == 2 and "2 thông báo chưa đọc" in page
    assert "Nhắc nhở: nhiệm vụ “Việc đã quá hạn” đã quá hạn." in page
    first = db.session.scalar(
        select(Notification.id).where(
            Notification.user_id == world.users["staff_a"].id, Notification.task_id == late.id
        )
    )
    opened = staff.post_form(f"/notifications/{first}/read", token_from="/notifications")
    assert opened.status_code == 302 and opened.location.endswith(f"/tasks/{late.id}")
    assert badge(staff.get("/notifications").get_data(as_text=True)) == 1

    staff.post_form("/notifications/read-all", token_from="/notifications")
    page = staff.get("/notifications").get_data(as_text=True)
    assert badge(page) == 0 and "Bạn đã đọc hết thông báo" in page


def test_nobody_opens_anothers_notification(login_as, world, db):
    late = world.task(unit="a", due=world.days(-3), assignee=world.users["staff_a"])
    director = login_as("director")
    director.post_form(f"/tasks/{late.id}/remind", {}, token_from=f"/tasks/{late.id}")
    director.logout()
    theirs = db.session.scalar(select(Notification.id))
    other = login_as("staff_b")
    refused = other.post_form(f"/notifications/{theirs}/read", token_from="/notifications")
    assert refused.status_code == 404
    db.session.expire_all()
    assert db.session.scalar(select(Notification.read_at).where(Notification.id == theirs)) is None


def test_each_kind_of_mail_is_turned_off_on_the_account_page(login_as, world, db):
    staff = login_as("staff_a")
    page = staff.get("/account").get_data(as_text=True)
    assert f"/calendar/{world.users['staff_a'].calendar_token}.ics" in page  # the feed to copy
    assert 'name="notify-reminded" id="notify-reminded" value="1" checked' in page
    kept = {"pref-kind": "preferences", "notify-digest": "1", "notify-assigned": "1"}
    saved = staff.post_form("/account", kept, token_from="/account")
    assert saved.status_code == 302
    db.session.expire_all()
    user = world.users["staff_a"]
    assert user.wants("digest") and user.wants("assigned")
    assert not user.wants("reminded") and not user.wants("returned")
    page = staff.get("/account").get_data(as_text=True)
    assert 'name="notify-reminded" id="notify-reminded" value="1">' in page
