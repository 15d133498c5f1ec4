"""X502 contradictory-citation: one source line is cited for facts that contradict each other.

Two date cards citing the same line for the same event (most event words
shared) at dates that cannot both be right, or two quote cards citing the same
line for the same words with different speakers. At least one of them
misreads the source. Reported on the later card. A warning by default.

Passes::

    text: On 25 October 1917 the Winter Palace was stormed.
    card: {kind: date, date: 25 October 1917, calendar: julian, event: The Winter Palace is stormed}
    card: {kind: date, date: 7 November 1917, calendar: gregorian, event: The Winter Palace is stormed}

Fails::

    text: On 25 October 1917 the Winter Palace was stormed.
    card: {kind: date, date: 25 October 1917, event: The Winter Palace is stormed}
    card: {kind: date, date: 26 October 1917, event: The Winter Palace is stormed}
"""

from __future__ import annotations

from cards.dates import HistDate, Precision
from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.datematch import agrees, describe
from cards.lint.facts import similar, subject
from cards.model import DateCard, QuoteCard

ID = "X502"
NAME = "contradictory-citation"
SEVERITY = Severity.WARNING
KINDS: tuple[str, ...] = ()

#: Share of event words two date cards must share to be about one event.
SAME_EVENT = 0.5
_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


def _compatible(a: HistDate, b: HistDate) -> bool:
    coarse, fine = (a, b) if _RANK[a.precision] <= _RANK[b.precision] else (b, a)
    return agrees(coarse, fine)


def _speakers_differ(a: QuoteCard, b: QuoteCard) -> bool:
    names_a = {w for n in (a.speaker, *a.aliases) for w in subject_words(n)}
    names_b = {w for n in (b.speaker, *b.aliases) for w in subject_words(n)}
    return not names_a & names_b


def subject_words(name: str) -> set[str]:
    from cards.lint.names import name_words

    return {w for w in name_words(name) if len(w) > 2 and w not in ("the", "and")}


def check_deck(contexts: list[CardContext]):
    by_line: dict[tuple[str, int], list] = {}
    for ctx in contexts:
        card = ctx.card
        if not isinstance(card, (DateCard, QuoteCard)):
            continue
        citation = card.citation
        others: dict[str, object] = {}
        for line in range(citation.first, min(citation.last, citation.first + 20) + 1):
            for other in by_line.get((citation.source, line), ()):
                others[other.id] = other
        for other in others.values():
            if type(other) is not type(card):
                continue
            if isinstance(card, DateCard):
                if similar(subject(card)[1], subject(other)[1], SAME_EVENT) and not _compatible(card.date, other.date):
                    yield Finding(f"{card.citation} is also cited by card {other.id!r} (line {other.mark.line}) "
                                  f"for the same event on {describe(other.date)}; this card says "
                                  f"{describe(card.date)}", "date", card)
                    break
            elif subject(card) == subject(other) and _speakers_differ(card, other):
                yield Finding(f"{card.citation} is also cited by card {other.id!r} (line {other.mark.line}) "
                              f"for the same quote by {other.speaker!r}; this card says {card.speaker!r}",
                              "speaker", card)
                break
        for line in range(citation.first, min(citation.last, citation.first + 20) + 1):
            by_line.setdefault((citation.source, line), []).append(card)
