"""What fact a card states, reduced to a comparable key, for the deck-wide rules."""

from __future__ import annotations

from functools import lru_cache

from cards.lint.names import name_words
from cards.lint.quotes import quote_parts
from cards.lint.text import STOP_WORDS, field_words, stems
from cards.model import Card, DateCard, PersonCard, QuoteCard, TermCard


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(st for _, _, st, _ in field_words(text))


def similar(a: frozenset[str], b: frozenset[str], at_least: float) -> bool:
    """Jaccard similarity of two word sets at least ``at_least``."""
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= at_least


def subject(card: Card):
    """The card's question: what the fact is about, for grouping."""
    if isinstance(card, DateCard):
        return ("date", content_stems(card.event))
    if isinstance(card, PersonCard):
        return ("person", name_words(card.name))
    if isinstance(card, TermCard):
        return ("term", tuple(s for s in stems(card.term) if s not in STOP_WORDS))
    if isinstance(card, QuoteCard):
        return ("quote", tuple(w for part in quote_parts(card.quote) for w in part))
    return (card.kind, card.id)


def answer(card: Card):
    """The card's answer, for telling a duplicate from a contradiction."""
    if isinstance(card, DateCard):
        return card.date
    if isinstance(card, PersonCard):
        return content_stems(card.role)
    if isinstance(card, TermCard):
        return content_stems(card.definition)
    if isinstance(card, QuoteCard):
        return name_words(card.speaker)
    return None
