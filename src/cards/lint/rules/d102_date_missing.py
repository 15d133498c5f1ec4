"""D102 date-missing: the cited text states no date at all.

Passes::

    text: The Provisional Government falls in October 1917.
    card: {kind: date, date: October 1917, event: The Provisional Government falls}

Fails::

    text: The Provisional Government falls to the Bolsheviks.
    card: {kind: date, date: October 1917, event: The Provisional Government falls}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.rule import FunctionRule


def check(ctx, options):
    from cards.lint.context import Finding
    from cards.lint.datematch import Status, date_verdict, describe
    from cards.lint.text import shorten

    if date_verdict(ctx).status is Status.MISSING:
        yield Finding(f"card says {describe(ctx.card.date)}; {ctx.label} gives no date: "
                      f"{shorten(ctx.text)!r}", "date")


DATE_MISSING = FunctionRule("D102", "date-missing", __doc__, Severity.ERROR, function=check)
