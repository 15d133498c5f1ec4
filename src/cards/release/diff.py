"""Comparing two packages of a deck, and checking with Anki that the newer updates the older
(the library behind ``cards diff OLD.apkg NEW.apkg``). Two steps:

1. **Compare** the two packages note by note (by GUID): added, updated (content
   changed), retired (newly tagged ``cards::retired``), unchanged, and notes of
   OLD that NEW no longer has at all (which would stay in students' collections
   forever, unannounced). A note type whose id NEW keeps but whose fields it
   changed is a conflict: Anki refuses to update notes of it.
2. **Check with Anki itself** (the official ``anki`` package, an optional
   dependency: ``pip install 'cards[anki]'``): a scratch collection imports OLD,
   reviews every card once and edits one unchanged note as a student would; then
   imports NEW with Anki's default options. NEW updates OLD cleanly when Anki
   reports no conflicting note, no missing note type, exactly the changed notes
   updated and the new ones added, the note count is what it should be, every
   review is still there, and the student's edit is kept.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import CardsError
from cards.release.plan import RETIRED_TAG, Changes


class DiffError(CardsError):
    """A package cannot be read, or the anki package is missing."""


@dataclass(frozen=True)
class PackagedNote:
    guid: str
    notetype: int
    mod: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Package:
    notes: dict[str, PackagedNote]
    notetypes: dict[int, tuple[str, tuple[str, ...]]]  # id -> (name, field names)


def read_package(path: Path) -> Package:
    """The notes and note types of an ``.apkg`` that ``cards`` (or genanki) wrote."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "collection.anki2" not in names:
                raise DiffError(f"{path}: not a package cards can read (no collection.anki2 inside)")
            data = archive.read("collection.anki2")
    except (OSError, zipfile.BadZipFile) as exc:
        raise DiffError(f"{path}: cannot read the package: {exc}") from None
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        models = json.loads(conn.execute("select models from col").fetchone()[0])
        notetypes = {int(mid): (m["name"], tuple(f["name"] for f in m["flds"])) for mid, m in models.items()}
        notes = {
            guid: PackagedNote(guid, mid, mod, tuple(flds.split("\x1f")), tuple(tags.split()))
            for guid, mid, mod, flds, tags in conn.execute("select guid, mid, mod, flds, tags from notes")
        }
    except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        raise DiffError(f"{path}: cannot read the package's collection: {exc}") from None
    finally:
        conn.close()
    return Package(notes, notetypes)


@dataclass
class Comparison(Changes):
    """What changed between two packages (by note GUID), and what would go wrong."""

    dropped: list[str] = field(default_factory=list)  # in OLD, not in NEW at all
    not_newer: list[str] = field(default_factory=list)  # changed, but not newer: Anki keeps the old text
    conflicts: list[str] = field(default_factory=list)  # messages


def compare(old: Package, new: Package) -> Comparison:
    result = Comparison()
    for mid, (name, fields) in new.notetypes.items():
        if mid in old.notetypes and old.notetypes[mid][1] != fields:
            result.conflicts.append(f"note type {name!r} changed its fields from {list(old.notetypes[mid][1])} to "
                                    f"{list(fields)}: Anki will not update its notes")
    for guid, note in sorted(new.notes.items()):
        before = old.notes.get(guid)
        if before is None:
            result.added.append(guid)
        elif (before.fields, before.tags, before.notetype) == (note.fields, note.tags, note.notetype):
            result.unchanged.append(guid)
        elif before.notetype != note.notetype:
            result.conflicts.append(f"note {_label(note)} changed its note type: Anki will not update it")
        else:
            (result.retired if RETIRED_TAG in note.tags and RETIRED_TAG not in before.tags else result.updated).append(guid)
            if note.mod <= before.mod:
                result.not_newer.append(guid)
    result.dropped = sorted(set(old.notes) - set(new.notes))
    return result


def _label(note: PackagedNote) -> str:
    return repr(note.fields[-1]) if note.fields else repr(note.guid)  # the card id, our last field


@dataclass
class AnkiCheck:
    problems: list[str]
    log: dict[str, int]


def check_with_anki(old_path: Path, new_path: Path, comparison: Comparison, new: Package) -> AnkiCheck:
    """Import OLD into a scratch collection, review it, edit one note, import NEW; what went wrong."""
    try:
        from anki.collection import Collection, ImportAnkiPackageRequest
        from anki.import_export_pb2 import ImportAnkiPackageOptions
    except ImportError:
        raise DiffError("checking the update needs the official anki package: pip install 'cards[anki]' "
                        "(or pass --no-anki to compare the packages only)") from None
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cards-diff-") as folder:
        col = Collection(str(Path(folder) / "collection.anki2"))
        try:
            def load(path: Path):
                request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
                return col.import_anki_package(request).log

            load(old_path)
            reviewed = _review_everything(col)
            revlog = col.db.scalar("select count() from revlog")
            edited = _edit_one(col, comparison.unchanged)
            notes_before = col.note_count()
            log = load(new_path)
            counts = {name: len(getattr(log, name)) for name in
                      ("new", "updated", "duplicate", "conflicting", "missing_notetype", "missing_deck")}
            if counts["conflicting"] or counts["missing_notetype"] or counts["missing_deck"]:
                problems.append(f"Anki could not import {counts['conflicting'] + counts['missing_notetype']} note(s) "
                                "over the old ones (conflicting or missing note type)")
            changed = len(comparison.updated) + len(comparison.retired) - len(comparison.not_newer)
            if counts["updated"] != changed:
                problems.append(f"Anki updated {counts['updated']} note(s) where {changed} changed")
            if counts["new"] != len(comparison.added):
                problems.append(f"Anki added {counts['new']} note(s) where {len(comparison.added)} are new")
            if col.note_count() != notes_before + len(comparison.added):
                problems.append(f"the collection has {col.note_count()} notes after the update, "
                                f"not {notes_before + len(comparison.added)}: notes were duplicated")
            if col.db.scalar("select count() from revlog") != revlog:
                problems.append("review history was lost")
            lost = [cid for cid, (due, ivl) in reviewed.items()
                    if col.db.first("select due, ivl from cards where id = ?", cid) != [due, ivl]]
            if lost:
                problems.append(f"{len(lost)} reviewed card(s) lost their schedule")
            if edited is not None:
                note_id, text = edited
                if col.get_note(note_id).fields[0] != text:
                    problems.append("a student's own edit of an unchanged note was overwritten")
        finally:
            col.close()
    return AnkiCheck(problems, counts)


def _review_everything(col) -> dict[int, tuple[int, int]]:
    """Answer every card once ("Good"), as a student who has studied the deck; card id -> (due, ivl)."""
    for did in [d.id for d in col.decks.all_names_and_ids()]:
        config = col.decks.config_dict_for_deck_id(did)
        config["new"]["perDay"] = 100_000
        config["rev"]["perDay"] = 100_000
        col.decks.update_config(config)
    for did in [d.id for d in col.decks.all_names_and_ids()]:
        col.decks.select(did)
        while (card := col.sched.getCard()) is not None:
            col.sched.answerCard(card, 3)
    return {cid: (due, ivl) for cid, due, ivl in col.db.execute("select id, due, ivl from cards")}


def _edit_one(col, unchanged: list[str]):
    """Edit the first field of one unchanged note as a student would; (note id, new text)."""
    for guid in unchanged:
        note_id = col.db.scalar("select id from notes where guid = ?", guid)
        if note_id:
            note = col.get_note(note_id)
            note.fields[0] = note.fields[0] + " (my note)"
            col.update_note(note)
            return note_id, note.fields[0]
    return None
