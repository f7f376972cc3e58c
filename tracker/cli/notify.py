"""`remind`: the daily digest by e-mail, meant for cron."""

from __future__ import annotations

import click

from tracker.cli.group import fail, tracker_cli
from tracker.common import clock
from tracker.common.exceptions import ValidationFailed
from tracker.extensions import db
from tracker.notify.digest import send_digests
from tracker.ops.jobs import claim, finish
from tracker.org.settings import due_soon_days
from tracker.tasks.fields import parse_day


@tracker_cli.command("remind")
@click.option("--dry-run", is_flag=True, help="Print who would get what; send nothing.")
@click.option("--as-of", "as_of", help="The day to judge deadlines on (YYYY-MM-DD or dd/mm/yyyy).")
def remind_command(dry_run: bool, as_of: str | None) -> None:
    """E-mail each person the tasks due soon, overdue and awaiting their confirmation."""
    try:
        day = parse_day(as_of, "as_of") if as_of else clock.today()
    except ValidationFailed as error:
        fail(error.message)
    # Two servers' cron at the same minute: only one run sends (ops/jobs.py).
    claimed = None if dry_run else claim("remind", day.isoformat())
    if not dry_run and claimed is None:
        click.echo(f"Reminders for {day.isoformat()} already ran or are running elsewhere.")
        return
    run = send_digests(
        day, due_soon_days(), dry_run=dry_run, commit=db.session.commit, echo=click.echo
    )
    if claimed is not None:
        finish(claimed, ok=not run.failed, detail=f"sent {len(run.sent)}, failed {len(run.failed)}")
    click.echo(
        f"{'Would send' if dry_run else 'Sent'} {len(run.sent)}, failed {len(run.failed)}, "
        f"already sent today {len(run.already_sent)}, nothing to send {len(run.nothing_to_send)}."
    )
    if run.failed:
        fail(f"{len(run.failed)} digest(s) could not be sent; they will be retried next run.")
