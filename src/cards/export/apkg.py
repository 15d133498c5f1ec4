"""Export an :class:`~cards.render.anki.AnkiDeck` as ``.apkg`` bytes.

genanki writes the collection; we pass it per-note and per-note-type
modification times (see :mod:`cards.release`) and zip the result ourselves
with fixed entry dates and order, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import zipfile

import genanki

from cards.render.anki import ID_NAMESPACE, AnkiDeck, stable_id

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


def apkg_bytes(deck: AnkiDeck, release) -> bytes:
    """The package for ``deck``, each note and note type with the time ``release`` gives it
    (a :class:`cards.release.plan.Release`: kept from the deck's lock file where nothing
    changed, later where something did; see :mod:`cards.release`)."""
    from cards.render.anki import note_type_id

    type_times = {note_type_id(kind): time for kind, time in release.notetype_times.items()}
    note_times = {**release.note_times, **{cid: entry.time for cid, entry in release.withdrawn.items()}}
    models = {}
    for nt in deck.note_types:
        models[nt.id] = _StampedModel(
            type_times[nt.id],
            model_id=nt.id,
            name=nt.name,
            fields=[{"name": name} for name in nt.fields],
            templates=[{"name": name, "qfmt": q, "afmt": a} for name, q, a in nt.templates],
            css=nt.css,
            model_type=genanki.Model.CLOZE if nt.is_cloze else genanki.Model.FRONT_BACK,
        )
    anki_deck = genanki.Deck(deck.id, deck.name, deck.description)
    # Withdrawn cards (see cards.release.withdrawn) come in a subdeck of their own, where a
    # student who never had them finds them apart, suspended, and can delete them at once;
    # a student who had them keeps them where they were (Anki never moves a card on import).
    withdrawn = genanki.Deck(stable_id(f"{ID_NAMESPACE}/deck/{deck.id}/withdrawn"), f"{deck.name}::{WITHDRAWN_DECK}",
                             "Cards withdrawn from the deck: delete them.")
    for note in deck.notes:
        packed = _StampedNote(
            note_times[note.card_id],
            model=models[note.note_type],
            fields=list(note.fields),
            tags=list(note.tags),
            guid=note.guid,
        )
        if note.suspended:
            for card in packed.cards:
                card.suspend = True
            withdrawn.add_note(packed)
        else:
            anki_deck.add_note(packed)
    for model in models.values():
        anki_deck.add_model(model)
    decks = [anki_deck, withdrawn] if withdrawn.notes else [anki_deck]
    used = [note_times[note.card_id] for note in deck.notes] + [type_times[nt.id] for nt in deck.note_types]
    return _package(decks, max(used, default=0), deck.media)


#: The subdeck withdrawn cards come in, for a student who imports the deck afresh.
WITHDRAWN_DECK = "Withdrawn"


def _package(decks: list[genanki.Deck], timestamp: int, media: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    # In memory, then serialized: nothing is left behind if the build is killed.
    conn = sqlite3.connect(":memory:")
    try:
        genanki.Package(decks).write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # Media files are entries "0", "1", ... and the "media" map gives each its name (one
        # made from its content, so the same bytes always come in under the same name).
        entries = [("collection.anki2", collection),
                   ("media", json.dumps({str(i): name for i, (name, _) in enumerate(media)}).encode())]
        entries += [(str(i), data) for i, (_, data) in enumerate(media)]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
