"""The command line: parse options, call the library, print, set the exit code.

Exit codes: 0 success (warnings allowed), 1 problems in the input or files that
cannot be read or written, 2 usage errors (click's own), 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM). Heavy modules are imported inside the
commands so that ``cards --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

try:
    # Start-up is mostly these imports (click above all): Ctrl-C during them ends the
    # command as it does later on, with one line and no traceback.
    from pathlib import Path

    import click

    from cards import __version__
    from cards.errors import CardsError, ConfigError, InputError, Problem
    from cards.lint.formats import FORMATS
    from cards.print_choices import DUPLEX, LAYOUTS, PAPERS, STOCKS
except KeyboardInterrupt:
    try:
        sys.stderr.write("cards: interrupted\n")
    except (OSError, ValueError, AttributeError):
        pass
    raise SystemExit(130) from None


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
    from cards.export.files import WriteError

    if isinstance(exc, ConfigError):
        raise click.UsageError(str(exc))
    if isinstance(exc, InputError):
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"cards: {errors} error(s); nothing was written", err=True)
    elif isinstance(exc, WriteError):
        click.echo(exc.problem, err=True)
        click.echo(f"cards: {exc.outcome()}", err=True)
    else:
        click.echo(f"cards: error: {exc}", err=True)
    sys.exit(1)


class Stopped(BaseException):
    """The command was stopped by Ctrl-C (SIGINT) or SIGTERM.

    Raised by the signal handlers :func:`run` installs, wherever the command is, so
    that every ``finally`` on the way out runs: worker processes and PDF helpers are
    stopped, temporary files and folders removed. Not a KeyboardInterrupt, which
    click would turn into "Aborted!".
    """

    MESSAGES = {2: "interrupted", 15: "terminated"}

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM raise :class:`Stopped`. A second one while the first is
    being dealt with ends the process at once."""
    import signal

    def stop(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Stopped(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def _tolerant_streams() -> None:
    """Show what the output's encoding cannot (Cyrillic on a cp1252 console, say) as
    backslash escapes, rather than fail on the first such character."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):  # not a text file of io's, or closed
            pass


def _say(line: str) -> None:
    try:
        click.echo(line, err=True)
    except (OSError, ValueError):  # stderr closed: nothing more can reach anyone
        pass


def run() -> None:
    """The ``cards`` command (and ``python -m cards``): :func:`main`, then leave at once.

    By the time a command returns, its outputs are written and closed. Tearing the
    interpreter down would free, object by object, every cached word, stem and card,
    after a last pass of the cycle collector over them all: 0.09 s of a 2,000-card
    build and 0.25 s of a 10,000-card one, for nothing. So the process ends with
    ``os._exit`` once the output streams are flushed (the technique Instagram
    described for its servers), unless decks were built in worker processes, whose
    clean-up needs the normal exit. :func:`main` itself exits normally, for callers
    that run it in-process.

    Here, too, the output streams are made to escape what their encoding cannot
    show, Ctrl-C and SIGTERM end the command cleanly (exit status 130 and 143) and an
    operating system error nothing else reported ends it with a plain message.
    """
    try:
        code = _command()
    except (Stopped, KeyboardInterrupt) as exc:  # also if it came while the command was ending
        code = _stopped(exc)
    import signal

    # Leaving: a signal from now on ends the process as it would any other.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if "multiprocessing" in sys.modules:
        # Decks were built in worker processes: multiprocessing removes its fork
        # server's socket folder in /tmp when the interpreter exits normally.
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can reach it anyway
            pass
    os._exit(code)


def _command() -> int:
    """Run :func:`main`; its exit status."""
    try:
        _tolerant_streams()
        _stop_on_signals()
        main(prog_name="cards")
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        return exc.code or 0
    except (Stopped, KeyboardInterrupt) as exc:
        return _stopped(exc)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"cards: error: {where}{exc.strerror or exc}")
        return 1
    return 0  # pragma: no cover - click's standalone mode always raises SystemExit


def _stopped(exc: BaseException) -> int:
    signum = exc.signum if isinstance(exc, Stopped) else 2
    _say(f"cards: {Stopped.MESSAGES.get(signum, 'stopped')}")
    return 128 + signum


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cards")
def main() -> None:
    """Turn cited YAML flashcard decks into Anki packages and printable PDFs."""


class _DeckFile(click.Path):
    """An existing deck file, as ``click.Path(exists=True, dir_okay=False)`` checks;
    except that a path which cannot even be looked up (a name too long, a folder that
    may not be read) is let through, for the build or the linter to report why it
    cannot be read, with every other problem (exit status 1, not 2)."""

    def __init__(self):
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        try:
            os.stat(value)
        except (FileNotFoundError, NotADirectoryError):
            pass  # click says it does not exist
        except OSError:
            return Path(value)
        return super().convert(value, param, ctx)


def _back_offset(value: str | None) -> tuple[float, float] | None:
    """``--back-offset X,Y`` as (x, y) mm."""
    if value is None:
        return None
    try:
        x, y = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(f"must be X,Y in mm such as 0.5,-1, not {value!r}") from None
    if not (abs(x) <= 10 and abs(y) <= 10):
        raise click.BadParameter(f"must be between -10 and 10 mm each, not {value!r}")
    return x, y


@main.command()
@click.argument("decks", nargs=-1, type=_DeckFile())
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the outputs to.")
@click.option("--no-lint", is_flag=True, help="Build even if the linter finds errors.")
@click.option("--templates", "templates", default="templates", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of templates overriding the built-in ones (used if it exists).")
@click.option("--no-pdf", is_flag=True, help="Write only the Anki packages, no printable PDFs.")
@click.option("--paper", type=click.Choice(list(PAPERS), case_sensitive=False),
              help="Paper for the PDF (default: the deck's print: paper, else a4).")
@click.option("--layout", type=click.Choice(list(LAYOUTS), case_sensitive=False),
              help="grid: fronts and backs on alternate pages; foldover: front and back side by side; "
                   "index: one card per 3x5 in page (default: the deck's print: layout, else grid).")
@click.option("--duplex", type=click.Choice(list(DUPLEX), case_sensitive=False),
              help="How the printer turns the sheet for the backs; none: all fronts, then all backs "
                   "(default: the deck's print: duplex, else long-edge).")
@click.option("--crop-marks/--no-crop-marks", default=None,
              help="Print crop marks in the margin (default: the deck's print: crop_marks, else off).")
@click.option("--stock", type=click.Choice(list(STOCKS), case_sensitive=False),
              help="Print onto a card stock (sets paper, layout and grid): "
                   + ", ".join(STOCKS) + " (default: the deck's print: stock, else none).")
@click.option("--back-offset", callback=lambda ctx, param, value: _back_offset(value), metavar="X,Y",
              help="Shift every back page by X mm right and Y mm down, to correct a printer's duplex "
                   "misalignment (default: the deck's print: back_offset, else 0,0).")
@click.option("--tags", "tags", multiple=True, metavar="T1,T2",
              help="Print only the cards with one of these tags (the deck's or their own; 'russia' also "
                   "chooses 'russia::1917'). Only the PDF: the .apkg always holds every card.")
@click.option("--ids", "ids", multiple=True, metavar="ID1,ID2",
              help="Print only the cards with these ids (with --tags: the cards either chooses). "
                   "Only the PDF: the .apkg always holds every card.")
@click.option("--force", is_flag=True, help="Rebuild every deck, even those whose inputs have not changed.")
@click.option("--locked", is_flag=True,
              help="Fail instead of changing a deck's lock file (in CI: release only what was committed).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; only warnings and errors.")
def build(decks: tuple[Path, ...], out_dir: Path, no_lint: bool, templates: Path, no_pdf: bool,
          paper: str | None, layout: str | None, duplex: str | None, crop_marks: bool | None,
          stock: str | None, back_offset: tuple[float, float] | None, tags: tuple[str, ...], ids: tuple[str, ...],
          force: bool, locked: bool, quiet: bool) -> None:
    """Build DECKS (default: decks/*.yaml) into .apkg and printable .pdf files in the output folder."""
    from cards.build import BuildOptions, build as run_build
    from cards.build.selection import Selection, parse_list
    from cards.progress import Progress

    selection = Selection(ids=parse_list(ids), tags=parse_list(tags))
    for option, given, parsed in (("--tags", tags, selection.tags), ("--ids", ids, selection.ids)):
        if given and not parsed:
            raise click.UsageError(f"{option} needs at least one name, such as {option} a,b")
    if selection and no_pdf:
        raise click.UsageError("--tags and --ids choose the cards to print, and --no-pdf prints none; leave one out")
    paths = _deck_paths(decks)
    overrides = {"paper": paper and paper.lower(), "layout": layout and layout.lower(),
                 "duplex": duplex and duplex.lower(), "crop_marks": crop_marks, "back_offset": back_offset,
                 "stock": stock and stock.lower()}
    try:
        options = BuildOptions(out_dir=out_dir, lint=not no_lint, templates=templates,
                               lint_config=None if no_lint else _lint_table(),
                               pdf=not no_pdf, print_overrides=overrides, force=force, locked=locked,
                               selection=selection or None)
        progress = Progress(enabled=not quiet)
        try:
            report = run_build(paths, options, progress)
        finally:
            progress.close()
    except CardsError as exc:
        _fail(exc)
        return
    _print_problems(report.warnings)
    if not quiet:
        for output in report.outputs:
            click.echo(_summary(output))


def _summary(output) -> str:
    """One line per deck: what it holds, what was written, how long it took."""
    files = ", ".join(str(f) for f in output.files)
    pages = f", {output.pages} pages" if output.pages else ""
    if output.printed is not None:  # --tags or --ids chose the cards to print
        pages = f", {output.printed} printed{pages}" if output.printed else ", none of them printed (no PDF)"
    warnings = f", {output.warnings} warning{'s' if output.warnings != 1 else ''}"
    timing = "unchanged" if output.cached else f"{output.seconds:.2f} s"
    removed = f"; removed the earlier {', '.join(map(str, output.removed))}" if output.removed else ""
    line = f"{output.source}: {output.cards} cards, {output.notes} notes{pages}, {timing}{warnings} -> {files}{removed}"
    changes = output.changes
    if changes is not None:  # what students will see change, since the deck's lock file
        line += f"\n  release: {changes.summary()}"
        for what, ids in (("added", changes.added), ("updated", changes.updated), ("retired", changes.retired)):
            if ids and (what == "retired" or len(ids) <= 10):
                line += f"; {what}: {', '.join(ids)}"
    return line


def _lint_table():
    """The project's raw [tool.cards.lint], checked only when a deck is linted."""
    from cards.config import read_lint_table

    try:
        return read_lint_table(Path("."))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _lint_config(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()):
    """The project's [tool.cards.lint] (pyproject.toml in the current folder) with the flags applied."""
    from cards.config import read_lint_config
    from cards.lint.settings import parse_codes

    try:
        config = read_lint_config(Path("."))
        return config.merged(
            select=parse_codes(list(select), "--select") if select else None,
            ignore=parse_codes(list(ignore), "--ignore") if ignore else (),
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


@main.command()
@click.argument("decks", nargs=-1, type=_DeckFile())
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="text: path:line:col: CODE name: message; json: a list of objects; "
              "github: workflow annotations.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these rules (codes or prefixes, comma-separated; replaces the configured list).")
@click.option("--ignore", multiple=True, metavar="CODES",
              help="Skip these rules (codes or prefixes, comma-separated; added to the configured list).")
@click.option("--fix", is_flag=True,
              help="Rewrite citations that fit exactly one other place in their source (changing nothing else).")
def lint(decks: tuple[Path, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
         fix: bool = False) -> None:
    """Check every card of DECKS (default: decks/*.yaml) against its cited source.

    Exit status: 0 without errors (warnings allowed), 1 with errors, 2 for usage errors.
    Configure in pyproject.toml under [tool.cards.lint] (select, ignore, severity);
    silence a rule on one card with a comment such as '# cards: ignore D101' in it.
    """
    from cards.build import check
    from cards.lint import coded
    from cards.lint.formats import FORMATS

    config = _lint_config(select, ignore)
    checked = check(_deck_paths(decks), lint_config=config)
    if fix:
        from cards.lint.fix import fix_decks

        changes = fix_decks(checked)
        for change in changes:
            click.echo(str(change), err=True)
        if changes:
            checked = check(_deck_paths(decks), lint_config=config)
    problems = coded(checked.problems)
    output = FORMATS[output_format](problems)
    if output:
        click.echo(output)
    if output_format == "text" and problems:
        errors, warnings = len(checked.errors), len(checked.warnings)
        click.echo(f"cards lint: {errors} error(s), {warnings} warning(s)", err=True)
    elif output_format == "text":
        decks_n, cards_n = len(checked.decks), sum(len(deck.cards) for _, deck in checked.decks)
        click.echo(f"{decks_n} deck{'s' * (decks_n != 1)}, {cards_n} card{'s' * (cards_n != 1)}: no problems", err=True)
    if checked.errors:
        sys.exit(1)


def _add_commands() -> None:
    from cards.commands import add_commands

    add_commands(main)


_add_commands()
