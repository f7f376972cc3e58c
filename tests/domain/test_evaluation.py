"""Đánh giá (Decree 335/2025/NĐ-CP, Art. 14), the pure computation: the issue's worked
month, the grades at their edges, the 20 % cap, and properties over random months."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.evaluation import (
    AssignedTask,
    Grade,
    Rules,
    grade,
    task_results,
    too_many_excellent,
    total_score,
)

D = Decimal


def month(late_waived: bool = False, weights=(1, 1, 1, 1)) -> list[AssignedTask]:
    """Four tasks: done on time; handed in late; returned once then done on time; unfinished."""
    on_time, late, returned, unfinished = (D(w) for w in weights)
    return [
        AssignedTask(1, on_time, completed=True),
        AssignedTask(2, late, completed=True, delays=1, waived_delays=int(late_waived)),
        AssignedTask(3, returned, completed=True, returns=1),
        AssignedTask(4, unfinished, completed=False),
    ]


def test_the_worked_month():
    got = task_results(month())
    assert (got.quantity, got.quality, got.progress) == (D("75.00"), D("68.75"), D("68.75"))
    assert got.score == D("49.58")


def test_an_accepted_objective_cause_waives_the_delay():
    got = task_results(month(late_waived=True))
    assert (got.quantity, got.quality, got.progress) == (D("75.00"), D("68.75"), D("75.00"))
    assert got.score == D("51.04")
    total = total_score(got.score, D(27))
    assert (total, grade(total)) == (D("78.04"), Grade.GOOD)


def test_every_deduction_is_a_line_with_what_it_costs():
    lines = task_results(month()).deductions
    assert [(d.task_id, d.kind, d.points, d.waived) for d in lines] == [
        (2, "late", D("1.46"), False),  # 70/3 × 0.25 × 1/4
        (3, "return", D("1.46"), False),
    ]
    waived = task_results(month(late_waived=True)).deductions
    assert [(d.task_id, d.kind, d.points, d.waived) for d in waived] == [
        (2, "late", D("0"), True),
        (3, "return", D("1.46"), False),
    ]


def test_weights_two_and_a_half_change_the_parts_as_the_formula_says():
    # The late task weighs 2 and the unfinished one 0.5: Σw = 4.5.
    got = task_results(month(weights=(1, 2, 1, D("0.5"))))
    assert got.quantity == D("88.89")  # 4 / 4.5
    assert got.quality == D("83.33")  # (1 + 2 + 0.75) / 4.5
    assert got.progress == D("77.78")  # (1 + 1.5 + 1) / 4.5
    assert got.score == D("58.33")  # 70 × (88.89 + 83.33 + 77.78) / 300, unrounded inside


def test_nothing_assigned_is_no_score_not_zero_nor_hundred():
    assert task_results([]) is None
    assert task_results([AssignedTask(1, D(0), completed=True)]) is None  # nothing, converted
    assert total_score(None, D(27)) is None and grade(None) is None
    assert total_score(D(50), None) is None  # the general criteria not entered yet


def test_returns_beyond_four_cost_no_more_than_the_part_is_worth():
    got = task_results([AssignedTask(9, D(1), completed=True, returns=6)])
    assert got.quality == D("0.00")
    # 70/3 × 0.25 each; after the fourth the quality part has nothing left to lose.
    assert [d.points for d in got.deductions] == [D("5.83")] * 4 + [D("0.00")] * 2


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (D("90.00"), Grade.EXCELLENT),
        (D("89.99"), Grade.GOOD),
        (D("70.00"), Grade.GOOD),
        (D("69.99"), Grade.COMPLETE),
        (D("50.00"), Grade.COMPLETE),
        (D("49.99"), Grade.INCOMPLETE),
    ],
)
def test_the_grades_at_their_edges(total, expected):
    assert grade(total) is expected


def test_excellent_may_not_exceed_a_fifth_of_good():
    five_good = [Grade.GOOD] * 5
    assert not too_many_excellent([Grade.EXCELLENT, *five_good])
    assert too_many_excellent([Grade.EXCELLENT, Grade.EXCELLENT, *five_good])
    assert too_many_excellent([Grade.EXCELLENT])  # none graded good: any excellent is over
    assert not too_many_excellent([Grade.GOOD, Grade.COMPLETE, None])


def test_the_rules_are_settings():
    finer = Rules(delay_penalty=D("0.5"))
    assert task_results(month(), finer).progress == D("62.50")  # (1 + 0.5 + 1) / 4


# -- properties over random months -----------------------------------------------------------

weights = st.decimals(min_value=D("0.1"), max_value=D(10), places=1)


@st.composite
def tasks(draw):
    made = []
    for n in range(draw(st.integers(min_value=1, max_value=8))):
        returns, delays = draw(st.integers(0, 5)), draw(st.integers(0, 2))
        made.append(
            AssignedTask(
                n,
                draw(weights),
                completed=draw(st.booleans()),
                returns=returns,
                waived_returns=draw(st.integers(0, returns)),
                delays=delays,
                waived_delays=draw(st.integers(0, delays)),
            )
        )
    return made


@given(tasks())
def test_a_score_stays_within_zero_and_seventy(month_tasks):
    got = task_results(month_tasks)
    assert D(0) <= got.score <= D(70)
    for part in (got.quantity, got.quality, got.progress):
        assert D(0) <= part <= D(100)


@given(tasks(), st.data())
def test_finishing_a_task_never_lowers_the_score(month_tasks, data):
    unfinished = [i for i, t in enumerate(month_tasks) if not t.completed]
    if not unfinished:
        return
    i = data.draw(st.sampled_from(unfinished))
    finished = list(month_tasks)
    finished[i] = AssignedTask(month_tasks[i].task_id, month_tasks[i].weight, completed=True)
    assert task_results(finished).score >= task_results(month_tasks).score


@given(tasks(), st.data())
def test_a_waiver_never_lowers_a_score(month_tasks, data):
    i = data.draw(st.integers(0, len(month_tasks) - 1))
    task = month_tasks[i]
    waived = list(month_tasks)
    waived[i] = AssignedTask(
        task.task_id,
        task.weight,
        task.completed,
        task.returns,
        task.returns,  # every return waived
        task.delays,
        task.delays,
    )
    assert task_results(waived).score >= task_results(month_tasks).score
