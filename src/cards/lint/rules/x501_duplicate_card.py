"""X501 duplicate-card: the deck states the same fact twice.

Two cards of one kind ask the same question: the same name, term or quote
words, or, where the question is a sentence (a date's event), nearly the same
words with the same answer (the same date). Reported on the later card. A
warning by default.

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

from cards.errors import Severity
from cards.kinds import kind_of
from cards.lint.context import Finding
from cards.lint.facts import compare_of, key, similar
from cards.lint.rule import DECK, FunctionRule, RuleOption, share


def check_deck(contexts, options):
    same_words = options["same_words"]
    seen: dict = {}  # (kind, question key) -> the first card asking it
    by_answer: dict = {}  # (kind, answer key) -> cards, for questions compared by their words
    for ctx in contexts:
        card = ctx.card
        kind = kind_of(card)
        facts = kind.facts
        if compare_of(kind, facts.question) == "content":
            group = by_answer.setdefault((kind.name, key(card, kind, facts.answer)), [])
            question = key(card, kind, facts.question)
            for other in group:
                if similar(question, key(other, kind, facts.question), same_words):
                    yield _same_fact(card, other, facts.answer)
                    break
            group.append(card)
            continue
        question = (kind.name, key(card, kind, facts.question))
        first = seen.setdefault(question, card)
        if first is card:
            continue
        answers = (key(card, kind, facts.answer), key(first, kind, facts.answer))
        if facts.one_answer and not similar(frozenset(answers[0]), frozenset(answers[1]), same_words):
            yield Finding(
                f"same {facts.question} as card {first.id!r} (line {first.mark.line}) with a different "
                f"{facts.answer}: both ask the same question, so a student cannot tell which answer is wanted; "
                f"put both answers on one card", facts.question, card)
        else:
            yield _same_fact(card, first, facts.question)


def _same_fact(card, first, field):
    return Finding(f"same fact as card {first.id!r} (line {first.mark.line}); keep one of them", field, card)


DUPLICATE_CARD = FunctionRule(
    "X501", "duplicate-card", __doc__, Severity.WARNING, DECK, function=check_deck,
    OPTIONS={"same_words": RuleOption(0.7, "share of their words two questions (or two answers) must "
                                      "share to count as the same", share)},
)
