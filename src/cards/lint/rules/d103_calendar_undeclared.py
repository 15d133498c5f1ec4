"""D103 calendar-undeclared: the date matches only in the other calendar.

The source declares no calendar, and its date equals the card's only after
converting between Julian (Old Style) and Gregorian (New Style). Declare the
source's calendar (``calendar: julian`` under the source) so the match is
certain. A warning by default.

Passes::

    text: The Winter Palace falls on 25 October 1917.
    card: {kind: date, date: 25 October 1917, calendar: julian, event: The Winter Palace falls}

Fails::

    text: The Winter Palace falls on 7 November 1917.
    card: {kind: date, date: 25 October 1917, calendar: julian, event: The Winter Palace falls}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.rule import FunctionRule


def check(ctx, options):
    from cards.lint.context import Finding
    from cards.lint.datematch import Status, date_verdict, describe

    verdict = date_verdict(ctx)
    if verdict.status is not Status.CONVERTED:
        return
    card_date = ctx.card.date
    other = card_date.calendar.other
    yield Finding(
        f"card says {describe(card_date)}; {ctx.label} says {' '.join(verdict.via.text.split())!r}, which matches "
        f"only if the source uses the {other.value} calendar; declare 'calendar: {other.value}' "
        f"for source {ctx.card.citation.source!r}",
        "date",
    )


CALENDAR_UNDECLARED = FunctionRule("D103", "calendar-undeclared", __doc__, Severity.WARNING, function=check)
