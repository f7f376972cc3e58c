"""In a browser: work handed in waits in the draft report's "Chờ xác nhận" block; once the
director confirms it from the link there, it is an achievement of the report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tracker.common import clock
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e

LAST = period_containing(clock.today(), Kind.QUARTER).previous()


def test_the_director_confirms_pending_work_and_it_becomes_an_achievement(
    world, browser_page, sign_in
):
    done_on = LAST.end - timedelta(days=10)
    task = world.task(
        title="Số hóa hồ sơ lưu trữ",
        status=Status.SUBMITTED,
        due=LAST.end,
        done=done_on,
        submitted_on=done_on + timedelta(days=1),
        result="Đã số hóa 1.200 hồ sơ",
    )
    page = browser_page
    sign_in(page, world.users["director"].username)
    page.goto(f"/reports/{LAST.code}")

    pending = page.locator("#pending-confirmation")
    expect(pending).to_contain_text("Chờ xác nhận hoàn thành (1)")
    expect(pending).to_contain_text("chưa được tính là kết quả")
    expect(page.locator(f"#report .doc-item[data-task='{task.id}']")).to_have_count(0)

    pending.get_by_role("link", name="Xác nhận hoặc trả lại").click()
    panel = page.locator("#confirm-panel")
    expect(panel).to_contain_text(done_on.strftime("%d/%m/%Y"))  # the date the unit claims
    expect(panel).to_contain_text((done_on + timedelta(days=1)).strftime("%d/%m/%Y"))
    panel.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(page.locator(".alert-success").first).to_be_visible()

    page.goto(f"/reports/{LAST.code}")
    expect(page.locator("#pending-confirmation")).to_have_count(0)
    achievement = page.locator(f"#report .doc-item[data-task='{task.id}']")
    expect(achievement).to_contain_text("Đã số hóa 1.200 hồ sơ")


def test_the_director_drags_a_plan_item_up_and_the_report_follows(world, browser_page, sign_in):
    current = LAST.next()
    first = world.task(title="Tổng kết năm", planned=current.next().code, due=current.next().end)
    second = world.task(title="Tập huấn chuyển đổi số", planned=current.next().code)
    page = browser_page
    sign_in(page, world.users["director"].username)
    page.goto(f"/reports/{current.code}")
    plan = page.locator("#report .doc-plan")
    expect(plan.first).to_have_attribute("data-task", str(first.id))

    page.get_by_role("button", name="Sắp xếp thứ tự").click()
    page.locator("#report-order.collapse.show").wait_for()  # opened, no longer sliding
    rows = page.locator("#report-order .order-row")
    rows.nth(1).locator(".order-grip").drag_to(rows.nth(0), target_position={"x": 5, "y": 2})
    expect(rows.nth(0)).to_have_attribute("data-task", str(second.id))
    expect(page.locator(f"#order-{second.id}")).to_have_value("1")  # the numbers follow
    expect(page.locator(f"#order-{first.id}")).to_have_value("2")
    page.get_by_role("button", name="Lưu thứ tự").click()

    expect(page.locator(".alert-success").first).to_contain_text("Đã lưu thứ tự")
    expect(plan.first).to_have_attribute("data-task", str(second.id))
    expect(plan.nth(1)).to_have_attribute("data-task", str(first.id))
