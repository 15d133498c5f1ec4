"""Does the cited text state the card's date? Shared by the D1xx rules.

Both dates are put in one calendar before they are compared: the card's
calendar (card, else deck, else gregorian) against the calendar a source date
is in, which is the one the text states ("O.S.", a "23 October (5 November)"
pair), else the source's declared calendar. When the source declares none, a
literal match passes and a match only after conversion is reported apart
(D103), so the author can declare the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cards.dates import Calendar, HistDate, Precision
from cards.lint.context import CardContext
from cards.lint.finddates import FoundDate, find_dates

_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


class Status(str, Enum):
    MATCH = "match"
    CONVERTED = "converted"  # matches only in the other calendar; the source declares none
    MISMATCH = "mismatch"
    MISSING = "missing"


@dataclass(frozen=True)
class Verdict:
    status: Status
    found: tuple[FoundDate, ...]
    via: FoundDate | None = None  # the date that matched after conversion


def _with_year(found: HistDate, year: int | None) -> HistDate:
    return found if found.year is not None else HistDate(year, found.month, found.day, found.calendar)


def agrees(card: HistDate, found: HistDate) -> bool:
    """True when ``found`` states ``card`` at the card's precision (calendars may differ)."""
    if _RANK[found.precision] < _RANK[card.precision]:
        return False
    if found.year is None and card.precision is Precision.YEAR:
        return False
    found = _with_year(found, card.year)
    if found.precision is Precision.DAY:
        found = found.converted(card.calendar)
        if card.precision is Precision.DAY:
            return (found.year, found.month, found.day) == (card.year, card.month, card.day)
        if card.precision is Precision.MONTH:
            return (found.year, found.month) == (card.year, card.month)
        return found.year == card.year
    if card.precision is Precision.YEAR:
        return found.year == card.year
    # both at month precision
    if found.calendar is card.calendar:
        return (found.year, found.month) == (card.year, card.month)
    a, b = card.span(), found.span()
    return a[0] <= b[1] and b[0] <= a[1]


def date_verdict(ctx: CardContext) -> Verdict:
    return ctx.memo("date-verdict", _verdict)


def _verdict(ctx: CardContext) -> Verdict:
    card = ctx.card
    declared = ctx.source.calendar if ctx.source else None
    found = find_dates(ctx.text, declared)
    if not found:
        return Verdict(Status.MISSING, found)
    converted = None
    for item in found:
        if item.calendar_stated or declared is not None:
            if agrees(card.date, item.date):
                return Verdict(Status.MATCH, found)
            continue
        literal = HistDate(item.date.year, item.date.month, item.date.day, card.date.calendar)
        if agrees(card.date, literal):
            return Verdict(Status.MATCH, found)
        other = HistDate(item.date.year, item.date.month, item.date.day, card.date.calendar.other)
        if converted is None and agrees(card.date, other):
            converted = item
    if converted is not None:
        return Verdict(Status.CONVERTED, found, converted)
    return Verdict(Status.MISMATCH, found)


def describe(date: HistDate) -> str:
    return f"{date.format()} ({date.calendar.value})"


def in_calendar(date: HistDate, calendar: Calendar) -> str | None:
    """'6 November 1917 (gregorian)' for a day-precision date in another calendar."""
    if date.precision is not Precision.DAY or calendar is date.calendar:
        return None
    return describe(date.converted(calendar))
