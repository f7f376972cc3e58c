"""Commands for setting up: the demo department, the unit tree, users."""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import select

from tracker.cli.group import fail, tracker_cli, transaction
from tracker.common.exceptions import ServiceError
from tracker.demo.loader import load_demo
from tracker.domain.trees import tree_order
from tracker.extensions import db
from tracker.models import ROLES, Unit, User
from tracker.org.users import create_user


def print_demo_logins() -> None:
    from tracker.demo.data import DEMO_PASSWORD, USERS

    known = set(db.session.scalars(select(User.username)))
    rows = [row for row in USERS if row[0] in known]
    if not rows:
        return
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, name, title, role, unit in rows:
        click.echo(f"  {username:<14} {role:<9} {unit:<8} {name} – {title}")


@tracker_cli.command("demo")
def demo_command() -> None:
    """Load the demo department into an empty database (does nothing if data exists)."""
    with transaction():
        counts = load_demo()
    if counts is None:
        click.echo("The database already has data; the demo was not loaded.")
    else:
        click.echo(
            "Loaded the demo department: " + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
    print_demo_logins()


@tracker_cli.command("units")
def units_command() -> None:
    """Print the unit tree as JSON lines {"code", "name", "parent"}, parents first."""
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.name)).all()
    codes = {unit.id: unit.code for unit in units}
    for unit, _ in tree_order(units):
        line = {"code": unit.code, "name": unit.name, "parent": codes.get(unit.parent_id)}
        click.echo(json.dumps(line, ensure_ascii=False))


@tracker_cli.command("create-user")
@click.argument("username")
@click.option(
    "--role", required=True, type=click.Choice(ROLES), help="admin, director, head, staff or viewer"
)
@click.option("--unit", "unit_code", required=True, help="The code of the unit the role is on.")
@click.option("--name", "full_name", help="Full name (defaults to the username).")
@click.option("--email", help="E-mail address for reminders.")
def create_user_command(username, role, unit_code, full_name, email) -> None:
    """Create a user; the password is read from standard input (one line)."""
    unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
    if unit is None:
        fail(f"No unit with code {unit_code!r} (see `flask --app app tracker units`).")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("No password on standard input.")
    with transaction():
        try:
            user = create_user(username, password, role, unit, full_name=full_name, email=email)
        except ServiceError as error:
            fail(f"{error.field or 'input'}: {error.message}")
    click.echo(f"Created {user.username} ({role} of {unit.code}).")
