"""Pieces of the slip messages: a deck's text cut to a length that can be shown, a
value quoted as the fix would write it, a count of spaces."""

from __future__ import annotations

from cards.yaml_slips.deck_lines import Line

#: Longest piece of a deck's text quoted in a message.
LONGEST_SHOWN = 40


def suggest(line: Line, value: str, mark: str) -> str:
    """'': write 'key: "value"' (the value quoted with ``mark``), short enough to show."""
    value = value.strip()
    if mark == '"':
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        quoted = "'" + value.replace("'", "''") + "'"
    if len(quoted) > LONGEST_SHOWN:
        half = (LONGEST_SHOWN - 5) // 2
        quoted = f"{quoted[:half]} ... {quoted[-half:]}"
    key = f"{line.key}: " if line.key else ""
    return f": {key}{quoted}"


def cut(value: str) -> str:
    return value if len(value) <= LONGEST_SHOWN else value[:LONGEST_SHOWN - 3] + "..."


def spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"
