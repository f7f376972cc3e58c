"""In a browser: the director opens the overview and follows the overdue count to the list."""

from __future__ import annotations

import re

import pytest
from factories import make_task
from playwright.sync_api import expect

from tracker.domain.timeliness import Status
from tracker.extensions import db

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e


@pytest.fixture
def department(world):
    """Overdue work in two divisions, and some that is not overdue."""
    section = world.sections["I.1"]
    for days, unit in ((40, "a"), (12, "a1"), (3, "b")):
        make_task(world.units[unit], section, f"Quá hạn {days} ngày", due=world.days(-days))
    make_task(world.units["b"], section, "Còn trong hạn", due=world.days(30))
    make_task(world.units["a"], section, "Đã xong", status=Status.DONE, done=world.days(-1))
    db.session.commit()
    return world


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_director_follows_the_overdue_count_to_the_list(department, browser_page, sign_in):
    page = browser_page
    sign_in(page, department.users["director"].username)
    page.locator("#nav").get_by_role("link", name="Tổng quan").click()
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    overdue = page.locator("a[data-kind='matrix-overdue']")
    shown = number(overdue.inner_text())
    assert shown == 3
    assert page.locator("#overdue-list tbody tr").count() == 3

    overdue.click()
    page.wait_for_url(re.compile(r".*/tasks/\?.*timeliness=overdue"))
    assert number(page.locator("#task-total strong").inner_text()) == shown
    rows = page.locator("table.table-tasks tbody tr")
    assert rows.count() == shown
    titles = [rows.nth(i).locator("td.task-title").inner_text() for i in range(shown)]
    assert [t.splitlines()[0] for t in titles] == [
        "Quá hạn 40 ngày",
        "Quá hạn 12 ngày",
        "Quá hạn 3 ngày",
    ]
