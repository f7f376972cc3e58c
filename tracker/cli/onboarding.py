"""`import-report`: read last period's report into sections, achievements and next tasks."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from tracker.cli.group import fail, tracker_cli, transaction
from tracker.common.exceptions import ServiceError
from tracker.domain.periods import PeriodError, parse_period
from tracker.extensions import db
from tracker.models import RoleGrant, User
from tracker.reports.importing.plan import ImportPlan
from tracker.reports.importing.read import plan_import_of_report, read_report
from tracker.reports.importing.write import Selections, apply_report_import


def acting_user() -> User | None:
    """The first active admin or director: the history names them; None on an empty database."""
    stmt = (
        select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role.in_(("admin", "director")), User.active)
        .order_by(User.id)
        .limit(1)
    )
    return db.session.scalars(stmt).first()


@tracker_cli.command("import-report")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--period", "period_code", required=True, help="The report's period: 2020-9M, ...")
@click.option("--dry-run", is_flag=True, help="Print what would be created; write nothing.")
def import_report_command(file: str, period_code: str, dry_run: bool) -> None:
    """Import a past report (.docx or .txt): sections, achievements, next period's tasks."""
    try:
        period = parse_period(period_code)
    except PeriodError as error:
        fail(f"--period: {error}")
    path = Path(file)
    if not path.is_file():
        fail(f"{file}: không có tệp này.")
    with transaction(commit=not dry_run):
        try:
            parsed = read_report(path.name, path.read_bytes())
            plan = plan_import_of_report(parsed, period, path.name)
            if not dry_run:
                summary = apply_report_import(acting_user(), plan, Selections(), principal=None)
        except ServiceError as error:
            fail(f"{path.name}: {error.message}")
    if dry_run:
        for line in describe_plan(plan):
            click.echo(line)
        click.echo("Chưa ghi gì vào cơ sở dữ liệu (--dry-run).")
        return
    for line in summary.lines():
        click.echo(line)


def describe_plan(plan: ImportPlan) -> list[str]:
    """The tree the import would create, with its items, plan, documents and texts."""
    counts = plan.counts
    names = {u.id: u.name for u in plan.units}
    department = plan.department_name or "đơn vị gốc"
    lines = [f"Báo cáo {plan.filename} cho kỳ {plan.period.label}."]
    if plan.root:
        lines.append(f"Cơ sở dữ liệu trống: tạo đơn vị gốc {plan.root.name} ({plan.root.code}).")
    lines.append(f"Lĩnh vực: {counts['sections_new']} tạo mới, {counts['sections_matched']} đã có.")
    for section in plan.sections:
        indent = "  " * section.level
        state = "mới" if section.is_new else f"đã có, {section.code}"
        lines.append(f"{indent}{section.number}. {section.title} [{state}] – {section.total} mục")
        for item in plan.items_of(section.key):
            unit = names.get(item.unit_id, department)
            mark = " (đã có, bỏ qua)" if item.duplicate else ""
            lines.append(f"{indent}  - {item.title} → {unit}{mark}")
    lines.append(f"Phương hướng {plan.next_period.label}: {len(plan.plan_tasks)} nhiệm vụ.")
    for n, task in enumerate(plan.plan_tasks, start=1):
        mark = " (đã có, bỏ qua)" if task.duplicate else ""
        lines.append(f"  {n}. {task.title} → {names.get(task.unit_id, department)}{mark}")
    lines.append(
        f"Văn bản: {counts['references']} lần dẫn chiếu tới {counts['documents']} văn bản "
        f"({counts['documents_new']} chưa có trong sổ văn bản)."
    )
    for document in plan.documents:
        lines.append(f"  {document.label}{'' if document.existing_id else ' [mới]'}")
    for text in plan.texts:
        verb = "điền" if text.action == "set" else "giữ nội dung đã có của"
        lines.append(f"Nội dung báo cáo: {verb} “{text.label}”.")
    lines.extend(f"Lưu ý: {warning}" for warning in plan.warnings)
    return lines
