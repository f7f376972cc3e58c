"""Đánh giá, xếp loại chất lượng công chức (Decree 335/2025/NĐ-CP, in force 01/01/2026):
an official's task results of a month or a quarter, from the tasks assigned to them. Pure.

The scale is 100 points: the general criteria (tiêu chí chung, 30 points, entered by the
evaluator) and the task results (kết quả thực hiện nhiệm vụ, 70 points). Article 14 rules the
task results: the products/works completed are compared with those assigned, both
converted by a weight (đã quy đổi), through
- quantity (khoản 2 điểm a): the completed weight over the assigned weight;
- quality (điểm b): the same, each completed product losing 25 % of its quality points for
  each review it failed (a return), unless the cause was objective and accepted;
- progress (điểm c): the same, each product losing 25 % of its progress points for each
  delay, with the same exception.
The product's defaults, each a setting (`Rules`): one delay per late product; the three
parts weigh alike, so the task-result score is 70 × (quantity + quality + progress) / 300.

The grades are the decree's levels for civil servants: 90 points and over "hoàn thành xuất
sắc", 70 to under 90 "hoàn thành tốt", 50 to under 70 "hoàn thành", under 50 "không hoàn
thành"; and "xuất sắc" may not exceed 20 % of those graded "tốt" in one unit (its khoản 5a).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
CENTS = Decimal("0.01")


class Grade(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"


GRADE_LABELS_VI = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.COMPLETE: "Hoàn thành nhiệm vụ",
    Grade.INCOMPLETE: "Không hoàn thành nhiệm vụ",
}


@dataclass(frozen=True)
class Rules:
    """The computation's settings; the defaults follow the decree (see the module)."""

    task_points: Decimal = Decimal(70)
    general_points: Decimal = Decimal(30)
    return_penalty: Decimal = Decimal("0.25")  # Art. 14(2)(b): each failed review
    delay_penalty: Decimal = Decimal("0.25")  # Art. 14(2)(c): each delay
    part_weights: tuple[Decimal, Decimal, Decimal] = (Decimal(1), Decimal(1), Decimal(1))
    thresholds: tuple[Decimal, Decimal, Decimal] = (Decimal(90), Decimal(70), Decimal(50))
    excellent_share_of_good: Decimal = Decimal("0.20")  # khoản 5a


DECREE_335 = Rules()


@dataclass(frozen=True)
class AssignedTask:
    """One task of the assigned set: its weight and what became of it in the period."""

    task_id: int
    weight: Decimal
    completed: bool  # completed within the period and confirmed
    returns: int = 0  # reviews it failed (returns), whether waived or not
    waived_returns: int = 0  # of those, the ones with an accepted objective cause
    delays: int = 0  # 1 when completed after its deadline (the default reading)
    waived_delays: int = 0


@dataclass(frozen=True)
class Deduction:
    task_id: int
    kind: str  # "return" or "late"
    points: Decimal  # of the 70 task-result points this one costs (0 when waived)
    waived: bool


@dataclass(frozen=True)
class TaskResults:
    assigned: Decimal  # Σ weights of the assigned set
    completed: Decimal
    quantity: Decimal  # percentages, two decimals
    quality: Decimal
    progress: Decimal
    score: Decimal  # of 70, two decimals
    deductions: list[Deduction] = field(default_factory=list)


def task_results(tasks: Sequence[AssignedTask], rules: Rules = DECREE_335) -> TaskResults | None:
    """The task-result part of the sheet; None when nothing was assigned in the period
    ("không có nhiệm vụ trong kỳ": neither 0 nor 100)."""
    total = sum((t.weight for t in tasks), Decimal(0))
    if not tasks or total <= 0:
        return None
    done = quality = progress = Decimal(0)
    deductions: list[Deduction] = []
    worth = _part_worth(total, rules)
    for task in tasks:
        if not task.completed:
            continue  # an unfinished task scores nothing in any part
        done += task.weight
        counted_returns = task.returns - task.waived_returns
        counted_delays = task.delays - task.waived_delays
        quality += task.weight * max(Decimal(0), 1 - rules.return_penalty * counted_returns)
        progress += task.weight * max(Decimal(0), 1 - rules.delay_penalty * counted_delays)
        each_return = task.weight * rules.return_penalty * worth[1]
        each_delay = task.weight * rules.delay_penalty * worth[2]
        whole = (task.weight * worth[1], task.weight * worth[2])  # what the part can lose
        deductions += _lines(task, "return", task.waived_returns, each_return, whole[0])
        deductions += _lines(task, "late", task.waived_delays, each_delay, whole[1])
    parts = [done / total * HUNDRED, quality / total * HUNDRED, progress / total * HUNDRED]
    weights = rules.part_weights
    score = (
        rules.task_points
        * sum((p * w for p, w in zip(parts, weights, strict=True)), Decimal(0))
        / (HUNDRED * sum(weights))
    )
    return TaskResults(
        assigned=total,
        completed=done,
        quantity=_cents(parts[0]),
        quality=_cents(parts[1]),
        progress=_cents(parts[2]),
        score=_cents(score),
        deductions=deductions,
    )


def _part_worth(total: Decimal, rules: Rules) -> tuple[Decimal, Decimal, Decimal]:
    """How many of the 70 points a unit of weight is worth in each part."""
    weights = rules.part_weights
    share = rules.task_points / sum(weights)
    return tuple(share * w / total for w in weights)  # type: ignore[return-value]


def _lines(task: AssignedTask, kind: str, waived: int, each: Decimal, whole: Decimal):
    """A line per return or delay, the waived ones first (costing nothing); the lines of a
    part never cost more than the part is worth (the quality and progress floors at 0)."""
    count = task.returns if kind == "return" else task.delays
    left = whole
    for n in range(count):
        if n < waived:
            yield Deduction(task.task_id, kind, Decimal(0), True)
            continue
        cost = min(each, left)
        left -= cost
        yield Deduction(task.task_id, kind, _cents(cost), False)


def total_score(task_score: Decimal | None, general: Decimal | None) -> Decimal | None:
    """Task results plus general criteria, two decimals; None while either is missing."""
    if task_score is None or general is None:
        return None
    return _cents(task_score + general)


def grade(total: Decimal | None, rules: Rules = DECREE_335) -> Grade | None:
    """The level a total earns (the decree's thresholds); None without a total."""
    if total is None:
        return None
    excellent, good, complete = rules.thresholds
    if total >= excellent:
        return Grade.EXCELLENT
    if total >= good:
        return Grade.GOOD
    if total >= complete:
        return Grade.COMPLETE
    return Grade.INCOMPLETE


def too_many_excellent(grades: Iterable[Grade | None], rules: Rules = DECREE_335) -> bool:
    """Whether a unit's "xuất sắc" exceed the share of its "tốt" the decree allows."""
    grades = list(grades)
    excellent = sum(1 for g in grades if g is Grade.EXCELLENT)
    good = sum(1 for g in grades if g is Grade.GOOD)
    return excellent > rules.excellent_share_of_good * good


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)
