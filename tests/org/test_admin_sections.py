"""The report's headings: codes that follow the structure, moves, order, retiring them."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from tracker.common.access import system_principal
from tracker.domain.periods import Kind, period_containing
from tracker.models import Section, Task
from tracker.reports.build import build_period_report


def _codes(html: str) -> list[str]:
    """The section codes in the order the tree page lists them."""
    return re.findall(r'<span class="section-code">([^<]+)\.</span>', html)


def _section(db, code: str) -> Section | None:
    db.session.expire_all()
    return db.session.scalar(select(Section).where(Section.code == code))


def _new(client, parent, code, title="Mục mới", **extra):
    data = {"parent_id": parent.id if parent else "", "code": code, "title": title}
    return client.post_form("/admin/sections/new", data | extra)


def test_the_tree_lists_headings_in_report_order(login_as):
    html = login_as("admin").get("/admin/sections").get_data(as_text=True)
    assert _codes(html) == ["I", "I.1", "I.2"]
    assert 'class="tree-indent depth-1"' in html


def test_the_new_heading_form_suggests_the_next_code(login_as, world):
    client = login_as("admin")
    under_i = client.get(f"/admin/sections/new?parent={world.sections['I'].id}")
    assert 'value="I.3"' in under_i.get_data(as_text=True)
    top = client.get("/admin/sections/new").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="code"[^>]*value="II"', top)


def test_adding_headings_at_both_levels(login_as, world, db):
    client = login_as("admin")
    assert _new(client, world.sections["I"], "I.3", "Lĩnh vực ba").status_code == 303
    assert _new(client, None, "ii", "CÔNG TÁC TỔNG HỢP").status_code == 303  # tidied to II
    assert _section(db, "I.3").parent_id == world.sections["I"].id
    assert _section(db, "II").parent_id is None
    html = client.get("/admin/sections").get_data(as_text=True)
    assert _codes(html) == ["I", "I.1", "I.2", "I.3", "II"]


def test_a_code_must_follow_the_heading_structure(login_as, world, db):
    client = login_as("admin")
    before = db.session.scalar(select(func.count()).select_from(Section))
    wrong_parent = _new(client, world.sections["I"], "II.1")
    assert wrong_parent.status_code == 422
    assert "mục con của I có mã I.1, I.2 … (gợi ý: I.3)" in wrong_parent.get_data(as_text=True)
    not_roman = _new(client, None, "1")
    assert not_roman.status_code == 422
    assert "đánh số La Mã" in not_roman.get_data(as_text=True)
    taken = _new(client, world.sections["I"], "I.1")
    assert taken.status_code == 422
    assert "Mã “I.1” đã dùng cho lĩnh vực “Lĩnh vực một”" in taken.get_data(as_text=True)
    no_title = _new(client, world.sections["I"], "I.3", title="  ")
    assert no_title.status_code == 422 and "Chưa nhập tên lĩnh vực." in no_title.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(Section)) == before


def test_moving_a_heading_renumbers_it_and_the_headings_below(login_as, world, db):
    client = login_as("admin")
    _new(client, world.sections["I.2"], "I.2.1", "Mục con")
    _new(client, None, "II", "CÔNG TÁC TỔNG HỢP")
    two = _section(db, "II")
    task = world.task(section="I.2")
    i2 = world.sections["I.2"]
    response = client.post_form(
        f"/admin/sections/{i2.id}",
        {"parent_id": two.id, "code": "I.2", "title": "Lĩnh vực hai", "sort_order": ""},
    )
    assert response.status_code == 303
    assert _section(db, "II.1").id == i2.id
    assert _section(db, "II.1.1").parent_id == i2.id
    assert _section(db, "I.2") is None and _section(db, "I.2.1") is None
    assert db.session.get(Task, task.id).section_id == i2.id
    assert _codes(client.get("/admin/sections").get_data(as_text=True)) == [
        "I",
        "I.1",
        "II",
        "II.1",
        "II.1.1",
    ]


def test_a_heading_cannot_move_below_itself(login_as, world, db):
    client = login_as("admin")
    top = world.sections["I"]
    response = client.post_form(
        f"/admin/sections/{top.id}",
        {"parent_id": world.sections["I.1"].id, "code": "I", "title": "Đổi tên"},
    )
    assert response.status_code == 422
    assert "vào một mục con của nó" in response.get_data(as_text=True)
    assert _section(db, "I").parent_id is None and _section(db, "I").title == "CÔNG TÁC QUẢN LÝ"


def test_reordering_changes_the_report_order(login_as, world, db):
    client = login_as("admin")
    i2 = world.sections["I.2"]
    response = client.post_form(
        f"/admin/sections/{i2.id}/move", {"direction": "up"}, token_from="/admin/sections"
    )
    assert response.status_code == 303
    assert _codes(client.get("/admin/sections").get_data(as_text=True)) == ["I", "I.2", "I.1"]
    report = build_period_report(system_principal(), period_containing(world.today, Kind.QUARTER))
    assert [s.code for s in report.sections[0].sections] == ["I.2", "I.1"]


def test_retiring_keeps_tasks_and_past_reports(login_as, world, db):
    last_quarter = period_containing(world.today, Kind.QUARTER).previous()
    done_on = last_quarter.end - timedelta(days=5)
    task = world.task(
        section="I.2", status="done", done=done_on, due=last_quarter.end, title="Việc cũ"
    )
    world.task(section="I.2", status="in_progress", title="Việc dở")
    client = login_as("admin")
    i2 = world.sections["I.2"]
    response = client.post_form(
        f"/admin/sections/{i2.id}/deactivate",
        token_from=f"/admin/sections/{i2.id}",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "2 nhiệm vụ vẫn thuộc lĩnh vực này" in html
    assert "Còn 1 nhiệm vụ chưa kết thúc" in html
    assert not _section(db, "I.2").active
    assert db.session.get(Task, task.id).section_id == i2.id
    report = build_period_report(system_principal(), last_quarter)
    kept = [s for s in report.sections[0].sections if s.code == "I.2"]
    assert kept and [a.title for a in kept[0].achievements] == ["Việc cũ"]
    # Not offered to new headings any more, nor listed for new tasks by the API.
    assert f'value="{i2.id}"' not in client.get("/admin/sections/new").get_data(as_text=True)
    api = client.get("/api/v1/sections?flat=1").get_json()["items"]
    assert "I.2" not in [s["code"] for s in api]


def test_retiring_a_heading_retires_the_ones_below_and_they_return_in_order(login_as, world, db):
    client = login_as("admin")
    _new(client, world.sections["I.1"], "I.1.1", "Mục con")
    top = world.sections["I"]
    client.post_form(f"/admin/sections/{top.id}/deactivate", token_from=f"/admin/sections/{top.id}")
    assert not any(_section(db, c).active for c in ("I", "I.1", "I.1.1", "I.2"))
    child = _section(db, "I.1")
    refused = client.post_form(
        f"/admin/sections/{child.id}/reactivate", token_from=f"/admin/sections/{child.id}"
    )
    assert refused.status_code == 422 and "hãy dùng lại mục cha trước" in refused.get_data(
        as_text=True
    )
    client.post_form(f"/admin/sections/{top.id}/reactivate", token_from=f"/admin/sections/{top.id}")
    assert _section(db, "I").active and not _section(db, "I.1").active
