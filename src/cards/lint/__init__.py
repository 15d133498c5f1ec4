"""Lint: check every card against the source line it cites.

``lint_decks`` runs the rules of :mod:`cards.lint.registry` (one module each
under :mod:`cards.lint.rules`) over validated decks and returns
:class:`~cards.errors.Problem` objects with a code, a name and a severity.
Rules are pure: they see the typed deck and the source texts the load stage
read, never a file. Which rules run, and how severe each is, comes from a
:class:`~cards.lint.settings.LintConfig`; a ``# cards: ignore CODE`` comment in
a card's YAML silences a rule for that card.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from cards.errors import Problem
from cards.lint.context import CardContext, Finding
from cards.lint.names import deck_names
from cards.lint.registry import RULES, is_deck_rule
from cards.lint.settings import LintConfig, LintConfigError, matches
from cards.lint.suppress import suppressions
from cards.lint.text import MAX_PASSAGE_CHARS

#: The code given to load and validation problems, so lint output is uniform.
INVALID_CODE, INVALID_NAME = "E001", "invalid-deck"

__all__ = ["RULES", "LintConfig", "LintConfigError", "clear_caches", "coded", "lint_decks"]


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
    """Lint ``decks``, a list of ``(LoadedDeck, Deck)``; return every problem found, sorted."""
    config = LintConfig.coerce(config)
    rules = config.rules()
    card_rules = [r for r in rules if not is_deck_rule(r)]
    deck_rules = [r for r in rules if is_deck_rule(r)]
    by_kind = {kind: [r for r in card_rules if not r.KINDS or kind in r.KINDS]
               for kind in ("date", "person", "term", "quote")}
    problems: list[Problem] = []
    for loaded, deck in decks:
        silenced = suppressions(deck)
        names = deck_names(deck.cards)

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
                              _citation_problem(loaded, deck, card), names)
            for rule in by_kind.get(card.kind, card_rules):
                if ctx.citation_problem and rule.ID != "C001":
                    continue
                emit(rule, rule.check(ctx), card)
            if not ctx.citation_problem:
                contexts.append(ctx)
        for rule in deck_rules:
            emit(rule, rule.check_deck(contexts))
    problems.sort()
    return problems


def clear_caches() -> None:
    """Forget every memoised text, stem and date (for benchmarks with cold caches)."""
    from cards.lint import facts, finddates, names, quotes, text

    for module in (facts, finddates, names, quotes, text):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def coded(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with load and validation problems given the E001 code."""
    return [p if p.code else replace(p, code=INVALID_CODE, name=INVALID_NAME) for p in problems]
