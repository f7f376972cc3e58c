"""`refs`: print the legal references found in a text, one JSON object per line."""

from __future__ import annotations

import json
import sys

import click

from tracker.cli.group import fail, tracker_cli
from tracker.domain.legal_refs import find_refs


@tracker_cli.command("refs")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
def refs_command(file: str | None) -> None:
    """Read text (FILE or standard input) and print each legal reference it cites."""
    try:
        if file:
            with open(file, encoding="utf-8-sig") as handle:
                text = handle.read()
        else:
            text = sys.stdin.read()
    except FileNotFoundError:
        fail(f"{file}: no such file.")
    except UnicodeDecodeError:
        fail(f"{file or 'stdin'}: not UTF-8 text.")
    for ref in find_refs(text):
        click.echo(json.dumps(ref.to_dict(), ensure_ascii=False))
