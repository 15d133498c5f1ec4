"""Calendar rules: a date shows the other calendar only where both were in use (Russia until
31 January 1918 O.S.), a Julian date after the switch is an error suggesting the Gregorian date,
and the front of a date card says which calendar to answer in when the deck uses both. What the
student sees is checked in a real Anki collection."""

from __future__ import annotations

import re
from html import unescape

import pytest

from cards.dates import Calendar, after_switch, both_in_use, parse_date

from conftest import write

J, G = Calendar.JULIAN, Calendar.GREGORIAN


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _project(tmp_path, header: str, dates: list[tuple[str, str | None]]):
    """A deck with one date card per (date, calendar) in ``dates``, each citing its own line."""
    lines = ["Notes on Russia", "Dates as each line says."]
    cards = []
    for n, (date, calendar) in enumerate(dates, start=1):
        lines.append(f"- On {date} event number {n} happened.")
        cards.append(f"  - id: event-{n}\n    kind: date\n    date: {date}\n"
                     + (f"    calendar: {calendar}\n" if calendar else "")
                     + f"    event: Event number {n} happened\n    source: notes:{n + 2}\n")
    write(tmp_path / "decks" / "sources" / "notes.txt", "\n".join(lines) + "\n")
    (tmp_path / "decks" / "dates.yaml").write_text(
        f'deck: "Dates"\nid: dates\n{header}sources:\n  notes: sources/notes.txt\ncards:\n' + "".join(cards),
        encoding="utf-8")
    return tmp_path


def _shown(project, cards, anki) -> dict[tuple[str, str], tuple[str, str]]:
    """(card id, template) -> (question text, answer text), as Anki shows them."""
    result = cards("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr + result.stdout
    anki.import_package(project / "build" / "dates.apkg")
    shown = {}
    for card in anki.cards():
        card_id = _text(card.answer).split()[-1]
        shown[card_id, card.template] = (_text(card.question), _text(card.answer))
    return shown


# --- the rules ----------------------------------------------------------------------------------


def test_both_calendars_were_in_use_in_russia_until_31_january_1918_old_style():
    assert both_in_use(parse_date("25 October 1917", J), "russia")
    assert both_in_use(parse_date("31 January 1918", J), "russia")
    assert both_in_use(parse_date("13 February 1918", G), "russia")
    assert not both_in_use(parse_date("14 February 1918", G), "russia")
    assert not both_in_use(parse_date("3 March 1918", G), "russia")
    assert not both_in_use(parse_date("25 October 1917", J), None)
    assert not both_in_use(parse_date("1500", J), "russia")  # before there was a Gregorian calendar


def test_a_julian_date_after_the_switch_is_wrong_and_the_gregorian_one_is_suggested():
    assert after_switch(parse_date("31 January 1918", J), "russia") is None
    message = after_switch(parse_date("1 February 1918", J), "russia")
    assert "14 February 1918" in message and "calendar: gregorian" in message
    assert "16 March 1918" in after_switch(parse_date("3 March 1918", J), "russia")
    assert after_switch(parse_date("3 March 1918", G), "russia") is None
    assert after_switch(parse_date("3 March 1918", J), None) is None


# --- as the deck is checked ----------------------------------------------------------------------


def test_lint_reports_a_julian_date_after_the_switch_at_its_line(tmp_path, cards):
    project = _project(tmp_path, "calendar: julian\n", [("31 January 1918", None), ("1 February 1918", None)])
    result = cards("lint", cwd=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    deck = (project / "decks" / "dates.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(deck, start=1) if "date: 1 February 1918" in text)
    assert re.search(rf"decks/dates\.yaml:{line}:\d+: .*1 February 1918.*14 February 1918", output), output
    assert "31 January 1918" not in output.replace("31 January 1918 O.S. was followed", "")


def test_conversion_none_lets_a_julian_deck_go_on_past_1918_without_conversions(tmp_path, cards, anki):
    project = _project(tmp_path, "calendar: julian\nconversion: none\n", [("25 October 1917", None), ("1 March 1918", None)])
    shown = _shown(project, cards, anki)
    for (card_id, template), (question, answer) in shown.items():
        assert "Style" not in question + answer and "=" not in answer, (card_id, template, answer)


def test_an_unknown_conversion_is_refused(tmp_path, cards):
    project = _project(tmp_path, "conversion: france\n", [("1 March 1918", None)])
    result = cards("lint", cwd=project)
    assert result.returncode != 0 and "'france' is not a conversion" in result.stdout + result.stderr


# --- what the student sees in Anki ---------------------------------------------------------------


def test_a_deck_without_julian_dates_shows_no_conversion_and_no_calendar(tmp_path, cards, anki):
    project = _project(tmp_path, "", [("28 June 1914", None), ("4 August 1914", None)])
    shown = _shown(project, cards, anki)
    assert len(shown) == 4
    for (card_id, template), (question, answer) in shown.items():
        assert "Style" not in question + answer and "Answer in" not in question, (card_id, template)
        assert "=" not in answer
    assert "28 June 1914" in shown["event-1", "Event \u2192 Date"][1]


def test_a_deck_using_both_says_which_calendar_on_the_front_and_converts_on_the_dates_line(tmp_path, cards, anki):
    project = _project(tmp_path, "calendar: julian\n", [("25 October 1917", None), ("3 March 1918", "gregorian")])
    shown = _shown(project, cards, anki)
    question, answer = shown["event-1", "Event \u2192 Date"]
    assert "Answer in Old Style" in question and "25 October" not in question
    assert "25 October 1917 (Old Style) = 7 November 1917 (New Style)" in answer
    question, answer = shown["event-1", "Date \u2192 Event"]
    assert "25 October 1917 (Old Style)" in question and "7 November" not in question
    assert "25 October 1917 (Old Style) = 7 November 1917 (New Style)" in answer
    # After the switch Russia used one calendar: the front still says which, the back has no conversion.
    question, answer = shown["event-2", "Event \u2192 Date"]
    assert "Answer in New Style" in question
    assert "3 March 1918 (New Style)" in answer and "=" not in answer and "Old Style" not in answer


def test_the_date_and_its_conversion_are_in_one_element_of_the_back(tmp_path, cards, anki):
    project = _project(tmp_path, "calendar: julian\n", [("25 October 1917", None)])
    result = cards("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    anki.import_package(project / "build" / "dates.apkg")
    for card in anki.cards():
        lines = [_text(m) for m in re.findall(r'<div class="[^"]*date-line[^"]*">(.*?)</div>', card.answer, re.S)]
        assert lines == ["25 October 1917 (Old Style) = 7 November 1917 (New Style)"], card.answer


# --- the example decks ----------------------------------------------------------------------------


def _example_dates():
    from cards.build import check, default_deck_paths
    from conftest import REPO

    checked = check(default_deck_paths(REPO))
    return [(deck, card) for _, deck in checked.decks for card in deck.cards if card.kind == "date"]


def test_no_example_deck_mixes_calendars_for_dates_of_the_same_period():
    """While Russia used both calendars every date of a deck is in one of them (Old Style), so
    that the cards' order is the real one; after the switch, only the Gregorian was in use."""
    from cards.dates import SWITCHES

    by_deck: dict[str, set] = {}
    for deck, card in _example_dates():
        if both_in_use(card.date, "russia"):
            by_deck.setdefault(deck.id, set()).add(card.date.calendar)
        elif card.date.span()[0] >= SWITCHES["russia"][1]:
            assert card.date.calendar is G, (deck.id, card.id, card.date)
    assert by_deck and all(calendars == {J} for calendars in by_deck.values()), by_deck


def test_no_example_date_after_russias_switch_shows_a_conversion():
    from cards.dates import SWITCHES

    after = [(deck.id, card) for deck, card in _example_dates() if card.date.span()[0] >= SWITCHES["russia"][1]]
    assert after, "the decks should have dates after the switch (Brest-Litovsk)"
    assert all(card.other is None for _, card in after), [(d, c.id, c.other) for d, c in after if c.other]
    before = [card for _, card in _example_dates() if both_in_use(card.date, "russia") and card.date.day]
    assert before and all(card.other is not None and card.other.calendar is G for card in before)


def test_the_example_cards_in_anki_show_the_calendar_where_it_applies(tmp_path, cards, anki):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "decks", tmp_path / "decks")
    result = cards("build", "--no-pdf", "decks/russia-1917-october.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    anki.import_package(tmp_path / "build" / "russia-1917-october.apkg")
    shown = {}
    for card in anki.cards():  # the question, and the line of the back that has the date
        lines = re.findall(r'<div class="[^"]*date-line[^"]*">(.*?)</div>', card.answer, re.S)
        shown[_text(card.answer).split()[-1], card.template] = (_text(card.question), " ".join(map(_text, lines)))
    question, answer = shown["winter-palace-falls", "Event \u2192 Date"]
    assert "Answer in Old Style" in question
    assert "26 October 1917 (Old Style) = 8 November 1917 (New Style)" in answer
    question, answer = shown["treaty-of-brest-litovsk-signed", "Event \u2192 Date"]
    assert "Answer in New Style" in question
    assert answer == "3 March 1918 (New Style)"
    question, answer = shown["cheka-founded", "Event \u2192 Date"]
    assert "7 December 1917 (Old Style) = 20 December 1917 (New Style)" in answer
