"""Dates in both calendars: what a deck author may write, and how the calendars line up."""

import pytest

from cards.dates import Calendar, DateParseError, HistDate, Precision, parse_date

J, G = Calendar.JULIAN, Calendar.GREGORIAN


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25 October 1917", HistDate(1917, 10, 25, J)),
        ("25th October 1917", HistDate(1917, 10, 25, J)),
        ("1st of March 1917", HistDate(1917, 3, 1, J)),
        ("October 25, 1917", HistDate(1917, 10, 25, J)),
        ("Oct. 25, 1917", HistDate(1917, 10, 25, J)),
        ("1917-10-25", HistDate(1917, 10, 25, J)),
        ("October 1917", HistDate(1917, 10, None, J)),
        ("1917-10", HistDate(1917, 10, None, J)),
        ("1917", HistDate(1917, None, None, J)),
        ("  25   October\n1917 ", HistDate(1917, 10, 25, J)),
    ],
)
def test_card_dates_are_read_in_every_documented_form(text, expected):
    assert parse_date(text, J) == expected


def test_precision_follows_what_the_date_gives():
    assert parse_date("25 October 1917", G).precision is Precision.DAY
    assert parse_date("October 1917", G).precision is Precision.MONTH
    assert parse_date("1917", G).precision is Precision.YEAR


@pytest.mark.parametrize("text", ["Octobre 1917", "25 Smarch 1917", "the 25th", "1917/10/25", "", "25 13 1917", "1917-13-01"])
def test_unreadable_dates_are_errors(text):
    with pytest.raises(DateParseError):
        parse_date(text, G)


def test_29_february_1900_exists_only_in_the_julian_calendar():
    assert parse_date("29 February 1900", J).day == 29
    with pytest.raises(DateParseError, match="February 1900 has 28 days"):
        parse_date("29 February 1900", G)


@pytest.mark.parametrize(
    "old_style, new_style",
    [
        ((1917, 10, 25), (1917, 11, 7)),  # the October Revolution
        ((1917, 2, 23), (1917, 3, 8)),  # the February Revolution
        ((1917, 4, 3), (1917, 4, 16)),  # Lenin reaches Petrograd
        ((1918, 1, 31), (1918, 2, 13)),  # the last Old Style day in Russia
        ((1582, 10, 5), (1582, 10, 15)),  # the first Gregorian day
        ((1900, 2, 29), (1900, 3, 13)),  # the day the calendars drift to 13 days apart
    ],
)
def test_old_style_converts_to_new_style(old_style, new_style):
    assert HistDate(*old_style, J).converted(G) == HistDate(*new_style, G)
    assert HistDate(*new_style, G).converted(J) == HistDate(*old_style, J)


def test_month_and_year_dates_do_not_pretend_to_convert_exactly():
    october = HistDate(1917, 10, None, J)
    assert october.converted(G) == HistDate(1917, 10, None, G)
    first, last = october.span()
    assert last - first == 30


def test_dates_print_as_people_write_them():
    assert HistDate(1917, 10, 25, J).format_styled() == "25 October 1917 (O.S.)"
    assert HistDate(1917, 11, None, G).format() == "November 1917"
