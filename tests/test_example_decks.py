"""The example decks in decks/ build, import into Anki, and every card shows its citation."""

from __future__ import annotations

import re
from html import unescape
import shutil
from collections import Counter

import pytest

from cards.build import check, default_deck_paths

from conftest import REPO


@pytest.fixture(scope="module")
def example_project(tmp_path_factory):
    project = tmp_path_factory.mktemp("examples")
    shutil.copytree(REPO / "decks", project / "decks")
    return project


@pytest.fixture(scope="module")
def checked():
    return check(default_deck_paths(REPO))


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_example_decks_have_enough_cards_of_every_kind(checked):
    kinds = Counter(card.kind for _, deck in checked.decks for card in deck.cards)
    assert sum(kinds.values()) >= 120
    assert all(kinds[kind] >= 20 for kind in ("date", "person", "term", "quote")), kinds


def test_example_decks_are_subdecks_by_theme(checked):
    names = [deck.name for _, deck in checked.decks]
    assert len(names) >= 2
    assert all(name.startswith("History::Russia 1917::") for name in names)


def test_example_decks_lint_clean(checked):
    assert checked.errors == [], "\n".join(map(str, checked.errors))


def test_every_example_card_imports_and_shows_its_citation(example_project, cards, anki):
    result = cards("build", cwd=example_project)
    assert result.returncode == 0, result.stderr
    total_notes = 0
    for _, deck in check(default_deck_paths(example_project)).decks:
        # a card deleted from a released deck stays in the package, withdrawn (see README, "Releases")
        retired = _retired(example_project / "decks" / f"{deck.id}.lock")
        log = anki.import_package(example_project / "build" / f"{deck.id}.apkg")
        assert len(log.new) == len(deck.cards) + len(retired)
        total_notes += len(deck.cards) + len(retired)
        by_id = {card.id: card for card in deck.cards}
        rendered = anki.cards(f'"deck:{deck.name}" -tag:cards::retired')
        # two directions a note (one with reverse: false), or one card per group of blanks for a cloze
        assert len(rendered) == sum(len(c.cloze.groups) if c.kind == "cloze" else 2 if c.reverse else 1
                                    for c in deck.cards)
        withdrawn = anki.cards(f'"deck:{deck.name}" tag:cards::retired')
        assert {_text(card.answer).split()[-1] for card in withdrawn} == retired
        assert all("Withdrawn" in _text(card.question) for card in withdrawn)
        for card in rendered:
            answer = _text(card.answer)
            card_id = answer.split()[-1]
            assert card_id in by_id, answer
            citation = by_id[card_id].citation
            source = deck.sources[citation.source]
            assert f"{source.title}, line" in answer, answer
            assert str(citation.first) in answer
            assert source.title not in _text(card.question)
    assert anki.col.note_count() == total_notes


def _retired(lock) -> set[str]:
    return {line.split()[1] for line in lock.read_text(encoding="utf-8").splitlines() if line.startswith("retired ")}


def test_example_decks_lock_files_are_up_to_date(example_project, cards):
    """The committed lock files hold every example card as it is: a release built from a
    fresh clone gives students exactly the note times of the last build. (After editing a
    deck, run cards build and commit its lock file with it.)"""
    result = cards("build", "--locked", "--no-pdf", cwd=example_project)
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 updated, 0 retired" in result.stdout


def test_example_decks_cover_the_course(checked):
    """Issue 18: at least 40 cards of each main kind, and some 220 in all, so that the decks
    cover the course an A-level student is examined on."""
    kinds = Counter(card.kind for _, deck in checked.decks for card in deck.cards)
    assert sum(kinds.values()) >= 220, kinds
    assert all(kinds[kind] >= 40 for kind in ("date", "person", "term", "quote")), kinds


def _words(text: str) -> int:
    return len(text.split())


def test_example_cards_are_short_enough_to_recall(checked):
    """A person's role is one short sentence, one fact; a quotation asks for an extract a
    student can recall word for word (a longer quotation is a cloze card)."""
    too_long = []
    for _, deck in checked.decks:
        for card in deck.cards:
            if card.kind == "person" and (_words(card.role) > 15 or ";" in card.role):
                too_long.append((card.id, card.role))
            if card.kind == "quote" and _words(card.quote) > 17:
                too_long.append((card.id, card.quote))
    assert not too_long, too_long


def test_example_date_cards_with_a_reverse_have_one_right_answer(checked):
    """A date card keeps its reverse ("What happened on this date?") only when no other date
    card of its deck has the same day; on a day of several events (25 and 26 October) every
    card says reverse: false."""
    shared = []
    for _, deck in checked.decks:
        days = Counter(str(card.date) for card in deck.cards if card.kind == "date")
        shared += [(deck.id, card.id) for card in deck.cards
                   if card.kind == "date" and card.reverse and days[str(card.date)] > 1]
    assert not shared, shared
