"""Export an :class:`~cards.render.anki.AnkiDeck` as ``.apkg`` bytes.

genanki writes the collection; we pass it per-note and per-note-type
modification times (see :mod:`cards.stamps`) and zip the result ourselves
with fixed entry dates and order, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import zipfile

import genanki

from cards.render.anki import AnkiDeck
from cards.stamps import Stamps, content_hash

#: Zip entry date of every file in the package (the earliest a zip can hold).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class _StampedModel(genanki.Model):
    def __init__(self, mod: int, **kwargs):
        super().__init__(**kwargs)
        self.mod = mod

    def to_json(self, timestamp, deck_id):
        return super().to_json(self.mod, deck_id)


class _StampedNote(genanki.Note):
    def __init__(self, mod: int, **kwargs):
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        return super().write_to_db(cursor, self.mod, deck_id, id_gen)


def apkg_bytes(deck: AnkiDeck, stamps: Stamps, base: int, notetype_times: dict[int, int]) -> bytes:
    """The package for ``deck``; updates ``stamps`` with the note times it used.

    ``notetype_times`` are shared by every deck of a build (see
    :func:`cards.stamps.notetype_times`): a note type is one object in a
    student's collection, whichever deck brought it.
    """
    models = {}
    for nt in deck.note_types:
        models[nt.id] = _StampedModel(
            notetype_times[nt.id],
            model_id=nt.id,
            name=nt.name,
            fields=[{"name": name} for name in nt.fields],
            templates=[{"name": name, "qfmt": q, "afmt": a} for name, q, a in nt.templates],
            css=nt.css,
        )
    anki_deck = genanki.Deck(deck.id, deck.name, deck.description)
    for note in deck.notes:
        digest = content_hash(note.fields, note.tags, note.note_type)
        anki_deck.add_note(
            _StampedNote(
                stamps.stamp(f"note:{note.guid}", digest, base),
                model=models[note.note_type],
                fields=list(note.fields),
                tags=list(note.tags),
                guid=note.guid,
            )
        )
    for model in models.values():
        anki_deck.add_model(model)
    newest = max([*(s[1] for s in stamps.entries.values()), *notetype_times.values()], default=base)
    return _package(anki_deck, newest)


def _package(anki_deck: genanki.Deck, timestamp: int) -> bytes:
    # In memory, then serialized: nothing is left behind if the build is killed.
    conn = sqlite3.connect(":memory:")
    try:
        genanki.Package(anki_deck).write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", json.dumps({}).encode())):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
