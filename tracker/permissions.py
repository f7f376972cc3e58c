"""Who may do what: the only place the rules of roles, units, tasks and documents live.

A role is granted on a unit and reaches that unit's whole subtree. The rules themselves
(`can`) are pure: they look at a `Principal` (the units each role reaches) and a `TaskRef`
or a `DocumentRef`; common/access.py builds the principal from the database once per
request. Who may make each move of the task workflow (domain/workflow.py) is said here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tracker.domain.timeliness import Status
from tracker.domain.workflow import Move, Who


class Role(StrEnum):
    ADMIN = "admin"
    DIRECTOR = "director"
    HEAD = "head"
    STAFF = "staff"
    VIEWER = "viewer"


class Action(StrEnum):
    VIEW_TASK = "view_task"
    CREATE_TASK = "create_task"
    EDIT_TASK = "edit_task"  # title, description, section, units, assignee, documents
    UPDATE_PROGRESS = "update_progress"  # notes, evidence; and the outcome while open
    EDIT_OUTCOME = "edit_outcome"  # status, progress, result, completion date
    MOVE_DUE_DATE = "move_due_date"
    CONFIRM_TASK = "confirm_task"  # confirm a submitted task, or return it
    CANCEL_TASK = "cancel_task"  # cancel or restore a task
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    REMIND = "remind"
    VIEW_REPORT = "view_report"
    EDIT_REPORT = "edit_report"
    ISSUE_REPORT = "issue_report"  # chốt và phát hành a unit's report (in `unit_id`)
    READ_ISSUED = "read_issued"  # an issued report of a unit (in `unit_id`)
    IMPORT = "import"  # plans and past reports
    READ_REGISTRY = "read_registry"  # the document registry and the directive view
    MANAGE_DOCUMENTS = "manage_documents"  # register new documents
    EDIT_DOCUMENT = "edit_document"  # correct a registered document, replace its file, delete it
    ADMINISTER = "administer"  # units, people, sections, issuers, settings
    MANAGE_INDICATORS = "manage_indicators"  # set up chỉ tiêu and their targets
    ENTER_FIGURES = "enter_figures"  # a chỉ tiêu's figures (of the unit in `unit_id`)


LEADERS = (Role.DIRECTOR, Role.ADMIN)
MANAGERS = (Role.DIRECTOR, Role.ADMIN, Role.HEAD)


@dataclass(frozen=True)
class TaskRef:
    """The facts about a task that permissions depend on."""

    lead_unit_id: int
    assignee_id: int | None = None
    support_unit_ids: frozenset[int] = frozenset()
    status: str = Status.NOT_STARTED
    created_by_id: int | None = None


@dataclass(frozen=True)
class DocumentRef:
    """The facts about a registered document that permissions depend on.

    `registered_by_unit_id`: the unit that registered it (None: the department's own).
    """

    registered_by_unit_id: int | None = None


@dataclass(frozen=True)
class Principal:
    """A user as the rules see them: the set of units each of their roles reaches."""

    user_id: int | None
    reach: Mapping[Role, frozenset[int]] = field(default_factory=dict)
    all_units: frozenset[int] = frozenset()
    grants: tuple[tuple[Role, int], ...] = ()
    roots: frozenset[int] = frozenset()  # the top of the tree: the department

    def units_for(self, *roles: Role) -> frozenset[int]:
        found: set[int] = set()
        for role in roles:
            found |= self.reach.get(role, frozenset())
        return frozenset(found)

    @property
    def visible_units(self) -> frozenset[int]:
        return self.units_for(*Role)

    @property
    def sees_everything(self) -> bool:
        """Whether the grants cover every unit, so lists need no unit filter at all."""
        return bool(self.all_units) and self.all_units <= self.visible_units

    def has_role(self, *roles: Role) -> bool:
        return bool(self.units_for(*roles))


ANONYMOUS = Principal(user_id=None)


def can(
    principal: Principal,
    action: Action,
    task: TaskRef | None = None,
    unit_id: int | None = None,
    document: DocumentRef | None = None,
) -> bool:
    """Whether the principal may perform `action` (on `task` or `document`, or in `unit_id`)."""
    if principal.user_id is None:
        return False
    if task is not None:
        return _can_on_task(principal, action, task)
    if document is not None:
        return _can_on_document(principal, action, document)
    if action is Action.CREATE_TASK:
        if unit_id is None:
            return principal.has_role(*MANAGERS)
        return unit_id in principal.units_for(*MANAGERS)
    if action in (Action.VIEW_REPORT, Action.READ_REGISTRY):
        return principal.has_role(*Role)
    if action is Action.ISSUE_REPORT:
        # The director issues a unit's report (the leader in charge of it, once there are
        # leaders in charge); without a unit, whether they may issue any.
        return (
            principal.has_role(*LEADERS)
            if unit_id is None
            else unit_id in principal.units_for(*LEADERS)
        )
    if action is Action.READ_ISSUED:
        # A division's report: those who see the division. The department's: everyone in it,
        # as its divisions are among its recipients ("Các phòng, đơn vị thuộc Sở").
        if unit_id is None or unit_id in principal.roots:
            return principal.has_role(*Role)
        return unit_id in principal.visible_units
    if action in (Action.EDIT_REPORT, Action.IMPORT):
        return principal.has_role(*LEADERS)
    if action is Action.MANAGE_DOCUMENTS:
        return principal.has_role(*MANAGERS)
    if action is Action.ADMINISTER:
        return principal.has_role(Role.ADMIN)
    if action is Action.MANAGE_INDICATORS:
        return principal.has_role(*LEADERS)
    if action is Action.ENTER_FIGURES:
        # The unit that owns the indicator (its head and staff, and those above them) and
        # the leaders; without a unit, whether the person enters any figures at all.
        figures = (*LEADERS, Role.HEAD, Role.STAFF)
        if unit_id is None:
            return principal.has_role(*figures)
        return unit_id in principal.units_for(*figures)
    # Without a task, the task actions ask whether the person may take them on some task
    # (what a list offers to do on several at once).
    if action is Action.EDIT_TASK:
        return principal.has_role(*MANAGERS)
    if action in (
        Action.REMIND,
        Action.CONFIRM_TASK,
        Action.DECIDE_EXTENSION,
        Action.MOVE_DUE_DATE,
    ):
        return principal.has_role(*LEADERS)
    return False


def _can_on_task(principal: Principal, action: Action, task: TaskRef) -> bool:
    lead = task.lead_unit_id
    is_assignee = task.assignee_id is not None and task.assignee_id == principal.user_id
    leads = lead in principal.units_for(*LEADERS)
    heads = lead in principal.units_for(Role.HEAD)
    if action is Action.VIEW_TASK:
        visible = principal.visible_units
        return lead in visible or bool(task.support_unit_ids & visible) or is_assignee
    if action is Action.EDIT_TASK:
        return leads or heads
    if action is Action.UPDATE_PROGRESS:
        return leads or heads or is_assignee
    if action is Action.EDIT_OUTCOME:
        # A confirmed task is closed: what the report carries changes only with a leader.
        return leads or (task.status != Status.DONE and (heads or is_assignee))
    if action is Action.CANCEL_TASK:
        created = task.created_by_id is not None and task.created_by_id == principal.user_id
        return leads or created
    if action is Action.REQUEST_EXTENSION:
        return heads or is_assignee
    if action in (Action.MOVE_DUE_DATE, Action.CONFIRM_TASK, Action.DECIDE_EXTENSION):
        return leads
    if action is Action.REMIND:
        return leads
    return can(principal, action)


def _can_on_document(principal: Principal, action: Action, document: DocumentRef) -> bool:
    if action is Action.EDIT_DOCUMENT:
        # The unit that registered it and the leaders: one division's head does not rewrite
        # what another division registered. The department's own: its leaders only.
        unit = document.registered_by_unit_id
        if unit is None:
            return principal.has_role(*LEADERS)
        return unit in principal.units_for(*LEADERS) or unit in principal.units_for(Role.HEAD)
    return can(principal, action)


def registering_unit(principal: Principal) -> int | None:
    """The unit a new document is registered in the name of: where the person manages.

    A leader registers for the department (their grant's unit); a head for their unit.
    """
    for roles in (LEADERS, (Role.HEAD,)):
        units = sorted(unit for role, unit in principal.grants if role in roles)
        if units:
            return units[0]
    return None


# What each kind of workflow actor (domain/workflow.py) needs on the task.
WORKFLOW_ACTIONS = {
    Who.UPDATER: Action.EDIT_OUTCOME,
    Who.LEADER: Action.CONFIRM_TASK,
    Who.ASSIGNER: Action.CANCEL_TASK,
}


def may_move(principal: Principal, task: TaskRef, move: Move) -> bool:
    """Whether the principal may make this move of the workflow on the task."""
    return can(principal, WORKFLOW_ACTIONS[move.who], task)


# -- building a principal from grants ------------------------------------------------------


def subtree_index(units: Iterable[tuple[int, int | None]]) -> dict[int, frozenset[int]]:
    """Map each unit id to the ids of its subtree (itself included)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    ids = []
    for unit_id, parent_id in units:
        children[parent_id].append(unit_id)
        ids.append(unit_id)
    result: dict[int, frozenset[int]] = {}
    for unit_id in ids:
        found, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            if current in found:  # a cycle would be a data error; do not loop forever
                continue
            found.add(current)
            stack.extend(children.get(current, ()))
        result[unit_id] = frozenset(found)
    return result


def build_principal(
    user_id: int,
    grants: Iterable[tuple[str, int]],
    units: Iterable[tuple[int, int | None]],
) -> Principal:
    """A principal from (role, unit id) grants and the (id, parent id) unit tree."""
    units = list(units)
    subtrees = subtree_index(units)
    reach: dict[Role, set[int]] = defaultdict(set)
    granted = tuple((Role(role), unit_id) for role, unit_id in grants)
    for role, unit_id in granted:
        reach[role] |= subtrees.get(unit_id, frozenset())
    return Principal(
        user_id=user_id,
        reach={role: frozenset(ids) for role, ids in reach.items()},
        all_units=frozenset(subtrees),
        grants=granted,
        roots=frozenset(unit_id for unit_id, parent_id in units if parent_id is None),
    )
