"""Bad decks get `path:line:col: message` for every problem at once, exit 1, no traceback,
and an untouched build folder."""

from __future__ import annotations

import re

import pytest

from conftest import DECK, write

LOCATION = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): ")


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if LOCATION.match(line)]


def _assert_failed_cleanly(result):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr


def _deck_with(project, old: str, new: str):
    assert old in DECK
    write(project / "decks" / "russia.yaml", DECK.replace(old, new, 1))


from cards.kinds import KINDS  # noqa: E402

CASES = {
    "yaml syntax": ("    kind: date\n    date: 25 October 1917\n", "    kind: date\n   date: 25 October 1917\n", 13, "YAML syntax error"),
    "unknown kind": ("kind: person", "kind: persn", 18, f"unknown kind 'persn'; use one of: {', '.join(KINDS)}; did you mean 'person'?"),
    "missing field": ("    definition: The Soviet body that organised the rising\n", "", 23, "term card 'mrc' is missing the required field 'definition'"),
    "mistyped field": ("aliases: [Trotsky]", "aliases: Trotsky", 20, "field 'aliases' must be a list such as [a, b], not 'Trotsky'"),
    "duplicate id": ("id: mrc", "id: trotsky", 23, "duplicate card id 'trotsky'; it is first used on line 17"),
    "unparseable date": ("date: 25 October 1917", "date: the 25th of Octobre", 13, "cannot read 'the 25th of Octobre' as a date"),
    "impossible date": ("date: 25 October 1917", "date: 30 February 1917", 13, "'30 February 1917' does not exist in the julian calendar"),
    "unknown source": ("source: notes:3", "source: note:3", 28, "unknown source 'note' (declared: notes); did you mean 'notes'?"),
    "bad citation": ("source: notes:3", "source: notes-3", 28, "write NAME:LINE or NAME:FIRST-LAST"),
    "unknown field": ("    event: The Winter Palace is stormed\n", "    evnt: The Winter Palace is stormed\n", 14, "unknown field 'evnt' in date card 'winter-palace'; did you mean 'event'?"),
    "bad calendar": ("calendar: julian\nsources", "calendar: orthodox\nsources", 4, "'orthodox' is not a calendar; use 'gregorian' or 'julian'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_mistake_is_reported_at_its_line(case, small_deck, cards):
    old, new, line, message = CASES[case]
    _deck_with(small_deck, old, new)
    result = cards("build", cwd=small_deck)
    _assert_failed_cleanly(result)
    errors = _errors(result)
    assert any(e.startswith(f"decks/russia.yaml:{line}:") and message in e for e in errors), result.stderr
    assert not (small_deck / "build").exists()


def test_all_problems_are_reported_at_once(small_deck, cards):
    text = (
        DECK.replace("kind: person", "kind: persn")
        .replace("date: 25 October 1917", "date: someday")
        .replace("source: notes:3", "source: nope:3")
        .replace("id: dustbin", "id: mrc")
    )
    write(small_deck / "decks" / "russia.yaml", text)
    result = cards("build", cwd=small_deck)
    _assert_failed_cleanly(result)
    assert len(_errors(result)) == 4, result.stderr
    assert "4 error(s)" in result.stderr


def test_problems_in_several_decks_are_all_reported(small_deck, cards):
    write(small_deck / "decks" / "second.yaml", "deck: Second\ncards:\n  - id: x\n    kind: nonsense\n")
    _deck_with(small_deck, "kind: person", "kind: persn")
    result = cards("build", cwd=small_deck)
    _assert_failed_cleanly(result)
    paths = {LOCATION.match(e)["path"] for e in _errors(result)}
    assert paths == {"decks/russia.yaml", "decks/second.yaml"}


def test_a_failed_build_leaves_earlier_outputs_untouched(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    before = {p.name: p.read_bytes() for p in (small_deck / "build").iterdir() if p.is_file()}
    assert "russia-1917.apkg" in before
    _deck_with(small_deck, "kind: person", "kind: persn")
    _assert_failed_cleanly(cards("build", cwd=small_deck))
    after = {p.name: p.read_bytes() for p in (small_deck / "build").iterdir() if p.is_file()}
    assert after == before


def test_line_beyond_the_end_of_the_source_is_an_error(small_deck, cards):
    _deck_with(small_deck, "source: notes:3", "source: notes:30")
    result = cards("build", cwd=small_deck)
    assert result.returncode == 1
    assert "decks/russia.yaml:28:13:" in result.stderr and "beyond the end" in result.stderr


def test_usage_errors_exit_2_naming_the_bad_option_or_file(small_deck, cards):
    result = cards("build", "--frobnicate", cwd=small_deck)
    assert result.returncode == 2 and "--frobnicate" in result.stderr and "Traceback" not in result.stderr
    result = cards("build", "decks/missing.yaml", cwd=small_deck)
    assert result.returncode == 2 and "decks/missing.yaml" in result.stderr and "Traceback" not in result.stderr


def test_version_and_help(small_deck, cards):
    from cards import __version__

    result = cards("--version", cwd=small_deck)
    assert result.returncode == 0 and __version__ in result.stdout
    result = cards("--help", cwd=small_deck)
    assert result.returncode == 0 and "build" in result.stdout and "lint" in result.stdout
