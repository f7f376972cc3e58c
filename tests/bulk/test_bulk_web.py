"""Thao tác hàng loạt through HTTP: the list's check boxes, the preview, the apply step."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from task_pages import text
from werkzeug.datastructures import MultiDict

from tracker.common.freshness import current_token
from tracker.models import Notification, TaskUpdate

APPLY_FORM = re.compile(r'<form[^>]*action="/tasks/bulk/apply"[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')


def preview(client, action: str, tasks, **fields):
    data = MultiDict([("action", action), *(("task", t.id) for t in tasks), *fields.items()])
    data["csrf_token"] = client.csrf("/tasks/")
    return client.raw.post("/tasks/bulk/preview", data=data)


def apply_form(response) -> MultiDict:
    """The hidden fields of the preview's "do it" form, as a browser would post them."""
    match = APPLY_FORM.search(response.get_data(as_text=True))
    assert match, "the preview has no apply form"
    return MultiDict([(k, html.unescape(v)) for k, v in HIDDEN.findall(match.group(1))])


def listed(response, section: str) -> list[str]:
    """The task titles (or "Nhiệm vụ số N") a preview lists under bulk-done or bulk-refused."""
    page = response.get_data(as_text=True)
    match = re.search(rf'<ul[^>]*id="{section}">(.*?)</ul>', page, re.S)
    if not match:
        return []
    items = re.findall(r"<li[^>]*>\s*(.*?)\s*<div", match.group(1), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def history(db, task, kind):
    stmt = select(TaskUpdate).where(TaskUpdate.task_id == task.id, TaskUpdate.kind == kind)
    return db.session.scalars(stmt).all()


@pytest.fixture
def three(world):
    """Two tasks awaiting confirmation and one still in progress, all of division A."""
    return [
        world.task(title="Báo cáo quý đã nộp", status="submitted", done=world.days(-1)),
        world.task(title="Việc đang làm dở", due=world.days(5)),
        world.task(title="Kế hoạch đã nộp", status="submitted", done=world.days(-2)),
    ]


def test_the_list_offers_check_boxes_to_those_who_may_act_on_several(login_as, world, three):
    page = text(login_as("director").get("/tasks/"))
    assert 'id="bulk-form"' in page
    assert page.count('name="task"') == 3
    for label in ("Xác nhận hoàn thành", "Nhắc nhở (việc quá hạn)", "Dời hạn hoàn thành"):
        assert f">{label}</option>" in page


def test_a_head_is_offered_reassigning_only_and_staff_nothing(client, world, three):
    client.login("head.a")
    page = text(client.get("/tasks/"))
    assert ">Giao lại người thực hiện</option>" in page
    assert ">Xác nhận hoàn thành</option>" not in page
    client.logout()
    client.login("staff.a")
    assert 'id="bulk-form"' not in text(client.get("/tasks/"))


def test_a_bulk_confirm_of_three_confirms_two_and_lists_the_third_as_refused(
    login_as, world, three, db
):
    client = login_as("director")
    first, in_progress, last = three
    shown = preview(client, "confirm", three)
    assert shown.status_code == 200
    assert listed(shown, "bulk-done") == ["Báo cáo quý đã nộp", "Kế hoạch đã nộp"]
    assert listed(shown, "bulk-refused") == ["Việc đang làm dở"]
    assert "Nhiệm vụ không ở trạng thái chờ xác nhận." in text(shown)
    # The preview changed nothing.
    db.session.expire_all()
    assert {t.status for t in (first, last)} == {"submitted"}
    assert history(db, first, "confirmed") == []

    done = client.post("/tasks/bulk/apply", data=apply_form(shown), follow_redirects=True)
    page = text(done)
    assert "Đã xác nhận hoàn thành 2 nhiệm vụ." in page
    assert "Không thực hiện được với “Việc đang làm dở”: Nhiệm vụ không ở trạng thái" in page
    db.session.expire_all()
    assert (first.status, in_progress.status, last.status) == ("done", "in_progress", "done")
    assert first.confirmed_on == world.today
    assert len(history(db, first, "confirmed")) == len(history(db, last, "confirmed")) == 1
    assert history(db, in_progress, "confirmed") == []


def test_a_preview_leaves_the_data_version_and_the_bell_alone(login_as, world, three, db):
    client = login_as("director")
    before = current_token(db.session)
    notes = db.session.scalar(select(func.count()).select_from(Notification))
    assert preview(client, "confirm", three).status_code == 200
    db.session.rollback()
    assert current_token(db.session) == before
    assert db.session.scalar(select(func.count()).select_from(Notification)) == notes


def test_the_action_itself_gives_the_data_a_new_version(login_as, world, three, db):
    """Each task's savepoint is released before the request commits: the mark that the
    data changed must outlive those releases, or every cached page would stay stale."""
    client = login_as("director")
    form = apply_form(preview(client, "confirm", three))
    db.session.rollback()
    before = current_token(db.session)
    client.post("/tasks/bulk/apply", data=form)
    db.session.rollback()
    assert current_token(db.session) != before


def test_a_task_changed_after_the_preview_is_refused_and_the_others_still_go_through(
    login_as, world, three, db
):
    client = login_as("director")
    first, _, last = three
    form = apply_form(preview(client, "confirm", three))
    first.title = "Báo cáo quý đã nộp (sửa)"  # someone else saves it meanwhile
    db.session.commit()
    page = text(client.post("/tasks/bulk/apply", data=form, follow_redirects=True))
    assert "Đã xác nhận hoàn thành 1 nhiệm vụ." in page
    assert "vừa được người khác cập nhật" in page
    db.session.expire_all()
    assert (first.status, last.status) == ("submitted", "done")


def test_a_refused_deadline_undoes_only_its_own_task(login_as, world, db):
    """Moving the deadlines of two tasks to a day before one's start: that one is refused
    after update_task had already set its new date, and its savepoint undoes it."""
    early = world.task(title="Bắt đầu sớm", due=world.days(10), start_date=world.days(-20))
    late = world.task(title="Bắt đầu muộn", due=world.days(30), start_date=world.days(20))
    client = login_as("director")
    new_due = world.days(15)
    fields = {"asked": "1", "due_date": new_due.isoformat(), "note": "Theo kết luận giao ban"}
    shown = preview(client, "move_due_date", [early, late], **fields)
    assert listed(shown, "bulk-done") == ["Bắt đầu sớm"]
    assert listed(shown, "bulk-refused") == ["Bắt đầu muộn"]
    client.post("/tasks/bulk/apply", data=apply_form(shown))
    db.session.expire_all()
    assert (early.due_date, early.original_due_date) == (new_due, world.days(10))
    assert late.due_date == world.days(30)
    [moved] = history(db, early, "updated")
    assert moved.note == "Theo kết luận giao ban"
    assert moved.changes["due_date"] == [world.days(10).isoformat(), new_due.isoformat()]
    assert history(db, late, "updated") == []


def test_moving_deadlines_asks_for_the_date_and_the_reason_first(login_as, world, db):
    task = world.task(due=world.days(10))
    client = login_as("director")
    first = preview(client, "move_due_date", [task])
    assert first.status_code == 200 and "bulk-apply" not in text(first)
    refused = preview(client, "move_due_date", [task], asked="1")
    page = text(refused)
    assert refused.status_code == 422
    assert "Hãy chọn hạn mới." in page and "Hãy nêu lý do dời hạn" in page


def test_reassigning_checks_each_task_as_editing_it_alone_would(login_as, world, db):
    own = world.task(title="Việc của A", due=world.days(9))
    supported = world.task(
        title="Việc B, A phối hợp", unit="b", due=world.days(9), support=[world.units["a"]]
    )
    hidden = world.task(title="Việc riêng của B", unit="b", due=world.days(9))
    client = login_as("head_a")
    staff = world.users["staff_a"]
    shown = preview(client, "reassign", [own, supported, hidden], asked="1", assignee=str(staff.id))
    assert listed(shown, "bulk-done") == ["Việc của A"]
    assert listed(shown, "bulk-refused") == ["Việc B, A phối hợp", f"Nhiệm vụ số {hidden.id}"]
    page = text(shown)
    assert "Việc riêng của B" not in page  # a task one may not see is not named
    assert "Không tìm thấy nhiệm vụ." in page
    client.post("/tasks/bulk/apply", data=apply_form(shown))
    db.session.expire_all()
    assert (own.assignee_id, supported.assignee_id) == (staff.id, None)
    [entry] = history(db, own, "updated")
    assert entry.changes["assignee"] == [None, staff.full_name]


def test_reminding_several_reminds_the_overdue_ones(login_as, world, db):
    late = world.task(title="Quá hạn", due=world.days(-4), assignee=world.users["staff_a"])
    on_time = world.task(title="Còn hạn", due=world.days(4))
    client = login_as("director")
    shown = preview(client, "remind", [late, on_time], asked="1", note="Hoàn thành trong tuần")
    assert "Nhắc nhở: quá hạn 4 ngày." in text(shown)
    assert listed(shown, "bulk-refused") == ["Còn hạn"]
    client.post("/tasks/bulk/apply", data=apply_form(shown))
    [entry] = history(db, late, "reminded")
    assert entry.note == "Hoàn thành trong tuần"
    reached = select(Notification.user_id).where(Notification.task_id == late.id)
    assert world.users["staff_a"].id in db.session.scalars(reached).all()
    assert history(db, on_time, "reminded") == []


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [("head_a", "confirm", 403), ("viewer", "remind", 403), ("staff_a", "reassign", 403)],
)
def test_an_action_not_ones_to_take_is_refused_whole(login_as, world, three, who, action, status):
    assert preview(login_as(who), action, three).status_code == status


def test_nothing_chosen_or_too_many_is_said_plainly(login_as, world, db):
    client = login_as("director")
    assert "Hãy chọn ít nhất một nhiệm vụ" in text(preview(client, "confirm", []))
    many = [world.task(due=world.days(1)) for _ in range(101)]
    response = preview(client, "confirm", many)
    assert response.status_code == 422
    assert "tối đa 100 nhiệm vụ; bạn đã chọn 101" in text(response)


def test_the_answer_goes_back_to_the_list_it_came_from(login_as, world, three):
    client = login_as("director")
    shown = preview(client, "confirm", three, next="/tasks/?status=submitted")
    back = client.post("/tasks/bulk/apply", data=apply_form(shown))
    assert back.status_code == 303
    assert back.headers["Location"].endswith("/tasks/?status=submitted")
    outside = preview(client, "confirm", three, next="https://example.com/")
    assert (
        client.post("/tasks/bulk/apply", data=apply_form(outside))
        .headers["Location"]
        .endswith("/tasks/")
    )


def test_unchanged_values_are_listed_not_rewritten(login_as, world, db):
    task = world.task(due=world.days(10))
    client = login_as("director")
    fields = {"asked": "1", "due_date": world.days(10).isoformat(), "note": "Giữ nguyên"}
    shown = preview(client, "move_due_date", [task], **fields)
    day = (world.today + timedelta(days=10)).strftime("%d/%m/%Y")
    assert f"Nhiệm vụ đã có hạn {day}." in text(shown)
