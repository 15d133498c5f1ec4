"""D101 date-mismatch: the cited text gives a different date from the card's.

Dates are compared at the card's precision (day, month or year) after putting
both in one calendar (see :mod:`cards.lint.datematch`). A text that gives the
date less precisely than the card ("October 1917" for "25 October 1917") does
not support it either.

Passes::

    calendar: julian
    text: • 24th October (6 November): cadets raise the bridges over the Neva
    card: {kind: date, date: 6 November 1917, calendar: gregorian, event: Cadets raise the Neva bridges}

Fails::

    calendar: julian
    text: • 24th October (6 November): cadets raise the bridges over the Neva
    card: {kind: date, date: 25 October 1917, calendar: julian, event: Cadets raise the Neva bridges}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.rule import FunctionRule


def check(ctx, options):
    from cards.lint.context import Finding
    from cards.lint.datematch import Status, date_verdict, describe, in_calendar

    verdict = date_verdict(ctx)
    if verdict.status is not Status.MISMATCH:
        return
    card_date = ctx.card.date
    stated = ", ".join(dict.fromkeys(_shown(item) for item in verdict.found[:4]))
    message = f"card says {describe(card_date)}; {ctx.label} says {stated}"
    calendars = {item.date.calendar for item in verdict.found if item.calendar_stated}
    if ctx.source is not None and ctx.source.calendar is not None:
        calendars.add(ctx.source.calendar)
    for calendar in sorted(calendars - {card_date.calendar}, key=lambda c: c.value):
        other = in_calendar(card_date, calendar)
        if other:
            message += f" (the card's date is {other})"
    yield Finding(message, "date")


def _shown(item) -> str:
    text = " ".join(item.text.split())
    if item.calendar_stated and item.date.calendar.style not in text:
        return f"{text!r} ({item.date.calendar.value})"
    return repr(text)


DATE_MISMATCH = FunctionRule("D101", "date-mismatch", __doc__, Severity.ERROR, function=check)
