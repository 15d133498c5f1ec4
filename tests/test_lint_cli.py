"""`cards lint` through the real CLI: exit codes, formats, selection, suppression, configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cards, write

DECK = Path("decks/russia.yaml")


def break_date(project: Path, directive: str = "") -> None:
    """Make the Winter Palace card say the wrong day (optionally with a comment on it)."""
    deck = project / DECK
    text = deck.read_text(encoding="utf-8")
    text = text.replace("    date: 25 October 1917\n", f"    date: 24 October 1917{directive}\n")
    deck.write_text(text, encoding="utf-8")


def lint_json(project: Path, *args: str):
    result = run_cards("lint", "--format", "json", *args, cwd=project)
    return result, json.loads(result.stdout)


def test_small_deck_lints_clean(small_deck):
    result = run_cards("lint", cwd=small_deck)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_error_exit_1_and_text_format(small_deck):
    break_date(small_deck)
    result = run_cards("lint", cwd=small_deck)
    assert result.returncode == 1
    line = result.stdout.strip()
    # the position of the card's date value in the YAML
    number = next(i for i, text in enumerate((small_deck / DECK).read_text().splitlines(), 1)
                  if text.strip().startswith("date:"))
    assert line.startswith(f"decks/russia.yaml:{number}:11: D101 date-mismatch: card says 24 October 1917 (julian); "
                           "notes:5 says '25 October 1917'")
    assert "1 error(s), 0 warning(s)" in result.stderr


def test_json_format(small_deck):
    break_date(small_deck)
    result, data = lint_json(small_deck)
    assert result.returncode == 1
    assert isinstance(data, list) and len(data) == 1
    (item,) = data
    assert set(item) == {"path", "line", "column", "code", "name", "severity", "message", "card", "suggestion"}
    assert item["code"] == "D101" and item["name"] == "date-mismatch" and item["severity"] == "error"
    assert item["card"] == "winter-palace" and item["path"] == "decks/russia.yaml"


def test_json_is_an_empty_list_when_clean(small_deck):
    result, data = lint_json(small_deck)
    assert result.returncode == 0 and data == []


def test_github_format(small_deck):
    break_date(small_deck)
    result = run_cards("lint", "--format", "github", cwd=small_deck)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=decks/russia.yaml,line=")
    assert ",title=D101 date-mismatch::card says 24 October 1917" in result.stdout


def test_warnings_alone_exit_0(small_deck):
    # an undeclared calendar with a New Style date on the line: D103, a warning
    write(small_deck / "decks/sources/notes.txt",
          (small_deck / "decks/sources/notes.txt").read_text().replace("On 25 October 1917", "On 7 November 1917"))
    deck = small_deck / DECK
    deck.write_text(deck.read_text().replace("    calendar: julian\ncards:", "cards:"))
    result, data = lint_json(small_deck)
    assert [d["code"] for d in data] == ["D103"], data
    assert data[0]["severity"] == "warning"
    assert result.returncode == 0


def test_select_and_ignore(small_deck):
    break_date(small_deck)
    assert run_cards("lint", "--ignore", "D101", cwd=small_deck).returncode == 0
    assert run_cards("lint", "--ignore", "D", cwd=small_deck).returncode == 0
    assert run_cards("lint", "--select", "Q,P", cwd=small_deck).returncode == 0
    assert run_cards("lint", "--select", "D101", cwd=small_deck).returncode == 1
    assert run_cards("lint", "--select", "Q401", "--select", "D1", cwd=small_deck).returncode == 1


@pytest.mark.parametrize("args", [("--select", "Z999"), ("--ignore", "D1O1"), ("--format", "xml")])
def test_usage_errors_exit_2(small_deck, args):
    result = run_cards("lint", *args, cwd=small_deck)
    assert result.returncode == 2, result.stdout + result.stderr


def test_no_decks_is_a_usage_error(tmp_path):
    assert run_cards("lint", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("directive, code", [
    ("  # cards: ignore D101", 0),
    ("  # cards: ignore Q401, D101", 0),
    ("  # cards: ignore D", 0),
    ("  # cards: ignore", 0),
    ("  # cards: ignore Q401", 1),
])
def test_suppression_comment(small_deck, directive, code):
    break_date(small_deck, directive)
    assert run_cards("lint", cwd=small_deck).returncode == code


def test_suppression_stays_on_its_card(small_deck):
    # a directive on the next card's first line does not cover the card before it
    break_date(small_deck)
    deck = small_deck / DECK
    deck.write_text(deck.read_text().replace("  - id: trotsky\n", "  - id: trotsky  # cards: ignore D101\n"))
    assert run_cards("lint", cwd=small_deck).returncode == 1
    deck.write_text(deck.read_text().replace("    tags: [events]\n", "    tags: [events]\n    # cards: ignore D101\n"))
    assert run_cards("lint", cwd=small_deck).returncode == 0


def test_config_in_pyproject(small_deck):
    break_date(small_deck)
    write(small_deck / "pyproject.toml", """
        [tool.cards.lint]
        ignore = ["D101"]
    """)
    assert run_cards("lint", cwd=small_deck).returncode == 0
    # --select on the command line replaces the configured selection, ignores still apply
    assert run_cards("lint", "--select", "D", cwd=small_deck).returncode == 0
    write(small_deck / "pyproject.toml", """
        [tool.cards.lint]
        severity = { D101 = "warning" }
    """)
    result, data = lint_json(small_deck)
    assert result.returncode == 0 and data[0]["severity"] == "warning"


def test_config_can_make_a_warning_an_error(small_deck):
    write(small_deck / "decks/sources/notes.txt",
          (small_deck / "decks/sources/notes.txt").read_text().replace("On 25 October 1917", "On 7 November 1917"))
    deck = small_deck / DECK
    deck.write_text(deck.read_text().replace("    calendar: julian\ncards:", "cards:"))
    write(small_deck / "pyproject.toml", '[tool.cards.lint]\nseverity = { D103 = "error" }\n')
    result, data = lint_json(small_deck)
    assert result.returncode == 1 and data[0]["code"] == "D103" and data[0]["severity"] == "error"


@pytest.mark.parametrize("config", [
    '[tool.cards.lint]\nselect = ["D999"]\n',
    '[tool.cards.lint]\nignore = ["X"]\nseverity = { Q999 = "error" }\n',
    '[tool.cards.lint]\nseverity = { D103 = "fatal" }\n',
    '[tool.cards.lint]\nselct = ["D"]\n',
    '[tool.cards.lint\n',
])
def test_bad_config_is_a_usage_error(small_deck, config):
    write(small_deck / "pyproject.toml", config)
    result = run_cards("lint", cwd=small_deck)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "tool.cards.lint" in result.stderr or "TOML" in result.stderr


def test_load_and_validation_problems_are_coded_e001(small_deck):
    deck = small_deck / DECK
    deck.write_text(deck.read_text().replace("    kind: person\n", "    kind: persn\n"))
    result, data = lint_json(small_deck)
    assert result.returncode == 1
    assert [d["code"] for d in data] == ["E001"] and data[0]["name"] == "invalid-deck"
    assert data[0]["card"] == "trotsky"


def test_broken_citations_and_files_outside_the_folder(small_deck):
    secret = small_deck / "secret.txt"
    secret.write_text("TOP SECRET CONTENT\n")
    deck = small_deck / DECK
    deck.write_text(deck.read_text()
                    .replace("  notes:\n", "  outside: ../secret.txt\n  gone: sources/gone.txt\n  notes:\n")
                    .replace("    source: notes:2\n", "    source: outside:1\n")
                    .replace("    source: notes:3\n", "    source: gone:1\n")
                    .replace("    source: notes:4\n", "    source: notes:99\n"))
    result, data = lint_json(small_deck)
    assert result.returncode == 1
    assert sorted((d["card"], d["code"]) for d in data) == [("dustbin", "C001"), ("mrc", "C001"), ("trotsky", "C001")]
    assert "TOP SECRET" not in result.stdout + result.stderr
    # lint goes on with the other cards
    assert not any(d["card"] == "winter-palace" for d in data)


def test_build_refuses_on_lint_errors_unless_no_lint(small_deck):
    break_date(small_deck)
    result = run_cards("build", cwd=small_deck)
    assert result.returncode == 1 and "D101 date-mismatch" in result.stderr
    assert not (small_deck / "build").exists() or not list((small_deck / "build").glob("*.apkg"))
    write(small_deck / "pyproject.toml", '[tool.cards.lint]\nignore = ["D101"]\n')
    assert run_cards("build", cwd=small_deck).returncode == 0
