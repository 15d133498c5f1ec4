"""``cards diff OLD.apkg NEW.apkg``: what students will see change, and whether NEW updates OLD cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-anki", is_flag=True, help="Only compare the packages; do not check the update with Anki itself.")
@click.option("--list", "list_notes", is_flag=True, help="Name every added, updated and retired card.")
def command(old: Path, new: Path, no_anki: bool, list_notes: bool) -> None:
    """Compare two packages of a deck: the cards added, updated, retired and unchanged, and whether
    importing NEW over OLD updates students' cards in place (checked in a scratch Anki collection).

    Exit status: 0 when NEW updates OLD cleanly, 1 when it would not (or a package cannot be read).
    """
    from cards.release.diff import DiffError, check_with_anki, compare, read_package

    try:
        before, after = read_package(old), read_package(new)
        comparison = compare(before, after)
        checked = None if no_anki else check_with_anki(old, new, comparison, after)
    except DiffError as exc:
        click.echo(f"cards: error: {exc}", err=True)
        sys.exit(1)
    click.echo(comparison.summary())
    if list_notes:
        for label, guids in (("added", comparison.added), ("updated", comparison.updated),
                             ("retired", comparison.retired)):
            for guid in guids:
                note = after.notes[guid]
                click.echo(f"  {label}: {note.fields[-1] if note.fields else guid}")
    problems = list(comparison.conflicts)
    if comparison.dropped:
        problems.append(f"{len(comparison.dropped)} card(s) of OLD are not in NEW at all: they would stay in "
                        "students' collections unannounced (build NEW with its deck's lock file, which retires them)")
    if comparison.not_newer:
        problems.append(f"{len(comparison.not_newer)} changed card(s) are not newer than in OLD: Anki would keep "
                        "the old text (build NEW with its deck's lock file)")
    if checked is not None:
        problems.extend(checked.problems)
        click.echo("Anki: " + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in checked.log.items()))
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        click.echo("cards diff: NEW does not update OLD cleanly", err=True)
        sys.exit(1)
    click.echo("NEW updates OLD cleanly" + ("" if checked is not None else " (packages compared; Anki not run)"))
