"""A student who re-imports a corrected deck keeps their reviews: notes update, nothing duplicates."""

from __future__ import annotations

import os

from conftest import AnkiCollection

APKG = "build/russia-1917.apkg"
DECK_FILE = "decks/russia.yaml"


def _build(project, cards):
    result = cards("build", cwd=project)
    assert result.returncode == 0, result.stderr


def _edit(project, old, new):
    path = project / DECK_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _review_first_card(anki: AnkiCollection):
    col = anki.col
    col.decks.select(col.decks.id_for_name("History::Russia::1917"))
    card = col.sched.getCard()
    col.sched.answerCard(card, 3)  # "Good"
    card.load()
    return card


def test_edited_card_updates_in_place_and_keeps_its_review_history(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    reviewed = _review_first_card(anki)
    notes_before = anki.col.note_count()
    revlog_before = anki.col.db.scalar("select count() from revlog where cid = ?", reviewed.id)
    assert revlog_before == 1

    # Fix a "typo" in the reviewed card's note, then rebuild and re-import.
    note = reviewed.note()
    old_text = note.fields[0]
    _edit(small_deck, f"{old_text}", f"{old_text} (corrected)")
    _build(small_deck, cards)
    log = anki.import_package(small_deck / APKG)

    assert len(log.new) == 0
    assert len(log.updated) == 1
    assert anki.col.note_count() == notes_before
    note.load()
    assert note.fields[0] == f"{old_text} (corrected)"
    after = anki.col.get_card(reviewed.id)
    assert after.type == reviewed.type and after.due == reviewed.due and after.ivl == reviewed.ivl
    assert anki.col.db.scalar("select count() from revlog where cid = ?", reviewed.id) == revlog_before


def test_unchanged_rebuild_reimports_as_duplicates_of_nothing(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    _build(small_deck, cards)
    log = anki.import_package(small_deck / APKG)
    assert len(log.new) == 0 and len(log.updated) == 0
    assert len(log.duplicate) == 4
    assert anki.col.note_count() == 4


def test_edit_made_within_the_same_second_still_updates(small_deck, cards, anki):
    """Modification times move forward even when the clock has not."""
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    deck = small_deck / DECK_FILE
    stat = deck.stat()
    _edit(small_deck, "The Winter Palace is stormed", "The Winter Palace is taken")
    os.utime(deck, (stat.st_atime, stat.st_mtime))  # same file time as the first build saw
    _build(small_deck, cards)
    log = anki.import_package(small_deck / APKG)
    assert len(log.updated) == 1
    assert any("The Winter Palace is taken" in c.question for c in anki.cards())


def test_changed_template_updates_the_note_type(small_deck, cards, anki):
    from cards.templating import default_templates_dir

    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    original = (default_templates_dir() / "anki" / "date.html.j2").read_text(encoding="utf-8")
    (small_deck / "templates" / "anki").mkdir(parents=True)
    (small_deck / "templates" / "anki" / "date.html.j2").write_text(original.replace("When?", "In which year and month?"))
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    assert anki.col.note_count() == 4
    assert any("In which year and month?" in c.question for c in anki.cards())


def test_renamed_card_text_keeps_the_same_guid(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    guids = {c.note_guid for c in anki.cards()}
    _edit(small_deck, "Chaired the Petrograd Soviet", "Was chairman of the Petrograd Soviet")
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    assert {c.note_guid for c in anki.cards()} == guids


def test_a_template_fix_reaches_students_through_any_deck(tmp_path, cards, anki):
    """Note types are shared by every deck: re-importing a deck whose files are old must
    still bring a changed template, or students keep the old look."""
    import time

    from cards.templating import default_templates_dir
    from conftest import DECK, NOTES, write

    write(tmp_path / "decks" / "sources" / "notes.txt", NOTES)
    write(tmp_path / "decks" / "new.yaml", DECK.replace("id: russia-1917", "id: new-deck").replace("::1917", "::New"))
    write(tmp_path / "decks" / "old.yaml", DECK.replace("id: russia-1917", "id: old-deck").replace("::1917", "::Old"))
    year_ago = time.time() - 365 * 86400
    for name in ("old.yaml", "sources/notes.txt"):
        os.utime(tmp_path / "decks" / name, (year_ago, year_ago))
    assert cards("build", cwd=tmp_path).returncode == 0
    anki.import_package(tmp_path / "build" / "new-deck.apkg")

    original = (default_templates_dir() / "anki" / "date.html.j2").read_text(encoding="utf-8")
    write(tmp_path / "templates" / "anki" / "date.html.j2", original.replace("When?", "In which month and year?"))
    assert cards("build", cwd=tmp_path).returncode == 0
    anki.import_package(tmp_path / "build" / "old-deck.apkg")  # only the deck with old files
    questions = [c.question for c in anki.cards('"deck:History::Russia::New"')]
    assert any("In which month and year?" in q for q in questions)
