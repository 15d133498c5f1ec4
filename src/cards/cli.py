"""The command line: parse options, call the library, print, set the exit code.

Exit codes: 0 success (warnings allowed), 1 problems in the input, 2 usage
errors (click's own). Heavy modules are imported inside the commands so that
``cards --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cards import __version__
from cards.errors import CardsError, InputError, Problem


def _deck_paths(decks: tuple[Path, ...]) -> list[Path]:
    from cards.build import default_deck_paths

    if decks:
        return list(decks)
    found = default_deck_paths()
    if not found:
        raise click.UsageError("no decks given and none found in decks/*.yaml")
    return found


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _fail(exc: CardsError) -> None:
    if isinstance(exc, InputError):
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"cards: {errors} error(s); nothing was written", err=True)
    else:
        click.echo(f"cards: error: {exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cards")
def main() -> None:
    """Turn cited YAML flashcard decks into Anki packages and printable PDFs."""


@main.command()
@click.argument("decks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the outputs to.")
@click.option("--no-lint", is_flag=True, help="Build even if the linter finds errors.")
@click.option("--templates", "templates", default="templates", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of templates overriding the built-in ones (used if it exists).")
@click.option("--no-pdf", is_flag=True, help="Write only the Anki packages, no printable PDFs.")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
              help="Paper for the PDF (default: the deck's print: paper, else a4).")
@click.option("--layout", type=click.Choice(["grid", "foldover", "index"], case_sensitive=False),
              help="grid: fronts and backs on alternate pages; foldover: front and back side by side; "
                   "index: one card per 3x5 in page (default: the deck's print: layout, else grid).")
@click.option("--duplex", type=click.Choice(["long-edge", "short-edge", "none"], case_sensitive=False),
              help="How the printer turns the sheet for the backs; none: all fronts, then all backs "
                   "(default: the deck's print: duplex, else long-edge).")
@click.option("--crop-marks/--no-crop-marks", default=None,
              help="Print crop marks in the margin (default: the deck's print: crop_marks, else off).")
def build(decks: tuple[Path, ...], out_dir: Path, no_lint: bool, templates: Path, no_pdf: bool,
          paper: str | None, layout: str | None, duplex: str | None, crop_marks: bool | None) -> None:
    """Build DECKS (default: decks/*.yaml) into .apkg and printable .pdf files in the output folder."""
    from cards.build import BuildOptions, build as run_build

    paths = _deck_paths(decks)
    overrides = {"paper": paper and paper.lower(), "layout": layout and layout.lower(),
                 "duplex": duplex and duplex.lower(), "crop_marks": crop_marks}
    try:
        report = run_build(paths, BuildOptions(out_dir=out_dir, lint=not no_lint, templates=templates,
                                               pdf=not no_pdf, print_overrides=overrides))
    except CardsError as exc:
        _fail(exc)
        return
    _print_problems(report.warnings)
    for output in report.outputs:
        files = ", ".join(str(f) for f in output.files)
        click.echo(f"{output.source}: {output.cards} cards, {output.notes} notes -> {files}")


@main.command()
@click.argument("decks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint(decks: tuple[Path, ...]) -> None:
    """Check every card of DECKS (default: decks/*.yaml) against its cited source."""
    from cards.build import check

    checked = check(_deck_paths(decks))
    for problem in checked.problems:
        click.echo(str(problem))
    if checked.errors:
        sys.exit(1)
