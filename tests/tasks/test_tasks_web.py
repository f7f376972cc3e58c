"""The task pages through HTTP: assigning, updating, confirming, extending, permissions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from task_pages import hidden_fields, submit, text

from tracker.common.access import principal_for
from tracker.models import Extension, Notification, Task, TaskUpdate
from tracker.tasks.operations import update_task


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def fresh(db, task) -> Task:
    db.session.expire_all()
    return db.session.get(Task, task.id)


# -- updating --------------------------------------------------------------------------------


def test_a_head_updates_progress_in_one_post_and_the_history_shows_it(login_as, world, db):
    task = world.task(title="Rà soát hạ tầng", progress=40)
    client = login_as("head_a")
    response = submit(
        client,
        f"/tasks/{task.id}",
        f"/tasks/{task.id}/update",
        {"status": "in_progress", "progress": "60", "note": "Đã rà soát 3/5 huyện"},
    )
    assert response.status_code == 303
    assert fresh(db, task).progress == 60
    page = text(client.get(f"/tasks/{task.id}"))
    assert "Tiến độ (%):" in page and "40%" in page and "<strong>60%</strong>" in page
    assert "Head.A" in page and "Đã rà soát 3/5 huyện" in page
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", page)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"progress": "150"}, "Tiến độ (%) phải trong khoảng 0–100."),
        ({"progress": "-5"}, "Tiến độ (%) phải trong khoảng 0–100."),
        ({"progress": "nhiều"}, "Tiến độ (%) phải là số nguyên."),
        ({"status": "done"}, "Muốn báo cáo hoàn thành, hãy nhập kết quả đạt được."),
        (
            {"status": "done", "result": "Xong", "completed_on": "2099-01-01"},
            "Ngày hoàn thành không được ở tương lai.",
        ),
        ({"status": "paused", "completed_on": "2026-01-01"}, "Chỉ nhiệm vụ đã hoàn thành"),
        ({"status": "finished"}, "Trạng thái: không có lựa chọn này"),
        ({"status": "cancelled"}, "Trạng thái: không có lựa chọn này"),
    ],
)
def test_a_bad_update_is_refused_by_field_and_changes_nothing(login_as, world, db, data, message):
    task = world.task(progress=40)
    version = task.version
    client = login_as("head_a")
    fields = {"status": "in_progress", "progress": "40", **data}
    response = submit(client, f"/tasks/{task.id}", f"/tasks/{task.id}/update", fields)
    assert response.status_code == 422
    assert message in text(response)
    task = fresh(db, task)
    assert (task.progress, task.status, task.version, task.result) == (
        40,
        "in_progress",
        version,
        None,
    )
    assert count(db, TaskUpdate) == 0


def test_submitting_requires_the_result_and_the_director_then_confirms(login_as, client, world, db):
    task = world.task(title="Báo cáo chuyển đổi số", due=world.days(5))
    client = login_as("head_a")
    url, action = f"/tasks/{task.id}", f"/tasks/{task.id}/update"
    refused = submit(client, url, action, {"action": "finish", "progress": "80"})
    assert refused.status_code == 422 and "hãy nhập kết quả đạt được" in text(refused)
    assert fresh(db, task).status == "in_progress"
    result = "Ban hành Kế hoạch 12/KH-STTTT"
    response = submit(client, url, action, {"action": "finish", "progress": "80", "result": result})
    assert response.status_code == 303
    task = fresh(db, task)
    assert (task.status, task.progress, task.completed_on) == ("submitted", 100, world.today)
    assert "chờ lãnh đạo Sở xác nhận" in text(client.get(url))
    assert f'action="/tasks/{task.id}/confirm"' not in text(client.get(url))
    client.logout()
    client.login("director")
    home = text(client.get("/"))
    assert "Chờ bạn xác nhận hoàn thành" in home and "Báo cáo chuyển đổi số" in home
    assert submit(client, url, f"/tasks/{task.id}/confirm", {}).status_code == 303
    task = fresh(db, task)
    assert (task.status, task.completed_on) == ("done", world.today)
    kinds = db.session.scalars(select(TaskUpdate.kind).order_by(TaskUpdate.id)).all()
    assert kinds == ["submitted", "confirmed"]
    assert db.session.scalar(
        select(func.count()).where(
            Notification.kind == "confirmed", Notification.user_id == world.users["head_a"].id
        )
    )


def test_a_heads_done_becomes_submitted_a_directors_is_done(login_as, world, db):
    theirs, ours = world.task(title="Phòng làm"), world.task(title="Lãnh đạo làm")
    fields = {"status": "done", "progress": "100", "result": "Đã xong"}
    client = login_as("head_a")
    submit(client, f"/tasks/{theirs.id}", f"/tasks/{theirs.id}/update", fields)
    client.logout()
    client.login("director")
    submit(client, f"/tasks/{ours.id}", f"/tasks/{ours.id}/update", fields)
    assert (fresh(db, theirs).status, fresh(db, ours).status) == ("submitted", "done")


def test_the_director_returns_a_submission_with_a_reason(login_as, world, db):
    task = world.task(status="submitted", done=world.days(-1), result="Xong")
    client = login_as("director")
    url, action = f"/tasks/{task.id}", f"/tasks/{task.id}/return"
    refused = submit(client, url, action, {"reason": " "})
    assert refused.status_code == 422 and "Hãy nêu lý do trả lại." in text(refused)
    assert fresh(db, task).status == "submitted"
    assert submit(client, url, action, {"reason": "Thiếu số liệu huyện"}).status_code == 303
    task = fresh(db, task)
    assert (task.status, task.completed_on) == ("in_progress", None)
    page = text(client.get(url))
    assert "Trả lại" in page and "Thiếu số liệu huyện" in page


def test_an_extension_approved_moves_the_deadline_and_shows_the_original(login_as, world, db):
    task = world.task(due=world.days(3), assignee=world.users["staff_a"])
    original = world.days(3).strftime("%d/%m/%Y")
    wanted = world.days(30)
    client = login_as("staff_a")
    url = f"/tasks/{task.id}"
    missing = submit(client, url, f"{url}/extension", {"due_date": wanted.isoformat()})
    assert missing.status_code == 422 and "Hãy nêu lý do đề nghị gia hạn." in text(missing)
    early = submit(client, url, f"{url}/extension", {"due_date": world.days(1), "reason": "x"})
    assert early.status_code == 422 and "Hạn mới phải sau hạn hiện tại" in text(early)
    assert count(db, Extension) == 0
    asked = submit(client, url, f"{url}/extension", {"due_date": wanted, "reason": "Chờ số liệu"})
    assert asked.status_code == 303
    extension = db.session.scalar(select(Extension))
    client.logout()
    client.login("director")
    page = text(client.get(url))
    assert "Đề nghị gia hạn chờ duyệt" in page and "Chờ số liệu" in page
    decide = f"{url}/extensions/{extension.id}"
    response = client.post_form(decide, {"decision": "approve", "note": "Đồng ý"}, token_from=url)
    assert response.status_code == 303
    task = fresh(db, task)
    assert (task.due_date, task.original_due_date) == (wanted, world.days(3))
    page = text(client.get(url))
    assert f"Hạn ban đầu: <s>{original}</s>" in page and wanted.strftime("%d/%m/%Y") in page
    listed = text(client.get("/tasks/"))
    assert "gia hạn" in listed and f"<s>{original}</s>" in listed
    again = client.post_form(decide, {"decision": "decline"}, token_from=url)
    assert again.status_code == 409 and "đã được xử lý" in text(again)


def test_an_extension_declined_keeps_the_deadline(login_as, world, db):
    task = world.task(due=world.days(3))
    client = login_as("head_a")
    submit(
        client,
        f"/tasks/{task.id}",
        f"/tasks/{task.id}/extension",
        {"due_date": world.days(9), "reason": "Thiếu nhân lực"},
    )
    extension = db.session.scalar(select(Extension))
    client.logout()
    client.login("director")
    response = client.post_form(
        f"/tasks/{task.id}/extensions/{extension.id}",
        {"decision": "decline", "note": "Cần hoàn thành đúng hạn"},
        token_from=f"/tasks/{task.id}",
    )
    assert response.status_code == 303
    assert fresh(db, task).due_date == world.days(3)
    page = text(client.get(f"/tasks/{task.id}"))
    assert "Không đồng ý gia hạn" in page and "Cần hoàn thành đúng hạn" in page


def test_a_stale_form_is_refused_keeping_what_was_typed_and_showing_the_other_change(
    login_as, world, db
):
    task = world.task(title="Hoàn thiện cổng thông tin", progress=10)
    client = login_as("head_a")
    url, action = f"/tasks/{task.id}", f"/tasks/{task.id}/update"
    loaded = hidden_fields(client.get(url).get_data(as_text=True), action)
    staff = db.session.get(type(world.users["director"]), world.users["director"].id)
    update_task(staff, principal_for(staff), fresh(db, task), {"progress": 30}, loaded["version"])
    db.session.commit()
    typed = {**loaded, "status": "in_progress", "progress": "55", "note": "Ghi chú đang gõ dở"}
    response = client.raw.post(action, data=typed)
    assert response.status_code == 409
    page = text(response)
    assert "Người khác vừa cập nhật nhiệm vụ này" in page and "Director" in page
    assert "10%" in page and "<strong>30%</strong>" in page
    assert "Ghi chú đang gõ dở</textarea>" in page and 'value="55"' in page
    assert fresh(db, task).progress == 30
    renewed = hidden_fields(response.get_data(as_text=True), action)
    assert renewed["version"] != loaded["version"]
    retry = client.raw.post(action, data={**typed, **renewed})
    assert retry.status_code == 303 and fresh(db, task).progress == 55


def test_a_director_reminds_an_overdue_task(login_as, world, db):
    late = world.task(due=world.days(-3), assignee=world.users["staff_a"])
    client = login_as("director")
    page = text(client.get(f"/tasks/{late.id}"))
    assert f'action="/tasks/{late.id}/remind"' in page
    response = client.post_form(
        f"/tasks/{late.id}/remind", {"note": "Khẩn trương"}, token_from=f"/tasks/{late.id}"
    )
    assert response.status_code == 303
    entry = db.session.scalar(select(TaskUpdate).where(TaskUpdate.kind == "reminded"))
    assert entry.note == "Khẩn trương"
    assert db.session.scalar(select(func.count()).where(Notification.kind == "reminded")) == 2
    on_time = world.task(due=world.days(3))
    assert f"/tasks/{on_time.id}/remind" not in text(client.get(f"/tasks/{on_time.id}"))
    refused = client.post_form(f"/tasks/{on_time.id}/remind", {}, token_from="/")
    assert refused.status_code == 422 and "Chỉ nhắc nhở nhiệm vụ đã quá hạn." in text(refused)


# -- permissions -----------------------------------------------------------------------------


def post_everything(client, task, extension_id: int = 1) -> dict[str, int]:
    token = client.csrf("/")
    posts = {
        "update": {"status": "in_progress", "progress": "50", "version": task.version},
        "confirm": {"version": task.version},
        "return": {"version": task.version, "reason": "x"},
        "extension": {"due_date": "2099-01-01", "reason": "x"},
        f"extensions/{extension_id}": {"decision": "approve"},
        "remind": {},
        "attachments": {},
        "edit": {"title": "x"},
    }
    return {
        path: client.raw.post(
            f"/tasks/{task.id}/{path}", data={**data, "csrf_token": token}
        ).status_code
        for path, data in posts.items()
    }


def test_an_outsider_gets_not_found_everywhere(login_as, world, db):
    task = world.task(due=world.days(-2))
    extension = Extension(task_id=task.id, requested_due_date=world.days(9), reason="x")
    db.session.add(extension)
    db.session.commit()
    client = login_as("head_b")
    assert client.get(f"/tasks/{task.id}").status_code == 404
    assert client.get(f"/tasks/{task.id}/edit").status_code == 404
    assert client.get(f"/tasks/{task.id}/attachments/1").status_code == 404
    assert set(post_everything(client, task, extension.id).values()) == {404}
    assert f"/tasks/{task.id}" not in client.get("/tasks/").get_data(as_text=True)
    assert client.get(f"/tasks/new?parent={task.id}").status_code == 404


def test_a_viewer_sees_but_changes_nothing(login_as, world, db):
    task = world.task(due=world.days(-2), status="submitted", done=world.days(-1), result="x")
    extension = Extension(task_id=task.id, requested_due_date=world.days(9), reason="x")
    db.session.add(extension)
    db.session.commit()
    client = login_as("viewer")
    page = text(client.get(f"/tasks/{task.id}"))
    assert task.title in page
    for action in ("update", "confirm", "return", "remind", "extension", "attachments"):
        assert f'action="/tasks/{task.id}/{action}"' not in page
    assert set(post_everything(client, task, extension.id).values()) == {403}
    assert fresh(db, task).status == "submitted" and count(db, TaskUpdate) == 0


def test_a_head_cannot_change_another_units_task(login_as, world, db):
    theirs = world.task(unit="b", support=[world.units["a"]], title="Việc phòng B")
    client = login_as("head_a")
    page = text(client.get(f"/tasks/{theirs.id}"))
    assert "Việc phòng B" in page and f'action="/tasks/{theirs.id}/update"' not in page
    statuses = post_everything(client, theirs)
    assert statuses["update"] == statuses["edit"] == statuses["extension"] == 403
    assert client.get(f"/tasks/{theirs.id}/edit").status_code == 403
    assert count(db, TaskUpdate) == 0


def test_staff_update_only_their_own_tasks(login_as, world, db):
    own = world.task(assignee=world.users["staff_a"], title="Của tôi")
    other = world.task(title="Của người khác")
    client = login_as("staff_a")
    fields = {"status": "in_progress", "progress": "70"}
    assert submit(client, f"/tasks/{own.id}", f"/tasks/{own.id}/update", fields).status_code == 303
    page = text(client.get(f"/tasks/{other.id}"))
    assert "Của người khác" in page and "/update" not in page
    refused = client.raw.post(
        f"/tasks/{other.id}/update",
        data={**fields, "version": other.version, "csrf_token": client.csrf("/")},
    )
    assert refused.status_code == 403
    assert (fresh(db, own).progress, fresh(db, other).progress) == (70, 0)
    assert client.get(f"/tasks/{own.id}/edit").status_code == 403


def test_declining_on_the_page_asks_for_a_reason_and_confirmation(login_as, world, db):
    task = world.task(due=world.days(3))
    extension = Extension(
        task_id=task.id,
        requested_by_id=world.users["head_a"].id,
        previous_due_date=world.days(3),
        requested_due_date=world.days(9),
        reason="Thiếu nhân lực",
    )
    db.session.add(extension)
    db.session.commit()
    client = login_as("director")
    page = text(client.get(f"/tasks/{task.id}"))
    assert "Bắt buộc khi không đồng ý" in page and 'data-confirm="Không đồng ý gia hạn?' in page
    response = client.post_form(
        f"/tasks/{task.id}/extensions/{extension.id}",
        {"decision": "decline", "note": ""},
        token_from=f"/tasks/{task.id}",
    )
    assert response.status_code == 422
    assert "hãy ghi lý do để đơn vị biết" in text(response)
    db.session.expire_all()
    assert db.session.get(Extension, extension.id).status == "pending"
    # On the home page, declining leads to that form; approving stays one tap.
    home = text(client.get("/"))
    assert f'href="/tasks/{task.id}#pending-extension">Không đồng ý…</a>' in home
