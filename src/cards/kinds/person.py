"""Person cards: a name (and other names) and who the person was.

Forward card: the name, asking who this was; reverse: the role, asking who.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cards.checks import text, text_list
from cards.kinds.base import REVERSE, Example, Facts, Field, Kind, NoteType, also, main, prompt, strong
from cards.lint.rules.name_found import NameFound
from cards.lint.rules.supported import Supported
from cards.lint.rules.same_way import SameWay
from cards.lint.rules.said_of import SaidOf
from cards.model import Card


@dataclass(frozen=True)
class PersonCard(Card):
    kind: ClassVar[str] = "person"
    name: str = ""
    aliases: tuple[str, ...] = ()
    role: str = ""
    reverse: bool = True


KIND = Kind(
    name="person",
    label="Person",
    doc="A person and who they were.",
    fields=(
        Field("name", text, required=True, rich=True, compare="name", doc="the person's usual name"),
        Field("aliases", text_list, doc="other names the sources use, e.g. [Trotsky]"),
        Field("role", text, required=True, rich=True, compare="content", doc="who they were, in one sentence"),
        REVERSE,
    ),
    card=PersonCard,
    note_type=NoteType("cards: Person", ("Name", "Role", "Aliases"), "Name \u2192 Role", "Role \u2192 Name"),
    anki_values=lambda card: (card.name, card.role, ", ".join(card.aliases)),
    front=(prompt("Who was this?"), strong("name")),
    back=(main("role"), also("Also known as:", "aliases")),
    facts=Facts(question="name", answer="role"),
    example=Example("Leon Trotsky chaired the Petrograd Soviet from September 1917.",
                    {"name": "Leon Trotsky", "aliases": ["Trotsky"],
                     "role": "Chaired the Petrograd Soviet from September 1917"}),
    rules=(
        NameFound("P201", "person-name-missing", field="name", doc="""\
P201 person-name-missing: neither the name, an alias nor the surname is in the cited text.

Names are matched word for word (case, accents and a possessive 's aside).

Passes::

    text: Kerensky's government could not find loyal troops.
    card: {kind: person, name: Alexander Kerensky, role: Led a government that could not find loyal troops}

Fails::

    text: Kerensky's government could not find loyal troops.
    card: {kind: person, name: Lavr Kornilov, role: Led a government that could not find loyal troops}
"""),
        Supported("P202", "role-unsupported", field="role", doc="""\
P202 role-unsupported: the cited text does not support the person's role.

Passes::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chairman of the Petrograd Soviet from September 1917}

Fails::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Commanded the Red Army in the Civil War}
"""),
        SameWay("P203", "role-reversed", field="role", doc="""\
P203 role-reversed: the role says the opposite of the cited text.

Passes::

    text: Lev Kamenev did not support the armed rising and voted against it.
    card: {kind: person, name: Lev Kamenev, role: Opposed the armed rising and voted against it}

Fails::

    text: Lev Kamenev did not support the armed rising and voted against it.
    card: {kind: person, name: Lev Kamenev, role: Supported the armed rising and voted for it}
"""),
        SaidOf("P204", "role-of-another", field="role", what="person", doc="""\
P204 role-of-another: the cited text says the role of another person named there.

Every word of the role is on the line, but said of someone else: the line is
split among the people (and bodies) that are the subjects of its clauses, and the
role must be in what it says of the card's person (see
:mod:`cards.lint.attribution`).

Passes::

    text: Prince Lvov led the first Provisional Government, and Kerensky was its Minister of Justice.
    card: {kind: person, name: Alexander Kerensky, role: Minister of Justice in the first Provisional Government}

Fails::

    text: Prince Lvov led the first Provisional Government, and Kerensky was its Minister of Justice.
    card: {kind: person, name: Alexander Kerensky, role: Led the first Provisional Government}
"""),
    ),
)
