"""``cards calibrate``: write a one-sheet duplex test PDF, to measure a printer's back offset."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cards.print_choices import PAPERS

DUPLEX_MODES = ("long-edge", "short-edge")


def _offset(ctx, param, value: str | None) -> tuple[float, float]:
    """``--back-offset X,Y`` as (x, y) mm."""
    from cards.print_options import LARGEST_BACK_OFFSET

    if value is None:
        return 0.0, 0.0
    try:
        x, y = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(f"must be X,Y in mm such as 0.5,-1, not {value!r}") from None
    if not (abs(x) <= LARGEST_BACK_OFFSET and abs(y) <= LARGEST_BACK_OFFSET):
        raise click.BadParameter(f"must be between -{LARGEST_BACK_OFFSET:g} and {LARGEST_BACK_OFFSET:g} mm each, "
                                 f"not {value!r}")
    return x + 0.0, y + 0.0  # -0.0 prints as 0


@click.command("calibrate")
@click.option("--paper", type=click.Choice(list(PAPERS), case_sensitive=False), default="a4", show_default=True,
              help="The paper you print cards on.")
@click.option("--duplex", type=click.Choice(DUPLEX_MODES, case_sensitive=False), default="long-edge",
              show_default=True, help="How your printer turns the sheet (as you print cards with).")
@click.option("--back-offset", callback=_offset, metavar="X,Y",
              help="Print the back shifted by X mm right and Y mm down, to check an offset you measured "
                   "(the crosses then meet).")
@click.option("--printer-margin", type=click.FloatRange(0, 15), default=6.0, show_default=True, metavar="MM",
              help="mm along every edge your printer cannot print; nothing is printed there.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (default: build/calibrate-PAPER.pdf).")
def command(paper: str, duplex: str, back_offset: tuple[float, float], printer_margin: float, out: Path | None) -> None:
    """Write a duplex test sheet (two pages: a front and its back) to measure how far your
    printer puts the backs out of line with the fronts.

    Print it on both sides of one sheet at actual size (100 %), hold it to the light and read,
    on the back, where the front's bold cross falls on the back's scale: right and down in mm.
    Build with those numbers: cards build --back-offset X,Y (or print: back_offset: [X, Y]).
    """
    from cards.errors import CardsError
    from cards.export.files import WriteError, atomic_write
    from cards.render.calibrate import Sheet, calibration_pdf

    paper, duplex = paper.lower(), duplex.lower()
    out = out or Path("build") / f"calibrate-{paper}.pdf"
    try:
        data = calibration_pdf(Sheet(paper, duplex, back_offset, printer_margin))
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, data)
    except WriteError as exc:
        click.echo(exc.problem, err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"{out}: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except CardsError as exc:
        click.echo(f"cards: error: {exc}", err=True)
        sys.exit(1)
    x, y = back_offset
    offset = f", backs shifted {x:g} mm right and {y:g} mm down" if (x or y) else ""
    click.echo(f"{out}: duplex test sheet ({paper}, {duplex} duplex{offset}); print both sides at 100 % "
               "and follow the steps on it")
