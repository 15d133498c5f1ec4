"""Is a term (or one of its other forms) in the cited text? (T301, ...)

The words must appear together and in order; plural and other endings are
tolerated (stems are compared), spelling slips are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.lint.rule import Rule


@dataclass(frozen=True)
class PhraseFound(Rule):
    field: str = ""
    aliases: str = "aliases"

    def check(self, ctx, options):
        from cards.lint.context import Finding
        from cards.lint.text import contains_phrase, shorten

        phrases = (getattr(ctx.card, self.field), *getattr(ctx.card, self.aliases, ()))
        if any(contains_phrase(p, ctx.passage) for p in phrases):
            return
        tried = " / ".join(repr(p) for p in phrases)
        yield Finding(f"{tried} not found in {ctx.label}: {shorten(ctx.text)!r}", self.field)
