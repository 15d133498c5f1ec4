"""Slips around a key's ':': a key without its ':' (or without the space after it),
and text holding ': ', which YAML takes for another key. A ':' the parser stopped at
that is neither is left to :func:`~cards.yaml_slips.layout.indentation`."""

from __future__ import annotations

import re

from cards.yaml_slips.deck_lines import Line, Place
from cards.yaml_slips.layout import indentation
from cards.yaml_slips.reading import Reading
from cards.yaml_slips.wording import cut, suggest


def missing_colon(reading: Reading):
    """The parser was reading a key (from ``context``) and found no ':' after it."""
    c = reading.context
    if c is None or c.line >= reading.problem.line:
        return None
    line = reading.line(c.line)
    if line.key is not None or not line.start or c.column != line.start:
        return None
    if line.text.rstrip().endswith(":"):
        return None
    return _no_colon(line)


def colon(reading: Reading):
    """The parser stopped at a ':'. Either text holds ': ' (quotes needed), or a line
    is not where it belongs: the line above has no ':', or this one is indented off."""
    p = reading.problem
    here = reading.line(p.line)
    if here.char(p.column) != ":":
        return None
    if here.key is not None and here.colon < p.column:
        return (Place(p.line, here.value or here.colon),
                f"the text of {here.key!r} holds ': ', which YAML takes for the start of another key; "
                f"put the whole text in double quotes" + suggest(here, here.text[here.value - 1:], '"'))
    flow = _flow_key(here.text, p.column)
    if flow is not None:
        key, value_column = flow
        return (Place(p.line, value_column),
                f"the text of {key!r} holds ': ', which YAML takes for the start of another key; "
                f"put the text in double quotes")
    above = reading.above(p.line)
    if above is None:
        return None
    if above.key is None and above.start and not above.text.rstrip().endswith(":"):
        if above.start == here.first or (above.dashes and above.start == here.start):
            return _no_colon(above)
        owner = reading.owner_of_continuation(above)
        if owner is not None and owner.key is not None:
            if not reading.is_known_key(here.key) and here.first > owner.key_column + 1:
                return (Place(owner.number, owner.value or owner.colon),
                        f"the text of {owner.key!r} (line {owner.number} on) holds ': ', which YAML takes "
                        f"for the start of another key; put the whole text in double quotes")
    elif above.key is not None and above.value and here.first > above.key_column and not above.dashes[1:]:
        if here.first > above.key_column + 1 and not reading.is_known_key(here.key):
            return (Place(above.number, above.value),
                    f"the text of {above.key!r} goes on to line {p.line}, where it holds ': ', which YAML "
                    f"takes for the start of another key; put the whole text in double quotes")
    return indentation(reading, at=here)


def _no_colon(line: Line):
    content = line.text[line.start - 1:].split(" #")[0].rstrip()
    glued = re.match(r"([^\s:]+):(\S.*)$", content)
    if glued:
        key, value = glued.groups()
        return (Place(line.number, line.start + len(key) + 1),
                f"no space after the ':' of {key!r}; YAML needs one: write '{key}: {cut(value)}'")
    key, _, value = content.partition(" ")
    if value.strip():
        return (Place(line.number, line.start + len(key)),
                f"no ':' after {key!r}; a key and its value are written '{key}: {cut(value.strip())}'")
    return (Place(line.number, line.start + len(key)), f"no ':' after {key!r}; write '{key}:'")


def _flow_key(text: str, column: int) -> tuple[str, int] | None:
    """Inside a flow mapping ({a: b, c: d}), the key whose value holds the ':' at ``column``."""
    before = text[:column - 1]
    start = max(before.rfind("{"), before.rfind(","))
    if start < 0 or "{" not in before:
        return None
    piece = before[start + 1:]
    key, sep, value = piece.partition(": ")
    if not sep or not key.strip():
        return None
    value_column = start + 1 + len(key) + 2 + (len(value) - len(value.lstrip(" "))) + 1
    return key.strip(), value_column
