"""In a browser: the director's home opens with what is overdue, most overdue first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e


def test_the_directors_home_shows_the_overdue_count_and_list(browser_page, sign_in, world, db):
    for days, unit in ((5, "b"), (33, "a"), (9, "a1")):
        world.task(title=f"Quá hạn {days} ngày", unit=unit, due=world.days(-days))
    world.task(title="Còn trong hạn", due=world.days(20))
    page = browser_page
    sign_in(page, "director")
    overdue = page.locator("a[data-kind='desk-overdue']")
    expect(overdue).to_contain_text("3")
    rows = page.locator("#desk-overdue-list tbody tr")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).locator(".task-name").inner_text() for i in range(3)] == [
        "Quá hạn 33 ngày",
        "Quá hạn 9 ngày",
        "Quá hạn 5 ngày",
    ]
    overdue.click()
    page.wait_for_url(re.compile(r".*/tasks/\?timeliness=overdue&sort=overdue"))
    expect(page.locator("table.table-tasks tbody tr")).to_have_count(3)


def test_a_head_sees_a_supported_task_marked_phoi_hop(browser_page, sign_in, world, db):
    world.task(
        title="Việc B có A phối hợp", unit="b", due=world.days(4), support=[world.units["a"]]
    )
    world.task(title="Việc của A", unit="a", due=world.days(4))
    page = browser_page
    sign_in(page, "head.a")
    row = page.locator("li.board-row", has_text="Việc B có A phối hợp")
    expect(row.locator("[data-kind='supporting']")).to_have_text("phối hợp")
    expect(
        page.locator("li.board-row", has_text="Việc của A").locator("[data-kind='supporting']")
    ).to_have_count(0)
    page.get_by_role("link", name="Việc của đơn vị").click()
    expect(
        page.locator("li.board-row", has_text="Việc B có A phối hợp").locator(
            "[data-kind='supporting']"
        )
    ).to_be_visible()
