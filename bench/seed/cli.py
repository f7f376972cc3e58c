"""`bench-seed`: fill an empty database with a deterministic synthetic province.

app.py adds it to `flask --app app tracker` when this folder is present; the product itself
knows nothing of the benchmark.
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from bench.seed.province import database_is_empty, schema_exists, seed_province
from tracker.cli.group import fail, tracker_cli, transaction
from tracker.common.exceptions import ServiceError


@click.command("bench-seed")
@click.option(
    "--units",
    type=click.IntRange(5, 5_000),
    default=200,
    show_default=True,
    help="How many units the province has.",
)
@click.option(
    "--tasks",
    type=click.IntRange(100, 2_000_000),
    default=100_000,
    show_default=True,
    help="How many tasks, spread over five years.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="The same seed (on the same day) gives the same province.",
)
@with_appcontext
def bench_seed_command(units: int, tasks: int, seed: int) -> None:
    """Fill an empty database with a synthetic province, for the benchmark."""
    if not schema_exists():
        fail("The database has no tables: run `flask --app app db upgrade` first.")
    if not database_is_empty():
        fail("The database already has data: bench-seed only fills an empty database.")
    with transaction():
        try:
            summary = seed_province(units, tasks, seed)
        except ServiceError as error:
            fail(f"{error.field or 'input'}: {error.message}")
    made = ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())
    click.echo(f"Seeded a synthetic province (seed {seed}) in {summary.seconds:.1f} s: {made}.")
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.phases.items())
    click.echo(f"Time taken: {phases} (then the commit).")
    total = sum(summary.timeliness.values()) or 1
    shares = ", ".join(
        f"{kind} {count:,} ({100 * count / total:.1f} %)"
        for kind, count in sorted(summary.timeliness.items(), key=lambda kv: -kv[1])
    )
    click.echo(f"Tasks by timeliness today: {shares}.")
    click.echo(
        f"Logins (password {summary.password}): {summary.logins['director']} (director), "
        f"{summary.logins['district_head']} (head of a district office), admin."
    )


def register(app: Flask) -> None:
    """Add `bench-seed` to the application's `tracker` command group."""
    tracker_cli.add_command(bench_seed_command)
