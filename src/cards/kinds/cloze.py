"""Cloze cards: a text with words blanked out, one Anki card per group of blanks.

``text: "Lenin's slogan: {{Peace}}, {{2:Land}}, {{3:Bread}}"`` hides "Peace"
on card 1, "Land" on card 2 and "Bread" on card 3 (an unnumbered mark is group
1; several marks may share a group). In Anki it is Anki's own cloze note type;
on paper the front shows every blank and the back the whole text, the hidden
words in bold. With ``quote: true`` the text (marks removed) must be in the
cited lines word for word; otherwise the cited lines must support it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cards.checks import text
from cards.cloze import Cloze, cloze_text
from cards.kinds.base import Example, Facts, Field, Kind, NoteType, detail, main, prompt, yes_no
from cards.lint.rules.supported import Supported
from cards.lint.rules.verbatim import Verbatim
from cards.model import Card
from cards.render.markup import field_html


@dataclass(frozen=True)
class ClozeCard(Card):
    kind: ClassVar[str] = "cloze"
    #: the text with the marks removed, as a student reads it once every blank is filled
    text: str = ""
    cloze: Cloze | None = None
    context: str = ""
    quote: bool = False


def _finish(values, defaults):
    cloze = values["text"]
    return {"text": cloze.plain, "cloze": cloze, "context": values.get("context", ""),
            "quote": values.get("quote", False)}


@dataclass(frozen=True)
class _QuotedVerbatim(Verbatim):
    """Verbatim, for the cloze cards that say they are quotations."""

    def check(self, ctx, options):
        if getattr(ctx.card, "quote", False):
            yield from super().check(ctx, options)


@dataclass(frozen=True)
class _UnquotedSupported(Supported):
    """Supported, for the cloze cards that are not quotations."""

    def check(self, ctx, options):
        if not getattr(ctx.card, "quote", False):
            yield from super().check(ctx, options)


KIND = Kind(
    name="cloze",
    label="Cloze",
    doc="A text with words blanked out: {{words}} or {{2:words}}; one Anki card per group of blanks.",
    fields=(
        Field("text", cloze_text, required=True, rich=True, compare="content",
              doc="the text, the words to hide in double braces: {{Peace}} (group 1), {{2:Land}} (group 2)"),
        Field("context", text, rich=True, doc="shown on the back: who said it, where it comes from (optional)"),
        Field("quote", yes_no, doc="true: the text is a quotation, to be found word for word in the cited lines"),
    ),
    card=ClozeCard,
    note_type=NoteType("cards: Cloze", ("Text", "Context", "Image"), "Cloze", is_cloze=True, image_field="Image"),
    anki_values=lambda card: (card.text, card.context, ""),
    anki_html=lambda card: (card.cloze.anki_html(), field_html(card.context), ""),
    print_values=lambda card: {"text": card.cloze.filled(), "blanks": card.cloze.blanked(),
                               "context": card.context},
    print_rich=("blanks",),
    front=(prompt("Fill in the blanks"), main("blanks")),
    back=(main("text"), detail("context")),
    facts=Facts(question="text", answer="text", one_answer=False),
    finish=_finish,
    example=Example("In April 1917 Lenin's slogan was: Peace, Land and Bread.",
                    {"text": "In April 1917 Lenin's slogan was: {{Peace}}, {{2:Land}} and {{3:Bread}}.",
                     "quote": True},
                    cards=(("Land", "Peace"), ("Bread", "Land"), ("Peace", "Bread"))),
    rules=(
        _QuotedVerbatim("K701", "cloze-quote-mismatch", field="text", doc="""\
K701 cloze-quote-mismatch: a cloze card marked ``quote: true`` is not verbatim in the cited text.

The text is compared with its blanks filled in and the marks removed, as Q401
compares a quotation.

Passes::

    text: Lenin's April slogan was "Peace, Land and Bread".
    card: {kind: cloze, text: "{{Peace}}, {{2:Land}} and {{3:Bread}}", quote: true}

Fails::

    text: Lenin's April slogan was "Peace, Land and Bread".
    card: {kind: cloze, text: "{{Peace}}, {{2:Bread}} and {{3:Land}}", quote: true}
"""),
        _UnquotedSupported("K702", "cloze-unsupported", field="text", doc="""\
K702 cloze-unsupported: the cited text does not support a cloze card's text (marks removed).

Passes::

    text: Order No. 1 told soldiers to elect committees in every unit.
    card: {kind: cloze, text: "Order No. 1 told soldiers to elect {{committees}} in every unit"}

Fails::

    text: Order No. 1 told soldiers to elect committees in every unit.
    card: {kind: cloze, text: "Order No. 1 abolished the {{Duma}} and the Provisional Government"}
"""),
    ),
)
