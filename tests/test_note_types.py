"""The note types are a contract with every student's collection.

Anki refuses to update notes whose note type changed its fields, so the field
sets, names and ids below must never change. If this test fails, you are about
to break every student's updates: add a new note type instead. A new kind adds a
note type of its own; the ones pinned here stay as they are.
"""

from cards.kinds import KINDS
from cards.render.anki import note_guid, note_type_id, stable_id

PINNED = {
    "date": ("cards: Date", ("Event", "Date", "Calendar", "OtherDate", "Citation", "CardId")),
    "person": ("cards: Person", ("Name", "Role", "Aliases", "Citation", "CardId")),
    "term": ("cards: Term", ("Term", "Definition", "Aliases", "Citation", "CardId")),
    "quote": ("cards: Quote", ("Quote", "Speaker", "Context", "Citation", "CardId")),
}
PINNED_IDS = {"date": 1517082507, "person": 1535084133, "term": 1470449731, "quote": 1914249215}


def test_note_type_names_and_fields_never_change():
    for kind, pinned in PINNED.items():
        assert (KINDS[kind].note_type.name, KINDS[kind].note_type.fields) == pinned


def test_note_type_ids_never_change():
    for kind, pinned in PINNED_IDS.items():
        assert note_type_id(kind) == pinned


def test_every_kind_has_a_note_type_of_its_own():
    names = [kind.note_type.name for kind in KINDS.values()]
    ids = [note_type_id(kind) for kind in KINDS]
    assert len(set(names)) == len(names) and len(set(ids)) == len(ids)
    for kind in KINDS.values():
        assert kind.note_type.fields[-2:] == ("Citation", "CardId")


def test_every_note_type_makes_a_forward_and_a_reverse_card():
    for kind in KINDS.values():
        expected = ["cloze"] if kind.note_type.is_cloze else ["forward", "reverse"]
        assert [direction for _, direction in kind.note_type.templates] == expected


def test_guid_depends_on_deck_and_card_id_only():
    assert note_guid("russia-1917", "trotsky") == note_guid("russia-1917", "trotsky")
    assert note_guid("russia-1917", "trotsky") != note_guid("russia-1917", "lenin")
    assert note_guid("russia-1917", "trotsky") != note_guid("other-deck", "trotsky")


def test_ids_are_in_genanki_range_and_namespaced():
    value = stable_id("cards/1/deck/russia-1917")
    assert 1 << 30 <= value < 1 << 31
    assert value != stable_id("cards/1/deck/russia-1918")
