"""Times a build cannot use: a SOURCE_DATE_EPOCH out of range or not a whole number is a usage
error with a plain message; a damaged lock file is an error at its line; a damaged stamps file
of an earlier build folder or a damaged cache record is set aside and
the build goes on."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from conftest import cards_env

STAMPS = "build/.cards/stamps/russia-1917.json"
NOTETYPE_STAMPS = "build/.cards/stamps/_notetypes.json"
SUMMARY = "decks/russia.yaml: 4 cards, 4 notes"


def _note_times(project) -> list[int]:
    with zipfile.ZipFile(project / "build" / "russia-1917.apkg") as archive:
        data = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        return sorted(row[0] for row in conn.execute("select mod from notes"))
    finally:
        conn.close()


@pytest.mark.parametrize("value", [
    "99999999999999999999", "253402300800", "-1", "-1700000000", "abc", "1.7e9", "1700000000.5", "0x10",
    pytest.param("1" * 5000, id="5000-digits"),
])
def test_a_source_date_epoch_cards_cannot_use_is_a_usage_error(small_deck, cards, value):
    _assert_usage_error(cards("build", cwd=small_deck, env=cards_env(SOURCE_DATE_EPOCH=value)), small_deck, value)


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc"])
def test_a_source_date_epoch_cards_cannot_use_is_a_usage_error_without_a_pdf_too(small_deck, cards, value):
    result = cards("build", "--no-pdf", cwd=small_deck, env=cards_env(SOURCE_DATE_EPOCH=value))
    _assert_usage_error(result, small_deck, value)


def _assert_usage_error(result, small_deck, value):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    shown = value if len(value) <= 40 else repr(value[:40]) + "..."
    assert f"SOURCE_DATE_EPOCH={shown}: not a time cards can use; give seconds since 1970, " \
           "e.g. $(git log -1 --format=%ct)" in result.stderr, result.stderr
    assert not (small_deck / "build").exists()


@pytest.mark.parametrize("value, expected", [("0", 0), ("253402300799", 253402300799), (" 1700000000\n", 1700000000)])
def test_a_source_date_epoch_from_1970_to_the_year_9999_dates_the_notes(small_deck, cards, value, expected):
    result = cards("build", cwd=small_deck, env=cards_env(SOURCE_DATE_EPOCH=value))
    assert result.returncode == 0, result.stderr
    assert _note_times(small_deck) == [expected] * 4


@pytest.mark.parametrize("bad", ["99999999999999999999", "-5", "nan", "17e8", "soon"])
def test_a_lock_file_time_out_of_range_or_unreadable_is_an_error_at_its_line(small_deck, cards, bad):
    """The lock file is committed: a damaged one is restored from version control, not
    guessed at (new times would overwrite students' own edits)."""
    env = cards_env(SOURCE_DATE_EPOCH="1700000000")
    assert cards("build", "--no-pdf", cwd=small_deck, env=env).returncode == 0
    lock = small_deck / "decks" / "russia.lock"
    lines = lock.read_text().split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("card "))
    lines[number] = " ".join(lines[number].split()[:-1] + [bad])
    lock.write_text("\n".join(lines))
    before = (small_deck / "build" / "russia-1917.apkg").read_bytes()
    result = cards("build", "--no-pdf", "--force", cwd=small_deck, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"decks/russia.lock:{number + 1}:1: cannot read this line of the lock file" in result.stderr
    assert "restore the file from version control" in result.stderr
    assert (small_deck / "build" / "russia-1917.apkg").read_bytes() == before


def test_damaged_stamps_of_an_earlier_build_folder_are_ignored(small_deck, cards):
    """Before lock files, note times were kept in build/.cards/stamps; a first build with a lock
    file reads them, and sets aside what it cannot use."""
    env = cards_env(SOURCE_DATE_EPOCH="1700000000")
    stamps = small_deck / "build" / ".cards" / "stamps"
    stamps.mkdir(parents=True)
    (stamps / "russia-1917.json").write_text("[[" * 100000)
    (stamps / "_notetypes.json").write_text('{"notetype:1": ["x", 99999999999999999999], "y": 5}')
    result = cards("build", cwd=small_deck, env=env)
    assert result.returncode == 0, result.stderr
    assert _note_times(small_deck) == [1700000000] * 4


@pytest.mark.parametrize("edit", [
    lambda r: r["summary"].update(seconds=float("inf")),
    lambda r: r["summary"].pop("files"),
    lambda r: r["summary"].update(deck_id=5),
    lambda r: r["summary"].update(extra=1),
    lambda r: r.update(warnings=[{"path": "p", "line": 1, "column": 1, "message": "m", "severity": "bogus",
                                  "code": None, "name": None, "card": None}]),
], ids=["seconds-infinite", "no-files", "deck-id-number", "unknown-key", "warning-severity"])
def test_a_damaged_cache_record_rebuilds_the_deck(small_deck, cards, edit):
    assert cards("build", "--no-pdf", cwd=small_deck).returncode == 0
    [record_file] = (small_deck / "build" / ".cards" / "cache").glob("*.json")
    record = json.loads(record_file.read_text())
    edit(record)
    record_file.write_text(json.dumps(record))
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert SUMMARY in result.stdout and "unchanged" not in result.stdout
    assert cards("build", "--no-pdf", cwd=small_deck).stdout.count("unchanged") == 1  # the record is whole again
