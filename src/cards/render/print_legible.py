"""Whether a layout can print a deck legibly, and if not, the largest grid that can.

No text on a printed card is smaller than the deck's ``min_font_size``. A layout is
refused (an error at the deck's ``print:`` section, or saying that the command line
chose it) when

* a card has no room for its fixed parts at that size: its id on one line (beside its
  kind label, or on a line of its own below it if it is too long for that), and a line
  of text (on the back: above the citation and the deck's name) — :func:`check_layout`,
  before anything is typeset; or
* most of the deck's cards (more than half, and at least :data:`CROWDED_AT`) have
  text that does not fit even at that size and would be cut off —
  :func:`crowded_problem`, from what Typst really cut.

A few overlong cards in a layout that suits the rest stay warnings, each card's text
cut off and marked ``[…]``. The error names the largest grid (most cards per page)
on the same paper in which every card of the deck fits at ``min_font_size``, found
with the same fitting model that sizes the text (:mod:`cards.render.print_fit`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Iterator

from cards import model as m
from cards.errors import InputError, Problem
from cards.kinds import KINDS, kind_of
from cards.print_options import GRID_LIMITS, STOCKS, PrintOptions
from cards.render.design import paragraphs
from cards.render.print_fit import FaceBox, card_box, fit_size, id_fits, text_width
from cards.render.print_layout import footer_band, grid_cell, grid_origin, keep_out

#: The share of the back's body an image takes, above the text; and the gap below it (pt).
IMAGE_SHARE = 0.55
IMAGE_GAP = 4.0
#: A layout is refused when more than half of the cards, and at least this many, are cut off.
CROWDED_AT = 3


def image_text_height(body: float) -> float:
    """The height left for the text on a back whose top holds an image (as the template divides it)."""
    return body * (1 - IMAGE_SHARE) - IMAGE_GAP


def printed_data(deck: m.Deck, card: m.Card) -> dict[str, Any]:
    """What a card prints, as plain strings (the template's card data, before sizes)."""
    citation = citation_text(deck.citation_label(card.citation))
    if card.image is not None and card.image_credit:
        citation = f"{citation}. Image: {card.image_credit}"
    data: dict[str, Any] = {"id": card.id, "kind": card.kind, "citation": citation}
    data.update(kind_of(card).print_data(card))
    return data


_LINE_NUMBER = re.compile(r" (lines?) (\d)")


def citation_text(label: str) -> str:
    """A citation as printed: 'line 12' never broken between its word and number (a no-break space)."""
    return _LINE_NUMBER.sub(" \\1\u00a0\\2", label)


# --- fitting at the smallest size ------------------------------------------------------------------

def _modelled(paras: list[tuple[str, float, str]]) -> list[tuple[str, float, str]]:
    """Paragraphs Python can measure: a character outside the width table counts as a 'W' (about
    as wide as a character of any script); ``**`` and ``*`` of styled text stay, a little wider."""
    result = []
    for text, em, variant in paras:
        if text_width(text.replace("\n", " "), variant) is None:
            text = "".join(ch if ch in "\n " or text_width(ch, variant) is not None else "W" for ch in text)
        result.append((text, em, variant))
    return result


def _faults(data: dict[str, Any], box: FaceBox, has_image: bool) -> list[str]:
    """What of a card does not fit ``box`` at the smallest size: 'id', 'front', 'back', 'citation'."""
    small = box.small
    found = []
    if not id_fits(data["id"], box):
        found.append("id")
    box, _ = card_box(KINDS[data["kind"]].label, data["id"], box)
    back = box.back if not has_image else image_text_height(box.back)
    for side, height in (("front", box.front), ("back", back)):
        paras = _modelled(paragraphs(data["kind"], side, data))
        if fit_size(paras, box.width, height, small, small, small) is None:
            found.append(side)
    citation = _modelled([(f"Source: {data['citation']}", 1.0, "italic")])
    if fit_size(citation, box.width, box.footer, small, small) is None:
        found.append("citation")
    return found


def _room_faults(box: FaceBox) -> list[str]:
    """The faces with no room for one line of text at the smallest size, whatever the card."""
    line = [("Mg", 1.0, "regular")]
    return [side for side, height in (("front", box.front), ("back", box.back))
            if height <= 0 or fit_size(line, box.width, height, box.small, box.small) is None]


def _by_length(datas: list[tuple[dict[str, Any], bool]]) -> list[tuple[dict[str, Any], bool]]:
    """The cards, the likeliest not to fit first (longest text, longest id), so a grid that fails fails fast."""
    def weight(item):
        data = item[0]
        return -(sum(len(v) for v in data.values() if isinstance(v, str)) + 4 * len(data["id"]) + 200 * item[1])
    return sorted(datas, key=weight)


def everything_fits(datas: list[tuple[dict[str, Any], bool]], options: PrintOptions) -> bool:
    """Whether every card (its print data, and whether it has an image) fits ``options`` at min_font_size."""
    box = FaceBox.of(options)
    return not _room_faults(box) and all(not _faults(data, box, image) for data, image in datas)


def _grids(options: PrintOptions) -> Iterator[PrintOptions]:
    """The grids on the layout's paper (a grid layout if it is a stock or index cards), most cards first;
    of as many, the one with wider cards first."""
    layout = options.layout if options.layout in GRID_LIMITS and not options.stock else "grid"
    paper = STOCKS[options.stock][0] if options.stock else options.paper
    _, _, most_columns, most_rows = GRID_LIMITS[layout]
    shapes = sorted(((c, r) for c in range(1, most_columns + 1) for r in range(1, most_rows + 1)),
                    key=lambda cr: (-cr[0] * cr[1], cr[0]))
    for columns, rows in shapes:
        yield dataclasses.replace(options, layout=layout, paper=paper, stock=None, columns=columns, rows=rows)


def largest_grid(datas: list[tuple[dict[str, Any], bool]], options: PrintOptions) -> PrintOptions | None:
    """The grid with the most cards per page in which every card fits at min_font_size; None if none does."""
    ordered = _by_length(datas)
    for candidate in _grids(options):
        if everything_fits(ordered, candidate):
            return candidate
    return None


# --- the error -------------------------------------------------------------------------------------


def describe_layout(options: PrintOptions) -> str:
    """The layout in words, with its card size: 'a 6 × 10 grid on A4 (31.7 × 27.7 mm cards)'."""
    if options.layout == "index":
        return "index cards (127 × 76.2 mm)"
    _, _, w, h = grid_cell(options)
    size = f"{w:.4g} × {h:.4g} mm cards"
    if options.stock:
        return f"stock {options.stock!r} ({size})"
    columns, rows = options.grid
    what = "fold-over grid" if options.layout == "foldover" else "grid"
    return f"a {columns} × {rows} {what} on {options.paper.upper() if options.paper == 'a4' else 'Letter'} ({size})"


def _suggestion(deck: m.Deck, options: PrintOptions) -> str:
    datas = [(printed_data(deck, card), card.image is not None) for card in deck.cards]
    found = largest_grid(datas, options)
    low = f"{options.min_font_size:g} pt"
    if found is None:
        return (f"no grid on this paper fits every card at {low}: shorten the longest texts "
                "(or ids), or lower print: min_font_size")
    columns, rows = found.grid
    if options.stock:
        how = f"print: {{paper: {found.paper}, columns: {columns}, rows: {rows}}} and no stock"
    elif found.layout != options.layout:
        how = f"print: {{layout: {found.layout}, columns: {columns}, rows: {rows}}}"
    else:
        how = f"print: {{columns: {columns}, rows: {rows}}}"
    text = (f"the largest grid that fits every card at {low} is {columns} × {rows} on "
            f"{'A4' if found.paper == 'a4' else 'Letter'} ({how})")
    if options.stock:  # a stock that was refused: name the others that fit, if any
        ordered = _by_length(datas)
        stocks = [name for name in STOCKS if name != options.stock and everything_fits(
            ordered, dataclasses.replace(options, stock=name, layout="grid", paper=STOCKS[name][0],
                                         columns=STOCKS[name][3], rows=STOCKS[name][4]))]
        if stocks:
            text += f", or the stock {' or '.join(repr(s) for s in stocks)}"
    return text


_SETTERS = ("stock", "layout", "columns", "rows", "paper", "min_font_size", "printer_margin", "deck_name")


def refusal(deck: m.Deck, options: PrintOptions, why: str) -> Problem:
    """The error refusing ``options`` for ``deck``: at the deck's print option that chose the layout (or
    its ``print:`` section, or the deck), saying so if the command line chose it."""
    section = deck.print_options
    marks = getattr(section, "marks", {})
    mark = next((marks[key] for key in _SETTERS if key in marks and key not in options.from_command_line), None)
    mark = mark or getattr(section, "mark", None) or deck.mark
    cli = [key for key in _SETTERS if key in options.from_command_line]
    said = f" ({', '.join('--' + key.replace('_', '-') for key in cli)} on the command line)" if cli else ""
    message = (f"print: {describe_layout(options)}{said} cannot print this deck legibly at min_font_size "
               f"{options.min_font_size:g} pt: {why}; {_suggestion(deck, options)}")
    return Problem(deck.display_path, mark.line, mark.column, message)


def stock_margin_problem(deck: m.Deck, options: PrintOptions) -> Problem | None:
    """The error refusing a stock whose own paper around its cards is narrower than the printer margin
    (widened by back_offset) and the page footer need: its cut lines, footer or a shifted back would
    print where the printer cannot (a grid makes its margin as wide as they need instead)."""
    if not options.stock:
        return None
    left, top = grid_origin(options)
    (keep_x, keep_y), band = keep_out(options), footer_band(options)
    if left - keep_x >= band and top - keep_y >= band:
        return None
    dx, dy = options.back_offset
    side, paper, keep = ("beside", left, keep_x) if left - keep_x < top - keep_y else ("above and below", top, keep_y)
    shift = keep - options.printer_margin
    widened = f" widened by back_offset's {shift:g} mm" if shift else ""
    def tenths(mm: float) -> str:
        return f"{max(0.0, math.floor(mm * 10 + 1e-6) / 10):g}"
    if shift:
        fix = (f"at printer_margin {options.printer_margin:g} this stock allows a back_offset of at most "
               f"{tenths(left - options.printer_margin - band)} mm across and "
               f"{tenths(top - options.printer_margin - band)} mm up or down")
    else:
        fix = (f"set print: printer_margin to at most {tenths(min(left, top) - band)} mm if your printer prints "
               "that close to the edge")
    marks = getattr(deck.print_options, "marks", {})
    chosen = [key for key in ("back_offset", "printer_margin", "min_font_size", "stock")
              if key in marks and key not in options.from_command_line and (key != "back_offset" or shift)]
    mark = marks[chosen[0]] if chosen else getattr(deck.print_options, "mark", None) or deck.mark
    cli = [key for key in ("stock", "back_offset") if key in options.from_command_line]
    said = f" ({', '.join('--' + key.replace('_', '-') for key in cli)} on the command line)" if cli else ""
    return Problem(deck.display_path, mark.line, mark.column,
                   f"print: stock {options.stock!r}{said} leaves {paper:g} mm of paper {side} its cards, but the "
                   f"printer margin ({options.printer_margin:g} mm{widened}) and the page footer at "
                   f"{options.min_font_size:g} pt need {keep + band:.1f} mm: its cut lines and footer would print "
                   f"where the printer cannot; {fix}, or print on a grid without the stock")


def check_layout(deck: m.Deck, options: PrintOptions) -> None:
    """Refuse (InputError) a layout whose cards have no room for their fixed parts at min_font_size, or a
    stock with too little paper around its cards for the printer margin (:func:`stock_margin_problem`)."""
    problem = stock_margin_problem(deck, options)
    if problem is not None:
        raise InputError([problem])
    box = FaceBox.of(options)
    room = _room_faults(box)
    if room:
        sides = " and ".join(f"the {side}" for side in room)
        raise InputError([refusal(deck, options, f"{sides} of a card {'has' if len(room) == 1 else 'have'} no room "
                                                 "for a line of text beside the label, id, citation and deck name")])
    for card in deck.cards:
        if not id_fits(card.id, box):
            raise InputError([refusal(deck, options, f"card {card.id!r} has no room for its id on one line")])


def crowded_problem(deck: m.Deck, overflows: list[dict[str, Any]], options: PrintOptions) -> Problem | None:
    """The error refusing a layout in which most cards' text was cut off (Typst's overflow markers)."""
    cut = {str(item.get("card")) for item in overflows if item.get("part", "text") == "text"}
    total = len(deck.cards)
    if len(cut) < CROWDED_AT or 2 * len(cut) <= total:
        return None
    return refusal(deck, options, f"the text of {len(cut)} of its {total} cards does not fit even at that size "
                                  "and would be cut off")
