"""Is a person's name in the cited text? (P201, Q402, ...)

The full name, one of the card's ``aliases`` or the surname must appear word for
word (case, accents, a possessive 's and a leading "the" aside; no stemming, no
spelling slack, so "Kamenev" does not pass for "Kamenov"; see
:mod:`cards.lint.names`). Other names the deck gives the same person (the
``aliases`` of its own card, say, for a quote's speaker) count too.
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
        if ctx.synonyms and name_found(name, ctx.synonyms.aliases_of(name), ctx.passage):
            return  # under a name another card of the deck gives this person
        tried = names_tried(name, aliases)
        yield Finding(f"{self.what}{tried} not found in {ctx.label}: {shorten(ctx.text)!r}", self.field)
