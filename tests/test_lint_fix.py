"""Moved text and `cards lint --fix`: edits to a source (lines inserted, deleted, rewrapped)
are recognised, and --fix rewrites only the citations, byte for byte."""

from __future__ import annotations

import re

import pytest

from citation_fixture import DECK, PETROGRAD, write_project
from conftest import run_cards

HEADER = "Copied on 1 December from the school's history pages.\nSee also the textbook, chapter 4.\n"


def _shift(deck: str, name: str, moves: dict[str, str]) -> str:
    """``deck`` with each citation of ``name`` renumbered as ``moves`` says ("4-5" -> "6-7")."""
    def repl(match):
        return f"{name}:{moves.get(match.group(1), match.group(1))}"
    return re.sub(rf"{name}:(\d+(?:-\d+)?)", repl, deck)


EDITS = {
    # two lines pasted above everything: every citation moves down by two
    "insert": (HEADER + PETROGRAD, {"4-5": "6-7", "6-7": "8-9", "8": "10", "10": "12", "11": "13"}),
    # the heading's blank line deleted: every citation moves up by one
    "delete": (PETROGRAD.replace("website\n\n", "website\n"), {"4-5": "3-4", "6-7": "5-6", "8": "7", "10": "9", "11": "10"}),
    # eighty lines of other notes pasted above: a long source, searched around the card's words
    "long": ("".join(f"Note {i}: the queues for bread grew longer in the cold.\n" for i in range(80)) + PETROGRAD,
             {"4-5": "84-85", "6-7": "86-87", "8": "88", "10": "90", "11": "91"}),
    # the Soviet's bullet rewrapped onto one line (its citation 6-7 still holds it) and
    # Kerensky's line wrapped onto two (the first says all the card says)
    "rewrap": (PETROGRAD.replace("first time\n   in the Tauride", "first time in the Tauride")
               .replace("Provisional Government in July", "Provisional Government\nin July"),
               {"8": "7", "10": "9", "11": "11"}),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_moved_text_is_reported_and_fixed(tmp_path, edit):
    source, moves = EDITS[edit]
    deck_path = write_project(tmp_path, DECK, source)
    result = run_cards("lint", cwd=tmp_path)
    assert result.returncode == 1
    broken = {line for line in result.stdout.splitlines() if "petrograd:" in line}
    assert broken and all("did you mean petrograd:" in line for line in broken), result.stdout

    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stderr
    changed = [line for line in result.stderr.splitlines() if " -> " in line]
    assert len(changed) == sum(old != new and f"petrograd:{old}" in DECK for old, new in moves.items())
    # every other byte of the deck is as it was
    assert deck_path.read_bytes() == _shift(DECK, "petrograd", moves).encode("utf-8")

    again = run_cards("lint", "--fix", cwd=tmp_path)
    assert again.returncode == 0 and " -> " not in again.stderr
    assert deck_path.read_bytes() == _shift(DECK, "petrograd", moves).encode("utf-8")


def test_fix_prints_what_it_changed_and_keeps_crlf_and_bom(tmp_path):
    deck = "\ufeff" + DECK.replace("source: petrograd:8\n", "source: petrograd:10\n").replace("\n", "\r\n")
    deck_path = write_project(tmp_path, deck)
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "decks/fixture.yaml:23:13: petrograd:10 -> petrograd:8" in result.stderr
    assert deck_path.read_bytes() == ("\ufeff" + DECK.replace("\n", "\r\n")).encode("utf-8")


def test_changed_text_stays_an_error(tmp_path):
    source = PETROGRAD.replace("Nicholas II abdicated at Pskov on 2 March 1917.", "The Tsar left the capital by train.")
    deck_path = write_project(tmp_path, DECK, source)
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 1
    assert " -> " not in result.stderr and "did you mean" not in result.stdout
    assert deck_path.read_bytes() == DECK.encode("utf-8")


def test_ambiguous_places_are_left_with_their_suggestions(tmp_path):
    source = PETROGRAD + "Nicholas II abdicated at Pskov on 2 March 1917, as the notes above say.\n"
    deck = DECK.replace("source: petrograd:8\n", "source: petrograd:3\n")
    deck_path = write_project(tmp_path, deck, source)
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 1
    assert "did you mean petrograd:8? (or petrograd:12)" in result.stdout
    assert deck_path.read_bytes() == deck.encode("utf-8")


def test_two_citations_on_one_line_are_both_fixed(tmp_path):
    deck = DECK.split("cards:\n")[0] + (
        "cards: [{id: a1, kind: date, date: 2 March 1917, event: Nicholas II abdicates at Pskov, source: petrograd:11}, "
        "{id: a2, kind: date, date: 4 August 1914, calendar: gregorian, event: Britain declares war on Germany, "
        "source: western:3}]\n")
    path = write_project(tmp_path, deck)
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = deck.replace("petrograd:11}", "petrograd:8}").replace("western:3}", "western:4}")
    assert path.read_bytes() == fixed.encode("utf-8")
