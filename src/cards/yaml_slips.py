"""YAML typing slips, recognised and explained in plain words at the line to fix.

The YAML parser reports where it could no longer make sense of a file, which is
often a line after the slip, in words about tokens and block ends ("could not
find expected ':'", "mapping values are not allowed here"). :func:`explain`
looks at the lines around that place, and at the parser's tokens, to recognise
the usual slips of someone typing a deck by hand:

* a key without its ``:`` (or without the space after it);
* text holding ``: ``, which YAML takes for another key, and needs quotes;
* a quote inside text quoted with the same mark (``'Lenin's return'``), or text
  that starts with a quote but goes on after it closes;
* a quote or bracket that is never closed;
* a tab (YAML indents with spaces only);
* a line indented a space or two off from the lines it belongs with;
* a ``-`` missing before a card (or any list item).

It says what happened and how to fix it, at the line and column to fix, and keeps
the parser's own words, with the place it gave, on a second line. It decides from
the text and the parser's positions only, never from the parser's wording, which
changes between PyYAML releases and between its C and Python parsers. A slip it
does not recognise is left to the caller's general message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from cards.lines import split_lines

#: The start of every message about a slip, as for every other YAML problem.
PREFIX = "YAML syntax error: "
#: Longest piece of a deck's text quoted in a message.
LONGEST_SHOWN = 40


class Place(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


class Slip(NamedTuple):
    """A recognised slip: where to fix it, and what to say (both lines)."""

    place: Place
    message: str


def explain(text: str, problem: Place | None, context: Place | None, parser_says: str,
            loader=None) -> Slip | None:
    """The slip that explains a YAML parser error, or None if none is recognised.

    ``problem`` is where the parser gave up, ``context`` where the construct it was
    reading began (either may be None), ``parser_says`` its own message (only
    repeated, never read) and ``loader`` the PyYAML loader class, used to find
    the last quoted text the parser read.
    """
    if problem is None:
        return None
    found = _Finder(text, problem, context, loader).find()
    if found is None:
        return None
    place, message = found
    second = f"  (the YAML parser says: {parser_says}, at line {problem.line}, column {problem.column})"
    return Slip(place, f"{PREFIX}{message}\n{second}")


def duplicate_key(key, first_line: int, first_column: int, column: int) -> str:
    """The message for a key written twice in one mapping; for a card's ``id`` written a
    second time at the same indentation, the usual cause is a ``-`` missing before a
    new card."""
    message = f"duplicate key {key!r}; it is first on line {first_line}"
    if key == "id" and first_column > 1 and column == first_column:
        message += "; if a new card starts here, it needs a '-': write '- id: ...', in line with the '-' of the card above"
    return message


# --- reading the lines ------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"""(?P<key>[^\s#'"\[\]{},&*!|>%@`:-][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)""")
_QUOTED_KEY = re.compile(r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?=\s|$)""")


@dataclass
class _Line:
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


def _read_line(number: int, text: str) -> _Line:
    line = _Line(number, text)
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


class _Opening(NamedTuple):
    """A column where a block is open before some line: a key's or a '-'s."""

    column: int
    line: int
    dash: bool
    name: str


# --- finding the slip ---------------------------------------------------------------------------------


class _Finder:
    def __init__(self, text: str, problem: Place, context: Place | None, loader):
        self.text = text
        self.raw = split_lines(text)
        self.problem = problem
        self.context = context
        self.loader = loader
        self._lines: dict[int, _Line] = {}

    def line(self, number: int) -> _Line:
        if number not in self._lines:
            text = self.raw[number - 1] if 0 < number <= len(self.raw) else ""
            self._lines[number] = _read_line(number, text)
        return self._lines[number]

    def find(self) -> tuple[Place, str] | None:
        for rule in (self.tab, self.quote, self.bracket, self.missing_colon, self.colon, self.indentation):
            found = rule()
            if found is not None:
                return found
        return None

    # --- each slip ---

    def tab(self):
        """A tab where YAML wants spaces: in the indentation, or between a key and its value."""
        p = self.problem
        text = self.line(p.line).text
        indent = len(text) - len(text.lstrip(" \t"))
        if "\t" in text[:indent]:
            return (Place(p.line, text.index("\t") + 1),
                    "a tab in the indentation; YAML indents with spaces only: "
                    "replace the tab with spaces (and set your editor to type spaces for Tab)")
        if self.line(p.line).char(p.column) == "\t":
            return (p, "a tab here; YAML allows only spaces around a key's ':': replace the tab with a space")
        return None

    def quote(self):
        """A quote that never closes, or that closes before the text the writer meant ends."""
        c = self.context
        if c is not None:
            opening = self.line(c.line)
            mark = opening.char(c.column)
            if mark in ("'", '"') and _closes_on_line(opening.text, c.column) is None:
                return (c, f"{self.what_text(opening, c.column)} opens with {mark} but never closes; "
                           f"add the closing {mark} where the text ends")
        quoted = self.quoted_before()
        if quoted is None:
            return None
        (start_line, start_column), (end_line, end_column), mark = quoted
        opening = self.line(start_line)
        what = self.what_text(opening, start_column)
        if end_line != start_line:
            return (Place(start_line, start_column),
                    f"{what} opens with {mark} but does not close on its line, so YAML reads on to the next "
                    f"{mark} (line {end_line}, column {end_column - 1}); add the closing {mark} at the end "
                    f"of line {start_line}")
        text, close = opening.text, end_column - 1  # the closing quote's column
        block = opening.key is not None and opening.value == start_column
        if mark == "'" and text[close - 2:close - 1].isalnum() and text[close:close + 1].isalnum():
            word = _word_around(text, close)
            return (Place(start_line, close),
                    f"the apostrophe in {word!r} ends {what}, which is in single quotes; write it twice "
                    f"({word.replace(chr(39), chr(39) * 2)}) or put the text in double quotes instead"
                    + (_suggest(opening, _intended(text, start_column, mark, quoted=True), '"') if block else ""))
        intended = _intended(text, start_column, mark)
        other, name = ('"', "double") if mark == "'" else ("'", "single")
        return (Place(start_line, close),
                f"{what} starts with {mark}, so YAML reads it as quoted text that ends at the next {mark} "
                f"(column {close}) and cannot make sense of the rest; put the whole text in {name} quotes "
                f"instead" + (_suggest(opening, intended, other) if block else ""))

    def bracket(self):
        """A '[' or '{' that is never closed."""
        c = self.context
        if c is None:
            return None
        opening = self.line(c.line)
        mark = opening.char(c.column)
        if mark not in ("[", "{") or _balanced(opening.text[c.column - 1:]):
            return None
        close = "]" if mark == "[" else "}"
        items = "its last item" if mark == "[" else "its last field"
        what = f"the {mark} of {opening.key!r}" if opening.key and opening.value == c.column else f"this {mark}"
        return (c, f"{what} is never closed; add {close} after {items}, on the same line")

    def colon(self):
        """The parser stopped at a ':'. Either text holds ': ' (quotes needed), or a line
        is not where it belongs: the line above has no ':', or this one is indented off."""
        p = self.problem
        here = self.line(p.line)
        if here.char(p.column) != ":":
            return None
        if here.key is not None and here.colon < p.column:
            return (Place(p.line, here.value or here.colon),
                    f"the text of {here.key!r} holds ': ', which YAML takes for the start of another key; "
                    f"put the whole text in double quotes" + _suggest(here, here.text[here.value - 1:], '"'))
        flow = _flow_key(here.text, p.column)
        if flow is not None:
            key, value_column = flow
            return (Place(p.line, value_column),
                    f"the text of {key!r} holds ': ', which YAML takes for the start of another key; "
                    f"put the text in double quotes")
        above = self.above(p.line)
        if above is None:
            return None
        if above.key is None and above.start and not above.text.rstrip().endswith(":"):
            if above.start == here.first or (above.dashes and above.start == here.start):
                return self.no_colon(above)
            owner = self.owner_of_continuation(above)
            if owner is not None and owner.key is not None:
                if not self.is_known_key(here.key) and here.first > owner.key_column + 1:
                    return (Place(owner.number, owner.value or owner.colon),
                            f"the text of {owner.key!r} (line {owner.number} on) holds ': ', which YAML takes "
                            f"for the start of another key; put the whole text in double quotes")
        elif above.key is not None and above.value and here.first > above.key_column and not above.dashes[1:]:
            if here.first > above.key_column + 1 and not self.is_known_key(here.key):
                return (Place(above.number, above.value),
                        f"the text of {above.key!r} goes on to line {p.line}, where it holds ': ', which YAML "
                        f"takes for the start of another key; put the whole text in double quotes")
        return self.indentation(at=here)

    def missing_colon(self):
        """The parser was reading a key (from ``context``) and found no ':' after it."""
        c = self.context
        if c is None or c.line >= self.problem.line:
            return None
        line = self.line(c.line)
        if line.key is not None or not line.start or c.column != line.start:
            return None
        if line.text.rstrip().endswith(":"):
            return None
        return self.no_colon(line)

    def no_colon(self, line: _Line):
        content = line.text[line.start - 1:].split(" #")[0].rstrip()
        glued = re.match(r"([^\s:]+):(\S.*)$", content)
        if glued:
            key, value = glued.groups()
            return (Place(line.number, line.start + len(key) + 1),
                    f"no space after the ':' of {key!r}; YAML needs one: write '{key}: {_cut(value)}'")
        key, _, value = content.partition(" ")
        if value.strip():
            return (Place(line.number, line.start + len(key)),
                    f"no ':' after {key!r}; a key and its value are written '{key}: {_cut(value.strip())}'")
        return (Place(line.number, line.start + len(key)), f"no ':' after {key!r}; write '{key}:'")

    def indentation(self, at: _Line | None = None):
        """The parser stopped at the start of a line: is the line indented off, or is a
        '-' missing (on this line, or on the lines above it at the same column)?"""
        p = self.problem
        here = at or self.line(p.line)
        if at is None and (not here.significant or p.column != here.first):
            return None
        if here.key is None and not here.dashes:
            return None  # not a key nor a list item: nothing to line up
        column = here.first
        openings = self.openings(p.line)
        if not openings:
            return None
        same = [o for o in openings if o.column == column]
        if same:
            return self.missing_dash(here, same[0], openings)
        is_dash = bool(here.dashes)

        def rank(o: _Opening):
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
        fix = f"indent it by {_spaces(best.column - 1)}" if best.column > 1 else "do not indent it"
        return (Place(here.number, column),
                f"{what} is indented {_spaces(column - 1)}, {amount} than {other}; {together} must line up: {fix}")

    def missing_dash(self, here: _Line, opening: _Opening, openings: list[_Opening]):
        column = opening.column
        parent = next((o for o in openings if o.column < column and not o.dash), None)
        item, each = ("card", "each card") if parent is not None and parent.name == "cards" else \
            ("item", "each item of a list")
        if opening.dash and not here.dashes and here.key is not None:
            return (Place(here.number, column),
                    f"a '-' is missing before this {item}: {each} starts with '- ', in line with the '-' on "
                    f"line {opening.line}; write '- {here.key}: ...'")
        if not opening.dash and here.dashes and here.dashes[0] == column:
            first = self.first_of_run(opening.line, column)
            return (Place(first.number, column),
                    f"a '-' is missing before this {item}: {each} starts with '- ' (as on line {here.number}); "
                    f"write '- {first.key}: ...' and indent the {item}'s other lines to line up with {first.key!r}")
        return None

    # --- helpers ---

    def above(self, number: int) -> _Line | None:
        for n in range(number - 1, 0, -1):
            line = self.line(n)
            if line.significant:
                return line
        return None

    def owner_of_continuation(self, line: _Line) -> _Line | None:
        """The key line whose text ``line`` continues (a plain text over several lines)."""
        n = line.number
        while True:
            above = self.above(n)
            if above is None or above.first >= line.first:
                return None
            if above.key is not None or above.dashes:
                return above
            n = above.number

    def first_of_run(self, number: int, column: int) -> _Line:
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

    def openings(self, number: int) -> list[_Opening]:
        """The columns where a block is open before line ``number``, nearest first: the
        keys and dashes of the line above and of each line it belongs to."""
        found: list[_Opening] = []
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
                    found.append(_Opening(column, n, dash, name))
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

    def what_text(self, line: _Line, column: int) -> str:
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


def _closes_on_line(text: str, column: int) -> int | None:
    """The column of the quote closing the quoted text opened at ``column``, if on this line."""
    mark = text[column - 1]
    i = column
    while i < len(text):
        ch = text[i]
        if mark == "'" and ch == "'":
            if text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i + 1
        if mark == '"':
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                return i + 1
        i += 1
    return None


def _balanced(text: str) -> bool:
    """Whether the brackets opened in ``text`` (a flow list or mapping) close on it."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "'\"" and (i == 0 or text[i - 1] in " [{,:"):
            close = _closes_on_line(text, i + 1)
            if close is None:
                return False
            i = close
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return True
        elif ch == "#" and i and text[i - 1] == " ":
            break
        i += 1
    return depth <= 0


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


def _intended(text: str, column: int, mark: str, quoted: bool = False) -> str:
    """The text the writer meant, from its opening quote at ``column`` to the end of the
    line (a trailing comment left out): without its quotes if it ends with the same mark
    (or, if ``quoted``, whether or not it does)."""
    rest = text[column - 1:]
    rest = re.split(r"\s+#", rest)[0].rstrip()
    if len(rest) >= 2 and rest.endswith(mark):
        return rest[1:-1]
    return rest[1:] if quoted else rest


def _word_around(text: str, column: int) -> str:
    i = j = column - 1
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    while j + 1 < len(text) and text[j + 1].isalnum():
        j += 1
    return text[i:j + 1]


def _suggest(line: _Line, value: str, mark: str) -> str:
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


def _cut(value: str) -> str:
    return value if len(value) <= LONGEST_SHOWN else value[:LONGEST_SHOWN - 3] + "..."


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"
