"""The report roll-up: achievements by section, carry-over, plan and statistics."""

from datetime import date

from report_samples import SECTIONS, fact, sample_report

from tracker.domain.periods import parse_period
from tracker.domain.report import (
    achievements_of,
    plan_of,
    section_tree,
    unfinished_of,
    unit_stats,
)
from tracker.domain.report.window import Window, WindowRule


def test_achievements_fall_under_their_sections_in_tree_order():
    report = sample_report()
    walked = [
        (depth, s.code, [a.task_id for a in s.achievements]) for depth, s in report.walk_sections()
    ]
    assert walked == [
        (0, "I", []),
        (1, "I.1", [1]),
        (1, "I.2", [2]),
        (1, "I.6", []),
        (2, "I.6.1", []),
        (2, "I.6.2", [4]),
        (0, "II", []),
        (1, "II.1", [5]),
    ]
    assert report.achievement_count == 4
    # Task 3 was handed in and awaits the director: pending, not an achievement.
    assert [(p.task_id, p.unit) for p in report.pending] == [(3, "Văn phòng Sở")]


def test_unfinished_tasks_are_carried_over_with_days_overdue():
    report = sample_report()
    assert [(u.task_id, u.days_overdue) for u in report.unfinished] == [(6, 46), (7, 5)]
    # Cancelled (8) and not yet due (9) tasks are not carried over.
    plan = [(p.no, p.task_id, p.carried_over) for p in report.plan]
    assert plan == [(1, 10, False), (2, 11, False), (3, 12, False), (4, 6, True), (5, 7, True)]


def test_a_task_finished_after_the_period_is_unfinished_in_it():
    period = parse_period("2020-Q1")
    late = fact(1, 2, "Văn phòng Sở", "done", date(2020, 3, 1), date(2020, 4, 5))
    assert [u.task_id for u in unfinished_of(period, [late], period.end)] == [1]


def test_plan_skips_finished_and_cancelled_planned_tasks():
    planned = [
        fact(1, 2, "Văn phòng Sở", "done", date(2020, 12, 1), date(2020, 9, 1), planned="2020-Q4"),
        fact(2, 2, "Văn phòng Sở", "cancelled", date(2020, 12, 1), planned="2020-Q4"),
        fact(3, 2, "Văn phòng Sở", "not_started", date(2020, 12, 1), planned="2020-Q4"),
    ]
    assert [p.task_id for p in plan_of(planned, [], date(2020, 9, 30))] == [3]


def test_unit_statistics_and_rates():
    report = sample_report()
    rows = {u.unit: u for u in report.units}
    office = rows["Văn phòng Sở"]
    assert (office.assigned, office.done_on_time, office.done_late, office.overdue) == (3, 1, 0, 1)
    assert office.pending == 1 and rows["Thanh tra Sở"].pending == 0
    posts = rows["Phòng Bưu chính, Viễn thông – CNTT"]
    assert (posts.done_late, posts.overdue, posts.unfinished_on_time) == (1, 1, 1)
    assert posts.on_time_rate == 0
    assert report.totals.assigned == sum(u.assigned for u in report.units) == 8
    assert [u.unit for u in report.units] == [
        "Văn phòng Sở",
        "Phòng Bưu chính, Viễn thông – CNTT",
        "Thanh tra Sở",
    ]
    assert report.previous_units["Thanh tra Sở"].overdue == 1


def test_unit_stats_without_decided_tasks_have_no_rate():
    rows = unit_stats([fact(1, 2, "Thanh tra Sở", "in_progress", None)], date(2020, 1, 1))
    assert rows[0].on_time_rate is None and rows[0].unfinished_on_time == 1


def test_json_matches_the_contract_shape():
    data = sample_report().to_dict()
    assert data["period"] == "2020-9M" and data["next_period"] == "2020-Q4"
    assert data["label"] == "9 tháng đầu năm 2020" and data["next_label"] == "Quý IV năm 2020"
    assert data["as_of"] == "2020-09-30"
    achievement = data["sections"][0]["sections"][0]["achievements"][0]
    assert set(achievement) == {"task_id", "title", "result", "unit", "completed_on", "timeliness"}
    assert set(data["pending_confirmation"][0]) >= {"task_id", "title", "unit", "submitted_on"}
    assert set(data["unfinished"][0]) == {"task_id", "title", "unit", "due_date", "days_overdue"}
    assert set(data["plan"][0]) == {
        "no",
        "task_id",
        "title",
        "lead_unit",
        "support_units",
        "product",
        "wording",
        "due_date",
        "carried_over",
    }
    assert set(data["units"][0]) == {
        "unit",
        "assigned",
        "done_on_time",
        "done_late",
        "unfinished_on_time",
        "overdue",
        "pending",
        "on_time_rate",
    }
    assert set(data["texts"]) == {
        "introduction",
        "assessment",
        "difficulties",
        "proposals",
        "signer_title",
        "signer_name",
        "recipients",
    }


def test_section_tree_orders_siblings():
    tree = section_tree(SECTIONS)
    assert [s.code for s in tree] == ["I", "II"]
    assert [s.code for s in tree[0].sections] == ["I.1", "I.2", "I.6"]


def test_a_plan_item_once_done_reports_its_result_in_its_sections_order():
    """The plan's wording said what was to be done, its number placed it in the plan: done,
    the task reports what was achieved, among its section's results by their own order."""
    window = Window(date(2020, 10, 1), date(2020, 12, 31), WindowRule.CALENDAR)
    planned = fact(1, 2, "Văn phòng Sở", "done", date(2020, 12, 1), date(2020, 11, 2))._replace(
        result="Đã tổ chức 03 lớp, 120 học viên.",
        wording="Tổ chức tập huấn an toàn thông tin (quý IV).",
        plan_order=1,
    )
    placed = fact(2, 2, "Văn phòng Sở", "done", None, date(2020, 12, 20), result="Hai")
    placed = placed._replace(report_order=1)
    later = fact(3, 2, "Văn phòng Sở", "done", None, date(2020, 10, 5), result="Ba")
    found = [item for _, item in achievements_of(window, [planned, placed, later])]
    assert [(a.task_id, a.result) for a in found] == [
        (2, "Hai"),
        (3, "Ba"),
        (1, "Đã tổ chức 03 lớp, 120 học viên."),
    ]
