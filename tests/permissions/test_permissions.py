"""The permission rules, table-driven: every role against every action (pure, no database)."""

import pytest

from tracker.permissions import ANONYMOUS, Action, TaskRef, build_principal, can

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
# A task led by team A1, supported by division B, assigned to staff_a.
TASK = TaskRef(lead_unit_id=4, assignee_id=14, support_unit_ids=frozenset({3}))

T, F = True, False
TASK_TABLE = {
    #             view edit  progress due  confirm ext_req ext_dec remind
    "admin": (T, T, T, T, T, F, T, T),
    "director": (T, T, T, T, T, F, T, T),
    "viewer": (T, F, F, F, F, F, F, F),
    "head_a": (T, T, T, F, F, T, F, F),
    "staff_a": (T, F, T, F, F, T, F, F),
    "head_b": (T, F, F, F, F, F, F, F),
    "staff_b": (T, F, F, F, F, F, F, F),
    "viewer_b": (T, F, F, F, F, F, F, F),
}
TASK_ACTIONS = (
    Action.VIEW_TASK,
    Action.EDIT_TASK,
    Action.UPDATE_PROGRESS,
    Action.MOVE_DUE_DATE,
    Action.CONFIRM_TASK,
    Action.REQUEST_EXTENSION,
    Action.DECIDE_EXTENSION,
    Action.REMIND,
)
GLOBAL_TABLE = {
    #             report edit_report import documents administer create(any)
    "admin": (T, T, T, T, T, T),
    "director": (T, T, T, T, F, T),
    "viewer": (T, F, F, F, F, F),
    "head_a": (T, F, F, T, F, T),
    "staff_a": (T, F, F, F, F, F),
    "head_b": (T, F, F, T, F, T),
    "staff_b": (T, F, F, F, F, F),
    "viewer_b": (T, F, F, F, F, F),
}
GLOBAL_ACTIONS = (
    Action.VIEW_REPORT,
    Action.EDIT_REPORT,
    Action.IMPORT,
    Action.MANAGE_DOCUMENTS,
    Action.ADMINISTER,
    Action.CREATE_TASK,
)


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


def test_tables_cover_every_action():
    assert set(TASK_ACTIONS) | set(GLOBAL_ACTIONS) == set(Action)


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
