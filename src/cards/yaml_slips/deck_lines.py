"""One line of a deck read into its parts: its dashes, its key, its ':' and its value.

The slip rules decide from these parts (and the columns they start at), never from
the parser's wording. :class:`Place` is a 1-based line and column, as editors and
the messages count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple


class Place(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


_PLAIN_KEY = re.compile(r"""(?P<key>[^\s#'"\[\]{},&*!|>%@`:-][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)""")
_QUOTED_KEY = re.compile(r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?=\s|$)""")


@dataclass
class Line:
    number: int
    text: str
    #: 1-based columns of the '- ' list indicators that start the line
    dashes: list[int] = field(default_factory=list)
    #: 1-based column of the content after the indentation and the dashes (0: none)
    start: int = 0
    key: str | None = None
    key_column: int = 0
    #: 1-based column of the ':' after the key
    colon: int = 0
    #: 1-based column of the value after the key (0: the value is empty)
    value: int = 0

    @property
    def significant(self) -> bool:
        return self.start > 0 or bool(self.dashes)

    @property
    def first(self) -> int:
        """Column of the line's first dash or content."""
        return self.dashes[0] if self.dashes else self.start

    def char(self, column: int) -> str:
        return self.text[column - 1] if 0 < column <= len(self.text) else ""


def read_line(number: int, text: str) -> Line:
    line = Line(number, text)
    i = len(text) - len(text.lstrip(" "))
    while text[i:i + 1] == "-" and text[i + 1:i + 2] in (" ", ""):
        line.dashes.append(i + 1)
        i += 1
        while text[i:i + 1] == " ":
            i += 1
    rest = text[i:]
    if not rest.strip() or rest.lstrip().startswith("#") or rest.startswith("\t"):
        return line
    line.start = i + 1
    match = _QUOTED_KEY.match(rest) or _PLAIN_KEY.match(rest)
    if match:
        key = match.group("key")
        line.key = key[1:-1] if key[:1] in "'\"" else key.strip()
        line.key_column = i + 1
        line.colon = i + match.end()
        after = text[line.colon:]
        stripped = after.lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            line.value = line.colon + 1 + len(after) - len(stripped)
    return line


class Opening(NamedTuple):
    """A column where a block is open before some line: a key's or a '-'s."""

    column: int
    line: int
    dash: bool
    name: str
