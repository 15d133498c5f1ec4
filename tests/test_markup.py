"""**bold** and *italic*: one reading of a card's text for Anki and for print."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cards.render.markup import field_html, runs


def test_runs_split_the_text_as_anki_shows_it():
    assert runs("The **Bolsheviks** seize *power*") == [
        ["The ", ""], ["Bolsheviks", "b"], [" seize ", ""], ["power", "i"]]
    assert runs("**bold *and italic***")[-1] == ["and italic", "bi"]
    assert runs("no formatting here") is None
    assert runs("2 * 3 * 4 and a lone * star") is None  # not formatting, in Anki either


def test_other_markup_in_a_run_stays_plain_text():
    assert runs("<b>x</b> & **y [sound:z.mp3]**") == [["<b>x</b> & ", ""], ["y [sound:z.mp3]", "b"]]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *<&[]\n", max_size=30))
def test_the_runs_hold_exactly_the_text_anki_shows(text):
    found = runs(text)
    shown = html.unescape(re.sub(r"</?[bi]>", "", field_html(text).replace("<br>", "\n")))
    if found is None:
        assert "<b>" not in field_html(text) and "<i>" not in field_html(text)
    else:
        assert "".join(words for words, _ in found) == shown
        assert all(style in ("b", "i", "bi", "") for _, style in found)


def test_quotes_and_apostrophes_stay_as_typed_so_anki_search_finds_them():
    from cards.render.markup import field_html

    assert field_html("the tsar's \"order\" <b>") == "the tsar's \"order\" &lt;b&gt;"
