"""The scene the route table runs against, and the caller who walks the table through it.

Built on factories.build_world: tasks of A, of B, shared by both and of team A1; an extension
request pending and one declined; an attachment; a document with its file (the department's)
and one division A registered; a notification and an API token for each person; a spare unit.
`Scene` fills a row's {placeholders} for one caller, reading versions and tokens afresh each
time (earlier rows may change them).
`Caller` sends the rows as one person (or nobody) and says where the answers differ.
"""

from __future__ import annotations

import io
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from factories import World, make_unit
from route_table import Row
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.documents.files import store_document_file
from tracker.documents.linking import ensure_document
from tracker.domain.legal_refs import parse_ref
from tracker.domain.periods import Kind, period_containing
from tracker.domain.timeliness import Status
from tracker.extensions import db
from tracker.indicators.models import Indicator, IndicatorEvidence, IndicatorTarget
from tracker.models import ApiToken, Extension, Notification, Task, User
from tracker.models._base import utcnow
from tracker.reports.issuing import issue_report
from tracker.tasks.attachments import add_attachment
from tracker.web.requests import token_hash

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A word no other row of the scene contains: where it shows, A's task has leaked.
SECRET_WORD = "AX7Q"
# Skipped when comparing the database before and after a request: sign-ins are logged and
# a token's "last used" moves on every call, by design.
VOLATILE_TABLES = {"login_event", "digest_send"}
VOLATILE_COLUMNS = {
    "api_token": {"last_used_at"},
    "user_account": {"last_login_at"},
    # A session is seen again every few minutes; its idle expiry slides with it.
    "login_session": {"last_seen_at", "expires_at"},
}


def pdf(name: str = "bien-ban.pdf") -> FileStorage:
    return FileStorage(io.BytesIO(PDF), filename=name, content_type="application/pdf")


def new_token(user_id: int, name: str = "script") -> str:
    """Store a fresh API token for the user; return the token itself."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            user_id=user_id,
            token_hash=token_hash(token),
            name=name,
            expires_at=utcnow() + timedelta(days=30),
        )
    )
    db.session.flush()
    return token


def build_scene(world: World) -> dict[str, int]:
    """Create the scene's objects; return their ids by placeholder name."""
    users, units = world.users, world.units
    task_a = world.task(
        "a",
        "I.1",
        title=f"Kiểm định trạm BTS mã {SECRET_WORD}",
        assignee=users["staff_a"],
        start_date=world.days(-10),
        due=world.days(20),
    )
    submitted = world.task(
        "a", "I.1", status=Status.SUBMITTED, assignee=users["staff_a"], done=world.days(-1)
    )
    task_b = world.task("b", "I.2", assignee=users["staff_b"], due=world.days(10))
    shared = world.task("a", "I.2", support=[units["b"]], due=world.days(30))
    task_a1 = world.task("a1", "I.1")
    pending = Extension(
        task_id=task_a.id,
        requested_by_id=users["head_a"].id,
        previous_due_date=task_a.due_date,
        requested_due_date=world.days(40),
        reason="Chờ số liệu của doanh nghiệp",
    )
    declined = Extension(
        task_id=task_a.id,
        requested_by_id=users["staff_a"].id,
        previous_due_date=task_a.due_date,
        requested_due_date=world.days(25),
        reason="Thiếu người",
        status="declined",
        decided_by_id=users["director"].id,
        decided_at=utcnow(),
    )
    document = ensure_document(parse_ref("Quyết định 135/QĐ-TTg ngày 20/01/2020"), title="Đề án")
    store_document_file(document, pdf("qd-135.pdf"))
    task_a.documents.append(document)
    # A plan division A registered itself: its head corrects it, division B's head may not.
    document_a = ensure_document(parse_ref("Kế hoạch 12/KH-BCVT"), title="Kế hoạch của phòng A")
    document_a.registered_by_unit_id = units["a"].id
    task_a.documents.append(document_a)
    attachment = add_attachment(users["staff_a"], system_principal(), task_a, pdf())
    db.session.add_all([pending, declined])
    for user in users.values():
        db.session.add(Notification(user_id=user.id, kind="assigned", message="Việc mới"))
        new_token(user.id)
    spare = make_unit("Z", "Tổ dự phòng", units["root"])
    issued = issue_report(  # the department's report of last quarter, as issued
        users["director"],
        system_principal(),
        _last_quarter(),
        {
            "number": "1/BC-STTTT",
            "date": clock.today().isoformat(),
            "signer_name": "Nguyễn Văn Giám",
            "signer_title": "GIÁM ĐỐC",
            "recipients": ["Lưu: VT."],
        },
    )
    # A rate division A owns, with this year's target: its figures are A's to enter.
    indicator = Indicator(
        code="KYSO",
        name="Tỷ lệ văn bản ký số",
        measure="%",
        kind="ratio",
        unit=units["a"],
        first_year=clock.today().year,
        last_year=clock.today().year,
        targets=[IndicatorTarget(period=str(clock.today().year), value=70)],
    )
    db.session.add(indicator)
    db.session.flush()
    evidence = IndicatorEvidence(
        indicator_id=indicator.id,
        period=f"{clock.today().year}-Q1",
        filename="minh-chung.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        data=PDF,
    )
    db.session.add(evidence)
    db.session.commit()
    return {
        "indicator": indicator.id,
        "indicator_evidence": evidence.id,
        "task_a": task_a.id,
        "submitted_a": submitted.id,
        "task_b": task_b.id,
        "shared": shared.id,
        "task_a1": task_a1.id,
        "ext_pending": pending.id,
        "ext_declined": declined.id,
        "attachment": attachment.id,
        "document": document.id,
        "document_a": document_a.id,
        "unit": spare.id,
        "user": users["staff_b"].id,
        "grant": users["staff_b"].grants[0].id,
        "section": world.sections["I.2"].id,
        "issued": issued.id,
    }


def _last_quarter():
    return period_containing(clock.today(), Kind.QUARTER).previous()


class Scene:
    """The scene as one caller sees it: fills placeholders and builds bodies."""

    def __init__(self, world: World, ids: dict[str, int], role: str):
        self.world, self.ids, self.role = world, ids, role
        # The anonymous "own" things are staff_a's: the answer must not depend on them.
        self.key = "staff_a" if role == "anonymous" else role

    @property
    def username(self) -> str | None:
        return None if self.role == "anonymous" else self.world.users[self.role].username

    def fill(self, template: str) -> str:
        return template.format_map(_Lazy(self))

    def value(self, name: str):
        if name in self.ids:
            return self.ids[name]
        if name == "period":
            return period_containing(clock.today(), Kind.QUARTER).code
        if name == "last_period":
            return _last_quarter().code
        owner = self.key if name.startswith("my_") else "staff_b"
        user_id = self.world.users[owner].id
        kind = name.split("_", 1)[1]
        if kind == "calendar":
            return db.session.get(User, user_id).calendar_token
        if kind == "notification":
            return db.session.scalar(select(Notification.id).where(Notification.user_id == user_id))
        if kind == "api_token":
            stmt = select(ApiToken.id).where(ApiToken.user_id == user_id, ApiToken.name == "script")
            return db.session.scalar(stmt)
        raise KeyError(name)

    def version(self, name: str) -> int:
        return db.session.get(Task, self.ids[name]).version

    def shifted(self, name: str, field: str, days: int) -> str:
        """A task's date `days` later, as ISO text."""
        return (getattr(db.session.get(Task, self.ids[name]), field) + timedelta(days)).isoformat()

    def today(self, days: int = 0) -> str:
        return (clock.today() + timedelta(days)).isoformat()


class _Lazy(dict):
    def __init__(self, scene: Scene):
        super().__init__()
        self.scene = scene

    def __missing__(self, name: str):
        return self.scene.value(name)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table that a request could change (volatile columns left out)."""
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in VOLATILE_TABLES:
            continue
        skip = VOLATILE_COLUMNS.get(table.name, set())
        columns = [c for c in table.columns if c.name not in skip]
        stmt = select(*columns).order_by(*table.primary_key.columns)
        state[table.name] = [tuple(map(str, row)) for row in db.session.execute(stmt)]
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])


def sends_to_login(response) -> bool:
    """Whether a redirect is "sign in first" (to the login page, with the way back)."""
    target = urlsplit(response.headers.get("Location", ""))
    return target.path == "/login" and "next=" in target.query


class Caller:
    """One person (or nobody) walking the table with one browser, or with bearer tokens."""

    def __init__(self, client, world, ids, role: str, bearer: bool = False):
        self.client, self.world, self.role, self.bearer = client, world, role, bearer
        self.scene = Scene(world, ids, role)
        self.token = None
        self.sign_in()

    def sign_in(self) -> None:
        if self.role == "anonymous":
            self.csrf = self.client.csrf("/login")
            return
        user = self.world.users[self.role]
        if self.bearer:
            self.token = new_token(user.id, "bearer-run")
            db.session.commit()
            self.csrf = None
            return
        self.client.login(user.username)
        self.csrf = self.client.csrf("/account")

    def send(self, row: Row):
        path = self.scene.fill(row.path)
        body = row.body(self.scene) if callable(row.body) else row.body
        if not row.api:
            if row.method == "GET":
                return self.client.get(path)
            return self.client.post(path, data=dict(body or {}) | {"csrf_token": self.csrf})
        headers = {}
        token = self.token
        if row.bearer and self.role != "anonymous":
            token = new_token(self.world.users[self.role].id, "for-this-call")
            db.session.commit()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        elif self.csrf and row.method != "GET":
            headers["X-CSRFToken"] = self.csrf
        extra = {"json": body} if body is not None else {}
        return self.client.open(path, method=row.method, headers=headers, **extra)

    def walk(self, rows) -> tuple[int, list[str]]:
        """Send every row; return how many were checked and what went otherwise."""
        problems: list[str] = []
        db.session.expire_all()
        before = snapshot()
        for row in rows:
            expected = row.expect[self.role]
            response = self.send(row)
            db.session.expire_all()  # a fresh view of what the request committed
            after = snapshot()
            problems += self.judge(row, expected, response, before, after)
            response.close()  # a sent file stays open until its response is closed
            before = after
            signed_out = row.signs_out and response.status_code < 400
            if signed_out and self.role != "anonymous" and not self.bearer:
                self.sign_in()
                db.session.expire_all()
                before = snapshot()  # signing in again is not the next row's doing
        return len(rows), problems

    def judge(self, row: Row, expected: int, response, before, after) -> list[str]:
        status = response.status_code
        where = f"{row} as {self.role}"
        if status != expected:
            detail = response.headers.get("Location") or response.get_data(as_text=True)[:200]
            return [f"{where}: expected {expected}, got {status} ({detail!r})"]
        found = []
        if status == 302 and not row.api:
            if (self.role == "anonymous") != sends_to_login(response):
                found.append(f"{where}: 302 to {response.headers.get('Location')}")
        must_not_change = row.method == "GET" or status >= 400 or self.role == "anonymous"
        if must_not_change and before != after:
            found.append(f"{where}: changed {changed_tables(before, after)}")
        return found
