"""Cloze marks in a card's text: ``{{Peace}}`` hides "Peace" in group 1, ``{{2:Land}}`` in group 2.

One reading for every stage: validation parses the marks (a mark that does not
parse is an error naming where it starts), the linter checks the text with the
marks removed, the Anki export writes Anki's own ``{{c1::Peace}}`` around the
escaped words, and the printed card shows blanks on the front and the hidden
words in bold on the back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cards.checks import Invalid, text
from cards.render.markup import field_html

#: The highest group number a mark may give (Anki numbers cloze cards c1, c2, ...).
MAX_GROUP = 20

_NUMBERED = re.compile(r"(\d+):(?!:)")


@dataclass(frozen=True)
class Cloze:
    """A text and its marks: ``segments`` are (words, group) runs, group 0 for shown words."""

    segments: tuple[tuple[str, int], ...]

    @property
    def plain(self) -> str:
        """The text as a student reads it once every blank is filled."""
        return "".join(words for words, _ in self.segments)

    @property
    def groups(self) -> tuple[int, ...]:
        return tuple(sorted({group for _, group in self.segments if group}))

    def anki_html(self) -> str:
        """The field for Anki's cloze note type: escaped text, each hidden run in {{cN::...}}."""
        parts = []
        for words, group in self.segments:
            escaped = field_html(words)
            if group:
                # ':' would end the hidden words early at a '::'; as a character reference it cannot.
                parts.append("{{c%d::%s}}" % (group, escaped.replace(":", "&#58;")))
            else:
                parts.append(escaped)
        return "".join(parts)

    def blanked(self) -> str:
        """The printed front: each hidden run a line of underscores, numbered when there are
        several groups."""
        several = len(self.groups) > 1
        parts = []
        for words, group in self.segments:
            if group:
                blank = "_" * max(4, min(len(words), 12))
                parts.append(f"{blank}{_superscript(group)}" if several else blank)
            else:
                parts.append(words)
        return "".join(parts)

    def filled(self) -> str:
        """The printed back: the whole text, the hidden words in bold (``**...**``)."""
        return "".join(f"**{words.strip()}**" if group else words for words, group in self.segments)


_SUPERSCRIPTS = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPTS)


def parse(value: str) -> Cloze:
    """The marks of ``value``, or Invalid saying which mark is wrong and where it starts."""
    segments: list[tuple[str, int]] = []
    position = 0
    while True:
        start = value.find("{{", position)
        stray = value.find("}}", position)
        if stray != -1 and (start == -1 or stray < start):
            raise Invalid(f"'}}}}' at character {stray + 1} closes no '{{{{'; "
                          "hide words as {{words}} or {{2:words}}")
        if start == -1:
            if position < len(value):
                segments.append((value[position:], 0))
            break
        if start > position:
            segments.append((value[position:start], 0))
        end = value.find("}}", start + 2)
        if end == -1:
            raise Invalid(f"the '{{{{' at character {start + 1} is never closed; end the hidden words with '}}}}'")
        inner = value[start + 2:end]
        if "{{" in inner:
            raise Invalid(f"the '{{{{' at character {start + 1} holds another '{{{{'; blanks cannot be nested")
        group = 1
        numbered = _NUMBERED.match(inner)
        if numbered:
            group = int(numbered.group(1))
            inner = inner[numbered.end():]
            if not 1 <= group <= MAX_GROUP:
                raise Invalid(f"the blank at character {start + 1} is in group {group}; "
                              f"groups are numbered from 1 to {MAX_GROUP}")
        if not inner.strip():
            raise Invalid(f"the blank at character {start + 1} hides nothing; write the words to hide "
                          "inside it, e.g. {{Peace}}")
        segments.append((inner, group))
        position = end + 2
    cloze = Cloze(tuple(segments))
    if not cloze.groups:
        raise Invalid("marks no words to hide; put them in double braces, e.g. "
                      "\"Lenin's slogan: {{Peace}}, {{2:Land}}, {{3:Bread}}\"")
    if not cloze.plain.strip():
        raise Invalid("hides every word; leave some words shown around the blanks")
    return cloze


def cloze_text(value) -> Cloze:
    """Text with at least one ``{{words}}`` or ``{{N:words}}`` mark."""
    return parse(text(value))


cloze_text.json_schema = text.json_schema  # type: ignore[attr-defined]
