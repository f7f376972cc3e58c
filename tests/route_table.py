"""Who gets what from every route: the expected status for each role, written out by hand.

One row is one request: an endpoint, a method, an address whose {placeholders} name objects
of the scene built by test_route_permissions.py, a body, and the status each caller gets.
The columns are, in order: anonymous, admin, director, viewer (department-wide), head_a,
staff_a (division A, assignee of A's tasks), head_b, viewer_b (division B).

The codes: 302 for the anonymous is "sign in first" (the test checks that it goes to the
login page, and that a signed-in caller's 302 does not); 401 is the API's "sign in first";
403 is a role refused; 404 is a task another unit may not even know exists; 409 and 422
mean that the role passed the permission check and a stale or placeholder body was refused
without changing anything. Bodies are chosen so that a refused role changes nothing.

The scene's objects: task_a (led by A, assigned to staff_a, with a start date), submitted_a
(A's, awaiting confirmation), task_b (B's), shared (led by A, B supports), task_a1 (team
A1 under A), ext_pending and ext_declined (extension requests on task_a), attachment (on
task_a), document (linked to task_a, with a file), unit (a spare unit Z), user and grant
(staff_b and their grant), section (I.2), period (the current quarter), last_period (the
one before) and issued (the department's report of last_period, issued). "my_*" are the
caller's own notification, calendar token and API token; "others_*" are staff_b's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factories import PASSWORD

ROLES = ("anonymous", "admin", "director", "viewer", "head_a", "staff_a", "head_b", "viewer_b")
LONG = "x" * 2_100  # longer than any note or report number the forms accept


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    path: str
    expect: dict[str, int]
    body: dict | Callable[[Any], dict] | None = None
    bearer: bool = False  # the request authenticates with a fresh bearer token
    signs_out: bool = False  # the caller must sign in again after this request

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")

    def __str__(self) -> str:
        return f"{self.endpoint} {self.method} {self.path}"


def row(endpoint: str, method: str, path: str, codes: str, body=None, **kw) -> Row:
    statuses = [int(code) for code in codes.split()]
    assert len(statuses) == len(ROLES), f"{endpoint} {path}: {len(statuses)} codes"
    return Row(endpoint, method, path, dict(zip(ROLES, statuses, strict=True)), body, **kw)


def version_of(name: str, **extra) -> Callable[[Any], dict]:
    """A JSON body carrying the stored version of a scene's task (read when sent)."""
    return lambda scene: {"version": scene.version(name)} | extra


def patch(**fields) -> Callable[[Any], dict]:
    """A PATCH body for task_a: its version, and dates relative to its start date."""

    def build(scene) -> dict:
        body = {"version": scene.version("task_a")}
        for key, days in fields.items():
            body[key] = scene.shifted("task_a", "start_date", days)
        return body

    return build


def bulk(action: str, task: str) -> Callable[[Any], dict]:
    """A bulk action's form naming one task of the scene (and no version)."""
    return lambda scene: {"action": action, "task": scene.value(task)}


def create_body(scene) -> dict:
    """A new task for division A whose due date is before its start: 422 once allowed."""
    return {
        "title": "Nhiệm vụ thử quyền",
        "section": "I.1",
        "lead_unit": "A",
        "start_date": scene.today(10),
        "due_date": scene.today(5),
    }


def own_password(scene) -> dict:
    """The caller's own username and password (the anonymous try a name nobody has)."""
    return {"username": scene.username or "nobody", "password": PASSWORD}


WEB = "302 200 200 200 200 200 200 200"  # any signed-in person
API = "401 200 200 200 200 200 200 200"
ADMIN = "302 200 403 403 403 403 403 403"
ADMIN_422 = "302 422 403 403 403 403 403 403"
ADMIN_303 = "302 303 403 403 403 403 403 403"
LEADERS = "302 200 200 403 403 403 403 403"  # director and admin
LEADERS_422 = "302 422 422 403 403 403 403 403"
LEADERS_303 = "302 303 303 403 403 403 403 403"
MANAGERS = "302 200 200 403 200 403 200 403"  # director, admin, heads of divisions
MANAGERS_422 = "302 422 422 403 422 403 422 403"
# A document division A registered: its head and the leaders, not division B's head.
REGISTRAR_422 = "302 422 422 403 422 403 403 403"

ROWS: tuple[Row, ...] = (
    # -- home, overview, search, probes ------------------------------------------------------
    #                                                         anon adm dir vwr hA  sA  hB  vB
    row("main.home", "GET", "/", WEB),
    row("main.overview", "GET", "/overview", WEB),
    row("search.results", "GET", "/search/?q=nhiem+vu", WEB),
    row("ops.healthz", "GET", "/healthz", "200 200 200 200 200 200 200 200"),
    row("ops.readyz", "GET", "/readyz", "200 200 200 200 200 200 200 200"),
    # -- account -------------------------------------------------------------------------------
    row("auth.login", "GET", "/login", "200 302 302 302 302 302 302 302"),
    # A failed sign-in answers 200 with the form again (and is logged); the signed-in go home.
    row("auth.login", "POST", "/login", "200 302 302 302 302 302 302 302", {"username": ""}),
    row("auth.profile", "GET", "/account", WEB),
    # An invalid password form is drawn again with its messages (200, see the report).
    row("auth.profile", "POST", "/account", WEB, {"pw-new": ""}),
    row("auth.renew_calendar", "POST", "/account/calendar", "302 302 302 302 302 302 302 302"),
    row("auth.logout", "POST", "/logout", "302 302 302 302 302 302 302 302", signs_out=True),
    row(
        "auth.end_sessions",
        "POST",
        "/account/sessions/end",
        "302 303 303 303 303 303 303 303",
        signs_out=True,
    ),
    # -- notifications and the calendar feed ---------------------------------------------
    row("notifications.index", "GET", "/notifications", WEB),
    row(
        "notifications.read",
        "POST",
        "/notifications/{my_notification}/read",
        "302 302 302 302 302 302 302 302",
    ),
    row(
        "notifications.read",
        "POST",
        "/notifications/{others_notification}/read",
        "302 404 404 404 404 404 404 404",
    ),
    row("notifications.read_all", "POST", "/notifications/read-all", "302 " + "302 " * 7),
    # The feed is public by design: the token in the address is the secret.
    row("notifications.calendar", "GET", "/calendar/{my_calendar}.ics", "200 " * 8),
    row("notifications.calendar", "GET", "/calendar/not-a-token.ics", "404 " * 8),
    # -- task lists and assigning ----------------------------------------------------------
    row("tasks.index", "GET", "/tasks/", WEB),
    row("tasks.export_list", "GET", "/tasks/export.xlsx", WEB),
    row("tasks.print_overdue", "GET", "/tasks/overdue/print", WEB),
    # Anyone signed in keeps filters of their own; an empty name is refused (422).
    row("tasks.save_list_filter", "POST", "/tasks/filters", "302 422 422 422 422 422 422 422"),
    row(
        "tasks.delete_list_filter",
        "POST",
        "/tasks/filters/1000000/delete",
        "302 404 404 404 404 404 404 404",
    ),
    row("tasks.unit", "GET", "/tasks/unit", WEB),
    row("tasks.new", "GET", "/tasks/new", MANAGERS),
    row("tasks.new", "POST", "/tasks/new", MANAGERS_422, {}),
    # -- one task: who sees it ---------------------------------------------------------------
    #                                                         anon adm dir vwr hA  sA  hB  vB
    row("tasks.show", "GET", "/tasks/{task_a}", "302 200 200 200 200 200 404 404"),
    row("tasks.show", "GET", "/tasks/{task_b}", "302 200 200 200 404 404 200 200"),
    row("tasks.show", "GET", "/tasks/{shared}", "302 200 200 200 200 200 200 200"),
    row("tasks.show", "GET", "/tasks/{task_a1}", "302 200 200 200 200 200 404 404"),
    row("tasks.edit", "GET", "/tasks/{task_a}/edit", "302 200 200 403 200 403 404 404"),
    row("tasks.edit", "GET", "/tasks/{task_b}/edit", "302 200 200 403 404 404 200 403"),
    row("tasks.edit", "GET", "/tasks/{shared}/edit", "302 200 200 403 200 403 403 403"),
    row("tasks.edit", "GET", "/tasks/{task_a1}/edit", "302 200 200 403 200 403 404 404"),
    # -- one task: what is done to it (placeholder bodies: 422 once the role passes) ----------
    row("tasks.edit", "POST", "/tasks/{task_a}/edit", "302 422 422 403 422 403 404 404", {}),
    row("tasks.update", "POST", "/tasks/{task_a}/update", "302 422 422 403 422 422 404 404", {}),
    row("tasks.update", "POST", "/tasks/{shared}/update", "302 422 422 403 422 403 403 403", {}),
    row(
        "tasks.attachment_upload",
        "POST",
        "/tasks/{task_a}/attachments",
        "302 422 422 403 422 422 404 404",
        {},
    ),
    row(
        "tasks.attachment",
        "GET",
        "/tasks/{task_a}/attachments/{attachment}",
        "302 200 200 200 200 200 404 404",
    ),
    # A's attachment asked for through B's task: never served.
    row(
        "tasks.attachment",
        "GET",
        "/tasks/{task_b}/attachments/{attachment}",
        "302 404 404 404 404 404 404 404",
    ),
    row("tasks.confirm", "POST", "/tasks/{submitted_a}/confirm", "302 422 422 403 403 403 404 404"),
    row("tasks.return_", "POST", "/tasks/{submitted_a}/return", "302 422 422 403 403 403 404 404"),
    row(
        "tasks.remind",
        "POST",
        "/tasks/{task_a}/remind",
        "302 422 422 403 403 403 404 404",
        {"note": LONG},
    ),
    # "Nhắc nhở tất cả" on a unit's overdue list: the spare unit Z has none, so the leaders
    # are sent back (303) with nothing sent; a unit that does not exist is a 404.
    row("tasks.remind_unit", "POST", "/tasks/unit/{unit}/remind", LEADERS_303),
    row(
        "tasks.remind_unit",
        "POST",
        "/tasks/unit/1000000/remind",
        "302 404 404 403 403 403 403 403",
    ),
    # Thao tác hàng loạt: a preview changes nothing; an apply without the versions the
    # preview saw is refused task by task (sent back to the list, 303, nothing changed).
    row("bulk.preview", "POST", "/tasks/bulk/preview", LEADERS, bulk("confirm", "submitted_a")),
    row("bulk.preview", "POST", "/tasks/bulk/preview", MANAGERS, bulk("reassign", "task_a")),
    row("bulk.apply", "POST", "/tasks/bulk/apply", LEADERS_303, bulk("confirm", "submitted_a")),
    row(
        "bulk.apply",
        "POST",
        "/tasks/bulk/apply",
        "302 422 422 403 403 403 403 403",
        bulk("move_due_date", "task_a"),  # no new date, no reason
    ),
    row("tasks.extension", "POST", "/tasks/{task_a}/extension", "302 403 403 403 422 422 404 404"),
    row(
        "tasks.decide_extension",
        "POST",
        "/tasks/{task_a}/extensions/{ext_pending}",
        "302 422 422 403 403 403 404 404",
        {},
    ),
    row(
        "tasks.decide_extension",
        "POST",
        "/tasks/{task_b}/extensions/{ext_pending}",
        "302 404 404 404 404 404 404 404",
        {"decision": "approve"},
    ),
    # -- documents ---------------------------------------------------------------------------
    row("documents.index", "GET", "/documents/", WEB),
    row("documents.directives", "GET", "/documents/directives", WEB),
    row("documents.show", "GET", "/documents/{document}", WEB),
    row("documents.file", "GET", "/documents/{document}/file", WEB),
    row("documents.parse", "GET", "/documents/parse?text=Quy%E1%BA%BFt+135/Q%C4%90-TTg", WEB),
    row("documents.new", "GET", "/documents/new", MANAGERS),
    row("documents.new", "POST", "/documents/new", MANAGERS_422, {}),
    # The department's own document: its leaders correct it, no division head does.
    row("documents.edit", "GET", "/documents/{document}/edit", LEADERS),
    row("documents.edit", "POST", "/documents/{document}/edit", LEADERS_422, {}),
    # The document implements task_a: a leader's delete is refused, and nothing is lost.
    row("documents.delete", "POST", "/documents/{document}/delete", LEADERS_422, {}),
    row("documents.upload", "POST", "/documents/{document}/file", LEADERS_422, {}),
    # Division A's document: its head and the leaders correct it; division B's head may not.
    row("documents.show", "GET", "/documents/{document_a}", WEB),
    row("documents.edit", "GET", "/documents/{document_a}/edit", "302 200 200 403 200 403 403 403"),
    row("documents.edit", "POST", "/documents/{document_a}/edit", REGISTRAR_422, {}),
    row("documents.delete", "POST", "/documents/{document_a}/delete", REGISTRAR_422, {}),
    row("documents.upload", "POST", "/documents/{document_a}/file", REGISTRAR_422, {}),
    row("documents.issuers", "GET", "/documents/issuers", ADMIN),
    row("documents.issuers", "POST", "/documents/issuers", ADMIN_422, {"action": ""}),
    # -- reports and imports -----------------------------------------------------------------
    row("reports.index", "GET", "/reports/", "302 302 302 302 302 302 302 302"),
    row("reports.show", "GET", "/reports/{period}", WEB),
    row("reports.download", "GET", "/reports/{period}/download/xlsx", WEB),
    row("reports.texts", "POST", "/reports/{period}/texts", LEADERS_422, {"number": LONG}),
    row("reports.order", "POST", "/reports/{period}/order", LEADERS_422, {"order-1": "0"}),
    # Issuing last quarter's report (its cut-off passed): the leaders; the form is refused
    # empty. The department's issued report goes to every one of it.
    row("reports.issue", "GET", "/reports/{last_period}/issue", LEADERS),
    row("reports.issue", "POST", "/reports/{last_period}/issue", LEADERS_422, {}),
    row("reports.issued_page", "GET", "/reports/issued/{issued}", WEB),
    row("reports.issued_download", "GET", "/reports/issued/{issued}.docx", WEB),
    row("reports.issued_download", "GET", "/reports/issued/{issued}.json", WEB),
    row("reports.plan_template", "GET", "/reports/plan/template", WEB),
    row("reports.plan_import", "GET", "/reports/plan/import", LEADERS),
    row("reports.plan_import", "POST", "/reports/plan/import", LEADERS_422, {}),
    # A confirmation whose upload is gone sends the director back to the upload form.
    row(
        "reports.plan_import_confirm",
        "POST",
        "/reports/plan/import/confirm",
        "302 303 303 403 403 403 403 403",
        {},
    ),
    row("reports.onboarding", "GET", "/reports/onboarding", LEADERS),
    row("reports.onboarding", "POST", "/reports/onboarding", LEADERS_422, {}),
    row(
        "reports.onboarding_confirm",
        "POST",
        "/reports/onboarding/confirm",
        "302 404 404 403 403 403 403 403",
        {"token": ""},
    ),
    # -- administration (admin only; the spare unit Z, staff_b and section I.2 as targets) ---
    row("admin.index", "GET", "/admin/", ADMIN),
    row("admin.logins", "GET", "/admin/logins", ADMIN),
    row("admin.settings", "GET", "/admin/settings", ADMIN),
    row("admin.settings", "POST", "/admin/settings", ADMIN_422, {"due_soon_days": "0"}),
    row("admin.units", "GET", "/admin/units", ADMIN),
    row("admin.unit_new", "GET", "/admin/units/new", ADMIN),
    row("admin.unit_new", "POST", "/admin/units/new", ADMIN_422, {}),
    row("admin.unit_edit", "GET", "/admin/units/{unit}", ADMIN),
    row("admin.unit_edit", "POST", "/admin/units/{unit}", ADMIN_422, {}),
    row("admin.unit_move", "POST", "/admin/units/{unit}/move", ADMIN_422, {"direction": "x"}),
    row("admin.unit_deactivate", "POST", "/admin/units/{unit}/deactivate", ADMIN_303, {}),
    row("admin.unit_reactivate", "POST", "/admin/units/{unit}/reactivate", ADMIN_303, {}),
    row("admin.users", "GET", "/admin/users", ADMIN),
    row("admin.user_new", "GET", "/admin/users/new", ADMIN),
    row("admin.user_new", "POST", "/admin/users/new", ADMIN_422, {}),
    row("admin.user_edit", "GET", "/admin/users/{user}", ADMIN),
    row("admin.user_edit", "POST", "/admin/users/{user}", ADMIN_422, {}),
    row("admin.user_grant_add", "POST", "/admin/users/{user}/grants", ADMIN_422, {}),
    # An empty password would generate one: a too long one is refused instead.
    row(
        "admin.user_password",
        "POST",
        "/admin/users/{user}/password",
        ADMIN_422,
        {"reset-password": LONG},
    ),
    row(
        "admin.user_grant_remove",
        "POST",
        "/admin/users/{user}/grants/{grant}/remove",
        ADMIN_303,
        {},
    ),
    row("admin.user_deactivate", "POST", "/admin/users/{user}/deactivate", ADMIN_303, {}),
    row("admin.user_reactivate", "POST", "/admin/users/{user}/reactivate", ADMIN_303, {}),
    row("admin.user_tokens_revoke", "POST", "/admin/users/{user}/tokens/revoke", ADMIN_303, {}),
    row("admin.sections", "GET", "/admin/sections", ADMIN),
    row("admin.section_new", "GET", "/admin/sections/new", ADMIN),
    row("admin.section_new", "POST", "/admin/sections/new", ADMIN_422, {}),
    row("admin.section_edit", "GET", "/admin/sections/{section}", ADMIN),
    row("admin.section_edit", "POST", "/admin/sections/{section}", ADMIN_422, {}),
    row(
        "admin.section_move",
        "POST",
        "/admin/sections/{section}/move",
        ADMIN_422,
        {"direction": "x"},
    ),
    row("admin.section_deactivate", "POST", "/admin/sections/{section}/deactivate", ADMIN_303, {}),
    row("admin.section_reactivate", "POST", "/admin/sections/{section}/reactivate", ADMIN_303, {}),
    # -- the JSON API (session + X-CSRFToken here; the bearer run repeats these rows) --------
    #                                                         anon adm dir vwr hA  sA  hB  vB
    row("api.openapi_json", "GET", "/api/v1/openapi.json", "200 " * 8),
    row("api.csrf_token", "GET", "/api/v1/auth/csrf", API),
    row("api.me", "GET", "/api/v1/me", API),
    row("api.list_units", "GET", "/api/v1/units", API),
    row("api.list_sections", "GET", "/api/v1/sections", API),
    # Chỉ tiêu: everyone reads them; leaders set them up; the owning unit enters figures.
    row("indicators.index", "GET", "/indicators/", WEB),
    row(
        "indicators.add_file",
        "POST",
        "/indicators/{indicator}/evidence",
        "302 303 303 403 303 303 403 403",
    ),
    row("indicators.file", "GET", "/indicators/{indicator}/evidence/{indicator_evidence}", WEB),
    row("indicators.new", "GET", "/indicators/new", LEADERS),
    row("indicators.new", "POST", "/indicators/new", LEADERS_422),  # an empty form
    row("indicators.edit", "GET", "/indicators/{indicator}/edit", LEADERS),
    row("indicators.edit", "POST", "/indicators/{indicator}/edit", LEADERS_422),
    row(
        "indicators.template", "GET", "/indicators/template.xlsx", "302 200 200 403 200 200 403 403"
    ),
    row("indicators.import_file", "POST", "/indicators/import", "302 422 422 403 422 422 403 403"),
    row("indicators.show", "GET", "/indicators/{indicator}", WEB),
    row("indicators.entry", "GET", "/indicators/entry", "302 200 200 403 200 200 403 403"),
    row(
        "indicators.entry",
        "POST",
        "/indicators/entry",
        "302 303 303 403 303 303 403 403",  # an empty form: nothing to save
    ),
    row("api.list_indicators", "GET", "/api/v1/indicators", API),
    row(
        "api.create_indicator_view",
        "POST",
        "/api/v1/indicators",
        "401 422 422 403 403 403 403 403",
        {"code": "KHAC", "name": "Chỉ tiêu thử quyền", "measure": "%", "kind": "ratio"},
    ),
    row(
        "api.put_figure",
        "PUT",
        "/api/v1/indicators/{indicator}/values/{period}",
        "401 422 422 403 422 422 403 403",
        {"numerator": 1, "denominator": 0},  # refused once the caller may enter figures
    ),
    row("api.list_tasks", "GET", "/api/v1/tasks", API),
    row("api.list_documents", "GET", "/api/v1/documents", API),
    row("api.get_document", "GET", "/api/v1/documents/{document}", API),
    row("api.get_report", "GET", "/api/v1/reports/{period}", API),
    row("api.get_report", "GET", "/api/v1/reports/{period}.xlsx", API),
    row(
        "api.issue",
        "POST",
        "/api/v1/reports/{last_period}/issue",
        "401 422 422 403 403 403 403 403",
        {},
    ),
    row("api.issued", "GET", "/api/v1/reports/{last_period}/issued", API),
    row("api.issued_report", "GET", "/api/v1/issued-reports/{issued}", API),
    row("api.issued_file", "GET", "/api/v1/issued-reports/{issued}.xlsx", API),
    row("api.get_task", "GET", "/api/v1/tasks/{task_a}", "401 200 200 200 200 200 404 404"),
    row("api.get_task", "GET", "/api/v1/tasks/{task_b}", "401 200 200 200 404 404 200 200"),
    # Editing fields (a start after the due date), progress (a completion date on an
    # unfinished task), the deadline (before the start): each needs its own permission.
    row(
        "api.patch_task",
        "PATCH",
        "/api/v1/tasks/{task_a}",
        "401 422 422 403 422 403 404 404",
        patch(start_date=400),
    ),
    row(
        "api.patch_task",
        "PATCH",
        "/api/v1/tasks/{task_a}",
        "401 422 422 403 422 422 404 404",
        patch(completed_on=-1),
    ),
    row(
        "api.patch_task",
        "PATCH",
        "/api/v1/tasks/{task_a}",
        "401 422 422 403 403 403 404 404",
        patch(due_date=-1),
    ),
    row(
        "api.create_task_view",
        "POST",
        "/api/v1/tasks",
        "401 422 422 403 422 403 403 403",
        create_body,
    ),
    # task_a is in progress, not submitted: a director's confirmation is a conflict.
    row(
        "api.confirm_task_view",
        "POST",
        "/api/v1/tasks/{task_a}/confirm",
        "401 409 409 403 403 403 404 404",
        version_of("task_a"),
    ),
    row(
        "api.return_task_view",
        "POST",
        "/api/v1/tasks/{submitted_a}/return",
        "401 422 422 403 403 403 404 404",
        version_of("submitted_a"),
    ),
    row(
        "api.request_extension_view",
        "POST",
        "/api/v1/tasks/{task_a}/extensions",
        "401 403 403 403 422 422 404 404",
        {},
    ),
    # ext_declined was decided already: a director's second decision is a conflict.
    row(
        "api.decide_extension_view",
        "POST",
        "/api/v1/extensions/{ext_declined}/decision",
        "401 409 409 403 403 403 404 404",
        {"approve": False},
    ),
    # With an empty body, a caller who may act hears 422 (the body is wrong) and one who may
    # not hears 403: the role is checked before the body or the version.
    row(
        "api.decide_extension_view",
        "POST",
        "/api/v1/extensions/{ext_pending}/decision",
        "401 422 422 403 403 403 404 404",
        {},
    ),
    row(
        "api.confirm_task_view",
        "POST",
        "/api/v1/tasks/{submitted_a}/confirm",
        "401 422 422 403 403 403 404 404",
        {},
    ),
    row("api.patch_task", "PATCH", "/api/v1/tasks/{task_a}", "401 422 422 403 422 422 404 404", {}),
    row("api.create_task_view", "POST", "/api/v1/tasks", "401 422 422 403 422 403 422 403", {}),
    row("api.issue_api_token", "POST", "/api/v1/auth/token", "401 " + "201 " * 7, own_password),
    row("api.list_api_tokens", "GET", "/api/v1/auth/tokens", API),
    row(
        "api.revoke_api_token",
        "DELETE",
        "/api/v1/auth/tokens/{my_api_token}",
        "401 " + "204 " * 7,
    ),
    row(
        "api.revoke_api_token",
        "DELETE",
        "/api/v1/auth/tokens/{others_api_token}",
        "401 " + "404 " * 7,
    ),
    row(
        "api.revoke_current_token", "DELETE", "/api/v1/auth/token", "401 " + "204 " * 7, bearer=True
    ),
)
