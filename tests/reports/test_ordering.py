"""The order panel's numbers: what is read, what is refused, what stays put."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tracker.common import clock
from tracker.common.access import principal_for
from tracker.common.exceptions import ValidationFailed
from tracker.domain.periods import Kind, period_containing
from tracker.extensions import db
from tracker.reports.build import build_period_report
from tracker.reports.ordering import ordered_groups, read_places, reorder

CURRENT = period_containing(clock.today(), Kind.QUARTER)


def test_places_are_read_from_the_order_fields_only():
    form = {"order-7": " 2 ", "order-9": "1", "csrf_token": "x", "order-x": "3", "other-4": "5"}
    assert read_places(form) == {7: 2, 9: 1}
    assert read_places({"order-1": "9999"}) == {1: 9999}


@pytest.mark.parametrize("value", ["0", "10000", "-1", "1.5", "", "hai"])
def test_a_place_outside_1_to_9999_is_refused_on_its_field(value):
    with pytest.raises(ValidationFailed) as refused:
        read_places({"order-1": "1", "order-12": value})
    assert refused.value.field == "order-12" and "từ 1 đến 9999" in refused.value.message


@pytest.fixture
def plan(world):
    """Three tasks planned for next quarter, by deadline; one carried-over task."""
    due = CURRENT.next().end
    tasks = [
        world.task(title=f"Kế hoạch {n}", planned=CURRENT.next().code, due=due - timedelta(n))
        for n in (3, 2, 1)
    ]
    world.task(title="Việc còn dở", due=CURRENT.start)
    return tasks


def test_only_the_plans_own_items_are_ordered_and_ties_keep_their_order(plan, world):
    director = principal_for(world.users["director"])
    report = build_period_report(director, CURRENT)
    ((heading, items, column),) = ordered_groups(report)
    assert column == "plan_order"  # apart from the task's place among its section's results
    assert (
        heading
        == f"Phương hướng, nhiệm vụ {CURRENT.next().label[0].lower()}{CURRENT.next().label[1:]}"
    )
    assert [i for i, _ in items] == [t.id for t in plan]  # carried-over work is not in it
    a, b, c = plan
    assert reorder(director, report, {c.id: 1, a.id: 2}) == 3  # b (no number) keeps place 2
    db.session.commit()
    report = build_period_report(director, CURRENT)
    assert [p.task_id for p in report.plan if not p.carried_over] == [c.id, a.id, b.id]
    assert [(t.plan_order, t.report_order) for t in plan] == [(2, None), (3, None), (1, None)]
    assert reorder(director, report, {c.id: 1, a.id: 1, b.id: 1}) == 0  # all tied: unchanged


def test_an_item_not_in_the_report_is_refused_and_nothing_moves(plan, world):
    director = principal_for(world.users["director"])
    report = build_period_report(director, CURRENT)
    stranger = world.task(title="Kỳ khác", planned=CURRENT.next().next().code)
    with pytest.raises(ValidationFailed) as refused:
        reorder(director, report, {plan[2].id: 1, stranger.id: 2})
    assert refused.value.field == f"order-{stranger.id}"
    db.session.rollback()
    assert all(t.report_order is None for t in plan)
