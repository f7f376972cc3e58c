"""Assigning and editing tasks through HTTP: every field, every refusal, documents, subtasks."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from task_pages import submit, text

from tracker.common.access import principal_for
from tracker.models import Document, Task, TaskUpdate
from tracker.tasks.operations import update_task


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def fresh(db, task) -> Task:
    db.session.expire_all()
    return db.session.get(Task, task.id)


def new_task_form(world, **extra) -> dict:
    data = {
        "title": "Xây dựng kế hoạch chuyển đổi số",
        "description": "Theo Kế hoạch 52/KH-UBND ngày 12/03/2026 của UBND tỉnh.",
        "section": world.sections["I.1"].id,
        "lead_unit": world.units["a"].id,
        "support_units": [world.units["b"].id],
        "assignee": world.users["staff_a"].id,
        "planned_period": "2026-Q4",
        "start_date": "2026-10-01",
        "due_date": "15/12/2026",
        "priority": 3,
    }
    data.update(extra)
    return data


def test_a_director_assigns_a_task_with_every_field(login_as, world, db):
    client = login_as("director")
    page = text(client.get("/tasks/new"))
    assert "Giao nhiệm vụ" in page and "Phòng A" in page and "Lĩnh vực một" in page
    response = client.post_form("/tasks/new", new_task_form(world))
    assert response.status_code == 303
    task = db.session.scalar(select(Task))
    assert response.headers["Location"].endswith(f"/tasks/{task.id}")
    assert (task.lead_unit.code, task.assignee.username, task.priority) == ("A", "staff.a", 3)
    assert [u.code for u in task.support_units] == ["B"]
    assert (task.start_date.isoformat(), task.due_date.isoformat()) == ("2026-10-01", "2026-12-15")
    assert [d.symbol for d in task.documents] == ["52/KH-UBND"]
    shown = text(client.get(f"/tasks/{task.id}"))
    assert "Xây dựng kế hoạch chuyển đổi số" in shown and "Giao nhiệm vụ" in shown
    assert "Kế hoạch 52/KH-UBND" in shown and "15/12/2026" in shown


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Chưa nhập tên nhiệm vụ."),
        ({"lead_unit": "9999"}, "Đơn vị chủ trì: không có lựa chọn này"),
        ({"lead_unit": "abc"}, "Đơn vị chủ trì: lựa chọn không hợp lệ."),
        ({"section": "9999"}, "Lĩnh vực: không có lựa chọn này"),
        ({"section": ""}, "Chưa chọn lĩnh vực."),
        ({"due_date": "2026-09-01"}, "Hạn hoàn thành không được trước ngày bắt đầu."),
        ({"due_date": "32/13/2026"}, "Hạn hoàn thành: “32/13/2026” không phải là ngày hợp lệ"),
        ({"support_units": ["777"]}, "Đơn vị phối hợp: không có lựa chọn “777”"),
        ({"assignee": "424242"}, "Người thực hiện: không có lựa chọn này"),
        ({"parent": "abc"}, "Nhiệm vụ cha: hãy nhập mã số nhiệm vụ"),
        ({"parent": "4242"}, "Không có nhiệm vụ cha này."),
        ({"document_refs": "theo chỉ đạo miệng"}, "“theo chỉ đạo miệng” không phải là số, ký hiệu"),
        ({"planned_period": "2026-Q7"}, "Kỳ kế hoạch: không có lựa chọn này"),
        ({"assignee": "{staff_b}", "support_units": []}, "không thuộc đơn vị chủ trì hay phối hợp"),
    ],
)
def test_assigning_refuses_each_bad_field_by_name_and_saves_nothing(
    login_as, world, db, change, message
):
    client = login_as("director")
    if change.get("assignee") == "{staff_b}":
        change = dict(change, assignee=world.users["staff_b"].id)
    response = client.post_form("/tasks/new", new_task_form(world, **change))
    assert response.status_code == 422
    assert message in text(response)
    assert count(db, Task) == 0 and count(db, TaskUpdate) == 0 and count(db, Document) == 0


def test_a_head_assigns_within_the_own_unit_only(login_as, world, db):
    client = login_as("head_a")
    page = text(client.get("/tasks/new"))
    lead = re.search(r'<select[^>]*name="lead_unit".*?</select>', page, re.S).group(0)
    assert "Tổ A1" in lead and "Phòng B" not in lead
    refused = client.post_form("/tasks/new", new_task_form(world, lead_unit=world.units["b"].id))
    assert refused.status_code == 422 and count(db, Task) == 0
    accepted = client.post_form("/tasks/new", new_task_form(world, lead_unit=world.units["a1"].id))
    assert accepted.status_code == 303 and count(db, Task) == 1


@pytest.mark.parametrize("who", ["staff_a", "viewer"])
def test_staff_and_viewers_cannot_assign(login_as, world, who):
    client = login_as(who)
    assert client.get("/tasks/new").status_code == 403
    token = client.csrf("/")
    assert client.raw.post("/tasks/new", data={"csrf_token": token}).status_code == 403


def test_a_typed_reference_creates_and_links_the_document(login_as, world, db):
    client = login_as("director")
    refs = "Quyết định 135/QĐ-TTg ngày 20/01/2020\nCông văn 4366/BTTTT-HTQT"
    response = client.post_form("/tasks/new", new_task_form(world, document_refs=refs))
    assert response.status_code == 303
    task = db.session.scalar(select(Task))
    labels = sorted(d.label for d in task.documents)
    assert labels == ["Công văn 4366/BTTTT-HTQT", "Kế hoạch 52/KH-UBND", "Quyết định 135/QĐ-TTg"]
    decision = db.session.scalar(select(Document).where(Document.symbol == "135/QĐ-TTg"))
    assert decision.issued_on.isoformat() == "2020-01-20"
    assert "Quyết định 135/QĐ-TTg" in text(client.get(f"/tasks/{task.id}"))


def test_the_document_argument_pre_links_a_registered_document(login_as, world, db):
    document = Document(doc_type="Kế hoạch", symbol="10/KH-STTTT", dedupe_key="10/kh-sttt|2026")
    db.session.add(document)
    db.session.commit()
    client = login_as("director")
    page = text(client.get(f"/tasks/new?document={document.id}"))
    checkbox = re.search(rf'<input[^>]*value="{document.id}"[^>]*>', page).group(0)
    assert "checked" in checkbox and "Kế hoạch 10/KH-STTTT" in page
    data = new_task_form(world, description="", documents=[document.id])
    response = client.post_form(f"/tasks/new?document={document.id}", data)
    assert response.status_code == 303
    assert db.session.scalar(select(Task)).documents == [document]
    assert client.get("/tasks/new?document=99999").status_code == 404


def test_a_subtask_starts_from_its_parent_and_rolls_progress_up(login_as, world, db):
    parent = world.task(unit="a1", section="I.2", title="Chương trình tập huấn", planned="2026-Q4")
    client = login_as("director")
    page = client.get(f"/tasks/new?parent={parent.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{world.sections["I.2"].id}"', page)
    assert re.search(rf'<option selected value="{world.units["a1"].id}"', page)
    assert f'value="{parent.id}"' in page and "Giao nhiệm vụ con" in page
    for title in ("Lớp 1", "Lớp 2"):
        data = new_task_form(
            world, title=title, parent=parent.id, lead_unit=world.units["a1"].id, description=""
        )
        assert client.post_form(f"/tasks/new?parent={parent.id}", data).status_code == 303
    first = db.session.scalar(select(Task).where(Task.title == "Lớp 1"))
    response = submit(
        client,
        f"/tasks/{first.id}",
        f"/tasks/{first.id}/update",
        {"status": "in_progress", "progress": "50"},
    )
    assert response.status_code == 303
    assert fresh(db, parent).progress == 25
    parent_page = text(client.get(f"/tasks/{parent.id}"))
    assert "Nhiệm vụ con (2)" in parent_page and "Tính từ tiến độ nhiệm vụ con." in parent_page


def test_a_stale_edit_form_is_refused_too(login_as, world, db):
    task = world.task(title="Tên cũ")
    client = login_as("director")
    edit = f"/tasks/{task.id}/edit"
    page = client.get(edit).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    loaded_at = re.search(r'name="loaded_at" value="([^"]+)"', page).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    head = world.users["head_a"]
    update_task(
        head, principal_for(head), fresh(db, task), {"title": "Tên của trưởng phòng"}, version
    )
    db.session.commit()
    data = {
        "csrf_token": token,
        "version": version,
        "loaded_at": loaded_at,
        "title": "Tên của giám đốc",
        "section": world.sections["I.1"].id,
        "lead_unit": world.units["a"].id,
        "priority": 2,
    }
    response = client.raw.post(edit, data=data)
    assert response.status_code == 409
    page = text(response)
    assert 'value="Tên của giám đốc"' in page and "Tên của trưởng phòng" in page
    assert fresh(db, task).title == "Tên của trưởng phòng"


def test_the_director_edits_and_moves_the_deadline_a_head_cannot(login_as, world, db):
    task = world.task(title="Tên cũ", due=world.days(10))
    client = login_as("head_a")
    form = {
        "title": "Tên mới",
        "section": world.sections["I.2"].id,
        "lead_unit": world.units["a"].id,
        "priority": 2,
        "due_date": world.days(40),
    }
    response = submit(client, f"/tasks/{task.id}/edit", f"/tasks/{task.id}/edit", form)
    assert response.status_code == 303
    task = fresh(db, task)
    assert (task.title, task.section.code, task.due_date) == ("Tên mới", "I.2", world.days(10))
    client.logout()
    client.login("director")
    submit(client, f"/tasks/{task.id}/edit", f"/tasks/{task.id}/edit", form)
    task = fresh(db, task)
    assert (task.due_date, task.original_due_date) == (world.days(40), world.days(10))
