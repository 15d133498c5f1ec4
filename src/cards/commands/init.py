"""``cards init [FOLDER]``: a new project, ready to lint and build."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
def command(folder: Path) -> None:
    """Start a project in FOLDER (default: here): an example deck with a card of each
    kind and the notes it cites, the editor schema, pyproject.toml with the linter's
    settings, a .gitignore and a CI workflow. Files that exist are never overwritten.
    """
    from cards.new_project import CannotWrite, create_project

    try:
        create_project(folder, report=lambda outcome: click.echo(str(outcome)))
    except CannotWrite as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    where = "" if folder == Path(".") else f"cd {_shell_word(str(folder))} && "
    click.echo(f"next: {where}cards lint && cards build")


def _shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)
