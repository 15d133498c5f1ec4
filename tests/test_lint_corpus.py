"""Precision and recall of the linter's errors over the labelled corpus in tests/lint_corpus.

A card counts as flagged when the linter reports any error on it. A wrong card
is found when it is flagged with every code its label expects. The figures are
written to the terminal summary (with or without ``-s``) and asserted:
recall 1.0, precision at least 0.95.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from cards.build import check

CORPUS = Path(__file__).parent / "lint_corpus"
LABELS = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
MIN_PRECISION = 0.95
MIN_RECALL = 1.0


class _Summary:
    """A plugin that adds the corpus figures to pytest's terminal summary."""

    lines: list[str] = []

    def pytest_terminal_summary(self, terminalreporter):
        if self.lines:
            terminalreporter.write_sep("-", "lint corpus")
            for line in self.lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def corpus_run(request):
    summary = _Summary()
    request.config.pluginmanager.register(summary, "lint-corpus-summary")
    checked = check(sorted((CORPUS / "decks").glob("*.yaml")))
    return checked, summary


def _by_card(problems):
    errors, warnings = defaultdict(set), defaultdict(set)
    for p in problems:
        (errors if p.is_error else warnings)[p.card].add(p.code)
    return errors, warnings


def measure(problems, labels):
    errors, _ = _by_card(problems)
    flagged = {card for card in errors}
    wrong = {card for card, codes in labels.items() if codes}
    found = {card for card in wrong if set(labels[card]) <= errors.get(card, set())}
    false_alarms = sorted(card for card in flagged if card in labels and not labels[card])
    missed = sorted(wrong - found)
    precision = len(found) / len(flagged) if flagged else 1.0
    recall = len(found) / len(wrong) if wrong else 1.0
    return precision, recall, missed, false_alarms


def test_corpus_is_big_and_balanced():
    labels = LABELS["errors"]
    right = [c for c, codes in labels.items() if not codes]
    wrong = [c for c, codes in labels.items() if codes]
    assert len(labels) >= 60
    assert 0.4 <= len(wrong) / len(labels) <= 0.6, (len(right), len(wrong))
    sources = list((CORPUS / "decks" / "sources").glob("*.txt"))
    assert len(sources) >= 4


def test_every_card_is_labelled(corpus_run):
    checked, _ = corpus_run
    assert not [p for p in checked.problems if p.code is None], "the corpus decks must be valid"
    ids = {card.id for _, deck in checked.decks for card in deck.cards}
    assert ids == set(LABELS["errors"])


def test_precision_and_recall(corpus_run):
    checked, summary = corpus_run
    labels = LABELS["errors"]
    precision, recall, missed, false_alarms = measure(checked.problems, labels)
    wrong = sum(1 for codes in labels.values() if codes)
    summary.lines[:] = [
        f"lint corpus: {len(labels)} cards ({wrong} wrong, {len(labels) - wrong} correct)",
        f"lint corpus: precision {precision:.3f}, recall {recall:.3f} (errors; targets >= {MIN_PRECISION}, "
        f"{MIN_RECALL})",
    ]
    if missed or false_alarms:
        summary.lines.append(f"lint corpus: missed {missed}; false alarms {false_alarms}")
    report = "\n".join(summary.lines) + "\n" + "\n".join(str(p) for p in checked.problems if p.is_error)
    assert recall >= MIN_RECALL, report
    assert precision >= MIN_PRECISION, report


def test_expected_warnings(corpus_run):
    checked, _ = corpus_run
    _, warnings = _by_card(checked.problems)
    missing = {card: sorted(set(codes) - warnings.get(card, set()))
               for card, codes in LABELS["warnings"].items() if set(codes) - warnings.get(card, set())}
    assert not missing


def test_no_error_code_beyond_the_label(corpus_run):
    """A wrong card gets the errors its label names and no others (the messages stay to the point)."""
    checked, _ = corpus_run
    errors, _ = _by_card(checked.problems)
    extra = {card: sorted(codes - set(LABELS["errors"][card])) for card, codes in errors.items()
             if codes - set(LABELS["errors"][card])}
    assert not extra
