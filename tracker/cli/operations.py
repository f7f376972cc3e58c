"""`backup FILE` and `restore FILE`: a consistent copy of the whole database, and back."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.group import fail, tracker_cli
from tracker.extensions import db
from tracker.ops.backup import BackupError, backup, restore, row_counts


@tracker_cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--portable", is_flag=True, help="Write the database-independent format.")
def backup_command(file: Path, portable: bool) -> None:
    """Write a consistent copy of the database to FILE (safe while the app is serving)."""
    if file.parent and not file.parent.exists():
        fail(f"{file.parent}: no such folder.")
    try:
        kind = backup(file, portable=portable)
    except BackupError as error:
        fail(str(error))
    total = sum(row_counts().values())
    click.echo(f"Backed up {total} rows ({kind} format) to {file}.")


@tracker_cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Restore FILE (made by `backup`) into this empty database."""
    try:
        kind = restore(file)
    except BackupError as error:
        fail(str(error))
    db.session.remove()
    counts = row_counts()
    click.echo(f"Restored {sum(counts.values())} rows ({kind} format) from {file}.")
