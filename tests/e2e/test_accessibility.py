"""An automated accessibility pass (axe-core, bundled with axe-playwright-python) over the main
pages: no serious or critical violation, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tracker.extensions import db as _db
from tracker.models import Extension

pytest_plugins = ["e2e_support"]
pytestmark = pytest.mark.e2e
SERIOUS = ("serious", "critical")


@pytest.fixture
def department(world):
    """Enough on every page: overdue work, a submission, an extension request."""
    late = world.task(title="Báo cáo quá hạn", unit="a", due=world.days(-5))
    world.task(
        title="Việc B có A phối hợp", unit="b", due=world.days(3), support=[world.units["a"]]
    )
    world.task(
        title="Chờ xác nhận", unit="a", status="submitted", due=world.days(2), done=world.days(-1)
    )
    _db.session.add(
        Extension(
            task_id=late.id,
            requested_by_id=world.users["head_a"].id,
            previous_due_date=world.days(-5),
            requested_due_date=world.days(10),
            reason="Chờ số liệu",
        )
    )
    _db.session.commit()
    return late


def department_indicator(task) -> int:
    """A chỉ tiêu of division A with a figure, for its page (made once per test)."""
    from datetime import date
    from decimal import Decimal

    from tracker.indicators.models import Indicator, IndicatorTarget, IndicatorValue

    made = Indicator(
        code="KYSO",
        name="Tỷ lệ văn bản đi được ký số",
        measure="%",
        kind="ratio",
        unit_id=task.lead_unit_id,
        first_year=date.today().year,
        last_year=date.today().year,
        targets=[IndicatorTarget(period=str(date.today().year), value=Decimal(70))],
    )
    _db.session.add(made)
    _db.session.flush()
    _db.session.add(
        IndicatorValue(
            indicator_id=made.id,
            period=f"{date.today().year}-Q1",
            value=Decimal("74.18"),
            numerator=Decimal(87292),
            denominator=Decimal(117681),
            as_of=date(date.today().year, 3, 31),
        )
    )
    _db.session.commit()
    return made.id


def problems(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("browser_page", ["desktop", "phone"], indirect=True)
def test_the_main_pages_have_no_serious_accessibility_violation(browser_page, sign_in, department):
    page = browser_page
    page.goto("/login")
    found = {"/login": problems(page)}
    sign_in(page, "director")
    for path in (
        "/",
        "/tasks/",
        f"/tasks/{department.id}",
        "/overview",
        "/documents/",
        "/reports/",
        "/account",
        "/tasks/overdue/print",
        "/indicators/",
        f"/indicators/{department_indicator(department)}",
        "/indicators/entry",
    ):
        page.goto(path)
        found[path] = problems(page)
    # Thao tác hàng loạt: the preview of moving every listed task's deadline.
    page.goto("/tasks/")
    page.locator("[data-bulk-all]").check()
    page.select_option("#bulk-action", "move_due_date")
    page.click("[data-kind=bulk-start]")
    page.fill(
        "#bulk-due-date", department.due_date.replace(year=department.due_date.year + 1).isoformat()
    )
    page.fill("#bulk-note", "Theo kết luận giao ban")
    page.click("[data-kind=bulk-preview]")
    page.locator("#bulk-apply").wait_for()
    found["/tasks/bulk/preview"] = problems(page)
    failing = {path: issues for path, issues in found.items() if issues}
    assert not failing, failing
