"""Linting stays quick however long the cited text: a passage longer than the linter
checks is an error saying so, and the search for a misquoted quote's closest text
compares a bounded number of stretches of the passage, whatever its length."""

from __future__ import annotations

import difflib
import random

import pytest

from conftest import run_cards
from lint_helpers import lint_paths, make_deck

from cards.lint.quotes import MAX_COMPARED, closest
from cards.lint.text import MAX_PASSAGE_CHARS

QUOTE = "Go back where you belong - into the dustbin of history!"
VOCABULARY = ("the of and to in a was go out where you belong from now on into dustbin history soviet "
              "trotsky mensheviks congress petrograd workers soldiers palace winter army bread land peace").split()


def filler(chars: int, seed: int = 1) -> str:
    """Words of the quote and others, at random: many stretches look a little like the quote."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < chars:
        word = rng.choice(VOCABULARY)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts)


@pytest.fixture
def comparisons(monkeypatch):
    """How many times difflib compares two word sequences."""
    count = [0]

    class Counting(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs):
            count[0] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    return count


def test_a_cited_line_too_long_to_check_is_an_error_saying_so(tmp_path, comparisons):
    line = filler(5_000_000)
    deck = make_deck(tmp_path, ["Trotsky told the Mensheviks", line],
                     [{"kind": "quote", "quote": QUOTE, "speaker": "Trotsky", "source": "src:2"}])
    problems = lint_paths([deck])
    assert [(p.code, p.message) for p in problems] == [
        ("C001", f"src:2 is too long to check ({len(line):,} characters; the limit is 20,000); "
                 "split that line of 'src.txt' into shorter ones and cite those that say it"),
    ]
    assert comparisons[0] == 0


def test_citing_too_many_lines_is_an_error_saying_to_cite_fewer(tmp_path):
    lines = [filler(1_000, seed) for seed in range(30)]
    deck = make_deck(tmp_path, lines, [{"kind": "quote", "quote": QUOTE, "speaker": "Trotsky", "source": "src:1-30"}])
    total = sum(map(len, lines))
    messages = [p.message for p in lint_paths([deck])]
    assert messages == [f"src:1-30 is too long to check ({total:,} characters; the limit is 20,000); cite fewer lines"]


def test_the_cli_reports_a_passage_too_long_to_check_without_a_traceback(tmp_path):
    make_deck(tmp_path / "decks", ["Trotsky told the Mensheviks", filler(5_000_000)],
              [{"kind": "quote", "quote": QUOTE, "speaker": "Trotsky", "source": "src:2"}])
    result = run_cards("lint", "decks/deck.yaml", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "C001 citation-broken: src:2 is too long to check (5,000,0" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_passage_just_under_the_limit_gets_its_closest_text_with_few_comparisons(tmp_path, comparisons):
    before = filler(MAX_PASSAGE_CHARS // 2 - 100, seed=2)
    after = filler(MAX_PASSAGE_CHARS // 2 - 100, seed=3)
    line = f"{before} Trotsky said: “Go out where you belong — into the dustbin of history!” {after}"
    assert len(line) <= MAX_PASSAGE_CHARS
    deck = make_deck(tmp_path, [line], [{"kind": "quote", "quote": QUOTE, "speaker": "Trotsky"}])
    assert [(p.code, p.message) for p in lint_paths([deck])] == [
        ("Q401", "quote is not in src:1 word for word ('back' instead of 'out'); "
                 "closest text: 'Go out where you belong — into the dustbin of history'"),
    ]
    assert comparisons[0] <= MAX_COMPARED + 1  # the search, then the differences of the one found


def test_finding_the_closest_text_in_a_very_long_passage_compares_a_bounded_number_of_stretches(comparisons):
    line = f"{filler(500_000, seed=4)} Go out where you belong - into the dustbin of history! " \
           f"{filler(500_000, seed=5)}"
    near = closest(QUOTE, line)
    assert near.text == "Go out where you belong - into the dustbin of history"
    assert near.changes == ("'back' instead of 'out'",)
    assert comparisons[0] <= MAX_COMPARED + 1
