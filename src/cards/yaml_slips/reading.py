"""What the slip rules read: the lines around the parser's problem, read as
:class:`~cards.yaml_slips.deck_lines.Line` on demand, the blocks open above a line,
the last quoted text the parser's tokens held, and the keys a deck may hold."""

from __future__ import annotations

from functools import lru_cache

from cards.lines import split_lines
from cards.yaml_slips.deck_lines import Line, Opening, Place, read_line


class Reading:
    """A deck's text with the parser's ``problem`` (where it gave up) and ``context``
    (where the construct it was reading began; may be None) places, and ``loader``
    the PyYAML loader class (None: the tokens are not read)."""

    def __init__(self, text: str, problem: Place, context: Place | None, loader):
        self.text = text
        self.raw = split_lines(text)
        self.problem = problem
        self.context = context
        self.loader = loader
        self._lines: dict[int, Line] = {}

    def line(self, number: int) -> Line:
        if number not in self._lines:
            text = self.raw[number - 1] if 0 < number <= len(self.raw) else ""
            self._lines[number] = read_line(number, text)
        return self._lines[number]

    def above(self, number: int) -> Line | None:
        for n in range(number - 1, 0, -1):
            line = self.line(n)
            if line.significant:
                return line
        return None

    def owner_of_continuation(self, line: Line) -> Line | None:
        """The key line whose text ``line`` continues (a plain text over several lines)."""
        n = line.number
        while True:
            above = self.above(n)
            if above is None or above.first >= line.first:
                return None
            if above.key is not None or above.dashes:
                return above
            n = above.number

    def first_of_run(self, number: int, column: int) -> Line:
        """The first of the lines starting at ``column`` just above and including line ``number``."""
        first = self.line(number)
        for n in range(number - 1, 0, -1):
            line = self.line(n)
            if not line.significant or line.first > column:
                continue
            if line.first < column or line.key is None:
                break
            first = line
        return first

    def openings(self, number: int) -> list[Opening]:
        """The columns where a block is open before line ``number``, nearest first: the
        keys and dashes of the line above and of each line it belongs to."""
        found: list[Opening] = []
        smallest = 10**9
        for n in range(number - 1, 0, -1):
            line = self.line(n)
            if not line.significant or (line.key is None and not line.dashes):
                continue  # blank, a comment, or text going on from a line above
            if line.first >= smallest:
                continue
            columns = [(d, True, "-") for d in line.dashes]
            if line.key is not None:
                columns.append((line.key_column, False, line.key))
            for column, dash, name in columns:
                if column < smallest:
                    found.append(Opening(column, n, dash, name))
            smallest = line.first
            if smallest <= 1:
                break
        return found

    def quoted_before(self):
        """The quoted text the parser read last before the problem, if the problem is
        right after it: ((line, column) of its opening, (line, column) just after its
        closing, the quote mark)."""
        if self.loader is None:
            return None
        import yaml

        p = self.problem
        last = None
        loader = self.loader(self.text)
        try:
            while loader.check_token():
                token = loader.get_token()
                if (token.start_mark.line + 1, token.start_mark.column + 1) >= (p.line, p.column):
                    break
                last = token
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
        if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
            return None
        end = (last.end_mark.line + 1, last.end_mark.column + 1)
        if end[0] != p.line or not self.line(p.line).text[end[1] - 1:p.column - 1].strip(" ") == "":
            return None
        return (last.start_mark.line + 1, last.start_mark.column + 1), end, last.style

    def what_text(self, line: Line, column: int) -> str:
        if line.key is not None and line.value == column:
            return f"the text of {line.key!r}"
        return "this text"

    @staticmethod
    def is_known_key(key: str | None) -> bool:
        return key is not None and key in _known_keys()


@lru_cache(maxsize=1)
def _known_keys() -> frozenset[str]:
    """Every key a deck may hold: the deck's, its sources', its cards' (of every kind)
    and its print section's."""
    from cards.print_options import PRINT_OPTIONS
    from cards.validate import CARD_OPTIONS, COMMON_CARD_OPTIONS, DECK_OPTIONS, SOURCE_OPTIONS

    keys = {*DECK_OPTIONS, *SOURCE_OPTIONS, *COMMON_CARD_OPTIONS, *PRINT_OPTIONS}
    for options in CARD_OPTIONS.values():
        keys.update(options)
    return frozenset(keys)
