"""Historical dates in two calendars, at day, month or year precision.

Russia kept the Julian calendar (Old Style) until February 1918, so a 1917
source may say 25 October where another says 7 November. A :class:`HistDate`
knows its calendar and precision and converts through the Julian Day Number,
which is exact for both calendars in any year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Calendar(str, Enum):
    GREGORIAN = "gregorian"
    JULIAN = "julian"

    @property
    def style(self) -> str:
        return "N.S." if self is Calendar.GREGORIAN else "O.S."

    @property
    def label(self) -> str:
        return "New Style (Gregorian)" if self is Calendar.GREGORIAN else "Old Style (Julian)"

    @property
    def other(self) -> Calendar:
        return Calendar.JULIAN if self is Calendar.GREGORIAN else Calendar.GREGORIAN


class Precision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBERS.update({name[:3]: i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NUMBERS["sept"] = 9


def month_number(word: str) -> int | None:
    return _MONTH_NUMBERS.get(word.lower().rstrip("."))


def days_in_month(year: int, month: int, calendar: Calendar) -> int:
    if month == 2:
        leap = year % 4 == 0
        if calendar is Calendar.GREGORIAN:
            leap = leap and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def to_jdn(year: int, month: int, day: int, calendar: Calendar) -> int:
    """Julian Day Number of a calendar date (the standard integer algorithm)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    if calendar is Calendar.GREGORIAN:
        jdn += -(y // 100) + y // 400 + 38
    return jdn


def from_jdn(jdn: int, calendar: Calendar) -> tuple[int, int, int]:
    if calendar is Calendar.GREGORIAN:
        a = jdn + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return year, month, day


@dataclass(frozen=True)
class HistDate:
    """A date as a card or a source states it.

    ``month`` is None at year precision; ``day`` is None at month and year
    precision. ``year`` is None only for dates read from a source line that
    gives day and month alone ("on 25 October").
    """

    year: int | None
    month: int | None
    day: int | None
    calendar: Calendar

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def span(self) -> tuple[int, int]:
        """First and last Julian Day Number this date covers (needs a year)."""
        assert self.year is not None
        if self.day is not None:
            jdn = to_jdn(self.year, self.month, self.day, self.calendar)
            return jdn, jdn
        if self.month is not None:
            last = days_in_month(self.year, self.month, self.calendar)
            return (
                to_jdn(self.year, self.month, 1, self.calendar),
                to_jdn(self.year, self.month, last, self.calendar),
            )
        return to_jdn(self.year, 1, 1, self.calendar), to_jdn(self.year, 12, 31, self.calendar)

    def converted(self, calendar: Calendar) -> HistDate:
        """The same day in another calendar. Only day precision converts exactly."""
        if calendar is self.calendar or self.precision is not Precision.DAY or self.year is None:
            return HistDate(self.year, self.month, self.day, calendar)
        y, m, d = from_jdn(self.span()[0], calendar)
        return HistDate(y, m, d, calendar)

    def format(self) -> str:
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTHS[self.month - 1].capitalize())
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)

    def format_styled(self) -> str:
        return f"{self.format()} ({self.calendar.style})"

    def __str__(self) -> str:
        return self.format()


class DateParseError(ValueError):
    pass


_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([A-Za-z]{3,9})\.?"
_PATTERNS = [
    ("ymd", re.compile(r"^(\d{3,4})-(\d{1,2})-(\d{1,2})$")),
    ("ym", re.compile(r"^(\d{3,4})-(\d{1,2})$")),
    ("y", re.compile(r"^(\d{3,4})$")),
    ("dmy", re.compile(rf"^{_ORD}\s+(?:of\s+)?{_MONTH},?\s+(\d{{3,4}})$", re.I)),
    ("mdy", re.compile(rf"^{_MONTH}\s+{_ORD},?\s+(\d{{3,4}})$", re.I)),
    ("my", re.compile(rf"^{_MONTH},?\s+(\d{{3,4}})$", re.I)),
]


def parse_date(text: str, calendar: Calendar) -> HistDate:
    """Parse a card's date: '25 October 1917', '25th October 1917',
    'October 25, 1917', 'October 1917', '1917', '1917-10-25' or '1917-10'."""
    cleaned = " ".join(str(text).split())
    for form, pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        groups = match.groups()
        if form == "ymd":
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif form == "ym":
            year, month, day = int(groups[0]), int(groups[1]), None
        elif form == "y":
            year, month, day = int(groups[0]), None, None
        elif form == "dmy":
            day, month, year = int(groups[0]), month_number(groups[1]), int(groups[2])
        elif form == "mdy":
            month, day, year = month_number(groups[0]), int(groups[1]), int(groups[2])
        else:
            month, day, year = month_number(groups[0]), None, int(groups[1])
        if month is None and form in ("dmy", "mdy", "my"):
            raise DateParseError(f"unknown month in {text!r}")
        return _checked(year, month, day, calendar, text)
    raise DateParseError(
        f"cannot read {text!r} as a date; write it as '25 October 1917', "
        "'October 1917', '1917' or '1917-10-25'"
    )


def _checked(year: int, month: int | None, day: int | None, calendar: Calendar, text: str) -> HistDate:
    if month is not None and not 1 <= month <= 12:
        raise DateParseError(f"month {month} does not exist in {text!r}")
    if day is not None and not 1 <= day <= days_in_month(year, month, calendar):
        raise DateParseError(
            f"{text!r} does not exist in the {calendar.value} calendar "
            f"({MONTHS[month - 1].capitalize()} {year} has {days_in_month(year, month, calendar)} days)"
        )
    return HistDate(year, month, day, calendar)


# --- where both calendars were in use ----------------------------------------------------------

#: The Gregorian calendar's first day anywhere (15 October 1582 N.S.).
GREGORIAN_START = to_jdn(1582, 10, 15, Calendar.GREGORIAN)
#: Each country a deck may name in ``conversion:``, with its first day on the Gregorian
#: calendar alone: Russia's 31 January 1918 (O.S.) was followed by 14 February 1918 (N.S.).
SWITCHES = {"russia": ("Russia", to_jdn(1918, 2, 14, Calendar.GREGORIAN))}
#: The choices of a deck's ``conversion:``.
CONVERSIONS = (*SWITCHES, "none")


def both_in_use(date: HistDate, country: str | None) -> bool:
    """Whether ``country`` had both calendars in use on every day ``date`` covers, so that
    the date has an equivalent in the other one worth showing."""
    if country not in SWITCHES or date.year is None:
        return False
    first, last = date.span()
    return GREGORIAN_START <= first and last < SWITCHES[country][1]


def after_switch(date: HistDate, country: str | None) -> str | None:
    """For a Julian date on or after ``country``'s switch to the Gregorian calendar, what is
    wrong with it and the date to write instead; None when it is fine."""
    if country not in SWITCHES or date.calendar is not Calendar.JULIAN or date.year is None:
        return None
    name, switch = SWITCHES[country]
    if date.span()[0] < switch:
        return None
    last_julian = HistDate(*from_jdn(switch - 1, Calendar.JULIAN), Calendar.JULIAN)
    first_gregorian = HistDate(*from_jdn(switch, Calendar.GREGORIAN), Calendar.GREGORIAN)
    problem = (f"{date.format()} (Old Style) is after {name}'s switch to the Gregorian calendar "
               f"({last_julian.format()} O.S. was followed by {first_gregorian.format()} N.S.): "
               "no such Old Style day was used there")
    if date.precision is Precision.DAY:
        return f"{problem}; write 'date: {date.converted(Calendar.GREGORIAN).format()}' with 'calendar: gregorian'"
    return f"{problem}; write the date in the Gregorian calendar, with 'calendar: gregorian'"
