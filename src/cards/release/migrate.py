"""A deck built before lock files existed: its note times come from ``build/.cards/stamps``.

Earlier builds kept each note's and note type's time there (keyed by the note's GUID
and the note type's id). The first build with a lock file takes them over, so that
students see no update where nothing changed.
"""

from __future__ import annotations

from pathlib import Path

from cards.release.lockfile import Entry, Lock


def lock_from_stamps(deck, out_dir: Path) -> Lock:
    """A lock holding what ``out_dir/.cards/stamps`` knows of ``deck``'s notes (empty if nothing)."""
    from cards.kinds import KINDS
    from cards.render.anki import note_guid, note_type_id
    from cards.stamps import NOTETYPES, read_stamps

    notes = read_stamps(out_dir, deck.id).entries
    types = read_stamps(out_dir, NOTETYPES).entries
    lock = Lock()
    for card in deck.cards:
        found = notes.get(f"note:{note_guid(deck.id, card.id)}")
        if found:  # of its kind's own note type: builds before lock files had no one-way ones
            lock.cards[card.id] = Entry(card.kind, found[0], found[1])
    for key in (key for kind in KINDS.values() for key in kind.note_types):
        found = types.get(f"notetype:{note_type_id(key)}")
        if found:
            lock.notetypes[key] = Entry(key, found[0], found[1])
    return lock
