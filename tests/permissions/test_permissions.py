"""The permission rules, table-driven: every role against every action (pure, no database)."""

import pytest

from tracker.domain.workflow import BY_NAME
from tracker.permissions import (
    ANONYMOUS,
    Action,
    DocumentRef,
    TaskRef,
    build_principal,
    can,
    may_move,
    registering_unit,
)

# Unit tree: 1 department > 2 division A > 4 team A1; 1 > 3 division B.
UNITS = [(1, None), (2, 1), (3, 1), (4, 2)]
PEOPLE = {
    "admin": (10, [("admin", 1)]),
    "director": (11, [("director", 1)]),
    "viewer": (12, [("viewer", 1)]),
    "head_a": (13, [("head", 2)]),
    "staff_a": (14, [("staff", 2)]),
    "head_b": (15, [("head", 3)]),
    "staff_b": (16, [("staff", 3)]),
    "viewer_b": (17, [("viewer", 3)]),
}
# A task led by team A1, supported by division B, assigned to staff_a, assigned by head_b.
TASK = TaskRef(lead_unit_id=4, assignee_id=14, support_unit_ids=frozenset({3}), created_by_id=15)
DONE_TASK = TaskRef(lead_unit_id=4, assignee_id=14, support_unit_ids=frozenset({3}), status="done")

T, F = True, False
TASK_TABLE = {
    #          view edit progress outcome due confirm cancel ext_req ext_dec remind
    "admin": (T, T, T, T, T, T, T, F, T, T),
    "director": (T, T, T, T, T, T, T, F, T, T),
    "viewer": (T, F, F, F, F, F, F, F, F, F),
    "head_a": (T, T, T, T, F, F, F, T, F, F),
    "staff_a": (T, F, T, T, F, F, F, T, F, F),
    "head_b": (T, F, F, F, F, F, T, F, F, F),  # head_b assigned it: may cancel it
    "staff_b": (T, F, F, F, F, F, F, F, F, F),
    "viewer_b": (T, F, F, F, F, F, F, F, F, F),
}
TASK_ACTIONS = (
    Action.VIEW_TASK,
    Action.EDIT_TASK,
    Action.UPDATE_PROGRESS,
    Action.EDIT_OUTCOME,
    Action.MOVE_DUE_DATE,
    Action.CONFIRM_TASK,
    Action.CANCEL_TASK,
    Action.REQUEST_EXTENSION,
    Action.DECIDE_EXTENSION,
    Action.REMIND,
)
# A confirmed task: its unit still adds notes and evidence, but only leaders change its outcome.
DONE_TABLE = {
    #          progress outcome
    "admin": (T, T),
    "director": (T, T),
    "viewer": (F, F),
    "head_a": (T, F),
    "staff_a": (T, F),
    "head_b": (F, F),
    "staff_b": (F, F),
    "viewer_b": (F, F),
}
# Documents registered by division A, by division B, and the department's own (no unit).
DOCUMENT_TABLE = {
    #          by A by B department's
    "admin": (T, T, T),
    "director": (T, T, T),
    "viewer": (F, F, F),
    "head_a": (T, F, F),
    "staff_a": (F, F, F),
    "head_b": (F, T, F),
    "staff_b": (F, F, F),
    "viewer_b": (F, F, F),
}
DOCUMENTS = (DocumentRef(2), DocumentRef(3), DocumentRef(None))
GLOBAL_TABLE = {
    #          report edit_report import registry documents administer create(any)
    "admin": (T, T, T, T, T, T, T),
    "director": (T, T, T, T, T, F, T),
    "viewer": (T, F, F, T, F, F, F),
    "head_a": (T, F, F, T, T, F, T),
    "staff_a": (T, F, F, T, F, F, F),
    "head_b": (T, F, F, T, T, F, T),
    "staff_b": (T, F, F, T, F, F, F),
    "viewer_b": (T, F, F, T, F, F, F),
}
GLOBAL_ACTIONS = (
    Action.VIEW_REPORT,
    Action.EDIT_REPORT,
    Action.IMPORT,
    Action.READ_REGISTRY,
    Action.MANAGE_DOCUMENTS,
    Action.ADMINISTER,
    Action.CREATE_TASK,
)


# Issuing the report of the department (1), of division A (2), of division B (3); then
# reading an issued report of each: the department's goes to all of it, a division's to
# those who see the division.
REPORT_TABLE = {
    #          issue 1 2 3   read 1 2 3
    "admin": ((T, T, T), (T, T, T)),
    "director": ((T, T, T), (T, T, T)),
    "viewer": ((F, F, F), (T, T, T)),
    "head_a": ((F, F, F), (T, T, F)),
    "staff_a": ((F, F, F), (T, T, F)),
    "head_b": ((F, F, F), (T, F, T)),
    "staff_b": ((F, F, F), (T, F, T)),
    "viewer_b": ((F, F, F), (T, F, T)),
}
# Without a unit: whether one may issue any report at all, read any issued one.
ANY_REPORT = {"admin": (T, T), "director": (T, T), "viewer": (F, T), "head_a": (F, T)}


def principal(key):
    user_id, grants = PEOPLE[key]
    return build_principal(user_id, grants, UNITS)


@pytest.mark.parametrize("key", PEOPLE)
def test_task_actions(key):
    got = tuple(can(principal(key), action, TASK) for action in TASK_ACTIONS)
    assert got == TASK_TABLE[key]


@pytest.mark.parametrize("key", PEOPLE)
def test_global_actions(key):
    got = tuple(can(principal(key), action) for action in GLOBAL_ACTIONS)
    assert got == GLOBAL_TABLE[key]


@pytest.mark.parametrize("key", PEOPLE)
def test_a_confirmed_task_is_closed_to_its_unit(key):
    actions = (Action.UPDATE_PROGRESS, Action.EDIT_OUTCOME)
    got = tuple(can(principal(key), action, DONE_TASK) for action in actions)
    assert got == DONE_TABLE[key]


@pytest.mark.parametrize("key", PEOPLE)
def test_a_document_is_corrected_by_the_unit_that_registered_it_and_the_leaders(key):
    got = tuple(can(principal(key), Action.EDIT_DOCUMENT, document=d) for d in DOCUMENTS)
    assert got == DOCUMENT_TABLE[key]


@pytest.mark.parametrize("key", PEOPLE)
def test_the_director_issues_and_those_who_see_a_unit_read_its_issued_reports(key):
    who = principal(key)
    issue = tuple(can(who, Action.ISSUE_REPORT, unit_id=unit) for unit in (1, 2, 3))
    read = tuple(can(who, Action.READ_ISSUED, unit_id=unit) for unit in (1, 2, 3))
    assert (issue, read) == REPORT_TABLE[key]


@pytest.mark.parametrize("key", ANY_REPORT)
def test_without_a_unit_issuing_is_for_leaders_and_reading_for_everyone(key):
    who = principal(key)
    assert (can(who, Action.ISSUE_REPORT), can(who, Action.READ_ISSUED)) == ANY_REPORT[key]


# Without a task: whether a list offers the action on several tasks at once.
ON_SOME_TASK = {
    #          edit  due  confirm remind decide
    "admin": (T, T, T, T, T),
    "director": (T, T, T, T, T),
    "viewer": (F, F, F, F, F),
    "head_a": (T, F, F, F, F),
    "staff_a": (F, F, F, F, F),
    "head_b": (T, F, F, F, F),
    "staff_b": (F, F, F, F, F),
    "viewer_b": (F, F, F, F, F),
}
SOME_TASK_ACTIONS = (
    Action.EDIT_TASK,
    Action.MOVE_DUE_DATE,
    Action.CONFIRM_TASK,
    Action.REMIND,
    Action.DECIDE_EXTENSION,
)


@pytest.mark.parametrize("key", PEOPLE)
def test_without_a_task_the_task_actions_say_whether_any_task_is_open_to_them(key):
    got = tuple(can(principal(key), action) for action in SOME_TASK_ACTIONS)
    assert got == ON_SOME_TASK[key]


# Chỉ tiêu: setting them up (leaders), and entering the figures of an indicator owned by
# the department (1), division A (2), division B (3), team A1 (4).
INDICATOR_TABLE = {
    #          manage  figures of 1 2 3 4   any
    "admin": (T, (T, T, T, T), T),
    "director": (T, (T, T, T, T), T),
    "viewer": (F, (F, F, F, F), F),
    "head_a": (F, (F, T, F, T), T),
    "staff_a": (F, (F, T, F, T), T),
    "head_b": (F, (F, F, T, F), T),
    "staff_b": (F, (F, F, T, F), T),
    "viewer_b": (F, (F, F, F, F), F),
}


@pytest.mark.parametrize("key", PEOPLE)
def test_leaders_set_indicators_up_and_the_owning_unit_enters_their_figures(key):
    who = principal(key)
    got = (
        can(who, Action.MANAGE_INDICATORS),
        tuple(can(who, Action.ENTER_FIGURES, unit_id=unit) for unit in (1, 2, 3, 4)),
        can(who, Action.ENTER_FIGURES),
    )
    assert got == INDICATOR_TABLE[key]


def test_tables_cover_every_action():
    covered = set(TASK_ACTIONS) | set(GLOBAL_ACTIONS)
    covered |= {Action.EDIT_DOCUMENT, Action.ISSUE_REPORT, Action.READ_ISSUED}
    covered |= {Action.MANAGE_INDICATORS, Action.ENTER_FIGURES}
    assert covered == set(Action)


@pytest.mark.parametrize(
    ("key", "unit"),
    [("admin", 1), ("director", 1), ("head_a", 2), ("head_b", 3), ("staff_a", None)],
)
def test_a_new_document_is_registered_in_the_name_of_the_unit_one_manages(key, unit):
    assert registering_unit(principal(key)) == unit


def test_a_leader_registers_for_the_department_even_when_also_a_head():
    both = build_principal(20, [("head", 3), ("director", 1)], UNITS)
    assert registering_unit(both) == 1
    heads_two = build_principal(21, [("head", 3), ("head", 2)], UNITS)
    assert registering_unit(heads_two) == 2


@pytest.mark.parametrize(
    ("move", "allowed"),
    [
        ("finish", {"admin", "director", "head_a", "staff_a"}),
        ("confirm", {"admin", "director"}),
        ("cancel", {"admin", "director", "head_b"}),
        ("cancel_done", {"admin", "director"}),
    ],
)
def test_who_may_make_each_move_of_the_workflow(move, allowed):
    ref = DONE_TASK if move == "cancel_done" else TASK
    got = {key for key in PEOPLE if may_move(principal(key), ref, BY_NAME[move])}
    assert got == allowed


def test_the_assigner_may_not_cancel_once_the_task_is_confirmed():
    assigned = TaskRef(lead_unit_id=4, status="done", created_by_id=15)
    assert not may_move(principal("head_b"), assigned, BY_NAME["cancel_done"])
    assert may_move(
        principal("head_b"), TaskRef(lead_unit_id=4, created_by_id=15), BY_NAME["cancel"]
    )


def test_a_role_reaches_the_whole_subtree_and_nothing_else():
    head_a = principal("head_a")
    assert head_a.units_for() == frozenset()
    assert head_a.visible_units == {2, 4}
    assert can(head_a, Action.CREATE_TASK, unit_id=4)
    assert not can(head_a, Action.CREATE_TASK, unit_id=3)
    assert principal("director").sees_everything and not head_a.sees_everything


def test_outsiders_do_not_see_a_task_of_another_unit():
    other = TaskRef(lead_unit_id=2)
    assert not can(principal("head_b"), Action.VIEW_TASK, other)
    assert not can(principal("viewer_b"), Action.VIEW_TASK, other)
    assert can(principal("viewer"), Action.VIEW_TASK, other)


def test_anonymous_may_do_nothing():
    assert not any(can(ANONYMOUS, action, TASK) for action in Action)
    assert not any(can(ANONYMOUS, action) for action in Action)
    assert not any(can(ANONYMOUS, action, document=DocumentRef(None)) for action in Action)


@pytest.mark.parametrize("key", PEOPLE)
def test_an_action_about_no_task_ignores_the_task_given(key):
    who = principal(key)
    for action in GLOBAL_ACTIONS:
        assert can(who, action, TASK) == can(who, action)
