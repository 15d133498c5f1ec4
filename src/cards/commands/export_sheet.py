"""``cards export``: a deck as a spreadsheet (CSV, TSV) or as Quizlet's import text."""

from __future__ import annotations

from pathlib import Path

import click

FORMATS = ("csv", "tsv", "quizlet")


@click.command("export")
@click.argument("deck", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv or tsv: a sheet `cards import` reads back (deck settings above the header row, one "
                   "card a row); quizlet: term, a tab, definition, one card a line, for Quizlet's import box.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced if it exists). Default: standard output.")
def command(deck: Path, output_format: str, output: Path | None) -> None:
    """Write DECK as a spreadsheet or for Quizlet, one row per card.

    Quizlet: the term is the card's question and the definition its answer
    (event and date, name and role, term and definition, quote and speaker,
    place and significance). Comments in the deck file are not exported.
    """
    import sys

    from cards.errors import InputError
    from cards.export.files import WriteError, atomic_write
    from cards.load import load_deck
    from cards.spreadsheet import export_rows, quizlet_text, rows_text
    from cards.validate import validate

    def fail(problems) -> None:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"cards: {sum(p.is_error for p in problems)} error(s); nothing was written", err=True)
        sys.exit(1)

    try:
        loaded = load_deck(deck)
    except InputError as exc:
        fail(exc.problems)
        return
    checked, problems = validate(loaded)
    if checked is None or any(p.is_error for p in problems):
        fail(problems)
        return
    if output_format == "quizlet":
        text = quizlet_text(checked)
    else:
        try:
            rows = export_rows(loaded, checked)
        except InputError as exc:
            fail(exc.problems)
            return
        text = rows_text(rows, "," if output_format == "csv" else "\t")
    if output is None:
        click.echo(text, nl=False)
        return
    # A file gets a byte order mark in front of CSV, so that Excel reads it as UTF-8.
    data = (("\ufeff" if output_format == "csv" else "") + text).encode("utf-8")
    try:
        atomic_write(output, data)
    except WriteError as exc:
        click.echo(exc.problem, err=True)
        click.echo(f"cards: {exc.outcome()}", err=True)
        sys.exit(1)
    count = len(checked.cards)
    click.echo(f"{deck}: {count} card{'s' if count != 1 else ''} -> {output}", err=True)
