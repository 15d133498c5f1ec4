"""Date cards: an event and the day, month or year it happened, in a stated calendar.

Forward card: the event, asking when; reverse: the date, asking what happened.
The back shows the date in its own calendar and, for a full date on a day when
both calendars were in use where the deck is set (``conversion:``; Russia kept
the Julian calendar until 31 January 1918 O.S.), in the other one on the same
line. When the deck uses both calendars, the front says which to answer in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Mapping

from cards.checks import Invalid, calendar, text
from cards.dates import Calendar, DateParseError, HistDate, Precision, after_switch, both_in_use, parse_date
from cards.kinds.base import REVERSE, Example, Facts, Field, Kind, NoteType, detail, main, prompt, strong
from cards.lint.rules.d103_calendar_undeclared import CALENDAR_UNDECLARED
from cards.lint.rules.d101_date_mismatch import DATE_MISMATCH
from cards.lint.rules.d102_date_missing import DATE_MISSING
from cards.lint.rules.supported import Supported
from cards.lint.rules.same_way import SameWay
from cards.model import Card


@dataclass(frozen=True)
class DateCard(Card):
    kind: ClassVar[str] = "date"
    date: HistDate = None  # type: ignore[assignment]
    event: str = ""
    #: The same day in the other calendar, where both were in use; else None.
    other: HistDate | None = None
    #: Whether the deck uses both calendars, so the card says which its date is in.
    both: bool = False
    #: False: the card has no reverse (its note is of the one-way note type)
    reverse: bool = True


def _attributes(values: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    try:
        date = parse_date(values["date"], values.get("calendar", defaults["calendar"]))
    except DateParseError as exc:
        raise Invalid(str(exc), field="date") from None
    # The deck's country ("russia"), or None for no conversion; without a deck's word,
    # a Julian date is taken to be Russian.
    country = defaults.get("conversion", "russia" if date.calendar is Calendar.JULIAN else None)
    country = None if country == "none" else country
    wrong = after_switch(date, country)
    if wrong:
        raise Invalid(wrong, field="date")
    other = None
    if date.precision is Precision.DAY and both_in_use(date, country):
        other = date.converted(date.calendar.other)
    return {"date": date, "event": values["event"], "other": other, "both": country is not None}


def _style(calendar: Calendar) -> str:
    return calendar.label.split(" (")[0]  # "Old Style", "New Style"


def _anki_values(card: DateCard) -> tuple[str, ...]:
    date, other = card.date, card.other
    shown = f"{other.format()} ({_style(other.calendar)})" if other else ""
    return (card.event, date.format(), _style(date.calendar) if card.both else "", shown)


def _print_values(card: DateCard) -> dict[str, Any]:
    date, other = card.date, card.other
    data = {"event": card.event, "date": date.format(), "calendar": "", "other_date": "", "other_calendar": "",
            "ask": "", "calendar_line": ""}
    if card.both:
        data.update(calendar=date.calendar.label, ask=f"Answer in {date.calendar.label}",
                    calendar_line=date.calendar.label)
    if other:
        data.update(other_date=other.format(), other_calendar=other.calendar.label,
                    calendar_line=f"{date.calendar.label} = {other.format()}, {other.calendar.label}")
    return data


KIND = Kind(
    name="date",
    label="Date",
    doc="An event and when it happened.",
    fields=(
        Field("date", text, required=True, compare="date",
              doc='"25 October 1917", "25th October 1917", "October 1917", "1917" or "1917-10-25"'),
        Field("calendar", calendar, stored=False, doc="the date's calendar: gregorian or julian (default: the deck's)"),
        Field("event", text, required=True, rich=True, compare="content", doc="what happened"),
        REVERSE,
    ),
    card=DateCard,
    finish=_attributes,
    note_type=NoteType("cards: Date", ("Event", "Date", "Calendar", "OtherDate"),
                       "Event \u2192 Date", "Date \u2192 Event"),
    anki_values=_anki_values,
    print_values=_print_values,
    front=(prompt("When?"), main("event"), detail("ask")),
    back=(strong("date"), detail("calendar_line")),
    facts=Facts(question="event", answer="date", one_answer=False, check_contradictions=True),
    example=Example("- On 25 October 1917 the Winter Palace was stormed and the ministers arrested.",
                    {"date": "25 October 1917", "calendar": "julian", "event": "The Winter Palace is stormed"}),
    rules=(
        DATE_MISMATCH,
        DATE_MISSING,
        CALENDAR_UNDECLARED,
        Supported("D110", "event-unsupported", field="event", doc="""\
D110 event-unsupported: the cited text does not mention the card's event.

The event's content words must be supported by the cited text: stop words are
dropped, words are stemmed, a word of five letters or more may be one edit
away, and names and numbers must be present (see :mod:`cards.lint.text`).

Passes::

    text: - On 25 October 1917 the Winter Palace was stormed and the ministers arrested.
    card: {kind: date, date: 25 October 1917, event: The Winter Palace is stormed}

Fails::

    text: - On 25 October 1917 the Winter Palace was stormed and the ministers arrested.
    card: {kind: date, date: 25 October 1917, event: The Tsar abdicates at Pskov}
"""),
        SameWay("D111", "event-reversed", field="event", doc="""\
D111 event-reversed: the event says the opposite of the cited text.

Its words are on the line, but turned round: an antonym ("accepted" for
"rejected", "rose" for "fell"), a negation one side has and the other does not,
or "for" for "against" (see :mod:`cards.lint.polarity`).

Passes::

    text: On 3 March 1918 the Soviet government accepted the German peace terms at Brest-Litovsk.
    card: {kind: date, date: 3 March 1918, event: The Soviet government accepts the German peace terms}

Fails::

    text: On 3 March 1918 the Soviet government accepted the German peace terms at Brest-Litovsk.
    card: {kind: date, date: 3 March 1918, event: The Soviet government rejects the German peace terms}
"""),
    ),
)
