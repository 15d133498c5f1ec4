"""Slips with quotes and brackets: a quote or a '[' / '{' never closed, a quote that
closes before the text the writer meant ends (an apostrophe inside single quotes,
or text that starts with a quote and goes on after it)."""

from __future__ import annotations

import re

from cards.yaml_slips.deck_lines import Place
from cards.yaml_slips.reading import Reading
from cards.yaml_slips.wording import suggest


def quote(reading: Reading):
    """A quote that never closes, or that closes before the text the writer meant ends."""
    c = reading.context
    if c is not None:
        opening = reading.line(c.line)
        mark = opening.char(c.column)
        if mark in ("'", '"') and closes_on_line(opening.text, c.column) is None:
            return (c, f"{reading.what_text(opening, c.column)} opens with {mark} but never closes; "
                       f"add the closing {mark} where the text ends")
    quoted = reading.quoted_before()
    if quoted is None:
        return None
    (start_line, start_column), (end_line, end_column), mark = quoted
    opening = reading.line(start_line)
    what = reading.what_text(opening, start_column)
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
                + (suggest(opening, _intended(text, start_column, mark, quoted=True), '"') if block else ""))
    intended = _intended(text, start_column, mark)
    other, name = ('"', "double") if mark == "'" else ("'", "single")
    return (Place(start_line, close),
            f"{what} starts with {mark}, so YAML reads it as quoted text that ends at the next {mark} "
            f"(column {close}) and cannot make sense of the rest; put the whole text in {name} quotes "
            f"instead" + (suggest(opening, intended, other) if block else ""))


def bracket(reading: Reading):
    """A '[' or '{' that is never closed."""
    c = reading.context
    if c is None:
        return None
    opening = reading.line(c.line)
    mark = opening.char(c.column)
    if mark not in ("[", "{") or _balanced(opening.text[c.column - 1:]):
        return None
    close = "]" if mark == "[" else "}"
    items = "its last item" if mark == "[" else "its last field"
    what = f"the {mark} of {opening.key!r}" if opening.key and opening.value == c.column else f"this {mark}"
    return (c, f"{what} is never closed; add {close} after {items}, on the same line")


def closes_on_line(text: str, column: int) -> int | None:
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
            close = closes_on_line(text, i + 1)
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
