"""P201 person-name-missing: neither the name, an alias nor the surname is in the cited text.

Names are matched word for word (case, accents and a possessive 's aside).

Passes::

    text: Kerensky's government could not find loyal troops.
    card: {kind: person, name: Alexander Kerensky, role: Led a government that could not find loyal troops}

Fails::

    text: Kerensky's government could not find loyal troops.
    card: {kind: person, name: Lavr Kornilov, role: Led a government that could not find loyal troops}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.names import name_found, names_tried
from cards.lint.text import shorten

ID = "P201"
NAME = "person-name-missing"
SEVERITY = Severity.ERROR
KINDS = ("person",)


def check(ctx: CardContext):
    card = ctx.card
    if name_found(card.name, card.aliases, ctx.passage):
        return
    tried = names_tried(card.name, card.aliases)
    yield Finding(f"{tried} not found in {ctx.label}: {shorten(ctx.text)!r}", "name")
