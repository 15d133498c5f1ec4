"""Property tests: the linter's text functions never crash, and a card built from its line passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cards.dates import MONTHS, Calendar, HistDate
from cards.lint.finddates import find_dates
from cards.lint.quotes import closest, is_verbatim
from cards.lint.text import passage, support
from cards.lint.datematch import agrees

TEXT = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCJOSN0123456789-/().,;:'’“”…—–•\n")),
               max_size=120)
WORDS = st.lists(st.sampled_from("the army soviet palace workers strike committee decree land peace "
                                 "guards bridge neva congress october".split()), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([None, Calendar.JULIAN, Calendar.GREGORIAN]))
def test_find_dates_never_crashes(text, calendar):
    for found in find_dates(text, calendar):
        assert 0 <= found.start < found.end <= len(text)
        assert found.date.month is None or 1 <= found.date.month <= 12


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_matching_never_crashes(field, cited):
    text = passage(cited)
    support(field, text)
    is_verbatim(field, text.words)
    closest(field, cited)


@settings(max_examples=200, deadline=None)
@given(st.integers(1600, 2000), st.integers(1, 12), st.integers(1, 28), st.booleans(), st.booleans())
def test_a_date_written_on_the_line_matches(year, month, day, julian, ordinal):
    calendar = Calendar.JULIAN if julian else Calendar.GREGORIAN
    written = f"{day}{'th' if ordinal else ''} {MONTHS[month - 1].capitalize()} {year}"
    (found,) = find_dates(f"• On {written}, the soviet met.", calendar)
    card = HistDate(year, month, day, calendar)
    assert agrees(card, found.date)
    other = card.converted(calendar.other)
    assert agrees(other, found.date)


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS, WORDS)
def test_a_quote_cut_from_the_line_is_verbatim(before, quote, after):
    cited = " ".join(before) + " “" + " ".join(quote).capitalize() + "” — " + " ".join(after)
    assert is_verbatim(" ".join(quote), passage(cited).words)
    assert support(" ".join(quote), passage(cited)).ok
