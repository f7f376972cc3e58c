"""The `tracker` command group, on its own so that every command module can add to it.

Exit status: 0 on success, 1 on bad input (click.ClickException, with a message naming what
is wrong), 2 on a usage error (click's own).
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

tracker_cli = AppGroup("tracker", help="Tracker: demo data, users, reports, reminders, backups.")


def fail(message: str) -> None:
    """Stop with exit status 1 and a message (bad input)."""
    raise click.ClickException(message)
