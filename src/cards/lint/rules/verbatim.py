"""Is a quotation in the cited text word for word? (Q401, ...)

Case, whitespace, line breaks, punctuation and typographic quotes, apostrophes
and dashes may differ; ``...`` or ``…`` in the card may stand for omitted words.
A changed, added or reordered word is an error; the message shows the closest
text found and what differs (see :mod:`cards.lint.quotes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.lint.rule import Rule


@dataclass(frozen=True)
class Verbatim(Rule):
    field: str = ""

    def check(self, ctx, options):
        from cards.lint.context import Finding
        from cards.lint.quotes import closest, is_verbatim
        from cards.lint.text import shorten

        quote = getattr(ctx.card, self.field)
        if ctx.memo(("verbatim", quote), lambda c: is_verbatim(quote, c.passage.words)):
            return
        near = closest(quote, ctx.text)
        differs = "; ".join(near.changes[:4]) or "words differ"
        yield Finding(f"quote is not in {ctx.label} word for word ({differs}); closest text: "
                      f"{shorten(near.text, 120)!r}", self.field)
