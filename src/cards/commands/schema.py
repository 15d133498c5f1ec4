"""``cards schema``: print the JSON Schema of deck files, for editors."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (as UTF-8) instead of printing it.")
def command(output: Path | None) -> None:
    """Print the JSON Schema of deck files, for editor completion and checking.

    Projects made by 'cards init' keep a copy in .cards/deck.schema.json; refresh it
    after upgrading cards with: cards schema -o .cards/deck.schema.json
    """
    from cards.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(1)
