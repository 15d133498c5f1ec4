"""T301 term-missing: neither the term nor an alias appears in the cited text.

The words must appear together and in order; plural and other endings are
tolerated (stems are compared), spelling slips are not.

Passes::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, aliases: [MRC], definition: The Soviet body that organised the rising}

Fails::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Red Guards, definition: The Soviet body that organised the rising}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.text import contains_phrase, shorten

ID = "T301"
NAME = "term-missing"
SEVERITY = Severity.ERROR
KINDS = ("term",)


def check(ctx: CardContext):
    card = ctx.card
    if any(contains_phrase(t, ctx.passage) for t in (card.term, *card.aliases)):
        return
    tried = " / ".join(repr(t) for t in (card.term, *card.aliases))
    yield Finding(f"{tried} not found in {ctx.label}: {shorten(ctx.text)!r}", "term")
