"""What a rule sees: one card with its cited text, or the whole deck."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from cards.lint.text import Passage, join_lines, passage
from cards.model import Card, Deck, Source


@dataclass(frozen=True)
class Finding:
    """What a rule found: a message, the card field it is about, and (deck rules) the card."""

    message: str
    field: str | None = None
    card: Card | None = None


@dataclass
class CardContext:
    deck: Deck
    card: Card
    source: Source | None
    #: why the cited lines cannot be read (missing file, refused path, no such line), or None
    citation_problem: str | None = None
    #: words of people's names known to the deck (see :func:`cards.lint.names.deck_names`)
    names: frozenset[str] = frozenset()
    #: other names the deck gives the same things (see :mod:`cards.lint.synonyms`), or None
    synonyms: object = None
    #: every name the deck's cards use, as tuples of words (see :func:`cards.lint.synonyms.deck_known`)
    known: frozenset = frozenset()
    #: the names of the deck's terms and places written in lower case ("dual power")
    lower: frozenset = frozenset()
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        """The citation as written: ``notes:12`` or ``notes:12-14``."""
        return str(self.card.citation)

    @cached_property
    def text(self) -> str:
        """The cited line, or lines FIRST-LAST joined with spaces (empty if unreadable)."""
        if self.citation_problem or self.source is None or self.source.text is None:
            return ""
        citation = self.card.citation
        return join_lines(self.source.text.lines[citation.first - 1 : citation.last])

    @cached_property
    def passage(self) -> Passage:
        return passage(self.text)

    def memo(self, key, compute):
        """A value computed once per card and shared by the rules that need it."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]
