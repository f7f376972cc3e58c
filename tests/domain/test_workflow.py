"""The task workflow table (domain/workflow.py), written out pair by pair."""

from __future__ import annotations

import pytest

from tracker.domain import workflow
from tracker.domain.timeliness import Status
from tracker.domain.workflow import BY_NAME, Completion, Who

NS, IP, PA, SU, DO, CA = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.PAUSED,
    Status.SUBMITTED,
    Status.DONE,
    Status.CANCELLED,
)
S, K, C = Completion.SET, Completion.KEEP, Completion.CLEAR
U, L, A = Who.UPDATER, Who.LEADER, Who.ASSIGNER

# (source, target): move, who, completion, needs a result, where a unit lands, history kind
# (as made by a unit, then by a leader).
TABLE = {
    (NS, IP): ("work", U, C, False, IP, ("updated", "updated")),
    (NS, PA): ("work", U, C, False, PA, ("updated", "updated")),
    (IP, NS): ("work", U, C, False, NS, ("updated", "updated")),
    (IP, PA): ("work", U, C, False, PA, ("updated", "updated")),
    (PA, NS): ("work", U, C, False, NS, ("updated", "updated")),
    (PA, IP): ("work", U, C, False, IP, ("updated", "updated")),
    (NS, SU): ("submit", U, S, True, SU, ("submitted", "submitted")),
    (IP, SU): ("submit", U, S, True, SU, ("submitted", "submitted")),
    (PA, SU): ("submit", U, S, True, SU, ("submitted", "submitted")),
    (NS, DO): ("finish", U, S, True, SU, ("submitted", "updated")),
    (IP, DO): ("finish", U, S, True, SU, ("submitted", "updated")),
    (PA, DO): ("finish", U, S, True, SU, ("submitted", "updated")),
    (SU, DO): ("confirm", L, K, True, DO, ("confirmed", "confirmed")),
    (SU, NS): ("withdraw", U, C, False, NS, ("updated", "updated")),
    (SU, IP): ("withdraw", U, C, False, IP, ("updated", "updated")),
    (SU, PA): ("withdraw", U, C, False, PA, ("updated", "updated")),
    (DO, NS): ("reopen", L, C, False, NS, ("updated", "updated")),
    (DO, IP): ("reopen", L, C, False, IP, ("updated", "updated")),
    (DO, PA): ("reopen", L, C, False, PA, ("updated", "updated")),
    (DO, SU): ("unconfirm", L, K, True, SU, ("submitted", "submitted")),
    (NS, CA): ("cancel", A, C, False, CA, ("updated", "updated")),
    (IP, CA): ("cancel", A, C, False, CA, ("updated", "updated")),
    (PA, CA): ("cancel", A, C, False, CA, ("updated", "updated")),
    (SU, CA): ("cancel", A, C, False, CA, ("updated", "updated")),
    (DO, CA): ("cancel_done", L, C, False, CA, ("updated", "updated")),
    (CA, NS): ("restore", A, C, False, NS, ("updated", "updated")),
    (CA, IP): ("restore", A, C, False, IP, ("updated", "updated")),
    (CA, PA): ("restore", A, C, False, PA, ("updated", "updated")),
    (CA, SU): ("restore_finished", A, S, True, SU, ("submitted", "submitted")),
    (CA, DO): ("restore_finished", A, S, True, SU, ("submitted", "updated")),
}


def test_the_table_covers_every_change_of_status():
    pairs = {(s, t) for s in Status for t in Status if s != t}
    assert set(TABLE) == pairs


@pytest.mark.parametrize(("pair", "expected"), TABLE.items(), ids=lambda v: str(v))
def test_each_change_of_status_makes_its_move(pair, expected):
    name, who, completion, needs_result, unit_lands, kinds = expected
    source, target = pair
    move = workflow.transition(source, target)
    assert (move.name, move.who, move.completion, move.needs_result) == (
        name,
        who,
        completion,
        needs_result,
    )
    assert not move.needs_reason and not move.explicit
    assert workflow.landing(move, target, leader=False) == unit_lands
    assert workflow.landing(move, target, leader=True) == target
    by_unit = workflow.history_kind(move, workflow.landing(move, target, leader=False))
    by_leader = workflow.history_kind(move, workflow.landing(move, target, leader=True))
    assert (by_unit, by_leader) == kinds


def test_no_change_is_no_move():
    for status in Status:
        assert workflow.transition(status, status) is None
    assert workflow.history_kind(None, IP) == "updated"


def test_statuses_are_read_from_their_names():
    assert workflow.transition("submitted", "done") is BY_NAME["confirm"]


def test_returning_a_submission_is_its_own_action_and_needs_a_reason():
    move = BY_NAME["return"]
    assert move.explicit and move.needs_reason and move.who is Who.LEADER
    assert (move.sources, move.targets, move.kind) == ({SU}, {IP}, "returned")
    assert move.completion is Completion.CLEAR
    # Choosing "in progress" on a submission is the unit withdrawing it, never a return.
    assert workflow.transition(SU, IP) is BY_NAME["withdraw"]


def test_refusals_name_who_may():
    assert BY_NAME["confirm"].refusal == "Chỉ lãnh đạo Sở xác nhận hoàn thành."
    assert BY_NAME["return"].refusal == "Chỉ lãnh đạo Sở trả lại nhiệm vụ."
    assert "người giao nhiệm vụ" in BY_NAME["cancel"].refusal
    assert BY_NAME["reopen"].refusal == BY_NAME["cancel_done"].refusal == workflow.CLOSED_REFUSAL


def everyone(_move) -> bool:
    return True


def updaters_only(move) -> bool:
    return move.who is Who.UPDATER


@pytest.mark.parametrize(
    ("source", "permitted", "offered"),
    [
        (IP, everyone, [NS, IP, PA, DO, CA]),
        (IP, updaters_only, [NS, IP, PA, DO]),
        (SU, everyone, [NS, IP, PA, SU, DO, CA]),
        (SU, updaters_only, [NS, IP, PA, SU]),
        (DO, everyone, [NS, IP, PA, DO, CA]),
        (DO, updaters_only, [DO]),
        (CA, everyone, [NS, IP, PA, CA]),
        (CA, updaters_only, [CA]),
    ],
)
def test_the_status_menu_offers_the_current_status_and_what_the_actor_may_do(
    source, permitted, offered
):
    assert workflow.menu(source, permitted) == offered


def test_an_unknown_pair_is_a_bug_not_a_silent_no():
    with pytest.raises(ValueError):
        workflow.transition("not_a_status", "done")
