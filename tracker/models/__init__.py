"""The data model, one module per entity; importing this package registers them all."""

from tracker.models.attachment import Attachment, KeptUpload
from tracker.models.data_version import DataVersion, JobRun
from tracker.models.document import DIRECTIVE_TYPES, Document, Issuer
from tracker.models.extension import EXTENSION_STATES, Extension
from tracker.models.fulltext import attach as _attach_search
from tracker.models.notification import DigestSend, Notification
from tracker.models.report import IssuedReport, ReportText, Setting
from tracker.models.section import Section
from tracker.models.security import ApiToken, LoginEvent, LoginSession
from tracker.models.task import PRIORITIES, Task, task_document, task_support_unit
from tracker.models.task_update import UPDATE_KINDS, TaskUpdate
from tracker.models.unit import UNIT_KINDS, Unit
from tracker.models.user import ROLE_LABELS, ROLES, RoleGrant, SavedFilter, User

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
    "IssuedReport",
    "Issuer",
    "JobRun",
    "KeptUpload",
    "LoginEvent",
    "LoginSession",
    "Notification",
    "ReportText",
    "RoleGrant",
    "SavedFilter",
    "Section",
    "Setting",
    "Task",
    "TaskUpdate",
    "Unit",
    "User",
    "task_document",
    "task_support_unit",
]
