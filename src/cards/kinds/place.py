"""Place cards: a place (and its other names) and why it matters.

Forward card: the place, asking why it matters; reverse: its significance,
asking for the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cards.checks import text, text_list
from cards.kinds.base import REVERSE, Example, Facts, Field, Kind, NoteType, also, main, prompt, strong
from cards.lint.rules.phrase_found import PhraseFound
from cards.lint.rules.supported import Supported
from cards.lint.rules.same_way import SameWay
from cards.lint.rules.said_of import SaidOf
from cards.model import Card


@dataclass(frozen=True)
class PlaceCard(Card):
    kind: ClassVar[str] = "place"
    name: str = ""
    aliases: tuple[str, ...] = ()
    significance: str = ""
    reverse: bool = True


KIND = Kind(
    name="place",
    label="Place",
    doc="A place and why it matters.",
    fields=(
        Field("name", text, required=True, rich=True, compare="phrase", doc="the place's usual name"),
        Field("aliases", text_list, doc="other names the sources use, e.g. [Smolny]"),
        Field("significance", text, required=True, rich=True, compare="content",
              doc="why it matters, in one sentence, without naming it"),
        REVERSE,
    ),
    card=PlaceCard,
    note_type=NoteType("cards: Place", ("Name", "Significance", "Aliases"),
                       "Name \u2192 Significance", "Significance \u2192 Name"),
    anki_values=lambda card: (card.name, card.significance, ", ".join(card.aliases)),
    front=(prompt("Why does it matter?"), strong("name")),
    back=(main("significance"), also("Also known as:", "aliases")),
    facts=Facts(question="name", answer="significance"),
    example=Example("- The Smolny Institute, a former school for girls of noble families, housed the Petrograd "
                    "Soviet and the Bolshevik headquarters in 1917.",
                    {"name": "Smolny Institute", "aliases": ["Smolny"],
                     "significance": "Former school for noble girls that housed the Petrograd Soviet and the "
                                     "Bolshevik headquarters"}),
    rules=(
        PhraseFound("L601", "place-name-missing", field="name", doc="""\
L601 place-name-missing: neither the place's name nor another name of it is in the cited text.

The words must appear together and in order; endings may differ (stems are
compared), spelling may not.

Passes::

    text: Trotsky won over the garrison of the Peter and Paul Fortress on 23 October.
    card: {kind: place, name: Peter and Paul Fortress, significance: Its garrison was won over by Trotsky}

Fails::

    text: Trotsky won over the garrison of the Peter and Paul Fortress on 23 October.
    card: {kind: place, name: Winter Palace, significance: Its garrison was won over by Trotsky}
"""),
        Supported("L602", "significance-unsupported", field="significance", doc="""\
L602 significance-unsupported: the cited text does not support why the place matters.

Passes::

    text: Kronstadt, the Baltic Fleet's island base, was a stronghold of radical sailors.
    card: {kind: place, name: Kronstadt, significance: Island base of the Baltic Fleet and a stronghold of radical sailors}

Fails::

    text: Kronstadt, the Baltic Fleet's island base, was a stronghold of radical sailors.
    card: {kind: place, name: Kronstadt, significance: Seat of the Provisional Government in the summer of 1917}
"""),
        SameWay("L603", "significance-reversed", field="significance", doc="""\
L603 significance-reversed: the significance says the opposite of the cited text.

Passes::

    text: Kronstadt, the Baltic Fleet's island base, was a stronghold of radical sailors who opposed the government.
    card: {kind: place, name: Kronstadt, significance: Island base whose radical sailors opposed the government}

Fails::

    text: Kronstadt, the Baltic Fleet's island base, was a stronghold of radical sailors who opposed the government.
    card: {kind: place, name: Kronstadt, significance: Island base whose radical sailors supported the government}
"""),
        SaidOf("L604", "significance-of-another", field="significance", what="place", doc="""\
L604 significance-of-another: the cited text says the significance of another place.

Passes::

    text: The Tauride Palace housed the Duma; the Smolny Institute became the Bolshevik headquarters.
    card: {kind: place, name: Smolny Institute, significance: Became the Bolshevik headquarters}

Fails::

    text: The Tauride Palace housed the Duma; the Smolny Institute became the Bolshevik headquarters.
    card: {kind: place, name: Tauride Palace, significance: Became the Bolshevik headquarters}
"""),
    ),
)
