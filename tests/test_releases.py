"""Releases never hurt a student's collection: the deck's lock file, committed beside it,
carries what every later build needs, on any machine, from a fresh clone too. Checked by
importing into a real Anki collection, as a student does."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import DECK, NOTES, AnkiCollection, write

APKG = "build/russia-1917.apkg"
DECK_FILE = "decks/russia.yaml"
LOCK_FILE = "decks/russia.lock"
DAY = 86400


def _build(project, cards, *args):
    result = cards("build", "--no-pdf", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def _edit(project, old, new):
    path = project / DECK_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _clone(project: Path, to: Path, days_later: int) -> Path:
    """What a fresh clone on another machine sees: the committed files (decks and their
    lock files), no build/ folder, every file dated the day of the checkout."""
    shutil.copytree(project / "decks", to / "decks")
    when = time.time() + days_later * DAY
    for path in (to / "decks").rglob("*"):
        os.utime(path, (when, when))
    return to


def _review_all(col):
    did = col.decks.id_for_name("History::Russia::1917")
    col.decks.select(did)
    while (card := col.sched.getCard()) is not None:
        col.sched.answerCard(card, 3)


def test_the_build_writes_a_lock_file_beside_the_deck(small_deck, cards):
    _build(small_deck, cards)
    lock = (small_deck / LOCK_FILE).read_text(encoding="utf-8")
    assert lock.startswith("# cards lock file for russia.yaml")
    entries = [line for line in lock.splitlines()[1:] if line]
    assert [e.split()[0] for e in entries].count("card") == 4
    # one entry a line, a blank line between entries: two branches changing different cards merge cleanly
    assert "\n\n".join(entries) + "\n" == lock.split("\n", 1)[1]


def test_two_fresh_clones_built_on_different_days_give_identical_packages(small_deck, cards, anki, tmp_path):
    _build(small_deck, cards)
    first = _clone(small_deck, tmp_path / "laptop", days_later=3)
    second = _clone(small_deck, tmp_path / "ci", days_later=40)
    _build(first, cards)
    _build(second, cards)
    assert (first / APKG).read_bytes() == (second / APKG).read_bytes() == (small_deck / APKG).read_bytes()

    anki.import_package(first / APKG)
    note = anki.col.get_note(anki.col.find_notes("")[0])
    note.fields[0] += " (my own note)"
    anki.col.update_note(note)
    log = anki.import_package(second / APKG)
    assert len(log.updated) == 0 and len(log.new) == 0
    assert anki.col.get_note(note.id).fields[0].endswith("(my own note)")


def test_build_cache_can_be_deleted_without_changing_any_output(small_deck, cards):
    _build(small_deck, cards)
    before = (small_deck / APKG).read_bytes()
    shutil.rmtree(small_deck / "build" / ".cards")
    os.utime(small_deck / DECK_FILE, (time.time() + DAY, time.time() + DAY))
    _build(small_deck, cards, "--force")
    assert (small_deck / APKG).read_bytes() == before


def test_editing_one_card_updates_exactly_one_note_and_keeps_its_reviews(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    _review_all(anki.col)
    revlog = anki.col.db.scalar("select count() from revlog")
    _edit(small_deck, "Chaired the Petrograd Soviet", "Was chairman of the Petrograd Soviet")
    result = _build(small_deck, cards)
    assert "0 added, 1 updated, 0 retired, 3 the same" in result.stdout
    log = anki.import_package(small_deck / APKG)
    assert len(log.updated) == 1 and len(log.new) == 0
    assert anki.col.note_count() == 4
    assert anki.col.db.scalar("select count() from revlog") == revlog


def test_a_kind_changed_under_a_kept_id_is_refused_at_its_line(small_deck, cards):
    _build(small_deck, cards)
    before = (small_deck / APKG).read_bytes()
    lock_before = (small_deck / LOCK_FILE).read_bytes()
    _edit(small_deck, "  - id: mrc\n    kind: term\n    term: Military Revolutionary Committee\n    aliases: [MRC]\n"
          "    definition: The Soviet body that organised the rising\n",
          "  - id: mrc\n    kind: person\n    name: Military Revolutionary Committee\n    aliases: [MRC]\n"
          "    role: The Soviet body that organised the rising\n")
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = DECK.splitlines().index("  - id: mrc") + 2
    assert f"decks/russia.yaml:{line}:" in result.stderr
    assert "was a term card in the last release" in result.stderr and "give this card a new id" in result.stderr
    assert (small_deck / APKG).read_bytes() == before and (small_deck / LOCK_FILE).read_bytes() == lock_before


def test_a_deleted_card_is_retired_for_students_and_its_id_cannot_come_back(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    _review_all(anki.col)
    quote = DECK[DECK.index("  - id: dustbin"):]
    _edit(small_deck, quote, "")
    result = _build(small_deck, cards)
    assert "1 retired" in result.stdout and "dustbin" in result.stdout
    log = anki.import_package(small_deck / APKG)
    assert len(log.updated) == 1 and anki.col.note_count() == 4
    (retired,) = anki.col.find_notes("tag:cards::retired")
    note = anki.col.get_note(retired)
    assert "Withdrawn" in note.fields[0] and "tag:cards::retired" in note.fields[0]
    assert anki.col.db.scalar("select count() from revlog where cid in (select id from cards where nid = ?)",
                              retired) >= 1  # its history stays until the student deletes it

    # The student who had it keeps it where it was; a new student finds it apart, in a
    # subdeck of withdrawn cards to delete.
    assert {anki.col.decks.name(c.did) for c in note.cards()} == {"History::Russia::1917"}
    fresh = AnkiCollection(small_deck / "fresh-student")
    try:
        fresh.import_package(small_deck / APKG)
        (nid,) = fresh.col.find_notes("tag:cards::retired")
        assert {fresh.col.decks.name(c.did) for c in fresh.col.get_note(nid).cards()} == \
            {"History::Russia::1917::Withdrawn"}
    finally:
        fresh.close()

    _edit(small_deck, "  - id: mrc\n", "  - id: dustbin\n")
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 1 and "card id 'dustbin' was retired" in result.stderr


def test_renaming_the_deck_warns_what_students_will_see(small_deck, cards, anki):
    _build(small_deck, cards)
    _edit(small_deck, 'deck: "History::Russia::1917"', 'deck: "History::Russia::Revolution"')
    result = _build(small_deck, cards)
    assert "warning:" in result.stderr and "renamed from 'History::Russia::1917'" in result.stderr
    assert "existing cards stay in" in result.stderr


def test_renamed_deck_really_leaves_existing_cards_where_they_were(small_deck, cards, anki):
    """What the warning says, seen in Anki."""
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    _edit(small_deck, 'deck: "History::Russia::1917"', 'deck: "History::Russia::Revolution"')
    _edit(small_deck, "Chaired the Petrograd Soviet", "Was chairman of the Petrograd Soviet")
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    assert {c.deck for c in anki.cards()} == {"History::Russia::1917"}


def test_words_with_apostrophes_and_tags_are_found_by_anki_search(small_deck, cards, anki):
    _edit(small_deck, "The Winter Palace is stormed", "The tsar's Winter Palace is stormed")
    write(small_deck / "decks" / "sources" / "notes.txt",
          NOTES.replace("the Winter Palace was stormed", "the tsar's Winter Palace was stormed"))
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    assert len(anki.col.find_notes("tsar's")) == 1
    assert len(anki.col.find_notes('"tsar\'s winter"')) == 1
    assert len(anki.col.find_notes("tag:events")) == 1


def test_merging_two_branches_lock_files_line_by_line_keeps_the_later_time(tmp_path):
    from cards.release.lockfile import parse_lock

    ours = "# x\ndeck d D\n\ncard a term h1 100\n\ncard b term h2 100\n"
    theirs = "# x\ndeck d D\n\ncard a term h1 100\n\ncard b term h3 200\n"
    union = ours + theirs  # what a union merge, or keeping both sides of a conflict, gives
    lock, problems = parse_lock(union, "decks/x.lock")
    assert not problems
    assert lock.cards["b"].time == 200 and lock.cards["b"].digest == "merged"
    assert lock.cards["a"].digest == "h1"


def test_two_branches_editing_different_cards_merge_without_conflict(small_deck, cards, tmp_path):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}

    def run(*args):
        subprocess.run([git, *args], cwd=small_deck, env=env, check=True, capture_output=True)

    _build(small_deck, cards)
    run("init", "-q", "-b", "main")
    run("add", "decks")
    run("commit", "-qm", "release 1")
    run("checkout", "-qb", "other")
    _edit(small_deck, "Chaired the Petrograd Soviet", "Was chairman of the Petrograd Soviet")
    _build(small_deck, cards)
    run("commit", "-qam", "fix trotsky")
    run("checkout", "-q", "main")
    _edit(small_deck, "The Soviet body that organised the rising", "The Soviet body that organized the rising")
    _build(small_deck, cards)
    run("commit", "-qam", "fix mrc")
    merged = subprocess.run([git, "merge", "-q", "other", "-m", "merge"], cwd=small_deck, env=env,
                            capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr


def test_stamps_of_an_earlier_build_folder_become_the_lock_file(small_deck, cards):
    """A project built before lock files existed kept its note times in build/.cards/stamps;
    the first build with a lock file takes them from there, so students see no update."""
    import json

    from cards.kinds import KINDS
    from cards.release.lockfile import parse_lock
    from cards.render.anki import note_guid, note_type_id

    _build(small_deck, cards)
    before = (small_deck / APKG).read_bytes()
    lock, _ = parse_lock((small_deck / LOCK_FILE).read_text(encoding="utf-8"), LOCK_FILE)
    stamps = small_deck / "build" / ".cards" / "stamps"  # what an earlier cards kept
    stamps.mkdir(parents=True, exist_ok=True)
    (stamps / "russia-1917.json").write_text(json.dumps(
        {f"note:{note_guid('russia-1917', cid)}": [e.digest, e.time] for cid, e in lock.cards.items()}))
    (stamps / "_notetypes.json").write_text(json.dumps(
        {f"notetype:{note_type_id(kind)}": [e.digest, e.time] for kind, e in lock.notetypes.items()}))
    (small_deck / LOCK_FILE).unlink()
    later = time.time() + 30 * DAY
    os.utime(small_deck / DECK_FILE, (later, later))  # the files moved on since
    _build(small_deck, cards, "--force")
    assert (small_deck / LOCK_FILE).is_file()
    assert (small_deck / APKG).read_bytes() == before
    assert set(KINDS) >= set(lock.notetypes)


def test_cards_diff_says_a_clean_update_is_clean(small_deck, cards, tmp_path):
    _build(small_deck, cards)
    shutil.copy(small_deck / APKG, tmp_path / "old.apkg")
    _edit(small_deck, "Chaired the Petrograd Soviet", "Was chairman of the Petrograd Soviet")
    _build(small_deck, cards)
    result = cards("diff", str(tmp_path / "old.apkg"), APKG, "--list", cwd=small_deck)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 added, 1 updated, 0 retired, 3 the same" in result.stdout and "updated: trotsky" in result.stdout
    assert "NEW updates OLD cleanly" in result.stdout


def test_cards_diff_catches_a_package_that_would_conflict(small_deck, cards, tmp_path):
    """A package whose note type changed its fields (here: built by a hand-edited copy of cards
    that renamed a field) would leave every student's notes of that type stale."""
    import sqlite3
    import zipfile
    import json

    _build(small_deck, cards)
    old = small_deck / APKG
    shutil.copy(old, tmp_path / "old.apkg")
    with zipfile.ZipFile(old) as archive:
        collection = archive.read("collection.anki2")
    db = tmp_path / "c.anki2"
    db.write_bytes(collection)
    conn = sqlite3.connect(db)
    models = json.loads(conn.execute("select models from col").fetchone()[0])
    for model in models.values():
        if model["name"] == "cards: Person":
            model["flds"][1]["name"] = "Job"
    conn.execute("update col set models = ?", (json.dumps(models),))
    conn.execute("update notes set mod = mod + 10")
    conn.commit()
    conn.close()
    with zipfile.ZipFile(tmp_path / "new.apkg", "w") as archive:
        archive.writestr("collection.anki2", db.read_bytes())
        archive.writestr("media", "{}")
    result = cards("diff", str(tmp_path / "old.apkg"), str(tmp_path / "new.apkg"), cwd=small_deck)
    assert result.returncode == 1
    assert "changed its fields" in result.stderr and "does not update OLD cleanly" in result.stderr


def test_cards_diff_catches_a_package_built_without_the_lock_file(small_deck, cards, tmp_path):
    """Without the lock file (deleted, not committed), a deleted card just disappears from the
    package: it would stay in students' collections unannounced."""
    _build(small_deck, cards)
    shutil.copy(small_deck / APKG, tmp_path / "old.apkg")
    (small_deck / LOCK_FILE).unlink()
    shutil.rmtree(small_deck / "build" / ".cards")
    _edit(small_deck, DECK[DECK.index("  - id: dustbin"):], "")
    _build(small_deck, cards)
    result = cards("diff", str(tmp_path / "old.apkg"), APKG, "--no-anki", cwd=small_deck)
    assert result.returncode == 1 and "not in NEW at all" in result.stderr
