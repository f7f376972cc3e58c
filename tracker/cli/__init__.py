"""The `flask --app app tracker ...` commands (CONTRACT.md "Command line").

Each module adds its commands to the one group; importing them here registers them all.
"""

from __future__ import annotations

from flask import Flask

from tracker.cli import core, notify, onboarding, operations, refs, reports  # noqa: F401
from tracker.cli.group import tracker_cli


def register(app: Flask) -> None:
    app.cli.add_command(tracker_cli)
