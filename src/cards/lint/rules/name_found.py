"""Is a person's name in the cited text? (P201, Q402, ...)

The full name, one of the card's ``aliases`` or the surname must appear word for
word (case, accents and a possessive 's aside; no stemming, no spelling slack,
so "Kamenev" does not pass for "Kamenov"; see :mod:`cards.lint.names`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.lint.rule import Rule


@dataclass(frozen=True)
class NameFound(Rule):
    field: str = ""
    #: the card field holding other names of the same person
    aliases: str = "aliases"
    #: put before the names in the message ("speaker ")
    what: str = ""

    def check(self, ctx, options):
        from cards.lint.context import Finding
        from cards.lint.names import name_found, names_tried
        from cards.lint.text import shorten

        name, aliases = getattr(ctx.card, self.field), getattr(ctx.card, self.aliases, ())
        if name_found(name, aliases, ctx.passage):
            return
        tried = names_tried(name, aliases)
        yield Finding(f"{self.what}{tried} not found in {ctx.label}: {shorten(ctx.text)!r}", self.field)
