"""Unit tests of the linter's text matching and date finding."""

from __future__ import annotations

import pytest

from cards.dates import Calendar, HistDate
from cards.lint.datematch import agrees
from cards.lint.finddates import find_dates
from cards.lint.names import name_found, surname
from cards.lint.quotes import closest, is_verbatim
from cards.lint.text import join_lines, one_edit, passage, support
from cards.lint.words import normalise, words

J, G = Calendar.JULIAN, Calendar.GREGORIAN


def dates(text, calendar=None):
    return [(f.date.year, f.date.month, f.date.day, f.date.calendar.value if f.calendar_stated else None)
            for f in find_dates(text, calendar)]


@pytest.mark.parametrize("text, expected", [
    ("On 25 October 1917 the palace fell", [(1917, 10, 25, None)]),
    ("the 25th October", [(None, 10, 25, None)]),
    ("on the 25th of October, 1917", [(1917, 10, 25, None)]),
    ("October 25, 1917", [(1917, 10, 25, None)]),
    ("October 25th", [(None, 10, 25, None)]),
    ("Oct. 1917", [(1917, 10, None, None)]),
    ("in October 1917", [(1917, 10, None, None)]),
    ("in 1917", [(1917, None, None, None)]),
    ("1917-10-25", [(1917, 10, 25, None)]),
    ("1917-10", [(1917, 10, None, None)]),
    ("23rd October (5 November)", [(None, 10, 23, "julian"), (None, 11, 5, "gregorian")]),
    ("23rd October (5 November) 1917", [(1917, 10, 23, "julian"), (1917, 11, 5, "gregorian")]),
    ("23 October/5 November 1917", [(1917, 10, 23, "julian"), (1917, 11, 5, "gregorian")]),
    ("on 2 (15) March 1917", [(1917, 3, 2, "julian"), (1917, 3, 15, "gregorian")]),
    ("3 September 1658 (O.S.)", [(1658, 9, 3, "julian")]),
    ("5 November 1688 (15 November N.S.)", [(1688, 11, 5, "julian"), (1688, 11, 15, "gregorian")]),
    ("30 January 1648/9", [(1649, 1, 30, None)]),
    ("24–25 October 1917", [(1917, 10, 24, None), (1917, 10, 25, None)]),
    ("the Terror of 1793-94", [(1793, None, None, None), (1794, None, None, None)]),
    ("25 October 1917: it opens. On the 26th it votes", [(1917, 10, 25, None), (1917, 10, 26, None)]),
    ("in late July", [(None, 7, None, None)]),
    ("we may march on the palace", []),
    ("in May they march", [(None, 5, None, None)]),
    ("300 soldiers and 12 guns", []),
    ("on 25 September.", [(None, 9, 25, None)]),
])
def test_find_dates(text, expected):
    assert dates(text) == expected


def test_find_dates_uses_the_declared_calendar_for_plain_dates():
    (found,) = find_dates("on 25 October 1917", J)
    assert found.date.calendar is J and not found.calendar_stated


@pytest.mark.parametrize("card, found, ok", [
    (HistDate(1917, 10, 25, J), HistDate(1917, 11, 7, G), True),
    (HistDate(1917, 10, 25, J), HistDate(None, 11, 7, G), True),
    (HistDate(1917, 10, 25, J), HistDate(1917, 10, 25, G), False),
    (HistDate(1917, 10, None, J), HistDate(1917, 10, 25, J), True),
    (HistDate(1917, 10, 25, J), HistDate(1917, 10, None, J), False),
    (HistDate(1917, None, None, J), HistDate(1917, 10, 25, J), True),
    (HistDate(1917, None, None, J), HistDate(None, 10, 25, J), False),
    (HistDate(1918, 1, 5, J), HistDate(1918, 1, 18, G), True),
])
def test_agrees(card, found, ok):
    assert agrees(card, found) is ok


def test_normalise_and_words():
    assert normalise("“Go out” — it’s Kérensky’s…") == '"go out" - it\'s kerensky\'s...'
    assert words("200,000 workers’ Deputies") == ("200000", "workers", "deputies")
    assert join_lines(["the Military-Revolu-", "tionary Committee"]) == "the Military-Revolutionary Committee"


@pytest.mark.parametrize("a, b, ok", [
    ("officers", "oficers", True), ("organised", "organized", True), ("demonstrations", "demonstartions", True),
    ("session", "sesion", True), ("kamenev", "kamenov", True), ("strike", "strife", True),
    ("abc", "cba", False), ("palace", "place s", False),
])
def test_one_edit(a, b, ok):
    assert one_edit(a, b) is ok


def test_support_tolerates_typos_and_endings_but_not_names_or_numbers():
    text = passage("- Order No. 1 (1 March) tells soldiers to obey the Soviet rather than their oficers.")
    assert support("Order No. 1 told the soldiers to obey their officers", text).ok
    assert not support("Order No. 2 told the soldiers to obey their officers", text).ok
    assert not support("Order No. 1 told the soldiers to obey the Duma", text).ok
    assert not support("Lenin tells soldiers to obey the Soviet", text, frozenset({"lenin"})).ok
    assert support("Lenin tells soldiers to obey the Soviet", text).share >= 0.7


def test_names_are_strict():
    text = passage("Zinoviev and Kamenev vote against; Trotsky’s speech")
    assert name_found("Lev Kamenev", (), text)
    assert not name_found("Lev Kamenov", (), text)
    assert name_found("Leon Trotsky", (), text)  # surname, possessive
    assert surname("Nicholas II") is None and surname("Catherine the Great") is None
    assert not name_found("Nicholas II", (), passage("Nicholas I died"))


def test_quotes():
    cited = "Trotsky: “Go where you belong from now on — into the dustbin of history!”"
    hay = passage(cited).words
    assert is_verbatim("go where you belong from now on - into the dustbin of history", hay)
    assert is_verbatim("Go where you belong … into the dustbin of history!", hay)
    assert is_verbatim("Go where you belong [...] the dustbin of history", hay)
    assert not is_verbatim("Go out where you belong from now on", hay)
    assert not is_verbatim("into the dustbin of history ... Go where you belong", hay)  # reordered
    near = closest("Go out where you belong from now on", cited)
    assert near.text == "Go where you belong from now on"
    assert near.changes == ("added 'out'",)


def test_the_c_stemmer_and_the_python_one_agree_on_every_word_of_the_decks():
    """Lint results must not depend on whether PyStemmer's C build is installed: its stems
    and snowballstemmer's pure-Python ones agree on every word of the example decks, their
    sources and the lint corpus."""
    from pathlib import Path

    from snowballstemmer.english_stemmer import EnglishStemmer

    Stemmer = pytest.importorskip("Stemmer")
    root = Path(__file__).resolve().parent.parent
    vocabulary = set()
    for path in [*root.glob("decks/**/*.*"), *root.glob("tests/lint_corpus/**/*.*")]:
        vocabulary.update(words(path.read_text(encoding="utf-8")))
    assert len(vocabulary) > 1000
    c, python = Stemmer.Stemmer("english"), EnglishStemmer()
    assert [w for w in sorted(vocabulary) if c.stemWord(w) != python.stemWord(w)] == []
