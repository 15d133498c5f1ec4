"""Property-based tests: whatever a deck file holds, `cards` builds it or reports errors.

The loader, validator, linter and renderers must never crash with an
unexpected exception, whatever the text.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cards.build import BuildOptions, build
from cards.errors import InputError, Problem

from conftest import DECK, NOTES

SETTINGS = settings(max_examples=int(__import__("os").environ.get("CARDS_HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["deck", "id", "description", "tags", "calendar", "sources", "cards", "print",
        "kind", "date", "event", "name", "aliases", "role", "term", "definition", "quote",
        "speaker", "context", "source", "path", "title", "notes"]
KINDS = ["date", "person", "term", "quote", "other"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from(KINDS + ["julian", "gregorian", "notes:1", "notes:2-4", "notes:0",
                                                   "25 October 1917", "1917", "31 February 1917", "x:y"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=20,
)
cards = st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=8), max_size=6)
decks = st.fixed_dictionaries(
    {"deck": values, "cards": cards | values},
    optional={"id": values, "tags": values, "calendar": values, "description": values,
              "sources": st.just({"notes": "notes.txt"}) | values, "print": values},
)


def _build_never_crashes(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "notes.txt").write_text(NOTES, encoding="utf-8")
        deck = root / "deck.yaml"
        deck.write_text(text, encoding="utf-8")
        try:
            report = build([deck], BuildOptions(out_dir=root / "build"))
        except InputError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert isinstance(problem, Problem) and problem.message
                assert problem.path == str(deck)
            assert not (root / "build").exists() or not any((root / "build").glob("*.apkg"))
        else:
            for output in report.outputs:
                assert all(path.exists() for path in output.files)


@SETTINGS
@given(decks)
def test_any_structured_deck_builds_or_reports_errors(data):
    _build_never_crashes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_builds_or_reports_errors(text):
    _build_never_crashes(text)


@SETTINGS
@given(st.integers(0, len(DECK)), st.integers(0, 40), st.text(max_size=20))
def test_any_edit_of_a_valid_deck_builds_or_reports_errors(position, length, insert):
    _build_never_crashes(DECK.replace("sources/notes.txt", "notes.txt")[:position] + insert + DECK[position + length:])


# --- classes of hostile input found by hand, generalised ---------------------------------------

MARKUP = set("<>&[]{}\\$\"")


def _check(root: Path, deck_text: str, notes: str = NOTES):
    from cards.build import check

    (root / "notes.txt").write_text(notes, encoding="utf-8")
    deck = root / "deck.yaml"
    deck.write_text(deck_text, encoding="utf-8")
    return check([deck])


SMALL_DECK = DECK.replace("sources/notes.txt", "notes.txt")


@SETTINGS
@given(st.text(min_size=1, max_size=20))
def test_a_tag_is_either_refused_or_free_of_markup(tag):
    with tempfile.TemporaryDirectory() as folder:
        text = SMALL_DECK.replace("tags: [events]", "tags: [" + json.dumps(tag) + "]")
        checked = _check(Path(folder), text)
        for _, deck in checked.decks:
            for card in deck.cards:
                for kept in card.tags:
                    assert not MARKUP & set(kept), kept
                    assert not any(ch.isspace() for ch in kept), kept


@SETTINGS
@given(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), st.sampled_from(["", " ", "  ", "\t"]),
       st.sampled_from(["", " ", "  "]), st.sampled_from(["plain", "quoted", "folded"]))
def test_ids_differing_only_in_whitespace_are_always_duplicates(card_id, before, after, style):
    written = {"plain": card_id, "quoted": json.dumps(before + card_id + after),
               "folded": ">\n      " + card_id}[style]
    extra = (f"  - id: {card_id}\n    kind: term\n    term: Military Revolutionary Committee\n"
             f"    definition: The Soviet body that organised the rising\n    source: notes:3\n"
             f"  - id: {written}\n    kind: term\n    term: Military Revolutionary Committee\n"
             f"    definition: The Soviet body that organised the rising\n    source: notes:3\n")
    with tempfile.TemporaryDirectory() as folder:
        checked = _check(Path(folder), SMALL_DECK + extra)
        assert any("duplicate card id" in p.message for p in checked.problems), checked.problems


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(NOTES)), st.sampled_from("\f\v\x85\u2028\u2029\x1c\x1d\x1e")),
                max_size=5))
def test_separators_editors_show_inside_a_line_never_move_a_citation(insertions):
    notes = NOTES
    for position, separator in sorted(insertions, reverse=True):
        if notes[position - 1:position] == " ":  # beside a space: a pasted separator, not a joined word
            notes = notes[:position] + separator + notes[position:]
    with tempfile.TemporaryDirectory() as folder:
        checked = _check(Path(folder), SMALL_DECK, notes)
        assert not checked.errors, checked.errors
