"""The inline formatting a card's text may carry: ``**bold**`` and ``*italic*``.

One reading for both outputs, so that a card looks the same in Anki and on
paper: :func:`field_html` makes the Anki field (the text escaped, so any other
markup shows literally), and :func:`runs` splits that same result into styled
runs of plain text for the print template, which sets them with Typst's
``strong`` and ``emph``, never parsing the text as markup.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_ANKI_SPECIAL = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "\\": "&#92;"})
_TAGS = re.compile(r"(<b>|</b>|<i>|</i>|<br>)")


def field_html(text: str) -> str:
    """Card text -> safe field HTML, with ``**bold**`` and ``*italic*``."""
    # Quotes need no escaping outside attributes, and escaped they hide from Anki's search
    # ("tsar's" would not find "tsar&#x27;s").
    escaped = html.escape(text, quote=False).translate(_ANKI_SPECIAL)
    if "*" in escaped:
        escaped = _BOLD.sub(r"<b>\1</b>", escaped)
        escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return escaped.replace("\n", "<br>")


def runs(text: str) -> list[list[str]] | None:
    """``text`` as [plain text, style] runs, style "b", "i", "bi" or "" (each run's text as
    the card says it, the asterisks gone); None if the text has no formatting."""
    if "*" not in text:
        return None
    marked = field_html(text)
    if "<b>" not in marked and "<i>" not in marked:
        return None
    # Every tag in ``marked`` is one field_html wrote: the card's own text is escaped.
    result: list[list[str]] = []
    bold = italic = False
    for piece in _TAGS.split(marked):
        if piece in ("<b>", "</b>"):
            bold = piece == "<b>"
        elif piece in ("<i>", "</i>"):
            italic = piece == "<i>"
        elif piece:
            plain = html.unescape(piece.replace("<br>", "\n")) if piece != "<br>" else "\n"
            style = ("b" if bold else "") + ("i" if italic else "")
            if result and result[-1][1] == style:
                result[-1][0] += plain
            else:
                result.append([plain, style])
    return result
