"""``cards import``: a spreadsheet (.csv or .tsv) of cards becomes a deck file.

The sheet's format is described in :mod:`cards.spreadsheet` and the README
("Spreadsheets").
"""

from __future__ import annotations

from pathlib import Path

import click


def _source(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name.strip() or not path.strip():
        raise click.BadParameter(f"{value!r} is not NAME=PATH (for example notes=sources/notes.txt)",
                                 param_hint="'--source'")
    return name.strip(), path.strip()


@click.command("import")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The deck file to write (replaced if it exists). Default: decks/<sheet name>.yaml, "
                   "which must not exist yet.")
@click.option("--deck", "deck_name", metavar="NAME",
              help="The Anki deck's name ('::' makes subdecks); overrides the sheet's 'deck' row. "
                   "Default: the sheet's file name.")
@click.option("--id", "deck_id", metavar="ID",
              help="The deck's id (never change it once students have the deck); overrides the sheet's 'id' row.")
@click.option("--source", "sources", multiple=True, metavar="NAME=PATH",
              help="Declare a source the cards cite (NAME:LINE); PATH is relative to the deck file. Repeatable.")
def command(sheet: Path, output: Path | None, deck_name: str | None, deck_id: str | None,
            sources: tuple[str, ...]) -> None:
    """Turn SHEET (a .csv or .tsv file, one card per row) into a deck file.

    The sheet's header row names its columns: kind, id, source, tags and the
    fields of each kind (date, event, name, role, ...). List cells (aliases,
    tags) separate their items with ';'. Rows above the header may set the
    deck: any option of a deck file (deck, id, description, tags, calendar,
    conversion, ...), source (NAME, PATH, TITLE, CALENDAR) and print (OPTION,
    VALUE). Every problem is reported as SHEET:ROW:COL, and then nothing is
    written.
    """
    import sys

    from cards.errors import InputError
    from cards.export.files import WriteError, atomic_write
    from cards.spreadsheet import import_sheet

    if sheet.suffix.lower() not in (".csv", ".tsv"):
        raise click.UsageError(f"{sheet}: give a .csv or .tsv file (save the sheet in one of those formats)")
    declared = dict(_source(value) for value in sources)
    target = output or Path("decks") / f"{sheet.stem}.yaml"
    if output is None and (target.exists() or target.is_symlink()):
        click.echo(f"{target}: already exists; not replaced (give -o {target} to replace it, "
                   "or -o with another name)", err=True)
        sys.exit(1)
    try:
        imported = import_sheet(sheet, target, deck_name=deck_name, deck_id=deck_id, sources=declared)
    except InputError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"cards: {len(exc.problems)} error(s); nothing was written", err=True)
        sys.exit(1)
    try:
        atomic_write(target, imported.text.encode("utf-8"))
    except WriteError as exc:
        click.echo(exc.problem, err=True)
        click.echo(f"cards: {exc.outcome()}", err=True)
        sys.exit(1)
    click.echo(f"{sheet}: {imported.cards} card{'s' if imported.cards != 1 else ''} -> {target}")
    if imported.generated_ids:
        shown = ", ".join(f"row {row}: {card_id}" for row, card_id in imported.generated_ids[:3])
        more = f" and {len(imported.generated_ids) - 3} more" if len(imported.generated_ids) > 3 else ""
        click.echo(f"note: {len(imported.generated_ids)} card(s) had no id and got one made from their text "
                   f"({shown}{more}); Anki keeps a student's reviews by id, so keep these: edit the deck "
                   f"from now on, or `cards export {target}` to a sheet that has them", err=True)
    click.echo(f"next: cards lint {target}", err=True)
