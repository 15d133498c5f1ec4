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
    "place": ("cards: Place", ("Name", "Significance", "Aliases", "Citation", "CardId")),
}
PINNED_IDS = {"date": 1517082507, "person": 1535084133, "term": 1470449731, "quote": 1914249215, "place": 1301000353}


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


#: The note types of cards with ``reverse: false``: students have notes of these too.
PINNED_ONE_WAY = {
    "date": ("cards: Date (one way)", PINNED["date"][1], ("Event \u2192 Date",), 1924858252),
    "person": ("cards: Person (one way)", PINNED["person"][1], ("Name \u2192 Role",), 1326133044),
    "term": ("cards: Term (one way)", PINNED["term"][1], ("Term \u2192 Definition",), 1877743400),
    "quote": ("cards: Quote (one way)", PINNED["quote"][1], ("Quote \u2192 Speaker",), 1295022798),
    "place": ("cards: Place (one way)", PINNED["place"][1], ("Name \u2192 Significance",), 1498259161),
}


def test_one_way_note_types_never_change():
    for kind, (name, fields, templates, type_id) in PINNED_ONE_WAY.items():
        key = KINDS[kind].note_type_key(KINDS[kind].card(id="x", tags=(), citation=None, mark=None, end_line=0,
                                                         marks={}, reverse=False))
        one_way = KINDS[kind].note_types[key]
        assert (one_way.name, one_way.fields, tuple(n for n, _ in one_way.templates)) == (name, fields, templates)
        assert note_type_id(key) == type_id


def test_every_kind_with_a_reverse_has_a_one_way_note_type_with_the_same_fields():
    """A card with ``reverse: false`` is a note of a note type of its own, never a changed two-way one."""
    ids = set()
    for kind in KINDS.values():
        for key, nt in kind.note_types.items():
            ids.add(note_type_id(key))
            assert nt.fields == kind.note_type.fields
            if nt is not kind.note_type:
                assert kind.note_type.reverse, kind.name
                assert nt.templates == kind.note_type.templates[:1] and nt.name != kind.note_type.name
        assert len(kind.note_types) == (2 if kind.note_type.reverse else 1)
    assert len(ids) == sum(len(kind.note_types) for kind in KINDS.values())


def test_guid_depends_on_deck_and_card_id_only():
    assert note_guid("russia-1917", "trotsky") == note_guid("russia-1917", "trotsky")
    assert note_guid("russia-1917", "trotsky") != note_guid("russia-1917", "lenin")
    assert note_guid("russia-1917", "trotsky") != note_guid("other-deck", "trotsky")


def test_ids_are_in_genanki_range_and_namespaced():
    value = stable_id("cards/1/deck/russia-1917")
    assert 1 << 30 <= value < 1 << 31
    assert value != stable_id("cards/1/deck/russia-1918")
