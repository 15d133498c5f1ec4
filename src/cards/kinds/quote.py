"""Quote cards: words someone said or wrote, who said them, and when.

Forward card: the quotation, asking who said it; reverse: the speaker and the
occasion, asking for the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cards.checks import text, text_list
from cards.kinds.base import REVERSE, Example, Facts, Field, Kind, NoteType, also, detail, prompt, quoted, strong
from cards.lint.rules.name_found import NameFound
from cards.lint.rules.q403_speaker_misattributed import SPEAKER_MISATTRIBUTED
from cards.lint.rules.verbatim import Verbatim
from cards.model import Card


@dataclass(frozen=True)
class QuoteCard(Card):
    kind: ClassVar[str] = "quote"
    quote: str = ""
    speaker: str = ""
    aliases: tuple[str, ...] = ()
    context: str = ""
    reverse: bool = True


KIND = Kind(
    name="quote",
    label="Quote",
    doc="A quotation and who said it.",
    fields=(
        Field("quote", text, required=True, rich=True, compare="quote",
              doc="the words, as the source gives them; ... or \u2026 for words left out"),
        Field("speaker", text, required=True, rich=True, compare="name", doc="who said or wrote them"),
        Field("aliases", text_list, doc="other names of the speaker"),
        Field("context", text, rich=True, doc="when, where or to whom (optional)"),
        REVERSE,
    ),
    card=QuoteCard,
    note_type=NoteType("cards: Quote", ("Quote", "Speaker", "Context"), "Quote \u2192 Speaker", "Speaker \u2192 Quote"),
    anki_values=lambda card: (card.quote, card.speaker, card.context),
    front=(prompt("Who said it?"), quoted("quote")),
    back=(strong("speaker"), detail("context"), also("Also known as:", "aliases")),
    facts=Facts(question="quote", answer="speaker", one_answer=False, check_contradictions=True),
    example=Example('Trotsky told the departing Mensheviks: "Go out where you belong from now on - '
                    'into the dustbin of history!"',
                    {"quote": "Go out where you belong from now on - into the dustbin of history!",
                     "speaker": "Leon Trotsky",
                     "context": "To the Mensheviks leaving the Second Congress of Soviets"}),
    rules=(
        Verbatim("Q401", "quote-mismatch", field="quote", doc="""\
Q401 quote-mismatch: the quote is not verbatim in the cited text.

Case, whitespace, line breaks, punctuation and typographic quotes,
apostrophes and dashes may differ; ``...`` or ``\u2026`` in the card may stand for
omitted words. A changed, added or reordered word is an error; the message
shows the closest text found and what differs.

Passes::

    text: Trotsky told the Mensheviks: \u201cGo out where you belong from now on \u2014 into the dustbin of history!\u201d
    card: {kind: quote, quote: Go out where you belong ... into the dustbin of history!, speaker: Leon Trotsky}

Fails::

    text: Trotsky told the Mensheviks: \u201cGo out where you belong from now on \u2014 into the dustbin of history!\u201d
    card: {kind: quote, quote: Go back where you belong - into the dustbin of history!, speaker: Leon Trotsky}
"""),
        NameFound("Q402", "speaker-missing", field="speaker", what="speaker ", doc="""\
Q402 speaker-missing: the speaker (full name, alias or surname) is not in the cited text.

Passes::

    text: Trotsky told the Mensheviks: \u201cGo out where you belong from now on \u2014 into the dustbin of history!\u201d
    card: {kind: quote, quote: Go out where you belong from now on - into the dustbin of history!, speaker: Leon Trotsky}

Fails::

    text: Trotsky told the Mensheviks: \u201cGo out where you belong from now on \u2014 into the dustbin of history!\u201d
    card: {kind: quote, quote: Go out where you belong from now on - into the dustbin of history!, speaker: Vladimir Lenin}
"""),
        SPEAKER_MISATTRIBUTED,
    ),
)
