"""In a browser: a head updates and submits a task; the director confirms it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tracker.extensions import db as _db
from tracker.models import Task

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e
PHONE_WIDTH = 390


def stored(task_id: int) -> Task:
    _db.session.expire_all()
    return _db.session.get(Task, task_id)


def test_a_head_submits_and_the_director_confirms(browser_page, sign_in, world, db):
    task = world.task(title="Triển khai chữ ký số cho cán bộ", due=world.days(5), progress=20)
    page = browser_page
    sign_in(page, "head.a")
    page.get_by_role("link", name="Triển khai chữ ký số cho cán bộ").first.click()
    expect(page.get_by_role("heading", name="Triển khai chữ ký số cho cán bộ")).to_be_visible()

    page.fill("input#progress", "60")
    page.fill("textarea#note", "Đã cấp 120/200 chứng thư số")
    page.get_by_role("button", name="Lưu cập nhật").click()
    expect(page.get_by_text("Đã cập nhật nhiệm vụ.")).to_be_visible()
    assert stored(task.id).progress == 60

    page.get_by_role("button", name="Báo cáo hoàn thành").click()  # no result yet: stopped
    expect(page.locator("textarea#result")).to_be_focused()
    assert stored(task.id).status == "in_progress"
    page.fill("textarea#result", "Cấp 200 chứng thư số cho cán bộ các sở, ngành")
    page.get_by_role("button", name="Báo cáo hoàn thành").click()
    expect(page.get_by_text("nhiệm vụ chờ lãnh đạo xác nhận")).to_be_visible()
    assert stored(task.id).status == "submitted"

    page.get_by_role("button", name="Head.A").click()  # the account menu
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()
    sign_in(page, "director")
    queue = page.locator("#to-confirm")
    expect(queue).to_contain_text("Triển khai chữ ký số cho cán bộ")
    queue.get_by_role("link", name="Triển khai chữ ký số cho cán bộ").click()
    expect(page.locator("#confirm-panel")).to_contain_text("Cấp 200 chứng thư số")
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(page.get_by_text("Đã xác nhận hoàn thành nhiệm vụ.")).to_be_visible()
    expect(page.locator("#task-badges")).to_contain_text("Hoàn thành")
    expect(page.locator("#history")).to_contain_text("Xác nhận hoàn thành")
    done = stored(task.id)
    assert (done.status, done.progress, done.completed_on) == ("done", 100, world.today)


@pytest.mark.parametrize("browser_page", ["phone"], indirect=True)
def test_a_quick_update_on_a_phone_takes_one_tap(browser_page, sign_in, world, db):
    task = world.task(title="Rà soát trạm BTS", due=world.days(-2), progress=10)
    page = browser_page
    sign_in(page, "head.a")
    page.goto("/tasks/unit")
    row = page.locator("#group-overdue li", has_text="Rà soát trạm BTS")
    box = row.locator("input[name=progress]")
    button = row.get_by_role("button", name="Lưu")
    assert button.bounding_box()["x"] + button.bounding_box()["width"] <= PHONE_WIDTH
    box.fill("35")
    button.click()
    expect(page.get_by_text("Đã cập nhật nhiệm vụ.")).to_be_visible()
    assert re.search(r"/tasks/unit$", page.url)
    assert stored(task.id).progress == 35
