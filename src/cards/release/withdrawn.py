"""The notes of retired cards, kept in every later package.

A card removed from a deck stays in every student's collection: Anki has no way for
a package to delete a note. So the package keeps it, under its GUID, every field of
its own saying it was withdrawn and how to delete all such notes at once, tagged
``cards::retired``; its time moves on once, so students' copies update to say so.
A student who imports the deck for the first time gets these cards suspended,
never shown in reviews.
"""

from __future__ import annotations

from dataclasses import replace

from cards.release.plan import RETIRED_TAG, withdrawn_text
from cards.render.anki import AnkiDeck, RenderedNote, note_guid
from cards.render.markup import field_html


def withdrawn_notes(anki_deck: AnkiDeck, deck, withdrawn: dict, types: dict) -> AnkiDeck:
    """``anki_deck`` with a note for every withdrawn card (and the note types they need)."""
    if not withdrawn:
        return anki_deck
    notice = field_html(withdrawn_text(deck.name))
    notes = list(anki_deck.notes)
    used = {nt.id for nt in anki_deck.note_types}
    for card_id, entry in sorted(withdrawn.items()):
        nt = types[entry.kind]
        used.add(nt.id)
        own = len(nt.fields) - 2  # then the citation and the card id
        notes.append(RenderedNote(
            guid=note_guid(deck.id, card_id), note_type=nt.id, fields=(notice,) * own + ("", field_html(card_id)),
            tags=(RETIRED_TAG,), card_id=card_id, suspended=True,
        ))
    note_types = tuple(types[kind] for kind in sorted(types) if types[kind].id in used)  # by kind, as render_deck
    return replace(anki_deck, notes=tuple(notes), note_types=note_types)
