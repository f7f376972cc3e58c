"""The data model, one module per entity; importing this package registers them all."""

from ..search_index import attach as _attach_search
from .attachment import Attachment
from .data_version import DataVersion
from .document import DIRECTIVE_TYPES, Document, Issuer
from .extension import EXTENSION_STATES, Extension
from .notification import DigestSend, Notification
from .report_text import ReportText, Setting
from .section import Section
from .security import ApiToken, LoginEvent
from .task import PRIORITIES, Task, task_document, task_support_unit
from .task_update import UPDATE_KINDS, TaskUpdate
from .unit import UNIT_KINDS, Unit
from .user import ROLE_LABELS, ROLES, RoleGrant, User

# Full-text search structures live and die with the searched tables.
for _table in (Task.__table__, Document.__table__):
    _attach_search(_table)

__all__ = [
    "DIRECTIVE_TYPES",
    "EXTENSION_STATES",
    "PRIORITIES",
    "ROLES",
    "ROLE_LABELS",
    "UNIT_KINDS",
    "UPDATE_KINDS",
    "ApiToken",
    "Attachment",
    "DataVersion",
    "DigestSend",
    "Document",
    "Extension",
    "Issuer",
    "LoginEvent",
    "Notification",
    "ReportText",
    "RoleGrant",
    "Section",
    "Setting",
    "Task",
    "TaskUpdate",
    "Unit",
    "User",
    "task_document",
    "task_support_unit",
]
