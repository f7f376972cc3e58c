"""`export` (the periodic report as Excel or Word) and `import-plan` (tasks from the template).

Both run as the whole organisation: no user, a principal that sees every unit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.group import fail, tracker_cli, transaction
from tracker.common.access import system_principal
from tracker.common.exceptions import ServiceError
from tracker.domain.dates import format_day
from tracker.domain.periods import Period, PeriodError, parse_period
from tracker.reports.export import export_report
from tracker.reports.plan_import import PlanRejected, import_plan, preview_plan

FORMATS = ("xlsx", "docx")


def _period(code: str) -> Period:
    try:
        return parse_period(code)
    except PeriodError as error:
        fail(f"--period: {error}")


def export_format(out: str, requested: str | None) -> str:
    """The format asked for, else the one the file name ends with, else xlsx."""
    if requested:
        return requested
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "xlsx"


@tracker_cli.command("export")
@click.option("--period", "period_code", required=True, help="2020-Q3, 2020-9M, 2020-H1, 2020 …")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from --out.")
@click.option("--out", required=True, help="The file to write ('-' for standard output).")
def export_command(period_code: str, fmt: str | None, out: str) -> None:
    """Write the report of a period: achievements in it, plan for the period after it."""
    period = _period(period_code)
    fmt = export_format(out, fmt)
    principal = system_principal()
    if not principal.all_units:
        fail("The database has no units yet: load the demo or create the units first.")
    try:
        file = export_report(principal, period, fmt)
    except ServiceError as error:
        fail(error.message)
    if out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(file.data)
        sys.stdout.buffer.flush()
        return
    report = file.report
    try:
        Path(out).write_bytes(file.data)
    except OSError as error:
        fail(f"--out: cannot write {out}: {error.strerror or error}.")
    click.echo(
        f"Wrote {out} ({fmt}): {period.label}, {report.achievement_count} achievements, "
        f"{len(report.unfinished)} unfinished, {len(report.plan)} plan items for "
        f"{report.next_period.label}."
    )


@tracker_cli.command("import-plan")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--period", "period_code", required=True, help="The plan's period, e.g. 2026-Q4.")
@click.option("--dry-run", is_flag=True, help="Check the file and print what would be created.")
def import_plan_command(file: str, period_code: str, dry_run: bool) -> None:
    """Import planned tasks from the Excel template: all rows, or none with every error."""
    period = _period(period_code)
    try:
        data = Path(file).read_bytes()
    except FileNotFoundError:
        fail(f"{file}: no such file.")
    except OSError as error:
        fail(f"{file}: cannot read: {error.strerror or error}.")
    principal = system_principal()
    if not principal.all_units:
        fail("The database has no units yet: load the demo or create the units first.")
    preview = preview_plan(data, period, principal)
    if preview.errors:
        _refuse(file, [e.message for e in preview.errors])
    if dry_run:
        for row in preview.rows:
            unit = preview.unit_names.get(row.lead_unit_id, "")
            due = format_day(row.due_date) or "-"
            click.echo(f"row {row.row_number}: {row.title} | {unit} | {due}")
        click.echo(f"Dry run: {len(preview.rows)} tasks would be imported into {period.code}.")
        return
    with transaction():
        try:
            tasks = import_plan(None, principal, preview.rows, period)
        except PlanRejected as error:
            _refuse(file, [e.message for e in error.errors])
        except ServiceError as error:
            fail(f"{file}: {error.message}")
    click.echo(f"Imported {len(tasks)} tasks into {period.code} ({period.label}).")


def _refuse(file: str, messages: list[str]) -> None:
    count = len(messages)
    head = f"{file}: nothing imported, {count} error{'s' if count != 1 else ''}:"
    fail("\n".join([head, *(f"  {m}" for m in messages)]))
