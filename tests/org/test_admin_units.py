"""The admin's unit tree: add, edit, move without cycles, reorder, deactivate with care."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tracker.models import Task, Unit


def _tree_codes(html: str) -> list[str]:
    """The unit codes in the order the tree page lists them."""
    return re.findall(r'<div class="tree-indent depth-\d">.*?<code>([^<]+)</code>', html, re.S)


def _unit(db, code: str) -> Unit:
    db.session.expire_all()
    return db.session.scalar(select(Unit).where(Unit.code == code))


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Unit))


def test_the_tree_lists_units_parents_first_with_depth_and_kind(login_as):
    client = login_as("admin")
    html = client.get("/admin/units").get_data(as_text=True)
    assert _tree_codes(html) == ["D", "A", "A1", "B"]
    assert 'class="tree-indent depth-2"' in html  # A1 under A under D
    assert "Sở, ngành" in html and "Phòng chuyên môn" in html


def test_adding_a_unit_puts_it_last_among_its_siblings(login_as, world, db):
    client = login_as("admin")
    response = client.post_form(
        "/admin/units/new",
        {
            "code": "TTCNTT",
            "name": "Trung tâm Công nghệ thông tin",
            "short_name": "Trung tâm CNTT",
            "kind": "center",
            "parent_id": str(world.units["root"].id),
            "sort_order": "",
        },
    )
    assert response.status_code == 303
    unit = _unit(db, "TTCNTT")
    assert unit.parent_id == world.units["root"].id and unit.kind == "center" and unit.active
    assert _tree_codes(client.get("/admin/units").get_data(as_text=True))[-1] == "TTCNTT"


def test_codes_are_unique_whatever_their_case(login_as, world, db):
    client = login_as("admin")
    before = _count(db)
    response = client.post_form(
        "/admin/units/new",
        {"code": "a", "name": "Phòng khác", "kind": "division", "parent_id": world.units["b"].id},
    )
    assert response.status_code == 422
    assert "Mã đơn vị “a” đã dùng cho “Phòng A”" in response.get_data(as_text=True)
    assert _count(db) == before


def test_a_code_with_spaces_is_refused_naming_the_field(login_as, world, db):
    client = login_as("admin")
    response = client.post_form(
        "/admin/units/new",
        {"code": "P X", "name": "Phòng X", "kind": "division", "parent_id": world.units["root"].id},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mã đơn vị “P X” không hợp lệ" in html and "is-invalid" in html


def test_a_unit_cannot_move_under_itself_or_its_subtree(login_as, world, db):
    client = login_as("admin")
    a, a1 = world.units["a"], world.units["a1"]
    page = client.get(f"/admin/units/{a.id}").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="(\d+)"', page)
    assert str(a.id) not in options and str(a1.id) not in options  # not offered
    response = client.post_form(
        f"/admin/units/{a.id}",
        {"code": "A", "name": "Phòng A đổi tên", "kind": "division", "parent_id": a1.id},
    )
    assert response.status_code == 422
    assert "vào một đơn vị cấp dưới của nó" in response.get_data(as_text=True)
    unit = _unit(db, "A")
    assert unit.parent_id == world.units["root"].id and unit.name == "Phòng A"  # nothing saved


def test_moving_a_unit_to_another_parent(login_as, world, db):
    client = login_as("admin")
    a1 = world.units["a1"]
    response = client.post_form(
        f"/admin/units/{a1.id}",
        {"code": "A1", "name": "Tổ A1", "kind": "division", "parent_id": world.units["b"].id},
    )
    assert response.status_code == 303
    assert _unit(db, "A1").parent_id == world.units["b"].id
    assert _tree_codes(client.get("/admin/units").get_data(as_text=True)) == ["D", "A", "B", "A1"]


def test_reordering_siblings_with_up_and_down(login_as, world):
    client = login_as("admin")
    b = world.units["b"]
    response = client.post_form(
        f"/admin/units/{b.id}/move", {"direction": "up"}, token_from="/admin/units"
    )
    assert response.status_code == 303
    assert _tree_codes(client.get("/admin/units").get_data(as_text=True)) == ["D", "B", "A", "A1"]
    client.post_form(f"/admin/units/{b.id}/move", {"direction": "down"}, token_from="/admin/units")
    assert _tree_codes(client.get("/admin/units").get_data(as_text=True)) == ["D", "A", "A1", "B"]


def test_a_unit_with_unfinished_tasks_says_how_many_and_where(login_as, world, db):
    world.task(unit="a1", status="in_progress")
    world.task(unit="a1", status="submitted")
    world.task(unit="a", status="not_started")
    world.task(unit="a", status="done", done=world.days(-3))
    client = login_as("admin")
    a = world.units["a"]
    response = client.post_form(
        f"/admin/units/{a.id}/deactivate", token_from=f"/admin/units/{a.id}"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "còn 3 nhiệm vụ chưa kết thúc (2 ở Tổ A1; 1 ở Phòng A)" in html
    assert _unit(db, "A").active and _unit(db, "A1").active


def test_deactivating_takes_the_subtree_and_keeps_the_tasks(login_as, world, db):
    task = world.task(unit="a1", status="done", done=world.days(-3))
    client = login_as("admin")
    a, a1 = world.units["a"], world.units["a1"]
    response = client.post_form(
        f"/admin/units/{a.id}/deactivate", token_from=f"/admin/units/{a.id}"
    )
    assert response.status_code == 303
    assert not _unit(db, "A").active and not _unit(db, "A1").active
    assert db.session.get(Task, task.id).lead_unit_id == a1.id
    new_page = client.get("/admin/units/new").get_data(as_text=True)
    assert f'value="{a.id}"' not in new_page  # no longer offered as a parent
    # A sub-unit cannot come back before its parent.
    refused = client.post_form(
        f"/admin/units/{a1.id}/reactivate", token_from=f"/admin/units/{a1.id}"
    )
    assert refused.status_code == 422 and "kích hoạt đơn vị cấp trên trước" in refused.get_data(
        as_text=True
    )
    assert not _unit(db, "A1").active
    client.post_form(f"/admin/units/{a.id}/reactivate", token_from=f"/admin/units/{a.id}")
    assert _unit(db, "A").active


def test_the_only_root_cannot_be_deactivated(login_as, world, db):
    client = login_as("admin")
    root = world.units["root"]
    response = client.post_form(
        f"/admin/units/{root.id}/deactivate", token_from=f"/admin/units/{root.id}"
    )
    assert response.status_code == 422 and "đơn vị gốc duy nhất" in response.get_data(as_text=True)
    assert _unit(db, "D").active


def test_an_invalid_edit_saves_nothing(login_as, world, db):
    client = login_as("admin")
    b = world.units["b"]
    response = client.post_form(
        f"/admin/units/{b.id}",
        {
            "code": "B",
            "name": "Phòng B mới",
            "kind": "spaceship",
            "parent_id": world.units["root"].id,
            "sort_order": "-4",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Loại đơn vị “spaceship” không hợp lệ." in html
    assert "Thứ tự phải trong khoảng 0–100.000." in html
    assert _unit(db, "B").name == "Phòng B"


def test_a_moved_unit_goes_last_among_its_new_siblings(login_as, world, db):
    client = login_as("admin")
    b = world.units["b"]
    page = client.get(f"/admin/units/{b.id}").get_data(as_text=True)
    prefilled = re.search(r'name="sort_order"[^>]*value="(\d+)"', page).group(1)
    response = client.post_form(
        f"/admin/units/{b.id}",
        {
            "code": "B",
            "name": "Phòng B",
            "kind": "division",
            "parent_id": world.units["a"].id,
            "sort_order": prefilled,  # as the form shows it: the place under the old parent
        },
    )
    assert response.status_code == 303
    assert _tree_codes(client.get("/admin/units").get_data(as_text=True)) == ["D", "A", "A1", "B"]
