"""Every rendering of a period report holds the same items, in the same order.

On the demo data, for the previous quarter and the current one: the JSON (`Report.to_dict()`
and the API), the report page, the page's downloads, the API's files and the CLI export.
"""

from __future__ import annotations

from datetime import date

import pytest
from report_readback import (
    docx_items,
    expected_docx_achievements,
    expected_xlsx,
    json_items,
    page_items,
    plan_line_matches,
    xlsx_items,
)
from sqlalchemy import select

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.demo.data import DEMO_PASSWORD
from tracker.demo.loader import load_demo
from tracker.domain.periods import Kind, period_containing
from tracker.models import Section, Task, Unit
from tracker.reports.build import build_period_report

CURRENT = period_containing(clock.today(), Kind.QUARTER)
PERIODS = {"previous": CURRENT.previous(), "current": CURRENT}


@pytest.fixture
def demo(db):
    load_demo()
    db.session.commit()


@pytest.fixture
def director(client, demo):
    client.login("giamdoc", DEMO_PASSWORD)
    return client


@pytest.fixture
def cli_export(app, tmp_path):
    runner = app.test_cli_runner()

    def export(period, fmt: str) -> bytes:
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            args=["tracker", "export", "--period", period.code, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        return out.read_bytes()

    return export


def without_time(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "generated_at"}


@pytest.mark.parametrize("which", PERIODS)
def test_every_rendering_holds_the_reports_items_in_order(which, director, cli_export):
    period = PERIODS[which]
    report = build_period_report(system_principal(), period)
    body = report.to_dict()
    items = json_items(body)
    # The demo must give the check something to bite on.
    assert items["achievements"] and items["plan"]

    api = director.get(f"/api/v1/reports/{period.code}")
    assert api.status_code == 200
    assert without_time(api.get_json()) == without_time(body)

    page = page_items(director.get(f"/reports/{period.code}").get_data(as_text=True))
    assert page["achievements"] == [(a[0], a[3]) for a in items["achievements"]]
    assert page["unfinished"] == [u[0] for u in items["unfinished"]]
    assert page["plan"] == [(p[0], p[1], p[5]) for p in items["plan"]]

    files = {
        "xlsx": [
            cli_export(period, "xlsx"),
            director.get(f"/reports/{period.code}/download/xlsx").data,
            director.get(f"/api/v1/reports/{period.code}.xlsx").data,
        ],
        "docx": [
            cli_export(period, "docx"),
            director.get(f"/reports/{period.code}/download/docx").data,
            director.get(f"/api/v1/reports/{period.code}.docx").data,
        ],
    }
    for data in files["xlsx"]:
        assert xlsx_items(data) == expected_xlsx(items)
    for data in files["docx"]:
        got = docx_items(data)
        assert got["achievements"] == expected_docx_achievements(body)
        assert got["unfinished"] == [
            (t, u, date.fromisoformat(d).strftime("%d/%m/%Y"), n)
            for _, t, u, d, n in items["unfinished"]
        ]
        assert [no for no, _ in got["plan"]] == [p[0] for p in items["plan"]]
        for (_, text), item in zip(got["plan"], items["plan"], strict=True):
            assert plan_line_matches(text, item, report.department), (text, item)


def test_a_report_with_carry_over_agrees_too(director, db, cli_export):
    """A task left overdue last quarter is unfinished there and carried into the plan."""
    period = PERIODS["previous"]
    unit = db.session.scalar(select(Unit.id).where(Unit.code == "VP"))
    section = db.session.scalar(select(Section.id).where(Section.code == "I.1"))
    late = Task(
        title="=Việc còn dở từ quý trước",  # also: a formula-like title stays text
        section_id=section,
        lead_unit_id=unit,
        status="in_progress",
        due_date=period.start,
        original_due_date=period.start,
        progress=40,
    )
    db.session.add(late)
    db.session.commit()
    report = build_period_report(system_principal(), period)
    body = report.to_dict()
    items = json_items(body)
    assert [u[0] for u in items["unfinished"]] == [late.id]
    assert items["plan"][-1][1:3] == (late.id, late.title) and items["plan"][-1][5]
    assert xlsx_items(cli_export(period, "xlsx")) == expected_xlsx(items)
    word = docx_items(cli_export(period, "docx"))
    assert [row[0] for row in word["unfinished"]] == [late.title]
    page = page_items(director.get(f"/reports/{period.code}").get_data(as_text=True))
    assert page["unfinished"] == [late.id] and page["plan"][-1] == (
        len(items["plan"]),
        late.id,
        True,
    )
