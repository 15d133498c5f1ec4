"""Render a deck into note types and notes for an Anki package.

Identity is what keeps a student's reviews: Anki matches an imported note to
the one it has by GUID, and a note type by id *and* field set. So

* the GUID comes from the deck id and card id only, never from the text, so a
  corrected typo updates the note instead of adding a new one;
* note-type and deck ids are hashed from fixed names in this project's
  namespace;
* each note type's field list is fixed (each kind's ``note_type`` in
  :mod:`cards.kinds`); changing it makes Anki refuse updates to existing notes,
  and a test pins it. A card with ``reverse: false`` has a note of its kind's
  one-way note type (same fields, the forward card only), never of a changed
  two-way one; a released card keeps its note type (:mod:`cards.release.plan`).

Field values are HTML: card text is escaped, so markup in a deck is shown
literally, and the characters Anki itself interprets in field content (``[``
for ``[sound:...]``, ``{`` for template syntax, ``\\`` for MathJax) are written
as character references.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import genanki

from cards import model as m
from cards.kinds import KINDS, kind_of
from cards.render.markup import field_html
from cards.templating import render

ID_NAMESPACE = "cards/1"


def note_type_id(key: str) -> int:
    """The note type's id: from its key (the kind's name, or ``date/one-way``), in this project's namespace."""
    return stable_id(f"{ID_NAMESPACE}/notetype/{key}")


def stable_id(name: str) -> int:
    """A 31-bit id derived from a name (the range genanki recommends)."""
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def note_guid(deck_id: str, card_id: str) -> str:
    return genanki.guid_for(ID_NAMESPACE, deck_id, card_id)


@dataclass(frozen=True)
class RenderedNoteType:
    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, question, answer)
    css: str
    #: Anki's cloze note type (one card per group of blanks)
    is_cloze: bool = False


@dataclass(frozen=True)
class RenderedNote:
    guid: str
    note_type: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    card_id: str
    #: its cards come suspended (a withdrawn card, for a student who never had it)
    suspended: bool = False


@dataclass(frozen=True)
class AnkiDeck:
    id: int
    name: str
    description: str
    note_types: tuple[RenderedNoteType, ...]
    notes: tuple[RenderedNote, ...]
    #: the media files the notes show: (name, bytes), sorted by name
    media: tuple[tuple[str, bytes], ...] = ()


# --- field text ----------------------------------------------------------------------------


def card_fields(deck: m.Deck, card: m.Card) -> tuple[str, ...]:
    """The note's fields, as HTML: the kind's own, then the citation and the card id."""
    kind = kind_of(card)
    own = kind.anki_html(card) if kind.anki_html is not None else tuple(field_html(v) for v in kind.anki_values(card))
    values = (*own, field_html(deck.citation_label(card.citation)), field_html(card.id))
    if card.image is None:
        return values
    # The image goes into a field the back shows: a kind's own Image field, or, for the kinds
    # whose note types were pinned before images existed, the Citation (their field lists
    # may never change: Anki would refuse to update students' notes).
    index = kind.note_type.fields.index(kind.note_type.image_field)
    return (*values[:index], image_html(card) + values[index], *values[index + 1:])


def image_html(card: m.Card) -> str:
    """The card's image for a field: its media file, by the name made from its content, and its credit."""
    credit = f'<div class="image-credit">{field_html(card.image_credit)}</div>' if card.image_credit else ""
    return (f'<div class="image"><img src="{card.image.media_name}" alt="" '
            f'style="max-width:100%;max-height:50vh"></div>{credit}')


# --- templates -----------------------------------------------------------------------------


def _anki_field(name: str) -> str:
    """Write an Anki field reference from a Jinja template: f("Event") -> {{Event}}."""
    return "{{" + name + "}}"


def render_note_types(template_dirs: tuple[Path, ...]) -> dict[str, RenderedNoteType]:
    """Every note type by its key (``date``, ``date/one-way``; see :meth:`cards.kinds.base.Kind.note_types`),
    its cards rendered from ``anki/<kind>.html.j2``: a one-way note type's forward card is
    its kind's forward card."""
    css = render(template_dirs, "anki/style.css.j2")
    result = {}
    for kind, spec in KINDS.items():
        sides = {}
        for key, nt in spec.note_types.items():
            templates = []
            for name, direction in nt.templates:
                if direction not in sides:
                    sides[direction] = [
                        render(
                            template_dirs, f"anki/{kind}.html.j2",
                            f=_anki_field, direction=direction, side=side, fields=nt.fields, label=spec.label,
                        ).strip()
                        for side in ("front", "back")
                    ]
                templates.append((name, *sides[direction]))
            result[key] = RenderedNoteType(note_type_id(key), nt.name, nt.fields, tuple(templates), css, nt.is_cloze)
    return result


def render_deck(deck: m.Deck, template_dirs: tuple[Path, ...],
                note_types: dict[str, RenderedNoteType] | None = None) -> AnkiDeck:
    """The deck's notes and the note types they use (``note_types``: rendered already)."""
    note_types = note_types or render_note_types(template_dirs)
    keys = {card.id: kind_of(card).note_type_key(card) for card in deck.cards}
    used = sorted(set(keys.values()))
    notes = tuple(
        RenderedNote(
            guid=note_guid(deck.id, card.id),
            note_type=note_types[keys[card.id]].id,
            fields=card_fields(deck, card),
            tags=card.tags,
            card_id=card.id,
        )
        for card in deck.cards
    )
    return AnkiDeck(
        id=stable_id(f"{ID_NAMESPACE}/deck/{deck.id}"),
        name=deck.name,
        description=html.escape(deck.description),
        note_types=tuple(note_types[k] for k in used),
        notes=notes,
        media=tuple(sorted({card.image.media_name: card.image.data for card in deck.cards if card.image}.items())),
    )
