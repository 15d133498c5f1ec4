"""Hostile or careless deck files: markup in tags, deck files that are not plain files,
ids that look different but reach Anki as one, and line breaks editors do not count.

Each test here failed before the fix it pins.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DECK, NOTES, cards_env, write

SECRET = "TOP-SECRET-CONTENTS-do-not-print"


def _failed_cleanly(result, *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert SECRET not in result.stdout + result.stderr


# --- 1. tags reach Anki unescaped, so markup in them is refused --------------------------------


@pytest.mark.parametrize(
    "tag",
    ["<img/src=x/onerror=alert(1)>", "[sound:x.mp3]", "\\(x^2\\)", "$$x$$", "a&amp;b", "{{Front}}"],
    ids=["html", "sound", "mathjax", "mathjax-dollars", "entity", "template"],
)
def test_a_tag_anki_would_read_as_markup_is_refused_at_its_line(small_deck, cards, tag):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(DECK.replace("tags: [events]", f"tags: ['{tag}']"), encoding="utf-8")
    line = DECK.splitlines().index("    tags: [events]") + 1
    result = cards("build", cwd=small_deck)
    _failed_cleanly(result, f"decks/russia.yaml:{line}:", "a tag may hold letters, digits and")
    assert not (small_deck / "build").exists()


def test_tags_in_other_alphabets_and_hierarchies_are_kept(small_deck, cards, anki):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(DECK.replace("tags: [events]", "tags: [события, 'history::russia', tsar's]"), encoding="utf-8")
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    anki.import_package(small_deck / "build" / "russia-1917.apkg")
    tags = set(anki.cards("card:1")[0].tags) | {t for c in anki.cards() for t in c.tags}
    assert {"события", "history::russia", "tsar's"} <= tags


# --- 3. deck files are confined like sources ---------------------------------------------------


def test_a_deck_file_linking_outside_its_folder_is_refused_without_printing_it(tmp_path, cards):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "project" / "decks").mkdir(parents=True)
    (tmp_path / "project" / "decks" / "x.yaml").symlink_to(secret)
    for command in (("build",), ("lint",), ("lint", "--format", "github"), ("lint", "--format", "json")):
        result = cards(*command, cwd=tmp_path / "project")
        assert result.returncode == 1, result
        assert SECRET not in result.stdout + result.stderr
        assert "link to a file outside its folder" in result.stdout + result.stderr


def test_a_deck_file_linking_inside_its_folder_still_builds(small_deck, cards):
    decks = small_deck / "decks"
    (decks / "russia.yaml").rename(decks / "real.yaml.txt")
    (decks / "russia.yaml").symlink_to("real.yaml.txt")
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 0, result.stderr


def test_a_deck_file_that_is_a_device_is_refused_not_read_forever(tmp_path, cards):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "decks" / "x.yaml").symlink_to("/dev/zero")
    result = cards("lint", "decks/x.yaml", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # /dev/zero is outside the folder; inside it, a device is still not a deck
    assert "outside its folder" in result.stdout + result.stderr


def test_a_fifo_named_like_a_deck_does_not_hang_lint(tmp_path, cards):
    (tmp_path / "decks").mkdir()
    os.mkfifo(tmp_path / "decks" / "x.yaml")
    result = cards("lint", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "is not a regular file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_source_that_is_a_fifo_does_not_hang_the_build(small_deck, cards):
    notes = small_deck / "decks" / "sources" / "notes.txt"
    notes.unlink()
    os.mkfifo(notes)
    result = cards("build", "--no-pdf", cwd=small_deck, timeout=60)
    _failed_cleanly(result, "is not a regular file")


def test_reading_stops_at_the_size_limit_even_when_a_file_reports_no_size(tmp_path):
    from cards.load import TooLarge, read_regular_file

    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(TooLarge):
        read_regular_file(big, limit=1000)
    assert read_regular_file(big, limit=2000) == b"x" * 2000


# --- 4. ids are compared as they reach Anki; note identities are unambiguous ------------------


@pytest.mark.parametrize(
    "second_id",
    ['"winter-palace "', '" winter-palace"', ">\n      winter-palace", "|-\n      winter-palace\n"],
    ids=["trailing-space", "leading-space", "folded", "literal"],
)
def test_ids_that_differ_only_in_whitespace_are_duplicates(small_deck, cards, second_id):
    deck = small_deck / "decks" / "russia.yaml"
    extra = (
        f"  - id: {second_id}\n"
        "    kind: date\n    date: 25 October 1917\n    event: The Winter Palace is stormed\n    source: notes:5\n"
    )
    deck.write_text(DECK + extra, encoding="utf-8")
    result = cards("build", "--no-pdf", cwd=small_deck)
    _failed_cleanly(result, "duplicate card id 'winter-palace'")
    assert not (small_deck / "build").exists()


def test_a_duplicate_id_brought_in_by_a_merge_key_is_reported_at_the_merge(small_deck, cards):
    deck = small_deck / "decks" / "russia.yaml"
    text = DECK.replace("  - id: winter-palace\n", "  - &palace\n    id: winter-palace\n")
    text += "  - <<: *palace\n    tags: [again]\n"
    deck.write_text(text, encoding="utf-8")
    merge_line = text.splitlines().index("  - <<: *palace") + 1
    result = cards("build", "--no-pdf", cwd=small_deck)
    _failed_cleanly(result, f"decks/russia.yaml:{merge_line}:", "duplicate card id 'winter-palace'")


def test_deck_ids_cannot_hold_the_separator_of_note_identities(small_deck, cards):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(DECK.replace("id: russia-1917", "id: russia__1917"), encoding="utf-8")
    result = cards("build", "--no-pdf", cwd=small_deck)
    _failed_cleanly(result, "decks/russia.yaml:2:", "two underscores in a row")


def test_a_deck_file_name_that_is_no_valid_id_asks_for_an_id(small_deck, cards):
    decks = small_deck / "decks"
    text = DECK.replace("id: russia-1917\n", "")
    for name in ("russia__1917.yaml", "russia 1917.yaml", "russia\n.yaml"):
        for old in decks.glob("*.yaml"):
            old.unlink()
        (decks / name).write_text(text, encoding="utf-8")
        result = cards("build", "--no-pdf", cwd=small_deck)
        _failed_cleanly(result, "is not a valid deck id; add an 'id:' field")


def test_note_identities_of_two_decks_never_coincide():
    """Deck 'a' with card 'b__c' and deck 'a__b' with card 'c' used to share a GUID; deck ids
    can no longer hold '__', and since card ids start with a letter or digit, the joined
    name splits back one way only."""
    from cards.render.anki import note_guid
    from cards.validate import GUID_SEPARATOR, ID_PATTERN

    ids = ["a", "a_", "b", "b__c", "b_c", "c", "_c", "1", "a.b", "a-b"]
    deck_ids = [i for i in ids if ID_PATTERN.fullmatch(i) and GUID_SEPARATOR not in i]
    card_ids = [i for i in ids if ID_PATTERN.fullmatch(i)]
    guids = {}
    for deck_id in deck_ids:
        for card_id in card_ids:
            guid = note_guid(deck_id, card_id)
            assert guid not in guids, (deck_id, card_id, guids.get(guid))
            guids[guid] = (deck_id, card_id)


@pytest.mark.parametrize("keys", [("1", '"1"'), ("~", '"None"'), ("yes", '"True"')], ids=["number", "null", "boolean"])
def test_two_source_names_that_read_as_one_are_reported(small_deck, cards, keys):
    deck = small_deck / "decks" / "russia.yaml"
    first, second = keys
    text = DECK.replace("sources:\n", f"sources:\n  {first}: sources/notes.txt\n  {second}: sources/notes.txt\n", 1)
    deck.write_text(text, encoding="utf-8")
    result = cards("build", "--no-pdf", cwd=small_deck)
    if first in ("~", "yes"):
        _failed_cleanly(result, "decks/russia.yaml:6:", "is not a name")
    else:
        _failed_cleanly(result, "decks/russia.yaml:7:", "declared twice")


# --- 5. lines are counted as editors count them -----------------------------------------------


@pytest.mark.parametrize("separator", ["\f", "\v", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e"],
                         ids=["FF", "VT", "NEL", "LS", "PS", "FS", "GS", "RS"])
def test_unusual_line_separators_in_a_source_do_not_shift_citations(small_deck, cards, separator):
    notes = small_deck / "decks" / "sources" / "notes.txt"
    lines = NOTES.splitlines()
    lines[0] = lines[0].replace(": ", ":" + separator + " ")  # pasted from a web page
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cards("lint", cwd=small_deck)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_card_citing_the_wrong_line_is_caught_after_a_form_feed(small_deck, cards):
    notes = small_deck / "decks" / "sources" / "notes.txt"
    notes.write_text(NOTES.replace("Petrograd 1917: notes\n", "Petrograd 1917:\fnotes\n"), encoding="utf-8")
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(DECK.replace("source: notes:5", "source: notes:4"), encoding="utf-8")
    result = cards("lint", cwd=small_deck)
    assert result.returncode == 1
    assert "D10" in result.stdout


def test_cr_and_crlf_line_ends_count_as_editors_count_them(small_deck, cards):
    notes = small_deck / "decks" / "sources" / "notes.txt"
    lines = NOTES.splitlines()
    notes.write_bytes(("\r\n".join(lines[:2]) + "\r" + "\n".join(lines[2:]) + "\n").encode())
    assert cards("lint", cwd=small_deck).returncode == 0


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_unusual_line_separators_in_a_deck_file_do_not_shift_its_line_numbers(small_deck, cards, separator):
    deck = small_deck / "decks" / "russia.yaml"
    text = DECK.replace("description", "x").replace(
        'deck: "History::Russia::1917"', f'deck: "History::Russia::1917"\ndescription: a{separator}b'
    )
    text = text.replace("date: 25 October 1917", "date: 26 October 1917")  # a lint error to locate
    deck.write_text(text, encoding="utf-8")
    line = text.split("\n").index("    date: 26 October 1917") + 1
    result = cards("lint", cwd=small_deck)
    assert result.returncode == 1
    assert f"decks/russia.yaml:{line}:" in result.stdout, result.stdout
