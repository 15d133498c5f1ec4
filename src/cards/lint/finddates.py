"""Find the dates stated in free text.

``find_dates`` reads the forms history notes use::

    25 October 1917      25th October 1917     25th of October, 1917
    October 25, 1917     October 25th          25th October
    Oct. 1917            October 1917          in October
    1917                 1917-10-25            1917-10
    24-25 October 1917   23rd October (5 November) 1917
    23 October/5 November 1917                 25 October (O.S.)

A date may run into a capitalised word glued to it ("5 JulyThe Austrian...",
"1914Archduke"), as in text pasted from the web. A date may lack its year ("on 25 October"); a lone month needs a capital and,
for May and March, a preposition before it, so "may" and "march" as verbs are
not dates. A date followed by "O.S."/"Old Style" or "N.S."/"New Style" carries
that calendar. Two dates written as a pair, "23 October (5 November)" or
"23 October/5 November", that are the same day in the two calendars, are
marked Julian and Gregorian accordingly; a year written on one side of such a
pair is given to the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cards.dates import Calendar, HistDate, Precision, days_in_month, from_jdn, month_number, to_jdn
from cards.lint.words import ONE_TO_ONE as _ONE_TO_ONE

_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_M = rf"(?P<{{n}}>{_MONTH_NAMES})\.?"
_D = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{n}>\d{{3,4}}(?:/\d{{1,2}}(?!\d))?)(?!\d)"  # 1649, or 1648/9 (Old Style year)


def _g(template: str, name: str) -> str:
    return template.format(n=name)


#: A date ends where a word does, or where a capitalised word glued to it starts: text
#: pasted from the web runs "5 July" into "The Austrian..." as "5 JulyThe Austrian".
_END = r"(?!(?-i:[^\W_A-Z]))"

# Alternatives are tried left to right at each position, longest forms first.
_DATE = re.compile(
    r"(?<!\w)(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))(?:"
    # 1917-10-25, 1917-10
    rf"(?P<iso_y>\d{{4}})-(?P<iso_m>[01]?\d)(?:-(?P<iso_d>[0-3]?\d))?(?![\d-])"
    # 2 (15) March 1917, 2/15 March 1917 (a pair of calendars: two dates)
    rf"|{_g(_D, 'p1')}\s*[\(/\[]\s*{_g(_D, 'p2')}\s*[\)\]]?\s+(?:of\s+)?{_g(_M, 'pm')}(?:,?\s+{_g(_Y, 'py')})?"
    # 24-25 October 1917 (a day range: two dates)
    rf"|{_g(_D, 'r1')}\s*-\s*{_g(_D, 'r2')}\s+(?:of\s+)?{_g(_M, 'rm')}(?:,?\s+{_g(_Y, 'ry')})?"
    # 25 October 1917, 25th of October, 1917, 25 October
    rf"|{_g(_D, 'dd')}\s+(?:of\s+)?{_g(_M, 'dm')}(?:,?\s+{_g(_Y, 'dy')})?"
    # October 25, 1917, October 25th
    rf"|{_g(_M, 'mm')}\s+{_g(_D, 'md')}(?![\d])(?!\s*-\s*\d)(?:,?\s+{_g(_Y, 'my')})?"
    # October 1917, Oct. 1917
    rf"|{_g(_M, 'ym')},?\s+{_g(_Y, 'yy')}"
    # 1793-94, 1789-1794 (a range of years: two dates)
    r"|(?P<ya>\d{4})\s*-\s*(?P<yb>\d{2}|\d{4})(?![\d-])"
    # "the 26th": a day whose month is the one last named
    r"|(?<=the\s)(?P<od>[0-3]?\d)(?:st|nd|rd|th)(?!\s*(?:of\s+)?" + _MONTH_NAMES + r"\b)"
    # a month alone
    rf"|(?P<om>{_MONTH_NAMES}){_END}"
    # a year alone
    r"|(?P<oy>\d{4})(?![\d-]|\s*(?:st|nd|rd|th)\b)"
    rf"){_END}",
    re.IGNORECASE,
)
_STYLE = re.compile(
    r"\s*[\(\[]?\s*(?:(?P<os>o\.\s?s\.?|old style|julian)|(?P<ns>n\.\s?s\.?|new style|gregorian))(?![a-z])",
    re.IGNORECASE,
)
_FULL_MONTHS = frozenset(
    "january february march april may june july august september october november december".split())
_YEAR_AFTER = re.compile(r"\s*[\)\]]\s*,?\s*$")
_PAIR_OPEN = re.compile(r"\s*(?:\(|/|\[)\s*$")
_PREPOSITIONS = re.compile(r"(?:\b(?:in|of|by|since|until|till|from|during|early|late|mid|end|beginning|"
                           r"before|after|that|this|last|next|to|and|or)\s*-?\s*)$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: where it is, as written, and its calendar if the text says."""

    date: HistDate  # calendar is the one stated, or the caller's default
    start: int
    end: int
    text: str
    calendar_stated: bool = False  # by a marker (O.S., N.S.) or by a pair

    @property
    def precision(self) -> Precision:
        return self.date.precision


def _year(value: str | None) -> int | None:
    """1917 -> 1917; an Old Style double year 1648/9 -> 1649 (the year as counted from 1 January)."""
    if not value:
        return None
    if "/" in value:
        first, second = value.split("/")
        year = int(first[: len(first) - len(second)] + second)
        return year if year > int(first) else year + 10 ** len(second)
    return int(value)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        limit = days_in_month(year if year is not None else 2000, month, Calendar.JULIAN)
        if not 1 <= day <= limit:
            return False
    return True


@lru_cache(maxsize=16384)
def find_dates(text: str, calendar: Calendar | None = None) -> tuple[FoundDate, ...]:
    """Every date in ``text``, in order. Dates the text does not place in a calendar
    get ``calendar`` (gregorian when None; see ``calendar_stated``)."""
    default = calendar or Calendar.GREGORIAN
    plain = text.translate(_ONE_TO_ONE)  # dashes made plain, same length as text
    found: list[FoundDate] = []
    paired: set[int] = set()  # index of the first of two dates written as one pair
    for match in _DATE.finditer(plain):
        g = match.groupdict()
        start, end = match.span()
        items: list[tuple[int | None, int | None, int | None]] = []
        if g["iso_y"] and not g["iso_d"] and int(g["iso_m"]) > 12:  # 1917-18: two years
            first = int(g["iso_y"])
            items += [(first, None, None), (first // 100 * 100 + int(g["iso_m"]), None, None)]
        elif g["iso_y"]:
            items.append((int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]) if g["iso_d"] else None))
        elif g["p1"]:
            month, year = month_number(g["pm"]), _year(g["py"])
            items += [(year, month, int(g["p1"])), (year, month, int(g["p2"]))]
            paired.add(len(found))
        elif g["r1"]:
            month, year = month_number(g["rm"]), _year(g["ry"])
            items += [(year, month, int(g["r1"])), (year, month, int(g["r2"]))]
        elif g["dd"]:
            items.append((_year(g["dy"]), month_number(g["dm"]), int(g["dd"])))
        elif g["mm"]:
            items.append((_year(g["my"]), month_number(g["mm"]), int(g["md"])))
        elif g["ym"]:
            items.append((int(g["yy"]), month_number(g["ym"]), None))
        elif g["ya"]:
            first, second = int(g["ya"]), g["yb"]
            last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if not 1000 <= first < last <= 2199:
                continue
            items += [(first, None, None), (last, None, None)]
        elif g["od"]:
            before = [f.date for f in found if f.date.month is not None]
            if not before:
                continue
            items.append((before[-1].year, before[-1].month, int(g["od"])))
        elif g["om"]:
            word = text[start:end]
            if not word[:1].isupper() or len(word) == 3 and word.lower() not in ("may",):
                continue  # "Oct" alone is too often something else
            if word.lower() in ("may", "march") and not _PREPOSITIONS.search(plain[:start]):
                continue
            items.append((None, month_number(g["om"]), None))
        elif g["oy"]:
            year = int(g["oy"])
            if not 1000 <= year <= 2199:
                continue
            items.append((year, None, None))
        if plain[end - 1] == "." and plain[start:end - 1].rsplit(None, 1)[-1].lower() in _FULL_MONTHS:
            end -= 1  # the full stop of the sentence, not of an abbreviation
        stated = None
        style = _STYLE.match(plain, end)
        if style:
            stated = Calendar.JULIAN if style.group("os") else Calendar.GREGORIAN
            end = style.end()
            if style.group(0).lstrip()[:1] in "([":
                close = plain.find(")", end, end + 2)
                end = close + 1 if close >= 0 else end
        for year, month, day in items:
            if month is None and day is None and year is None:
                continue
            if not _valid(year, month, day):
                continue
            found.append(FoundDate(HistDate(year, month, day, stated or default), start, end,
                                   text[start:end], stated is not None))
    return tuple(_pairs(found, plain, paired))


#: Years whose Julian-Gregorian gap (10, 11, 12 and 13 days) is tried for a pair without a year.
_GAP_YEARS = (1650, 1750, 1850, 1917)


def _gregorian_of(year: int, month: int, day: int) -> tuple[int, int, int]:
    return from_jdn(to_jdn(year, month, day, Calendar.JULIAN), Calendar.GREGORIAN)


def _pair_years(jul: HistDate, greg: HistDate) -> tuple[int | None, int | None] | None:
    """Years of a Julian/Gregorian pair if the two are one day, else None."""
    if jul.year is not None:
        tries = [jul.year]
    elif greg.year is not None:
        tries = [greg.year, greg.year - 1]
    else:
        tries = list(_GAP_YEARS)
    for year in tries:
        gy, gm, gd = _gregorian_of(year, jul.month, jul.day)
        if (gm, gd) == (greg.month, greg.day) and (greg.year is None or greg.year == gy):
            if jul.year is None and greg.year is None:
                return None, None
            return year, gy
    return False  # type: ignore[return-value]


def _pairs(found: list[FoundDate], plain: str, paired: set[int]) -> list[FoundDate]:
    """Mark 'D Month (D Month)' pairs as Julian and Gregorian; share a year across the pair."""
    result = list(found)
    written_as_pair = [i in paired for i in range(len(result))]
    i = -1
    while i < len(result) - 2:
        i += 1
        a, b = result[i], result[i + 1]
        if a.precision is not Precision.DAY or b.precision is not Precision.DAY:
            continue
        if not written_as_pair[i] and (b.start - a.end > 4 or not _PAIR_OPEN.match(plain[a.end:b.start])):
            continue
        # "23 October (5 November) 1917": the year after the bracket belongs to the pair
        if i + 2 < len(result) and b.date.year is None and a.date.year is None:
            c = result[i + 2]
            if c.precision is Precision.YEAR and _YEAR_AFTER.match(plain[b.end:c.start]):
                b = replace(b, date=replace(b.date, year=c.date.year), end=c.end)
                del result[i + 2]
                del written_as_pair[i + 2]
        for jul, greg in ((a, b), (b, a)):
            years = _pair_years(jul.date, greg.date)
            if years is False:
                continue
            jy, gy = years
            new = {
                id(jul): replace(jul, date=HistDate(jy, jul.date.month, jul.date.day, Calendar.JULIAN),
                                 calendar_stated=True),
                id(greg): replace(greg, date=HistDate(gy, greg.date.month, greg.date.day, Calendar.GREGORIAN),
                                  calendar_stated=True),
            }
            result[i], result[i + 1] = new[id(a)], new[id(b)]
            break
    return result
