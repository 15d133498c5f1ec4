"""Run the rules over validated decks (see :mod:`cards.lint`)."""

from __future__ import annotations

import gc
from dataclasses import replace
from typing import Iterable

from cards.errors import Problem
from cards.lint.context import CardContext, Finding
from cards.lint.names import deck_names
from cards.kinds import KINDS, kind_of
from cards.lint.registry import DECK_RULES, EVERY_CARD, RULES
from cards.lint.settings import LintConfig, LintConfigError, matches
from cards.lint.suppress import suppressions
from cards.lint.sources import once_per_source
from cards.lint.suggest import add_suggestions
from cards.lint.synonyms import Later, deck_known, deck_lower, deck_synonyms
from cards.lint.text import MAX_PASSAGE_CHARS

#: The code given to load and validation problems, so lint output is uniform.
INVALID_CODE, INVALID_NAME = "E001", "invalid-deck"



def _citation_problem(loaded, deck, card) -> str | None:
    citation = card.citation
    reason = loaded.source_problems.get(citation.source)
    if reason:
        return reason
    source = deck.sources.get(citation.source)
    if source is None or source.text is None:
        return f"source {citation.source!r} could not be read"
    count = len(source.text.lines)
    if citation.last > count:
        return f"{citation} is beyond the end of {source.path!r}, which has {count} lines"
    cited = source.text.lines[citation.first - 1 : citation.last]
    if not any(line.strip() for line in cited):
        return f"{citation} is an empty line of {source.path!r}"
    length = sum(map(len, cited))
    if length > MAX_PASSAGE_CHARS:
        advice = "cite fewer lines" if citation.last > citation.first else \
            f"split that line of {source.path!r} into shorter ones and cite those that say it"
        return f"{citation} is too long to check ({length:,} characters; the limit is {MAX_PASSAGE_CHARS:,}); {advice}"
    return None


def lint_decks(decks, config: LintConfig | dict | None = None) -> list[Problem]:
    """Lint ``decks``, a list of ``(LoadedDeck, Deck)``; return every problem found, sorted.

    Every card gets the rules for every card (C001) and its kind's rules (see
    :mod:`cards.kinds`); a card whose citation cannot be read gets only the
    former. Then the deck rules see every readable card of the deck.

    Python's cycle collector is off meanwhile, as during a build: the rules make many
    small objects (cached words, stems, readings of the cited texts) and no cycles, so
    its passes over the growing heap would find nothing to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_decks(decks, config)
    finally:
        if enabled:
            gc.enable()


def _lint_decks(decks, config) -> list[Problem]:
    config = LintConfig.coerce(config)
    enabled = config.enabled
    every_card = [r for r in EVERY_CARD if enabled(r)]
    by_kind = {name: [r for r in kind.rules if enabled(r)] for name, kind in KINDS.items()}
    deck_rules = [r for r in DECK_RULES if enabled(r)]
    options = {rule.ID: config.options_of(rule) for rule in RULES}
    problems: list[Problem] = []
    for loaded, deck in decks:
        silenced = suppressions(deck)
        names = deck_names(deck.cards)
        synonyms = deck_synonyms(deck.cards, config.aliases)
        # what the rules that read who did what need, worked out only if they get that far
        known = Later(lambda cards=deck.cards: deck_known(cards, config.aliases))
        lower = Later(lambda cards=deck.cards: deck_lower(cards))

        def emit(rule, findings: Iterable[Finding], ctx_card=None):
            severity = config.severity_of(rule)
            for finding in findings:
                card = finding.card or ctx_card
                if card.id in silenced and matches(rule.ID, silenced[card.id]):
                    continue
                mark = card.mark_of(finding.field) if finding.field else card.mark
                problems.append(Problem(mark.path, mark.line, mark.column, finding.message,
                                        severity, rule.ID, rule.NAME, card.id))

        contexts = []
        for card in deck.cards:
            ctx = CardContext(deck, card, deck.sources.get(card.citation.source),
                              _citation_problem(loaded, deck, card), names, synonyms, known, lower)
            for rule in every_card:
                emit(rule, rule.check(ctx, options[rule.ID]), card)
            if ctx.citation_problem:
                continue
            for rule in by_kind[kind_of(card).name]:
                emit(rule, rule.check(ctx, options[rule.ID]), card)
            contexts.append(ctx)
        for rule in deck_rules:
            emit(rule, rule.check_deck(contexts, options[rule.ID]))
    problems = add_suggestions(once_per_source(problems, decks), decks, config)  # failing cards only
    problems.sort()
    return problems


def clear_caches() -> None:
    """Forget every memoised text, stem and date (for benchmarks with cold caches)."""
    from cards.lint import attribution, facts, finddates, lexicon, names, polarity, quotes, text, tokens  # noqa: F401

    for module in (attribution, facts, finddates, lexicon, names, polarity, quotes, text, tokens):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def coded(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with load and validation problems given the E001 code."""
    return [p if p.code else replace(p, code=INVALID_CODE, name=INVALID_NAME) for p in problems]
