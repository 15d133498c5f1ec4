"""What fact a card states, reduced to comparable keys, for the deck-wide rules.

Each kind says which field asks its question and which answers it
(:class:`~cards.kinds.base.Facts`), and each field how it compares
(:attr:`~cards.kinds.base.Field.compare`); this module turns a field's value
into a key of that sort.
"""

from __future__ import annotations

from functools import lru_cache

from cards.lint.names import name_words
from cards.lint.quotes import quote_parts
from cards.lint.words import STOP_WORDS, field_words, stems


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(st for _, _, st, _ in field_words(text))


def similar(a: frozenset[str], b: frozenset[str], at_least: float) -> bool:
    """Jaccard similarity of two word sets at least ``at_least``."""
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= at_least


def date_key(date):
    """Dates that cover the same days (whatever their calendar) have the same key."""
    return (date.precision, date.span()) if date.year is not None else (date.precision, None)


KEYS = {
    "content": content_stems,
    "name": name_words,
    "phrase": lambda text: tuple(s for s in stems(text) if s not in STOP_WORDS),
    "quote": lambda text: tuple(w for part in quote_parts(text) for w in part),
    "date": date_key,
}


def key(card, kind, field: str):
    """The comparable key of ``card``'s ``field`` (``kind`` is the card's Kind)."""
    return KEYS[kind.by_name[field].compare](getattr(card, field))


def compare_of(kind, field: str) -> str:
    return kind.by_name[field].compare
