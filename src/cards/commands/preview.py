"""``cards preview``: one HTML page per deck showing every card as Anki will, with lint problems."""

from __future__ import annotations

from pathlib import Path

import click


class _Deck(click.Path):
    def __init__(self):
        super().__init__(exists=True, dir_okay=False, path_type=Path)


@click.command("preview")
@click.argument("decks", nargs=-1, type=_Deck())
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the pages to (build/<deck id>.html).")
@click.option("--templates", "templates", default="templates", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of templates overriding the built-in ones (used if it exists).")
@click.option("--open", "open_pages", is_flag=True, help="Open the pages in the web browser.")
@click.option("--watch", is_flag=True,
              help="Keep running, and write the pages again whenever a deck, a source it cites or a template "
                   "changes (stop with Ctrl-C).")
def command(decks: tuple[Path, ...], out_dir: Path, templates: Path, open_pages: bool, watch: bool) -> None:
    """Write a page per deck (default: decks/*.yaml) showing each card, both directions, as Anki
    shows it, with night mode and phone width switches and the lint problems beside each card.

    Lint problems are shown beside their cards. Errors that leave cards out (a
    card or a deck that does not validate) are printed too, listed at the top
    of the page if the deck loaded, and make the exit status 1.
    """
    import sys

    from cards.build import default_deck_paths
    from cards.config import read_lint_config
    from cards.errors import CardsError, ConfigError
    from cards.export.files import WriteError
    from cards.preview import preview, summary, template_files, watch as watch_files

    def deck_paths() -> list[Path]:
        return list(decks) if decks else default_deck_paths()

    if not deck_paths() and not watch:
        raise click.UsageError("no decks given and none found in decks/*.yaml")
    try:
        config = read_lint_config(Path("."))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None

    opened: set[Path] = set()
    status = {"failed": False}

    def run() -> set[str]:
        paths = deck_paths()
        try:
            result = preview(paths, out_dir, templates, config)
        except WriteError as exc:
            click.echo(exc.problem, err=True)
            click.echo(f"cards: {exc.outcome()}", err=True)
            status["failed"] = True
            return {str(p) for p in paths}
        except CardsError as exc:  # a template the note types cannot be made from
            click.echo(f"cards: error: {exc}", err=True)
            status["failed"] = True
            return {str(p) for p in paths}
        for problem in result.failed:
            click.echo(str(problem), err=True)
        for page in result.pages:
            click.echo(summary(page))
        if result.failed:
            missing = (f"; {len(result.not_previewed)} deck(s) not previewed" if result.not_previewed else "")
            click.echo(f"cards: {len(result.failed)} error(s): cards with errors are left out of the preview"
                       f"{missing}", err=True)
        status["failed"] = bool(result.failed)
        if open_pages:
            import webbrowser

            for page in result.pages:
                if page.path not in opened:
                    webbrowser.open(page.path.resolve().as_uri())
                    opened.add(page.path)
        return result.inputs | {str(p) for p in paths}

    if not watch:
        run()
        if status["failed"]:
            sys.exit(1)
        return

    def extra() -> list:
        return [*deck_paths(), *template_files(templates), Path("pyproject.toml")]

    click.echo("watching the decks, their sources and templates; stop with Ctrl-C", err=True)
    watch_files(run, extra)
