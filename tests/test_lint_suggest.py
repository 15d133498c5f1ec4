"""Suggestions: a failing card's error says where its fact really is ("did you mean notes:14?")."""

from __future__ import annotations

import json

from citation_fixture import DECK, PETROGRAD, write_project
from conftest import run_cards

from cards.build import check


def _errors(root):
    checked = check([root / "decks" / "fixture.yaml"])
    return [p for p in checked.problems if p.is_error]


def test_the_fixture_lints_clean_with_a_summary(tmp_path):
    write_project(tmp_path)
    result = run_cards("lint", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "1 deck, 10 cards: no problems" in result.stderr


def test_a_card_citing_the_wrong_line_gets_the_right_line(tmp_path):
    write_project(tmp_path, DECK.replace("source: petrograd:8\n", "source: petrograd:10\n"))
    errors = _errors(tmp_path)
    assert errors and {p.card for p in errors} == {"abdication"}
    assert all(p.suggestion == "petrograd:8" for p in errors)
    assert all(p.message.endswith("did you mean petrograd:8?") for p in errors)


def test_a_wrapped_passage_is_suggested_whole(tmp_path):
    write_project(tmp_path, DECK.replace('source: "petrograd:4-5"', 'source: "petrograd:3"'))
    errors = _errors(tmp_path)
    assert errors and {p.suggestion for p in errors} == {"petrograd:4-5"}


def test_a_citation_past_the_end_gets_a_suggestion(tmp_path):
    write_project(tmp_path, DECK.replace('source: "western:4"', 'source: "western:40"'))
    (problem,) = _errors(tmp_path)
    assert problem.code == "C001" and problem.suggestion == "western:4"


def test_the_fact_in_another_source_is_found_there(tmp_path):
    write_project(tmp_path, DECK.replace("source: glossary:3\n", "source: western:3\n"))
    errors = _errors(tmp_path)
    assert errors and {p.suggestion for p in errors} == {"glossary:3"}


def test_a_card_supported_nowhere_gets_no_suggestion(tmp_path):
    deck = DECK.replace("event: Nicholas II abdicates at Pskov", "event: The Tsar escapes to London by submarine")
    write_project(tmp_path, deck)
    errors = _errors(tmp_path)
    assert errors and all(p.suggestion is None and "did you mean" not in p.message for p in errors)


def test_json_and_github_show_the_suggestion(tmp_path):
    write_project(tmp_path, DECK.replace("source: petrograd:8\n", "source: petrograd:10\n"))
    result = run_cards("lint", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    found = json.loads(result.stdout)
    assert found and {item["suggestion"] for item in found} == {"petrograd:8"}
    result = run_cards("lint", "--format", "github", cwd=tmp_path)
    assert "did you mean petrograd:8?" in result.stdout


def test_clean_cards_have_no_suggestion_field_value(tmp_path):
    write_project(tmp_path, DECK, PETROGRAD)
    result = run_cards("lint", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout) == []


# --- a source that cannot be read: one error, at its entry under sources: ------------------


def test_a_missing_source_is_one_error_at_its_entry_with_a_near_path(tmp_path):
    deck = DECK.replace("path: sources/petrograd.txt", "path: sources/petrogard.txt")
    write_project(tmp_path, deck)
    errors = _errors(tmp_path)
    (problem,) = errors
    assert problem.code == "C001" and problem.line == 6  # the 'petrograd:' entry under sources:
    assert "does not exist; did you mean 'sources/petrograd.txt'?" in problem.message
    assert "cited by 5 cards" in problem.message


def test_a_source_that_is_not_utf8_says_how_to_resave_it(tmp_path):
    write_project(tmp_path)
    (tmp_path / "decks" / "sources" / "glossary.txt").write_bytes("Glossary\nDuma - caf\u00e9\n".encode("cp1252"))
    (problem,) = _errors(tmp_path)
    assert problem.line == 10 and "is not UTF-8 text (byte 0xE9 on line 2); re-save it as UTF-8" in problem.message
    assert "iconv -f WINDOWS-1252 -t UTF-8" in problem.message and "cited by 2 cards: soviet, duma" in problem.message
