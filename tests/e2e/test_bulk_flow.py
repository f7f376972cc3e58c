"""In a browser: a bulk confirm of three tasks where one is not allowed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tracker.extensions import db as _db
from tracker.models import Task

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e


def test_a_bulk_confirm_of_three_confirms_two_and_lists_the_third(browser_page, sign_in, world, db):
    titles = ("Báo cáo tháng đã nộp", "Việc còn đang làm", "Kế hoạch quý đã nộp")
    tasks = [
        world.task(title=titles[0], status="submitted", done=world.days(-1)),
        world.task(title=titles[1], due=world.days(6)),
        world.task(title=titles[2], status="submitted", done=world.days(-2)),
    ]
    page = browser_page
    sign_in(page, "director")
    page.goto("/tasks/?view=all")
    start = page.locator("[data-kind=bulk-start]")
    expect(start).to_be_disabled()  # nothing chosen yet
    for title in titles:
        page.get_by_label(f"Chọn “{title}”").check()
    expect(start).to_contain_text("(3 nhiệm vụ)")
    page.select_option("#bulk-action", "confirm")
    start.click()

    expect(page.get_by_role("heading", name="Sẽ thực hiện với 2 nhiệm vụ")).to_be_visible()
    expect(page.locator("#bulk-done li")).to_have_count(2)
    refused = page.locator("#bulk-refused li")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(titles[1])
    expect(refused).to_contain_text("không ở trạng thái chờ xác nhận")
    _db.session.expire_all()
    assert [_db.session.get(Task, t.id).status for t in tasks] == [
        "submitted",
        "in_progress",
        "submitted",
    ], "the preview changed something"

    page.get_by_role("button", name="Xác nhận hoàn thành 2 nhiệm vụ").click()
    expect(page.get_by_text("Đã xác nhận hoàn thành 2 nhiệm vụ.")).to_be_visible()
    expect(page.get_by_text(f"Không thực hiện được với “{titles[1]}”")).to_be_visible()
    _db.session.expire_all()
    assert [_db.session.get(Task, t.id).status for t in tasks] == ["done", "in_progress", "done"]
