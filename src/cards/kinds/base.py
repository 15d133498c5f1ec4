"""What a card kind declares: the one description every stage reads.

A kind module (``cards/kinds/<name>.py``) makes one :class:`Kind` named ``KIND``:

* its **fields**, each with the checker that validates it (:mod:`cards.checks`),
  whether it is required, whether ``**bold**``/``*italic*`` in it is shown as such
  (``rich``), and how deck-wide lint rules compare it (``compare``);
* its **card class**, the typed card validation makes;
* its Anki **note type** (name, the kind's own fields, the forward and reverse
  card names) and the function giving a card's values for those fields; a kind
  with a reverse card also has a one-way note type (:meth:`NoteType.one_way`), for
  its cards that say ``reverse: false``;
* its **print design**: the pieces stacked on the front and the back of a printed
  card (:class:`Piece`). The Typst code that draws them and the Python model that
  fits their text are both made from this one description (:mod:`cards.render.design`);
* its **facts**: which field asks the card's question and which answers it, for
  the duplicate and contradiction rules;
* its **lint rules**: instances of the generic rules in :mod:`cards.lint.rules`;
* an **example** card with the source line it cites.

Validation, lint, both renderers, the templates' loop and the tests iterate the
registry (:mod:`cards.kinds`); none of them names a kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields as dataclass_fields
from typing import Any, Callable, Mapping

from cards.checks import Invalid, describe, flag
from cards.yamlmarks import YScalar

#: The note fields every note type ends with, after the kind's own.
COMMON_NOTE_FIELDS = ("Citation", "CardId")
#: What a one-way note type's key adds to its kind's name ("date/one-way"): the key names
#: the note type in the lock file and gives it its id (see :func:`note_type_key`).
ONE_WAY = "one-way"


def yes_no(value) -> bool:
    """true or false (a spreadsheet's cell, text, may say "true" or "false" too)."""
    if isinstance(value, YScalar) and isinstance(value.value, str):
        word = value.value.strip().lower()
        if word in ("true", "false"):
            return word == "true"
    if not isinstance(value, YScalar) or not isinstance(value.value, bool):
        raise Invalid(f"must be true or false, not {describe(value)}")
    return value.value


yes_no.json_schema = {"anyOf": [flag.json_schema, {"enum": ["true", "false", "True", "False", "TRUE", "FALSE"]}]}


def note_type_key(kind: str, one_way: bool = False) -> str:
    """The key of a kind's note type: the kind's name, or ``date/one-way`` for its one-way note type."""
    return f"{kind}/{ONE_WAY}" if one_way else kind


def kind_of_key(key: str) -> tuple[str, bool]:
    """(kind, one way?) of a note type key."""
    kind, _, rest = key.partition("/")
    return kind, rest == ONE_WAY


@dataclass(frozen=True)
class Field:
    """One field a card of a kind may have, as written in the deck."""

    name: str
    check: Callable[[Any], Any]
    required: bool = False
    #: ``**bold**`` and ``*italic*`` in it are shown as such, in Anki and in print
    rich: bool = False
    #: how deck-wide rules compare two cards' values of it: "name" (a person's name,
    #: word for word), "phrase" (a term: its content words, stemmed, in order),
    #: "quote" (the quoted words), "content" (the set of content words), "date"
    compare: str | None = None
    #: kept on the card as an attribute (a field that only qualifies another, such as
    #: a date's calendar, is folded into it by :attr:`Kind.finish`)
    stored: bool = True
    #: one line for the docs and the editor schema
    doc: str = ""
    #: text the card shows (printed, in Anki); False for a setting of the card, such as ``reverse``
    shown: bool = True


#: ``reverse: false``: the card has no reverse. Every kind whose note type has a reverse card
#: declares this field (its card class has ``reverse: bool = True``); such a card's note is of
#: the kind's one-way note type, which has the forward card only.
REVERSE = Field("reverse", yes_no, shown=False,
                doc="false: no reverse card, for a card whose answer does not lead back to it alone "
                    "(default true)")


@dataclass(frozen=True)
class NoteType:
    """A kind's Anki note type. Its id is derived from the kind's name, and its field list
    must never change once students have notes of it (a test pins it)."""

    name: str
    #: the kind's own fields; :data:`COMMON_NOTE_FIELDS` follow them
    own_fields: tuple[str, ...]
    forward: str  # the name of the first card (question on the front: the kind's question)
    reverse: str = ""  # the name of the second card (none for a cloze note type)
    #: Anki's cloze note type: one template (direction "cloze") using {{cloze:...}},
    #: which gives a note one card per group of blanks
    is_cloze: bool = False
    #: the field a card's image goes into (see :mod:`cards.images`): a kind whose note
    #: type was pinned before images existed puts it in the Citation, shown on every back
    image_field: str = "Citation"

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.own_fields, *COMMON_NOTE_FIELDS)

    @property
    def templates(self) -> tuple[tuple[str, str], ...]:
        """(card name, direction) in the order Anki numbers the cards."""
        if self.is_cloze:
            return ((self.forward, "cloze"),)
        if not self.reverse:
            return ((self.forward, "forward"),)
        return ((self.forward, "forward"), (self.reverse, "reverse"))

    def one_way(self) -> "NoteType":
        """The note type of the kind's cards that have no reverse: a note type of its own (a
        note's type cannot change in a student's collection, and one with the same fields and
        a template fewer would be a changed note type, whose notes Anki refuses to update),
        with the same fields and the forward card only."""
        return NoteType(f"{self.name} (one way)", self.own_fields, self.forward, image_field=self.image_field)


@dataclass(frozen=True)
class Piece:
    """One paragraph of a printed face.

    ``style`` is one of the pieces the print document defines: ``prompt`` (small
    italic, a literal ``text``), ``main``, ``strong`` (large bold), ``quoted``
    (italic, in quotation marks), ``detail`` (small grey) and ``also`` (small grey
    ``text`` followed by a list field, comma-separated). ``main``, ``strong``,
    ``quoted`` and ``detail`` print ``field``; a ``detail`` may instead give a
    ``text`` with ``{field}`` names in it. A piece whose field (or first named
    field) is empty is left out.
    """

    style: str
    field: str = ""
    text: str = ""

    STYLES = ("prompt", "main", "strong", "quoted", "detail", "also")

    def __post_init__(self):
        if self.style not in self.STYLES:
            raise ValueError(f"unknown print piece {self.style!r}; one of {self.STYLES}")


def prompt(text: str) -> Piece:
    return Piece("prompt", text=text)


def main(field: str) -> Piece:
    return Piece("main", field=field)


def strong(field: str) -> Piece:
    return Piece("strong", field=field)


def quoted(field: str) -> Piece:
    return Piece("quoted", field=field)


def detail(field: str = "", text: str = "") -> Piece:
    return Piece("detail", field=field, text=text)


def also(label: str, field: str) -> Piece:
    return Piece("also", field=field, text=label)


@dataclass(frozen=True)
class Facts:
    """What a card asks and answers, for the deck-wide rules (X501, X502)."""

    question: str
    answer: str
    #: two cards asking the same question with different answers are reported as
    #: one question with two answers (a student cannot tell which is wanted);
    #: otherwise only cards with the same answer count as duplicates
    one_answer: bool = True
    #: two cards citing the same line for the same question must not give
    #: incompatible answers (X502)
    check_contradictions: bool = False


@dataclass(frozen=True)
class Example:
    """A card of the kind and the source line that supports it: for the docs, for new
    projects, and for the tests that check every kind end to end."""

    text: str
    card: Mapping[str, Any]
    #: for a kind whose notes make cards other than a forward and a reverse (a cloze's
    #: one per group): per card Anki makes of this example, in order, words its question
    #: shows and words that show only once it is answered
    cards: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Kind:
    name: str
    #: shown on every card of the kind ("Person")
    label: str
    fields: tuple[Field, ...]
    card: type
    note_type: NoteType
    #: the card's values for ``note_type.own_fields``, as plain text (escaped later)
    anki_values: Callable[[Any], tuple[str, ...]]
    front: tuple[Piece, ...]
    back: tuple[Piece, ...]
    facts: Facts
    example: Example
    #: the lint rules that check a card of this kind against its cited text
    rules: tuple = ()
    #: the card's values for the print design; by default its stored fields, with
    #: lists as lists
    print_values: Callable[[Any], dict[str, Any]] | None = None
    #: the card's values for ``note_type.own_fields`` as field HTML, for a kind whose
    #: fields carry Anki markup of its own (a cloze's {{c1::...}}); by default
    #: ``anki_values``, escaped
    anki_html: Callable[[Any], tuple[str, ...]] | None = None
    #: print data keys, beside the rich fields, whose ``**bold**`` prints bold
    print_rich: tuple[str, ...] = ()
    #: turns validated field values into the card's attributes, given the deck's
    #: defaults (``{"calendar": ...}``); raises :class:`Invalid` naming a field
    finish: Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]] | None = None
    #: one paragraph for the docs
    doc: str = ""
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        card_fields = {f.name for f in dataclass_fields(self.card)}
        missing = [f.name for f in self.fields if f.stored and f.name not in card_fields]
        if missing:
            raise TypeError(f"kind {self.name!r}: its card class has no attribute for {missing}")
        if self.reversible != (REVERSE in self.fields):
            raise TypeError(f"kind {self.name!r}: a kind with a reverse card declares the field REVERSE "
                            "(cards.kinds.base), and only such a kind")

    @property
    def reversible(self) -> bool:
        """Whether its notes make a reverse card (unless the card says ``reverse: false``)."""
        return bool(self.note_type.reverse) and not self.note_type.is_cloze

    @property
    def note_types(self) -> dict[str, NoteType]:
        """Its note types by key (:func:`note_type_key`): its own, and the one-way one if it has a reverse."""
        types = {self.name: self.note_type}
        if self.reversible:
            types[note_type_key(self.name, one_way=True)] = self.note_type.one_way()
        return types

    def note_type_key(self, card) -> str:
        """The key of the note type ``card``'s note is of."""
        return note_type_key(self.name, one_way=self.reversible and not getattr(card, "reverse", True))

    def note_type_of(self, card) -> NoteType:
        return self.note_types[self.note_type_key(card)]

    @property
    def rich_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.rich)

    def attributes(self, values: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
        """The card's kind-specific attributes from its validated field values."""
        if self.finish is not None:
            found = self.finish(values, defaults)
            # the fields ``finish`` leaves alone (a shared one such as REVERSE) pass as they are
            return {**{f.name: values[f.name] for f in self.fields if f.stored and f.name in values}, **found}
        return {f.name: values[f.name] for f in self.fields if f.stored and f.name in values}

    def print_data(self, card) -> dict[str, Any]:
        if self.print_values is not None:
            return self.print_values(card)
        data = {}
        for f in self.fields:
            if f.stored and f.shown:
                value = getattr(card, f.name)
                data[f.name] = list(value) if isinstance(value, tuple) else value
        return data


__all__ = ["COMMON_NOTE_FIELDS", "ONE_WAY", "REVERSE", "Example", "Facts", "Field", "Invalid", "Kind", "NoteType",
           "Piece", "also", "detail", "kind_of_key", "main", "note_type_key", "prompt", "quoted", "strong", "yes_no"]
