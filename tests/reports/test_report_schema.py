"""The report's JSON is what its schema (and so openapi.json) says, on real reports."""

from __future__ import annotations

import pytest

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.demo.loader import load_demo
from tracker.domain.periods import Kind, period_containing
from tracker.reports.build import build_period_report
from tracker.reports.schemas import ReportSchema


@pytest.fixture
def demo(db):
    load_demo()
    db.session.commit()


def test_the_demo_reports_match_the_schema(demo):
    quarter = period_containing(clock.today(), Kind.QUARTER)
    for period in (quarter.previous(), quarter, period_containing(clock.today(), Kind.YEAR)):
        data = build_period_report(system_principal(), period).to_dict()
        assert data["sections"] or period == quarter  # the check reads real achievements
        assert ReportSchema().validate(data) == {}


def test_the_schema_refuses_what_the_report_never_writes(demo):
    period = period_containing(clock.today(), Kind.QUARTER).previous()
    data = build_period_report(system_principal(), period).to_dict()
    data["plan"] = [{"no": "một", "task_id": 1}]
    del data["texts"]
    errors = ReportSchema().validate(data)
    assert set(errors) == {"plan", "texts"}
