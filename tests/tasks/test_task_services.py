"""The task use cases: assigning, updating, confirming, extending, reminding (no HTTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tracker.common.access import principal_for
from tracker.common.exceptions import Conflict, NotAllowed, NotFound, ValidationFailed
from tracker.domain.timeliness import Status
from tracker.models import Document, Extension, Notification, Task, TaskUpdate
from tracker.notify.reminders import remind_task
from tracker.tasks.operations import create_task, update_task
from tracker.tasks.review import (
    confirm_task,
    decide_extension,
    pending_extension,
    request_extension,
    return_task,
)


def actor(world, key):
    user = world.users[key]
    return user, principal_for(user)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def kinds(db, task) -> list[str]:
    stmt = select(TaskUpdate.kind).where(TaskUpdate.task_id == task.id).order_by(TaskUpdate.id)
    return list(db.session.scalars(stmt))


def base(world, **extra) -> dict:
    data = {"title": "Triển khai dịch vụ công", "section": "I.1", "lead_unit": "A"}
    data.update(extra)
    return data


# -- creating --------------------------------------------------------------------------------


def test_create_records_the_assignment_and_notifies(world, db):
    user, principal = actor(world, "director")
    task = create_task(user, principal, base(world, assignee=world.users["staff_a"].id))
    db.session.commit()
    assert task.status == Status.NOT_STARTED and task.assignee == world.users["staff_a"]
    assert kinds(db, task) == ["created"]
    note = db.session.scalar(select(Notification).where(Notification.task_id == task.id))
    assert note.user_id == world.users["staff_a"].id and note.kind == "assigned"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "  "}, "title"),
        ({"lead_unit": "NOPE"}, "lead_unit"),
        ({"section": "IX.9"}, "section"),
        ({"start_date": "2026-03-10", "due_date": "2026-03-01"}, "due_date"),
        ({"due_date": "31/02/2026"}, "due_date"),
        ({"priority": 9}, "priority"),
        ({"parent": "abc"}, "parent"),
        ({"documents": ["không phải văn bản"]}, "documents"),
        ({"planned_period": "2026-Q5"}, "planned_period"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(world, db, data, field):
    user, principal = actor(world, "director")
    with pytest.raises(ValidationFailed) as caught:
        create_task(user, principal, base(world, **data))
    assert caught.value.field == field
    db.session.rollback()
    assert count(db, Task) == 0 and count(db, TaskUpdate) == 0


def test_a_head_assigns_only_within_the_own_unit(world, db):
    user, principal = actor(world, "head_a")
    assert create_task(user, principal, base(world, lead_unit="A1")).lead_unit.code == "A1"
    with pytest.raises(NotAllowed) as caught:
        create_task(user, principal, base(world, lead_unit="B"))
    assert caught.value.field == "lead_unit"
    user, principal = actor(world, "staff_a")
    with pytest.raises(NotAllowed):
        create_task(user, principal, base(world))


def test_a_typed_reference_registers_and_links_the_document(world, db):
    user, principal = actor(world, "director")
    task = create_task(
        user, principal, base(world, documents=["Quyết định 135/QĐ-TTg ngày 20/01/2020"])
    )
    document = db.session.scalar(select(Document))
    assert task.documents == [document]
    assert (document.symbol, document.doc_type, document.issued_on.isoformat()) == (
        "135/QĐ-TTg",
        "Quyết định",
        "2020-01-20",
    )
    again = create_task(user, principal, base(world, documents=["135/qđ-ttg"]))
    assert again.documents == [document] and count(db, Document) == 1


# -- updating --------------------------------------------------------------------------------


def test_a_stale_version_is_refused_and_changes_nothing(world, db):
    task = world.task(progress=10)
    user, principal = actor(world, "head_a")
    with pytest.raises(Conflict):
        update_task(user, principal, task, {"progress": 50}, expected_version=task.version + 1)
    db.session.rollback()
    assert db.session.get(Task, task.id).progress == 10


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"progress": "nửa"}, "progress"),
        ({"status": "done"}, "result"),
        ({"status": "finished"}, "status"),
        ({"status": "done", "result": "Xong", "completed_on": "2099-01-01"}, "completed_on"),
        ({"completed_on": "2026-01-01"}, "completed_on"),
        ({"owner": "x"}, "owner"),
        ({"start_date": "2099-01-01"}, "due_date"),
    ],
)
def test_update_refuses_bad_input_naming_the_field(world, db, data, field):
    task = world.task(progress=10, due=world.days(10))
    version = task.version
    user, principal = actor(world, "head_a")
    with pytest.raises(ValidationFailed) as caught:
        update_task(user, principal, task, data, expected_version=task.version)
    assert caught.value.field == field
    db.session.rollback()
    fresh = db.session.get(Task, task.id)
    assert (fresh.progress, fresh.status, fresh.version) == (10, "in_progress", version)


def test_a_units_done_awaits_the_director_and_a_directors_is_done(world, db):
    mine = world.task(title="Của phòng")
    user, principal = actor(world, "head_a")
    data = {"status": "done", "result": "Đã ban hành kế hoạch"}
    update_task(user, principal, mine, data, expected_version=mine.version)
    assert (mine.status, mine.progress, mine.completed_on) == ("submitted", 100, world.today)
    assert kinds(db, mine)[-1] == "submitted"
    theirs = world.task(title="Lãnh đạo tự làm")
    user, principal = actor(world, "director")
    update_task(user, principal, theirs, data, expected_version=theirs.version)
    assert theirs.status == "done"


def test_a_confirmed_task_is_closed_to_the_unit(world, db):
    task = world.task(status="done", done=world.days(-1), result="Kết quả")
    user, principal = actor(world, "head_a")
    for data in ({"result": "Sửa sau khi xác nhận"}, {"status": "in_progress"}):
        with pytest.raises(NotAllowed):
            update_task(user, principal, task, data, expected_version=task.version)
        db.session.rollback()
    assert update_task(user, principal, task, {}, task.version, note="Bổ sung minh chứng")
    user, principal = actor(world, "director")
    update_task(user, principal, task, {"status": "in_progress"}, task.version)
    assert task.status == "in_progress" and task.completed_on is None


def test_only_the_director_or_the_assigner_cancels(world, db):
    task = world.task()
    user, principal = actor(world, "head_a")
    with pytest.raises(NotAllowed):
        update_task(user, principal, task, {"status": "cancelled"}, task.version)
    db.session.rollback()
    own = create_task(user, principal, base(world))
    update_task(user, principal, own, {"status": "cancelled"}, own.version)
    assert own.status == "cancelled"


def test_finished_work_is_always_at_full_progress(world, db):
    task = world.task(status="submitted", done=world.days(-1), result="Xong")
    user, principal = actor(world, "head_a")
    update_task(user, principal, task, {"progress": 40}, task.version)
    assert task.progress == 100


def test_the_same_units_in_another_order_are_no_change(world, db):
    task = world.task(support=[world.units["b"], world.units["a1"]])
    version = task.version
    user, principal = actor(world, "director")
    update_task(user, principal, task, {"support_units": ["A1", "B"]}, task.version)
    assert task.version == version and kinds(db, task) == []


def test_subtasks_roll_their_progress_up_to_the_parent(world, db):
    user, principal = actor(world, "director")
    parent = create_task(user, principal, base(world, title="Chương trình tập huấn"))
    first = create_task(user, principal, base(world, title="Lớp 1", parent=parent.id))
    second = create_task(user, principal, base(world, title="Lớp 2", parent=str(parent.id)))
    update_task(user, principal, first, {"progress": 60}, first.version)
    assert parent.progress == 30
    update_task(user, principal, second, {"status": "done", "result": "Xong"}, second.version)
    assert parent.progress == 80
    other = create_task(user, principal, base(world, title="Chương trình khác"))
    update_task(user, principal, second, {"parent": other.id}, second.version)
    assert (parent.progress, other.progress) == (60, 100)
    assert (
        "Tính từ tiến độ nhiệm vụ con."
        in db.session.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id == parent.id)).all()
    )


def test_a_task_cannot_be_its_own_ancestor(world, db):
    user, principal = actor(world, "director")
    parent = create_task(user, principal, base(world, title="Cha"))
    child = create_task(user, principal, base(world, title="Con", parent=parent.id))
    with pytest.raises(ValidationFailed) as caught:
        update_task(user, principal, parent, {"parent": child.id}, parent.version)
    assert caught.value.field == "parent"


# -- confirming and returning ----------------------------------------------------------------


def test_confirm_keeps_the_submission_day(world, db):
    task = world.task(status="submitted", done=world.days(-3), result="Xong")
    user, principal = actor(world, "director")
    confirm_task(user, principal, task, task.version)
    assert (task.status, task.completed_on) == ("done", world.days(-3))
    with pytest.raises(Conflict):
        confirm_task(user, principal, task, task.version)
    head, head_principal = actor(world, "head_a")
    other = world.task(status="submitted", done=world.days(-1), result="Xong")
    with pytest.raises(NotAllowed):
        confirm_task(head, head_principal, other, other.version)


def test_return_needs_a_reason_and_reopens_the_task(world, db):
    task = world.task(status="submitted", done=world.days(-1), result="Xong")
    user, principal = actor(world, "director")
    with pytest.raises(ValidationFailed) as caught:
        return_task(user, principal, task, task.version, "  ")
    assert caught.value.field == "reason"
    return_task(user, principal, task, task.version, "Thiếu số liệu")
    assert (task.status, task.completed_on) == ("in_progress", None)
    entry = db.session.scalar(select(TaskUpdate).where(TaskUpdate.kind == "returned"))
    assert entry.note == "Thiếu số liệu"


# -- extensions ------------------------------------------------------------------------------


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(world, db):
    task = world.task(due=world.days(5), assignee=world.users["staff_a"])
    user, principal = actor(world, "staff_a")
    extension = request_extension(user, principal, task, world.days(20), "Chờ số liệu")
    assert pending_extension(task) is extension and task.due_date == world.days(5)
    with pytest.raises(ValidationFailed):
        request_extension(user, principal, task, world.days(30), "Lần nữa")
    director, director_principal = actor(world, "director")
    decide_extension(director, director_principal, extension, True, "Đồng ý")
    assert (task.due_date, task.original_due_date, task.was_extended) == (
        world.days(20),
        world.days(5),
        True,
    )
    with pytest.raises(Conflict):
        decide_extension(director, director_principal, extension, False)


def test_a_declined_extension_changes_no_deadline(world, db):
    task = world.task(due=world.days(5))
    user, principal = actor(world, "head_a")
    extension = request_extension(user, principal, task, world.days(9), "Lý do")
    director, director_principal = actor(world, "director")
    decide_extension(director, director_principal, extension, False, "Không đủ căn cứ")
    assert (task.due_date, extension.status) == (world.days(5), "declined")
    assert db.session.get(Extension, extension.id).decision_note == "Không đủ căn cứ"


@pytest.mark.parametrize(
    ("days", "reason", "field"),
    [
        (3, "Lý do", "due_date"),
        (-1, "Lý do", "due_date"),
        (9, " ", "reason"),
        (None, "x", "due_date"),
    ],
)
def test_an_extension_request_is_checked(world, db, days, reason, field):
    task = world.task(due=world.days(5))
    user, principal = actor(world, "head_a")
    wanted = world.days(days) if days is not None else None
    with pytest.raises(ValidationFailed) as caught:
        request_extension(user, principal, task, wanted, reason)
    assert caught.value.field == field


def test_only_the_lead_unit_asks_and_only_the_director_decides(world, db):
    task = world.task(due=world.days(5), support=[world.units["b"]])
    user, principal = actor(world, "head_b")
    with pytest.raises(NotAllowed):
        request_extension(user, principal, task, world.days(9), "Phối hợp chậm")
    user, principal = actor(world, "head_a")
    extension = request_extension(user, principal, task, world.days(9), "Lý do")
    with pytest.raises(NotAllowed):
        decide_extension(user, principal, extension, True)


# -- reminders -------------------------------------------------------------------------------


def test_a_director_reminds_an_overdue_task(world, db):
    task = world.task(due=world.days(-4), assignee=world.users["staff_a"])
    user, principal = actor(world, "director")
    entry = remind_task(user, principal, task)
    assert (entry.kind, entry.note) == ("reminded", "Quá hạn 4 ngày.")
    notified = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == "reminded")
    ).all()
    assert set(notified) == {world.users["staff_a"].id, world.users["head_a"].id}


def test_reminders_are_for_directors_and_overdue_tasks(world, db):
    late = world.task(due=world.days(-1))
    user, principal = actor(world, "head_a")
    with pytest.raises(NotAllowed):
        remind_task(user, principal, late)
    user, principal = actor(world, "head_b")
    with pytest.raises(NotFound):
        remind_task(user, principal, late)
    user, principal = actor(world, "director")
    with pytest.raises(ValidationFailed):
        remind_task(user, principal, world.task(due=world.days(1)))
    done = world.task(status="done", due=world.days(-9), done=world.days(-10) + timedelta(0))
    with pytest.raises(ValidationFailed):
        remind_task(user, principal, done)


@pytest.mark.parametrize("note", [None, "", "   "])
def test_declining_needs_a_reason_and_changes_nothing_without_one(world, db, note):
    task = world.task(due=world.days(5))
    user, principal = actor(world, "head_a")
    extension = request_extension(user, principal, task, world.days(9), "Lý do")
    director, director_principal = actor(world, "director")
    with pytest.raises(ValidationFailed) as refused:
        decide_extension(director, director_principal, extension, False, note)
    assert refused.value.field == "note" and "lý do" in refused.value.message
    assert db.session.get(Extension, extension.id).status == "pending"
    # Approving needs no word.
    decide_extension(director, director_principal, extension, True)
    assert extension.status == "approved"
