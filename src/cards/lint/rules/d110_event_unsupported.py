"""D110 event-unsupported: the cited text does not mention the card's event.

The event's content words must be supported by the cited text: stop words are
dropped, words are stemmed, a word of five letters or more may be one edit
away, and names and numbers must be present (see :mod:`cards.lint.text`).

Passes::

    text: - On 25 October 1917 the Winter Palace was stormed and the ministers arrested.
    card: {kind: date, date: 25 October 1917, event: The Winter Palace is stormed}

Fails::

    text: - On 25 October 1917 the Winter Palace was stormed and the ministers arrested.
    card: {kind: date, date: 25 October 1917, event: The Tsar abdicates at Pskov}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.text import support, unsupported_message

ID = "D110"
NAME = "event-unsupported"
SEVERITY = Severity.ERROR
KINDS = ("date",)


def check(ctx: CardContext):
    result = support(ctx.card.event, ctx.passage, ctx.names)
    if not result.ok:
        yield Finding(unsupported_message("event", result, ctx), "event")
