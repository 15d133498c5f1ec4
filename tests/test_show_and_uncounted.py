"""`cards show` numbers a source as the linter counts it; `source: NAME` without a line is
found by the linter and written in by `cards lint --fix`."""

from __future__ import annotations

from citation_fixture import DECK, write_project
from conftest import run_cards


def test_show_numbers_lines_as_citations_count_them(tmp_path):
    write_project(tmp_path)
    result = run_cards("show", "petrograd", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# decks/fixture.yaml: petrograd (11 lines)"
    assert lines[8].startswith(" 8   * Nicholas II abdicated at Pskov") and lines[8].endswith("<- abdication")
    assert lines[4].endswith("<- womens-day") and lines[5].endswith("<- womens-day")


def test_show_a_range_and_a_file_with_web_line_breaks(tmp_path):
    write_project(tmp_path)
    result = run_cards("show", "western:3-4", "--no-cards", cwd=tmp_path)
    assert result.stdout.splitlines()[1:] == [
        "3  - 28 June 1914: Archduke Franz Ferdinand is assassinated in Sarajevo.",
        "4  - On 4 August 1914 Britain declares war on Germany.",
    ]
    (tmp_path / "pasted.txt").write_bytes("one\x0cstill one\r\ntwo\u2028still two\rthree\nfour".encode("utf-8"))
    result = run_cards("show", "pasted.txt", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "# pasted.txt (4 lines)", "1  one\\x0cstill one", "2  two\\u2028still two", "3  three", "4  four"]


def test_show_an_unknown_source_fails(tmp_path):
    write_project(tmp_path)
    result = run_cards("show", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "neither a source declared in a deck nor a file" in result.stderr


def test_a_source_without_a_line_is_found_and_filled_in(tmp_path):
    deck = DECK.replace("source: petrograd:8\n", "source: petrograd\n").replace('source: "western:4"', 'source: "western"')
    path = write_project(tmp_path, deck)
    result = run_cards("lint", cwd=tmp_path)
    assert result.returncode == 1
    assert "source 'petrograd' is cited without a line; the card fits petrograd:8 ('cards lint --fix' writes it in)" \
        in result.stdout
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "decks/fixture.yaml:23:13: petrograd -> petrograd:8" in result.stderr
    assert path.read_bytes() == DECK.encode("utf-8")


def test_a_source_without_a_line_that_supports_nothing_says_so(tmp_path):
    deck = DECK.replace("event: Nicholas II abdicates at Pskov\n    source: petrograd:8",
                        "event: The Tsar escapes by submarine\n    source: petrograd")
    write_project(tmp_path, deck)
    result = run_cards("lint", "--fix", cwd=tmp_path)
    assert result.returncode == 1 and " -> " not in result.stderr
    assert "is cited without a line, and no passage of it" in result.stdout


def test_cite_prints_the_places_that_support_a_card(tmp_path):
    write_project(tmp_path, DECK.replace("source: petrograd:8\n", "source: petrograd\n"))
    result = run_cards("cite", "abdication", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "petrograd:8  * Nicholas II abdicated at Pskov on 2 March 1917.\n"
    result = run_cards("cite", "womens-day", cwd=tmp_path)
    assert result.stdout.startswith("petrograd:4-5  * On 23 February 1917 women textile workers went on strike / on")


def test_cite_says_when_nothing_supports_a_card(tmp_path):
    write_project(tmp_path, DECK.replace("event: Nicholas II abdicates at Pskov", "event: The Tsar escapes by submarine"))
    result = run_cards("cite", "abdication", cwd=tmp_path)
    assert result.returncode == 1 and "supports card 'abdication'" in result.stderr
    assert run_cards("cite", "no-such-card", cwd=tmp_path).returncode == 1
