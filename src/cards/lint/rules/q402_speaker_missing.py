"""Q402 speaker-missing: the speaker (full name, alias or surname) is not in the cited text.

Passes::

    text: Trotsky told the Mensheviks: “Go out where you belong from now on — into the dustbin of history!”
    card: {kind: quote, quote: Go out where you belong from now on - into the dustbin of history!, speaker: Leon Trotsky}

Fails::

    text: Trotsky told the Mensheviks: “Go out where you belong from now on — into the dustbin of history!”
    card: {kind: quote, quote: Go out where you belong from now on - into the dustbin of history!, speaker: Vladimir Lenin}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.names import name_found, names_tried
from cards.lint.text import shorten

ID = "Q402"
NAME = "speaker-missing"
SEVERITY = Severity.ERROR
KINDS = ("quote",)


def check(ctx: CardContext):
    card = ctx.card
    if name_found(card.speaker, card.aliases, ctx.passage):
        return
    tried = names_tried(card.speaker, card.aliases)
    yield Finding(f"speaker {tried} not found in {ctx.label}: {shorten(ctx.text)!r}", "speaker")
