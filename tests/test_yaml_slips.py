"""Typing slips in a deck's YAML are named, with their fix, at the line and column to fix
(cards.yaml_slips), whichever PyYAML release and parser (C or Python) reads the deck.

Each fixture in tests/yaml_slips/ is the same small deck with one slip in it. The
messages are ours; the parser's own words follow on a second line, and are never
asserted on here (they differ between PyYAML releases and between its parsers).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from cards import yaml_slips, yamlmarks

FIXTURES = Path(__file__).parent / "yaml_slips"

#: fixture -> (line, column, the first line of the message, after "YAML syntax error: ")
EXPECTED = {
    "missing-colon": (10, 10, "no ':' after 'event'; a key and its value are written "
                              "'event: The Winter Palace is stormed'"),
    "missing-colon-last-key": (11, 11, "no ':' after 'source'; a key and its value are written 'source: notes:5'"),
    "missing-colon-card-id": (12, 7, "no ':' after 'id'; a key and its value are written 'id: trotsky'"),
    "missing-colon-section": (6, 6, "no ':' after 'cards'; write 'cards:'"),
    "no-space-after-colon": (8, 10, "no space after the ':' of 'kind'; YAML needs one: write 'kind: date'"),
    "colon-in-text": (10, 12, "the text of 'event' holds ': ', which YAML takes for the start of another key; "
                              "put the whole text in double quotes: event: \"Lenin's slogan: peace, land and bread\""),
    "colon-in-flow-text": (12, 59, "the text of 'role' holds ': ', which YAML takes for the start of another key; "
                                   "put the text in double quotes"),
    "apostrophe-in-single-quotes": (10, 21, "the apostrophe in \"Tsar's\" ends the text of 'event', which is in "
                                            "single quotes; write it twice (Tsar''s) or put the text in double "
                                            "quotes instead: event: \"The Tsar's ministers are arrested\""),
    "quote-in-double-quotes": (10, 17, "the text of 'event' starts with \", so YAML reads it as quoted text that "
                                       "ends at the next \" (column 17) and cannot make sense of the rest; put the "
                                       "whole text in single quotes instead: event: 'The \"Aurora\" fires a blank shot'"),
    "tab": (9, 1, "a tab in the indentation; YAML indents with spaces only: replace the tab with spaces "
                  "(and set your editor to type spaces for Tab)"),
    "indent-one-less": (9, 4, "'date' is indented 3 spaces, one space less than 'kind' on line 8; the keys of one "
                              "mapping must line up: indent it by 4 spaces"),
    "indent-one-more": (9, 6, "'date' is indented 5 spaces, one space more than 'kind' on line 8; the keys of one "
                              "mapping must line up: indent it by 4 spaces"),
    "indent-dash-off": (12, 2, "this '-' is indented 1 space, one space less than the '-' on line 7; the items of "
                               "one list must line up: indent it by 2 spaces"),
    "unclosed-quote": (16, 11, "the text of 'role' opens with \" but never closes; add the closing \" where the "
                               "text ends"),
    "unclosed-quote-closed-later": (10, 12, "the text of 'event' opens with \" but does not close on its line, so "
                                            "YAML reads on to the next \" (line 14, column 11); add the closing \" "
                                            "at the end of line 10"),
    "unclosed-bracket": (15, 14, "the [ of 'aliases' is never closed; add ] after its last item, on the same line"),
    "missing-dash": (12, 3, "a '-' is missing before this card: each card starts with '- ', in line with the '-' "
                            "on line 7; write '- id: ...'"),
    "missing-dash-first-card": (7, 3, "a '-' is missing before this card: each card starts with '- ' (as on line "
                                      "12); write '- id: ...' and indent the card's other lines to line up with 'id'"),
}

#: Not a parser error: the slip makes a valid YAML mapping with 'id' twice.
DUPLICATE_ID = ("missing-dash-same-indent", 12, 5,
                "duplicate key 'id'; it is first on line 7; if a new card starts here, it needs a '-': "
                "write '- id: ...', in line with the '-' of the card above")

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Each test runs with PyYAML's Python parser and, where it is built, its C parser."""
    monkeypatch.setattr(yamlmarks, "_Loader", request.param)
    return request.param


def _error(name: str) -> yamlmarks.YamlError:
    path = f"decks/{name}.yaml"
    with pytest.raises(yamlmarks.YamlError) as caught:
        yaml_slips.parse((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"), path)
    return caught.value


def test_every_fixture_has_its_expectation():
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == {*EXPECTED, DUPLICATE_ID[0]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_slip_is_named_with_its_fix_at_the_place_to_fix(name, loader):
    line, column, message = EXPECTED[name]
    error = _error(name)
    first, _, second = error.message.partition("\n")
    assert f"{error.mark.path}:{error.mark.line}:{error.mark.column}: {first}" == \
        f"decks/{name}.yaml:{line}:{column}: YAML syntax error: {message}"
    # the parser's own words, with the place it gave, follow on a line of their own
    assert re.fullmatch(r"  \(the YAML parser says: .+, at line \d+, column \d+\)", second), second


def test_a_second_card_id_without_its_dash_is_explained(loader):
    name, line, column, message = DUPLICATE_ID
    error = _error(name)
    assert (error.mark.line, error.mark.column, error.message) == (line, column, message)


def test_the_command_line_shows_the_slip_at_its_place(tmp_path, cards):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "russia.yaml").write_text((FIXTURES / "missing-colon.yaml").read_text())
    for command, label in (("lint", "E001 invalid-deck: "), ("build", "")):
        result = cards(command, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        output = result.stdout + result.stderr
        assert f"decks/russia.yaml:10:10: {label}YAML syntax error: no ':' after 'event'" in output, output
        assert "\n  (the YAML parser says: " in output
    assert not (tmp_path / "build").exists()


def test_an_error_that_is_no_known_slip_keeps_the_parsers_words(loader):
    with pytest.raises(yamlmarks.YamlError) as caught:
        yaml_slips.parse("deck: X\ncards: [a, b]]\n", "d.yaml")
    assert caught.value.message.startswith("YAML syntax error: ") and "\n" not in caught.value.message


# --- the recogniser never fails, whatever it is given ------------------------------------------

BASE = (FIXTURES / "missing-colon.yaml").read_text().replace("    event The", "    event: The")
SLIPS = [":", " ", "  ", "-", "- ", "'", '"', "\t", "[", "]", "{", "}", ",", "#", "\n", ": ", "''"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(BASE)), st.sampled_from(SLIPS), st.booleans()), min_size=1,
                max_size=3))
def test_slips_in_random_places_are_explained_or_left_to_the_parser(edits):
    text = BASE
    for position, slip, delete in edits:
        position = min(position, len(text))
        text = text[:position] + (text[position + 1:] if delete else slip + text[position:])
    for loader in LOADERS:
        try:
            list(yaml.parse(text, Loader=loader))
            continue
        except yaml.MarkedYAMLError as exc:
            problem, context = exc.problem_mark, exc.context_mark
            found = yaml_slips.explain(  # called directly: no safety net around it here
                text,
                yaml_slips.Place(problem.line + 1, problem.column + 1) if problem else None,
                yaml_slips.Place(context.line + 1, context.column + 1) if context else None,
                exc.problem or "", loader)
        if found is not None:
            assert 1 <= found.place.line <= text.count("\n") + 2 and found.place.column >= 1
            assert found.message.startswith(yaml_slips.PREFIX)


def test_slips_in_a_large_deck_are_found_quickly(loader):
    """Recognising the slip reads the deck about once more: no slower than parsing it
    a few times over, however long the deck."""
    import time

    cards = "".join(f"  - id: card-{i}\n    kind: term\n    term: Term {i}\n    definition: Its meaning\n"
                    f"    source: notes:{i + 1}\n" for i in range(5_000))
    text = "deck: Big\nsources:\n  notes: notes.txt\ncards:\n" + cards + "  - id: last\n    kind term\n"
    started = time.perf_counter()
    with pytest.raises(yaml.YAMLError):
        list(yaml.parse(text, Loader=loader))
    parsing = time.perf_counter() - started
    started = time.perf_counter()
    with pytest.raises(yamlmarks.YamlError) as caught:
        yaml_slips.parse(text, "big.yaml")
    assert time.perf_counter() - started < 6 * parsing + 1
    assert caught.value.mark.line == text.count("\n") and "no ':' after 'kind'" in caught.value.message
