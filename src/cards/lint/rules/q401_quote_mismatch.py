"""Q401 quote-mismatch: the quote is not verbatim in the cited text.

Case, whitespace, line breaks, punctuation and typographic quotes,
apostrophes and dashes may differ; ``...`` or ``…`` in the card may stand for
omitted words. A changed, added or reordered word is an error; the message
shows the closest text found and what differs.

Passes::

    text: Trotsky told the Mensheviks: “Go out where you belong from now on — into the dustbin of history!”
    card: {kind: quote, quote: Go out where you belong ... into the dustbin of history!, speaker: Leon Trotsky}

Fails::

    text: Trotsky told the Mensheviks: “Go out where you belong from now on — into the dustbin of history!”
    card: {kind: quote, quote: Go back where you belong - into the dustbin of history!, speaker: Leon Trotsky}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.quotes import closest, is_verbatim
from cards.lint.text import shorten

ID = "Q401"
NAME = "quote-mismatch"
SEVERITY = Severity.ERROR
KINDS = ("quote",)


def check(ctx: CardContext):
    quote = ctx.card.quote
    if is_verbatim(quote, ctx.passage.words):
        return
    near = closest(quote, ctx.text)
    differs = "; ".join(near.changes[:4]) or "words differ"
    yield Finding(f"quote is not in {ctx.label} word for word ({differs}); closest text: "
                  f"{shorten(near.text, 120)!r}", "quote")
