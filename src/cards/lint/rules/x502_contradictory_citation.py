"""X502 contradictory-citation: one source line is cited for facts that contradict each other.

Two cards of a kind that checks for it (its ``Facts.check_contradictions``)
cite the same line for the same question with answers that cannot both be
right: two date cards for the same event (most event words shared) at dates
that do not overlap, or two quote cards for the same words with different
speakers. At least one of them
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
from cards.kinds import kind_of
from cards.lint.context import Finding
from cards.lint.datematch import agrees, describe
from cards.lint.facts import compare_of, key, similar
from cards.lint.rule import DECK, FunctionRule, RuleOption, share

_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}
#: Cards citing a range are compared on at most this many of its lines.
MAX_LINES = 20


def _compatible(a: HistDate, b: HistDate) -> bool:
    coarse, fine = (a, b) if _RANK[a.precision] <= _RANK[b.precision] else (b, a)
    return agrees(coarse, fine)


def _name_words(card, field: str) -> set[str]:
    from cards.lint.names import name_words

    names = (getattr(card, field), *getattr(card, "aliases", ()))
    return {w for n in names for w in name_words(n) if len(w) > 2 and w not in ("the", "and")}


def _answers_conflict(card, other, field: str, compare: str) -> bool:
    if compare == "date":
        return not _compatible(getattr(card, field), getattr(other, field))
    if compare == "name":
        return not _name_words(card, field) & _name_words(other, field)
    return key(card, kind_of(card), field) != key(other, kind_of(other), field)


def _shown(card, field: str, compare: str) -> str:
    value = getattr(card, field)
    return describe(value) if compare == "date" else repr(value)


_JOINED = {"date": "on", "name": "by"}


def check_deck(contexts, options):
    same_words = options["same_words"]
    by_line: dict[tuple[str, int], list] = {}
    for ctx in contexts:
        card = ctx.card
        kind = kind_of(card)
        facts = kind.facts
        if not facts.check_contradictions:
            continue
        citation = card.citation
        lines = range(citation.first, min(citation.last, citation.first + MAX_LINES) + 1)
        others: dict[str, object] = {}
        for line in lines:
            for other in by_line.get((citation.source, line), ()):
                others[other.id] = other
        question_compare = compare_of(kind, facts.question)
        answer_compare = compare_of(kind, facts.answer)
        for other in others.values():
            if other.kind != card.kind:
                continue
            if question_compare == "content":
                same = similar(key(card, kind, facts.question), key(other, kind, facts.question), same_words)
            else:
                same = key(card, kind, facts.question) == key(other, kind, facts.question)
            if same and _answers_conflict(card, other, facts.answer, answer_compare):
                question = "event" if question_compare == "content" else facts.question
                joined = _JOINED.get(answer_compare, "with")
                yield Finding(f"{card.citation} is also cited by card {other.id!r} (line {other.mark.line}) "
                              f"for the same {question} {joined} {_shown(other, facts.answer, answer_compare)}; "
                              f"this card says {_shown(card, facts.answer, answer_compare)}", facts.answer, card)
                break
        for line in lines:
            by_line.setdefault((citation.source, line), []).append(card)


CONTRADICTORY_CITATION = FunctionRule(
    "X502", "contradictory-citation", __doc__, Severity.WARNING, DECK, function=check_deck,
    OPTIONS={"same_words": RuleOption(0.5, "share of their words two questions must share to be about "
                                      "the same thing", share)},
)
