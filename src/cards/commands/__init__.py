"""The commands besides ``build`` and ``lint`` (which live in :mod:`cards.cli`), one
module each, each defining a click command named ``command``.

A command is thin, as the CLI is: it parses its options, calls the library, prints
and sets the exit code. Its module imports the library inside the command, so
that ``cards --help`` stays fast. To add one, write ``cards/commands/<name>.py``
and add its name below.
"""

from __future__ import annotations

from importlib import import_module

#: Command modules, in the order ``cards --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "init",
    "schema",
    "import_sheet",
    "export_sheet",
    "preview",
    "diff",
    "show",
    "cite",
    "calibrate",
)


def add_commands(group) -> None:
    """Add every command of :data:`COMMANDS` to the click ``group``."""
    for name in COMMANDS:
        group.add_command(import_module(f"cards.commands.{name}").command)
