"""Term cards: a key term (and its other forms) and what it means.

Forward card: the term, asking what it is; reverse: the definition, asking for the term.
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
class TermCard(Card):
    kind: ClassVar[str] = "term"
    term: str = ""
    aliases: tuple[str, ...] = ()
    definition: str = ""
    reverse: bool = True


KIND = Kind(
    name="term",
    label="Term",
    doc="A key term and what it means.",
    fields=(
        Field("term", text, required=True, rich=True, compare="phrase", doc="the term"),
        Field("aliases", text_list, doc="other forms of the term, e.g. [MRC]"),
        Field("definition", text, required=True, rich=True, compare="content",
              doc="what it means, without giving the term away"),
        REVERSE,
    ),
    card=TermCard,
    note_type=NoteType("cards: Term", ("Term", "Definition", "Aliases"),
                       "Term \u2192 Definition", "Definition \u2192 Term"),
    anki_values=lambda card: (card.term, card.definition, ", ".join(card.aliases)),
    front=(prompt("What is\u2026?"), strong("term")),
    back=(main("definition"), also("Also:", "aliases")),
    facts=Facts(question="term", answer="definition"),
    example=Example("The Military Revolutionary Committee (MRC) was the Soviet body that organised the rising.",
                    {"term": "Military Revolutionary Committee", "aliases": ["MRC"],
                     "definition": "The Soviet body that organised the rising"}),
    rules=(
        PhraseFound("T301", "term-missing", field="term", doc="""\
T301 term-missing: neither the term nor an alias appears in the cited text.

The words must appear together and in order; plural and other endings are
tolerated (stems are compared), spelling slips are not.

Passes::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, aliases: [MRC], definition: The Soviet body that organised the rising}

Fails::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Red Guards, definition: The Soviet body that organised the rising}
"""),
        Supported("T302", "definition-unsupported", field="definition", doc="""\
T302 definition-unsupported: the cited text does not support the definition.

Passes::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, definition: The body of the Soviet that organized the rising}

Fails::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, definition: The cabinet of the Provisional Government}
"""),
        SameWay("T303", "definition-reversed", field="definition", doc="""\
T303 definition-reversed: the definition says the opposite of the cited text.

Passes::

    text: Mensheviks - the minority faction after the 1903 split; they expected a long period of bourgeois rule.
    card: {kind: term, term: Mensheviks, definition: The minority faction that expected a long period of bourgeois rule}

Fails::

    text: Mensheviks - the minority faction after the 1903 split; they expected a long period of bourgeois rule.
    card: {kind: term, term: Mensheviks, definition: The majority faction that did not expect a long period of bourgeois rule}
"""),
        SaidOf("T304", "definition-of-another", field="definition", name="term", what="term", doc="""\
T304 definition-of-another: the cited text gives the definition to another term.

Passes::

    text: Kadets - the liberal party of the professional classes; Octobrists - the conservative party of landowners.
    card: {kind: term, term: Octobrists, definition: The conservative party of landowners}

Fails::

    text: Kadets - the liberal party of the professional classes; Octobrists - the conservative party of landowners.
    card: {kind: term, term: Octobrists, definition: The liberal party of the professional classes}
"""),
    ),
)
