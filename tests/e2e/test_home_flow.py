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
