"""X501 duplicate-card: the deck states the same fact twice.

Two date cards with the same date and nearly the same event words, two person
cards for the same name, two term cards for the same term, or two quote cards
with the same words. Reported on the later card. A warning by default.

Where the two cards ask the same question but answer it differently (the same
person with two roles, a term with two definitions), the message says so: a
student shown "Who was this? Lenin" cannot tell which answer is wanted, so the
two belong on one card.

Passes::

    text: On 25 October 1917 the Winter Palace was stormed; on 26 October the Congress approved the Decree on Land.
    card: {kind: date, date: 25 October 1917, event: The Winter Palace is stormed}
    card: {kind: date, date: 26 October 1917, event: The Congress approves the Decree on Land}

Fails::

    text: On 25 October 1917 the Winter Palace was stormed; on 26 October the Congress approved the Decree on Land.
    card: {kind: date, date: 25 October 1917, event: The Winter Palace is stormed}
    card: {kind: date, date: 25 October 1917, event: The Winter Palace was stormed}
"""

from __future__ import annotations

from cards.dates import HistDate
from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.facts import answer, similar, subject
from cards.model import DateCard

ID = "X501"
NAME = "duplicate-card"
SEVERITY = Severity.WARNING
KINDS: tuple[str, ...] = ()

#: Share of event words two date cards on the same date must share to be one fact.
SAME_EVENT = 0.7
#: The field that asks each kind's question, and (where two cards may answer it
#: differently) the field that answers it.
QUESTIONS = {"person": "name", "term": "term", "quote": "quote"}
ANSWERS = {"person": "role", "term": "definition"}


def _date_key(date: HistDate):
    return (date.precision, date.span()) if date.year is not None else (date.precision, None)


def check_deck(contexts: list[CardContext]):
    seen: dict = {}
    dates: dict = {}
    for ctx in contexts:
        card = ctx.card
        if isinstance(card, DateCard):
            key = _date_key(card.date)
            events = subject(card)[1]
            for other in dates.get(key, ()):
                if similar(events, subject(other)[1], SAME_EVENT):
                    yield _finding(card, other, "date")
                    break
            dates.setdefault(key, []).append(card)
            continue
        key = subject(card)
        if key not in seen:
            seen[key] = card
            continue
        first = seen[key]
        field = QUESTIONS[card.kind]
        if card.kind in ANSWERS and not similar(frozenset(answer(card)), frozenset(answer(first)), SAME_EVENT):
            yield Finding(
                f"same {field} as card {first.id!r} (line {first.mark.line}) with a different {ANSWERS[card.kind]}: "
                f"both ask the same question, so a student cannot tell which answer is wanted; put both "
                f"answers on one card", field, card)
        else:
            yield _finding(card, first, field)


def _finding(card, first, field):
    return Finding(f"same fact as card {first.id!r} (line {first.mark.line}); keep one of them", field, card)
