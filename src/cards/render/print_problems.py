"""What may go wrong on the printed cards, as warnings naming each card: text that does
not fit even at the smallest size, and characters that no font built into Typst has.

Both are found while the PDF is made: the Typst program marks the text it cut off
(``overflow_problems`` turns the marks into warnings), and the cards' characters
outside the card font's table are collected as their data is made, then checked
against Typst's fonts once (:func:`cards.export.pdf_glyphs.missing_glyphs`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cards import model as m
from cards.errors import Problem, Severity
from cards.print_options import PrintOptions

def unusual_characters(texts: list[str]) -> set[str]:
    """The characters of ``texts`` outside the card font's table (Latin, Greek, Cyrillic and
    common punctuation): the only ones that may print as an empty box, if no font built
    into Typst has them (:func:`cards.export.pdf_glyphs.missing_glyphs` tells)."""
    joined = "".join(texts)
    if joined.isascii():
        return set()
    return set(joined) - _in_table()


@lru_cache(maxsize=None)
def _in_table() -> frozenset[str]:
    from cards.render.print_metrics import ADVANCES

    return frozenset(map(chr, ADVANCES["regular"])) | frozenset(" \n\t\u00a0")


#: The key under which ``unusual`` holds the characters of the deck's name, printed on the pages
#: too (no card id has a space in it).
DECK_NAME = " deck name"


def _shown(lacking: list[str]) -> str:
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in lacking[:8]) + (", ..." if len(lacking) > 8 else "")


def _boxes(lacking: list[str], anki: bool = True) -> str:
    told = (" (Anki shows them with the device's fonts)" if len(lacking) > 1 else " (Anki shows it with the device's fonts)") if anki else ""
    return ("they print as empty boxes" if len(lacking) > 1 else "it prints as an empty box") + told


def glyph_problems(deck: m.Deck, unusual: dict[str, set[str]], missing: set[str]) -> list[Problem]:
    """A warning for each card with characters no print font has (``missing``), and one for the
    deck's name if it has any (it prints in the page footer and at the foot of the backs)."""
    problems = []
    lacking = sorted(unusual.get(DECK_NAME, set()) & missing)
    if lacking:
        problems.append(Problem(
            deck.display_path, deck.mark.line, deck.mark.column,
            f"the deck's name {deck.name!r}, printed on the pages to tell whose cards they are, has characters "
            f"the fonts of the printed cards lack: {_shown(lacking)}; in the PDF {_boxes(lacking, False)}; "
            "name the deck in Latin, Greek or Cyrillic letters to print it whole",
            Severity.WARNING,
        ))
    for card in deck.cards:
        lacking = sorted(unusual.get(card.id, set()) & missing)
        if not lacking:
            continue
        problems.append(Problem(
            deck.display_path, card.mark.line, card.mark.column,
            f"card {card.id!r}: the fonts of the printed cards have no {_shown(lacking)}; in the PDF {_boxes(lacking)}",
            Severity.WARNING, card=card.id,
        ))
    return problems


# --- overflow ----------------------------------------------------------------------------------

PARTS = {"text": "text", "citation": "citation", "id": "card id"}


def overflow_problems(deck: m.Deck, overflows: list[dict[str, Any]], options: PrintOptions) -> list[Problem]:
    """Turn the overflow markers the Typst program left into warnings naming each card; or, if most
    cards were cut off, into one error refusing the layout (:mod:`cards.render.print_legible`).
    Also warns of options the layout has no use for."""
    from cards.render.print_legible import crowded_problem

    crowded = crowded_problem(deck, overflows, options)
    if crowded is not None:
        return [crowded]
    return _unused_options(deck, options) + _overflow_warnings(deck, overflows, options)


def _unused_options(deck: m.Deck, options: PrintOptions) -> list[Problem]:
    """Options the layout has no use for: crop marks on index cards (each page is one card, with
    nothing to cut), a back_offset on fold-over pages (they have no back page to shift)."""
    unused = []
    if options.layout == "index" and options.crop_marks:
        unused.append(("crop_marks", "--crop-marks", "each page is one card, cut to size already, so there is nothing "
                                                     "to cut and no crop marks are printed"))
    if options.layout == "foldover" and any(options.back_offset):
        unused.append(("back_offset", "--back-offset", "front and back are printed side by side on one page, so there "
                                                       "is no back page to shift"))
    problems = []
    marks = getattr(deck.print_options, "marks", {})
    for key, flag, why in unused:
        if key in options.from_command_line or key not in marks:
            mark, said = getattr(deck.print_options, "mark", None) or deck.mark, f"{flag} (on the command line)"
        else:
            mark, said = marks[key], f"print: {key}"
        problems.append(Problem(deck.display_path, mark.line, mark.column,
                                f"{said} has no effect with layout {options.layout!r}: {why}", Severity.WARNING))
    return problems


def _overflow_warnings(deck: m.Deck, overflows: list[dict[str, Any]], options: PrintOptions) -> list[Problem]:
    by_id = {card.id: card for card in deck.cards}
    seen = set()
    problems = []
    for item in overflows:
        card_id, face, part = str(item.get("card")), str(item.get("face")), str(item.get("part", "text"))
        if (card_id, face, part) in seen:
            continue
        seen.add((card_id, face, part))
        card = by_id.get(card_id)
        line, column = (card.mark.line, card.mark.column) if card else (deck.mark.line, deck.mark.column)
        problems.append(
            Problem(
                deck.display_path, line, column,
                f"card {card_id!r}: the {PARTS.get(part, part)} on its {face} does not fit the printed card "
                f"even at {options.min_font_size:g} pt and is cut off in the PDF; shorten it, "
                "or print fewer cards per page (print: columns/rows)",
                Severity.WARNING,
                card=card_id,
            )
        )
    return problems
