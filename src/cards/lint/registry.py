"""Every lint rule, in the order they run and are documented: C001, then each kind's
rules in the order of the kinds' registry, then the deck-wide rules."""

from __future__ import annotations

from cards.kinds import KINDS
from cards.lint.rule import DECK, Rule
from cards.lint.rules.c001_citation_broken import CITATION_BROKEN
from cards.lint.rules.x501_duplicate_card import DUPLICATE_CARD
from cards.lint.rules.x502_contradictory_citation import CONTRADICTORY_CITATION

#: Rules that check every card, whatever its kind.
EVERY_CARD: tuple[Rule, ...] = (CITATION_BROKEN,)
#: Rules that look at a whole deck.
DECK_RULES: tuple[Rule, ...] = (DUPLICATE_CARD, CONTRADICTORY_CITATION)

RULES: tuple[Rule, ...] = (*EVERY_CARD, *(rule for kind in KINDS.values() for rule in kind.rules), *DECK_RULES)

BY_ID: dict[str, Rule] = {rule.ID: rule for rule in RULES}
if len(BY_ID) != len(RULES):  # pragma: no cover - a slip when adding a kind or a rule
    raise RuntimeError(f"two lint rules share a code: {sorted(r.ID for r in RULES)}")

#: The kinds each rule checks (every kind for EVERY_CARD and deck rules).
KINDS_OF: dict[str, tuple[str, ...]] = {rule.ID: (name,) for name, kind in KINDS.items() for rule in kind.rules}


def is_deck_rule(rule: Rule) -> bool:
    return rule.SCOPE == DECK
