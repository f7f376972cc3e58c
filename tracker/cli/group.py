"""The `tracker` command group, on its own so that every command module can add to it.

Exit status: 0 on success, 1 on bad input (click.ClickException, with a message naming what
is wrong), 2 on a usage error (click's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from tracker.extensions import db

tracker_cli = AppGroup("tracker", help="Tracker: demo data, users, reports, reminders, backups.")


def fail(message: str) -> None:
    """Stop with exit status 1 and a message (bad input)."""
    raise click.ClickException(message)


@contextmanager
def transaction(commit: bool = True) -> Iterator[None]:
    """A command's one transaction (what a request is to a page): committed when the block
    ends (unless `commit` is false: a dry run), rolled back when anything escapes it."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    if commit:
        db.session.commit()
    else:
        db.session.rollback()
