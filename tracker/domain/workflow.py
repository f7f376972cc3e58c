"""The task workflow: who may move a task from which status to which, and what a move needs. Pure.

One table, read by the use cases (tasks/operations.py, tasks/review.py apply it), by the task
page (which statuses its menu offers) and by the API (which refuses what the table refuses).
Who may act is named here abstractly (`Who`); permissions.py says which people that is.

- A unit's "Hoàn thành" lands on `submitted` and waits for the director's confirmation; a
  leader's own "done" needs none (CONTRACT.md "Task states").
- Finishing needs a result text: it is what the report carries as the achievement.
- A confirmed task is closed: only a leader reopens, cancels or sends it back.
- Cancelling and restoring belong to a leader or to whoever assigned the task.
- Returning a submission needs a reason, and is its own action (never a plain status change).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.timeliness import FINISHED, OPEN, Status

# The order a status menu lists them in.
MENU_ORDER = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.PAUSED,
    Status.SUBMITTED,
    Status.DONE,
    Status.CANCELLED,
)


class Who(StrEnum):
    UPDATER = "updater"  # whoever may update the task: its unit, its assignee, the leaders
    LEADER = "leader"  # whoever may confirm it: the director (or the leader in charge)
    ASSIGNER = "assigner"  # a leader, or the person who assigned the task


class Completion(StrEnum):
    SET = "set"  # the work is finished: completed on the given day, or today
    KEEP = "keep"  # the completion date stays (or takes the given day)
    CLEAR = "clear"  # the task is open (or cancelled): it has no completion date


@dataclass(frozen=True)
class Move:
    """One row of the workflow: from which statuses to which, by whom, needing what."""

    name: str
    sources: frozenset[Status]
    targets: frozenset[Status]
    who: Who
    completion: Completion
    refusal: str = "Bạn không có quyền chuyển nhiệm vụ sang trạng thái này."
    needs_result: bool = False
    needs_reason: bool = False
    # Where the move lands when made by someone who is not a leader (their "done" awaits).
    unit_lands_on: Status | None = None
    kind: str = "updated"  # the history entry's kind
    # Made only by its own action (a button, an endpoint), never by choosing a status.
    explicit: bool = False
    # Offered in the status menu (submitting is offered as "Hoàn thành" instead).
    offered: bool = True


CANCEL_REFUSAL = "Chỉ lãnh đạo Sở hoặc người giao nhiệm vụ được hủy hay khôi phục nhiệm vụ."
CLOSED_REFUSAL = "Nhiệm vụ đã được xác nhận hoàn thành; chỉ lãnh đạo Sở sửa được."
CONFIRM_REFUSAL = "Chỉ lãnh đạo Sở xác nhận hoàn thành."
RETURN_REFUSAL = "Chỉ lãnh đạo Sở trả lại nhiệm vụ."

MOVES: tuple[Move, ...] = (
    Move("work", OPEN, OPEN, Who.UPDATER, Completion.CLEAR),
    Move(
        "submit",
        OPEN,
        frozenset({Status.SUBMITTED}),
        Who.UPDATER,
        Completion.SET,
        needs_result=True,
        kind="submitted",
        offered=False,
    ),
    Move(
        "finish",
        OPEN,
        frozenset({Status.DONE}),
        Who.UPDATER,
        Completion.SET,
        needs_result=True,
        unit_lands_on=Status.SUBMITTED,
    ),
    Move(
        "confirm",
        frozenset({Status.SUBMITTED}),
        frozenset({Status.DONE}),
        Who.LEADER,
        Completion.KEEP,
        refusal=CONFIRM_REFUSAL,
        needs_result=True,
        kind="confirmed",
    ),
    Move(
        "return",
        frozenset({Status.SUBMITTED}),
        frozenset({Status.IN_PROGRESS}),
        Who.LEADER,
        Completion.CLEAR,
        refusal=RETURN_REFUSAL,
        needs_reason=True,
        kind="returned",
        explicit=True,
    ),
    # The unit takes back what it handed in, before the director has looked at it.
    Move("withdraw", frozenset({Status.SUBMITTED}), OPEN, Who.UPDATER, Completion.CLEAR),
    Move("reopen", frozenset({Status.DONE}), OPEN, Who.LEADER, Completion.CLEAR, CLOSED_REFUSAL),
    Move(
        "unconfirm",
        frozenset({Status.DONE}),
        frozenset({Status.SUBMITTED}),
        Who.LEADER,
        Completion.KEEP,
        CLOSED_REFUSAL,
        needs_result=True,
        kind="submitted",
        offered=False,
    ),
    Move(
        "cancel",
        OPEN | {Status.SUBMITTED},
        frozenset({Status.CANCELLED}),
        Who.ASSIGNER,
        Completion.CLEAR,
        CANCEL_REFUSAL,
    ),
    Move(
        "cancel_done",
        frozenset({Status.DONE}),
        frozenset({Status.CANCELLED}),
        Who.LEADER,
        Completion.CLEAR,
        CLOSED_REFUSAL,
    ),
    Move(
        "restore",
        frozenset({Status.CANCELLED}),
        OPEN,
        Who.ASSIGNER,
        Completion.CLEAR,
        CANCEL_REFUSAL,
    ),
    Move(
        "restore_finished",
        frozenset({Status.CANCELLED}),
        FINISHED,
        Who.ASSIGNER,
        Completion.SET,
        CANCEL_REFUSAL,
        needs_result=True,
        unit_lands_on=Status.SUBMITTED,
        offered=False,
    ),
)
BY_NAME = {move.name: move for move in MOVES}


def transition(source: Status | str, target: Status | str) -> Move | None:
    """The move a status change from `source` to `target` makes (None: no change)."""
    source, target = Status(source), Status(target)
    if source == target:
        return None
    for move in MOVES:
        if not move.explicit and source in move.sources and target in move.targets:
            return move
    raise LookupError(f"no move from {source} to {target}")  # the table covers every pair


def landing(move: Move, target: Status | str, leader: bool) -> Status:
    """Where the move ends for this actor: a unit's "done" waits for confirmation."""
    if move.unit_lands_on is not None and not leader:
        return move.unit_lands_on
    return Status(target)


def history_kind(move: Move | None, landed: Status) -> str:
    """How the history names the change (a unit's "done" is a submission)."""
    if move is None:
        return "updated"
    if landed == Status.SUBMITTED and move.kind == "updated":
        return "submitted"
    return move.kind


def menu(source: Status | str, permitted) -> list[Status]:
    """The statuses a status menu offers: the current one and every move `permitted(move)`."""
    source = Status(source)
    offered = []
    for status in MENU_ORDER:
        if status == source:
            offered.append(status)
            continue
        move = transition(source, status)
        if move is not None and move.offered and permitted(move):
            offered.append(status)
    return offered
