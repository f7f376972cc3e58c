"""The `flask --app app tracker ...` commands (CONTRACT.md "Command line").

Exit status: 0 on success, 1 on bad input (click.ClickException, with a message naming what
is wrong), 2 on a usage error (click's own).
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

tracker_cli = AppGroup("tracker", help="Tracker: demo data, users, reports, reminders, backups.")


def register(app: Flask) -> None:
    from . import core, refs  # noqa: F401  (each module adds its commands to the group)

    for name in ("reports", "onboarding", "notify", "operations", "bench"):
        try:
            __import__(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    app.cli.add_command(tracker_cli)


def fail(message: str) -> None:
    """Stop with exit status 1 and a message (bad input)."""
    raise click.ClickException(message)
