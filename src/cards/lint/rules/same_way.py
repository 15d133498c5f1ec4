"""Does a field say its fact the same way round as the cited text? (D111, P203, T303, L603)

The words of a field can all be on the cited line while the field says the
opposite: "accepted" where the line says "rejected", "rose" for "fell",
"supported" for "did not support", "voted for" for "voted against", or a "not"
the line does not have. Each word the field shares with the line (or whose
opposite the line has) is compared where the line says it, for negation,
antonyms and taking sides (see :mod:`cards.lint.polarity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.lint.context import Finding
from cards.lint.polarity import clearly_same_way, conflicts
from cards.lint.rule import Rule
from cards.lint.text import shorten


@dataclass(frozen=True)
class SameWay(Rule):
    field: str = ""

    def check(self, ctx, options):
        value = getattr(ctx.card, self.field)
        if clearly_same_way(value, ctx.passage):
            return
        for conflict in conflicts(value, ctx.text)[:1]:
            if conflict.negation_missing:
                why = f"{self.field} says {conflict.said!r}, but {ctx.label} has no negation"
            else:
                why = f"{self.field} says {conflict.said!r} where {ctx.label} says {conflict.found!r}"
            yield Finding(f"{why}: the card turns the fact round; cited text: "
                          f"{shorten(ctx.text, around=conflict.found or None)!r}", self.field)
