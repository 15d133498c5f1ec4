"""Field checkers: a raw YAML value (with its mark) -> a Python value, or :class:`Invalid`.

Each checker explains what is wrong in words a deck author can act on; the caller
adds where (``path:line:col``) and which field. The deck's own fields, its
sources' and every card kind's (:mod:`cards.kinds`) are described with these.
"""

from __future__ import annotations

import re
import unicodedata

from cards.dates import Calendar
from cards.yamlmarks import Mark, YMap, YScalar, YSeq, YValue

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
MAX_TEXT = 2000


class Invalid(Exception):
    """A value is wrong: ``message`` says why; ``mark`` or ``field`` say where, if not at the value."""

    def __init__(self, message: str, mark: Mark | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.field = field


def _describe(value: YValue | None) -> str:
    """What a value is, for messages; a long text is cut short (a message may end up in a
    public CI log, and the file may not be the one its author meant to give)."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if value is None or value.value is None:
        return "empty"
    shown = value.text if len(value.text) <= 40 else value.text[:37] + "..."
    return f"{shown!r}"


# --- field checkers: raw value -> python value, or Invalid ---------------------------------


def text(value: YValue) -> str:
    """Plain text. Numbers and other scalars are taken as written (``name: 1917`` is '1917')."""
    if not isinstance(value, YScalar):
        raise Invalid(f"must be text, not {_describe(value)}")
    if value.value is None or not value.text.strip():
        raise Invalid("must not be empty")
    result = " ".join(value.text.split()) if "\n" not in value.text.strip() else value.text.strip()
    if len(result) > MAX_TEXT:
        raise Invalid(f"is {len(result)} characters long; the limit is {MAX_TEXT}")
    return result


def text_list(value: YValue) -> tuple[str, ...]:
    if isinstance(value, YScalar) and value.value is None:
        return ()
    if not isinstance(value, YSeq):
        raise Invalid(f"must be a list such as [a, b], not {_describe(value)}")
    items = []
    for item in value:
        try:
            items.append(text(item))
        except Invalid as exc:
            raise Invalid(f"item {exc.message}", item.mark) from None
    return tuple(items)


#: Punctuation a tag may hold besides letters, digits and combining marks. Anki shows
#: tags on a card as they are, not escaped, so anything it could read as HTML
#: ('<', '&'), a sound or image reference ('[') or MathJax ('\\', '$') is refused.
TAG_PUNCTUATION = frozenset("-_:./+#()!?,'")


def tag_list(value: YValue) -> tuple[str, ...]:
    tags = text_list(value)
    for tag, item in zip(tags, value if isinstance(value, YSeq) else ()):
        if any(ch.isspace() for ch in tag):
            raise Invalid(f"tag {tag!r} contains a space; Anki tags are single words (use - or _)", item.mark)
        bad = sorted({ch for ch in tag if not _tag_character(ch)})
        if bad:
            shown = " ".join(repr(ch) for ch in bad)
            raise Invalid(
                f"tag {tag!r} contains {shown}; a tag may hold letters, digits and "
                f"{' '.join(sorted(TAG_PUNCTUATION))} only",
                item.mark,
            )
    return tags


def _tag_character(ch: str) -> bool:
    return ch.isalnum() or ch in TAG_PUNCTUATION or unicodedata.category(ch).startswith("M")


def identifier(value: YValue) -> str:
    result = text(value)
    if not ID_PATTERN.fullmatch(result):
        raise Invalid(
            f"{result!r} is not a valid id; use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    return result


#: What joins the deck id and the card id into a note's identity (see
#: cards.render.anki.note_guid). A deck id must not contain it, or deck 'a' with
#: card 'b__c' and deck 'a__b' with card 'c' would be one note to Anki.
GUID_SEPARATOR = "__"


def deck_identifier(value: YValue) -> str:
    result = identifier(value)
    _check_deck_id(result)
    return result


def _check_deck_id(deck_id: str) -> None:
    if GUID_SEPARATOR in deck_id:
        raise Invalid(
            f"{deck_id!r} contains '{GUID_SEPARATOR}'; a deck id may not hold two underscores in a row "
            "(they separate the deck id from the card id in each note's identity); use '_' or '-'"
        )


def calendar(value: YValue) -> Calendar:
    word = text(value).lower()
    try:
        return Calendar(word)
    except ValueError:
        raise Invalid(f"{word!r} is not a calendar; use 'gregorian' or 'julian'") from None
