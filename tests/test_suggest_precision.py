"""How often a suggestion points at the right lines.

Every correct card of the labelled corpus (tests/lint_corpus) and of the example
decks is made to cite a wrong line (one that does not support it); the linter's
search then suggests a place, or none. A suggestion is right when it overlaps the
lines the card really cited. The figure is printed and held at >= 0.95.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import yaml

from cards.build import check
from cards.lint.suggest import _Searcher
from cards.lint.settings import LintConfig

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "lint_corpus"
MIN_PRECISION = 0.95


def _cases():
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["errors"]
    checked = check(sorted((CORPUS / "decks").glob("*.yaml")) + sorted((ROOT / "decks").glob("*.yaml")))
    failing = {p.card for p in checked.problems if p.is_error}
    for _loaded, deck in checked.decks:
        for card in deck.cards:
            if card.id in failing or labels.get(card.id, []) != []:
                continue
            yield deck, card


def measure(seed: int = 13):
    rng = random.Random(seed)
    config = LintConfig.coerce(None)
    searchers = {}
    made = right = none = cases = 0
    wrong_ones = []
    for deck, card in _cases():
        searcher = searchers.setdefault(deck.id, _Searcher(deck, config))
        source = deck.sources[card.citation.source]
        rules = searcher.rules_for(card)
        count = len(source.text.lines)
        span = card.citation.last - card.citation.first
        lines = [n for n in range(1, count - span + 1)
                 if source.text.lines[n - 1].strip() and not (n <= card.citation.last and card.citation.first <= n + span)]
        rng.shuffle(lines)
        for first in lines[:5]:
            if not searcher.fits(card, rules, source, first, first + span):
                break
        else:
            continue
        moved = replace(card, citation=replace(card.citation, first=first, last=first + span))
        cases += 1
        suggestion = searcher.suggest(moved)
        if suggestion is None:
            none += 1
            continue
        made += 1
        name, _, numbers = str(suggestion).partition(":")
        lo, _, hi = numbers.partition("-")
        lo, hi = int(lo), int(hi or lo)
        if name == card.citation.source and lo <= card.citation.last and card.citation.first <= hi:
            right += 1
        else:
            wrong_ones.append((card.id, str(card.citation), str(moved.citation), str(suggestion)))
    return cases, made, right, none, wrong_ones


def test_suggestion_precision():
    cases, made, right, none, wrong_ones = measure()
    precision = right / made
    print(f"\nsuggestions: {cases} cards cited a wrong line; {made} got a suggestion, {right} of them "
          f"the right lines (precision {precision:.3f}); {none} got none")
    assert cases >= 100
    assert precision >= MIN_PRECISION, wrong_ones


if __name__ == "__main__":
    cases, made, right, none, wrong_ones = measure()
    print(cases, made, right, none)
    for item in wrong_ones:
        print(*item)
