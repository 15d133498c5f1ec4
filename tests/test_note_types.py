"""The note types are a contract with every student's collection.

Anki refuses to update notes whose note type changed its fields, so the field
sets, names and ids below must never change. If this test fails, you are about
to break every student's updates: add a new note type instead.
"""

from cards.render.anki import NOTE_TYPES, note_guid, stable_id

PINNED = {
    "date": ("cards: Date", ("Event", "Date", "Calendar", "OtherDate", "Citation", "CardId")),
    "person": ("cards: Person", ("Name", "Role", "Aliases", "Citation", "CardId")),
    "term": ("cards: Term", ("Term", "Definition", "Aliases", "Citation", "CardId")),
    "quote": ("cards: Quote", ("Quote", "Speaker", "Context", "Citation", "CardId")),
}
PINNED_IDS = {"date": 1517082507, "person": 1535084133, "term": 1470449731, "quote": 1914249215}


def test_note_type_names_and_fields_never_change():
    assert {kind: (nt.name, nt.fields) for kind, nt in NOTE_TYPES.items()} == PINNED


def test_note_type_ids_never_change():
    assert {kind: nt.id for kind, nt in NOTE_TYPES.items()} == PINNED_IDS


def test_every_note_type_makes_a_forward_and_a_reverse_card():
    for nt in NOTE_TYPES.values():
        assert [direction for _, direction in nt.templates] == ["forward", "reverse"]


def test_guid_depends_on_deck_and_card_id_only():
    assert note_guid("russia-1917", "trotsky") == note_guid("russia-1917", "trotsky")
    assert note_guid("russia-1917", "trotsky") != note_guid("russia-1917", "lenin")
    assert note_guid("russia-1917", "trotsky") != note_guid("other-deck", "trotsky")


def test_ids_are_in_genanki_range_and_namespaced():
    value = stable_id("cards/1/deck/russia-1917")
    assert 1 << 30 <= value < 1 << 31
    assert value != stable_id("cards/1/deck/russia-1918")
