"""Slips in how lines are laid out: a tab where YAML wants spaces, a line indented a
space or two off from the lines it belongs with, a '-' missing before a list item
(a card, usually)."""

from __future__ import annotations

from cards.yaml_slips.deck_lines import Line, Opening, Place
from cards.yaml_slips.reading import Reading
from cards.yaml_slips.wording import spaces


def tab(reading: Reading):
    """A tab where YAML wants spaces: in the indentation, or between a key and its value."""
    p = reading.problem
    text = reading.line(p.line).text
    indent = len(text) - len(text.lstrip(" \t"))
    if "\t" in text[:indent]:
        return (Place(p.line, text.index("\t") + 1),
                "a tab in the indentation; YAML indents with spaces only: "
                "replace the tab with spaces (and set your editor to type spaces for Tab)")
    if reading.line(p.line).char(p.column) == "\t":
        return (p, "a tab here; YAML allows only spaces around a key's ':': replace the tab with a space")
    return None


def indentation(reading: Reading, at: Line | None = None):
    """The parser stopped at the start of a line: is the line indented off, or is a
    '-' missing (on this line, or on the lines above it at the same column)?"""
    p = reading.problem
    here = at or reading.line(p.line)
    if at is None and (not here.significant or p.column != here.first):
        return None
    if here.key is None and not here.dashes:
        return None  # not a key nor a list item: nothing to line up
    column = here.first
    openings = reading.openings(p.line)
    if not openings:
        return None
    same = [o for o in openings if o.column == column]
    if same:
        return _missing_dash(reading, here, same[0], openings)
    is_dash = bool(here.dashes)

    def rank(o: Opening):
        return abs(o.column - column), o.dash != is_dash, p.line - o.line

    best = min(openings, key=rank)
    if abs(best.column - column) > 2:
        return None
    difference = column - best.column
    amount = ("one space" if abs(difference) == 1 else f"{abs(difference)} spaces") + \
             (" more" if difference > 0 else " less")
    what = "this '-'" if is_dash else repr(here.key)
    other = f"the '-' on line {best.line}" if best.dash else f"{best.name!r} on line {best.line}"
    together = "the items of one list" if best.dash else "the keys of one mapping"
    fix = f"indent it by {spaces(best.column - 1)}" if best.column > 1 else "do not indent it"
    return (Place(here.number, column),
            f"{what} is indented {spaces(column - 1)}, {amount} than {other}; {together} must line up: {fix}")


def _missing_dash(reading: Reading, here: Line, opening: Opening, openings: list[Opening]):
    column = opening.column
    parent = next((o for o in openings if o.column < column and not o.dash), None)
    item, each = ("card", "each card") if parent is not None and parent.name == "cards" else \
        ("item", "each item of a list")
    if opening.dash and not here.dashes and here.key is not None:
        return (Place(here.number, column),
                f"a '-' is missing before this {item}: {each} starts with '- ', in line with the '-' on "
                f"line {opening.line}; write '- {here.key}: ...'")
    if not opening.dash and here.dashes and here.dashes[0] == column:
        first = reading.first_of_run(opening.line, column)
        return (Place(first.number, column),
                f"a '-' is missing before this {item}: {each} starts with '- ' (as on line {here.number}); "
                f"write '- {first.key}: ...' and indent the {item}'s other lines to line up with {first.key!r}")
    return None
