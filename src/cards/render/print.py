"""Render a deck into a Typst document for printing: layout maths and card data.

Python decides where every face goes (pages, slots, cut lines, crop marks);
Jinja renders the Typst program that draws them (``templates/print/``); the
card text itself travels separately as JSON data (:attr:`PrintDocument.data`),
which the Typst program decodes and prints as plain text. Nothing a deck says
is ever parsed as Typst markup, so ``#read("/etc/passwd")``, ``$x$`` or
``*bold*`` on a card print as written.

Duplex: fronts go on odd pages, and the backs of the same cards on the
following even page, placed so that each back lands behind its front when the
sheet is turned over:

* ``long-edge`` (the sheet turns about its long, vertical edge): same row,
  mirrored column, ``c -> columns - 1 - c``;
* ``short-edge`` (turns about its short edge): mirrored row, same column,
  ``r -> rows - 1 - r``;
* ``none``: all front pages, then all back pages, each back in the same place
  as its front (to cut out and pair by card id, or glue back to back).

Margins are the same on opposite sides of a page, so mirroring a slot mirrors
it about the centre of the sheet.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cards import model as m
from cards.dates import Precision
from cards.errors import Problem, Severity
from cards.print_options import INDEX_CARD, MAX_FONT, PAPERS, PrintOptions
from cards.templating import render

#: Blank paper around the grid of cards (mm), the same on every side.
MARGIN = 10.0
#: Crop marks start this far from the grid and are this long (mm); both fit in MARGIN.
CROP_GAP = 2.0
CROP_LENGTH = 5.0
#: Blank space inside a card's cut line (mm), so a slightly misaligned duplex print still fits.
PADDING = 4.0
INDEX_PADDING = 6.0


@dataclass(frozen=True)
class Slot:
    """One face of one card on a page; lengths in mm from the page's top left corner."""

    card: int  # index into the deck's cards
    face: str  # "front" or "back"
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    side: str  # "front", "back", "fold" or "index"
    label: str  # the footer (empty: none)
    slots: tuple[Slot, ...]
    cuts: tuple[tuple[float, float, float, float], ...] = ()  # rectangles (x, y, w, h)
    folds: tuple[tuple[float, float, float, float], ...] = ()  # lines (x1, y1, x2, y2)
    crops: tuple[tuple[float, float, float, float], ...] = ()  # lines (x1, y1, x2, y2)


@dataclass(frozen=True)
class PrintDocument:
    """A deck ready for ``typst.compile``: the program, and the data it prints."""

    deck_id: str
    source: str  # the Typst program (no card text in it)
    data: str  # JSON: {"cards": [...], "pages": [...]}
    pages: tuple[Page, ...]
    options: PrintOptions
    cards: tuple[m.Card, ...] = field(repr=False, default=())


# --- layout maths ------------------------------------------------------------------------------


def grid_cell(options: PrintOptions) -> tuple[float, float, float, float]:
    """(page width, page height, card width, card height) in mm for the grid and fold-over layouts."""
    page_w, page_h = PAPERS[options.paper]
    columns, rows = options.grid
    across = columns * 2 if options.layout == "foldover" else columns
    return page_w, page_h, (page_w - 2 * MARGIN) / across, (page_h - 2 * MARGIN) / rows


def back_position(row: int, column: int, options: PrintOptions) -> tuple[int, int]:
    """Where the back of the card printed at (row, column) of a front page goes on its back page."""
    columns, rows = options.grid
    if options.duplex == "long-edge":
        return row, columns - 1 - column
    if options.duplex == "short-edge":
        return rows - 1 - row, column
    return row, column


def layout_pages(count: int, options: PrintOptions, deck_name: str = "") -> tuple[Page, ...]:
    """Every page of a deck of ``count`` cards."""
    if options.layout == "index":
        return _index_pages(count, options)
    if options.layout == "foldover":
        return _foldover_pages(count, options, deck_name)
    return _grid_pages(count, options, deck_name)


def _chunks(count: int, size: int) -> list[range]:
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _grid_lines(page_w: float, page_h: float, xs: list[float], ys: list[float]) -> tuple:
    """Crop marks: short lines in the margin continuing every cut line."""
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    marks = []
    for x in xs:
        marks.append((x, top - CROP_GAP - CROP_LENGTH, x, top - CROP_GAP))
        marks.append((x, bottom + CROP_GAP, x, bottom + CROP_GAP + CROP_LENGTH))
    for y in ys:
        marks.append((left - CROP_GAP - CROP_LENGTH, y, left - CROP_GAP, y))
        marks.append((right + CROP_GAP, y, right + CROP_GAP + CROP_LENGTH, y))
    return tuple(marks)


def _grid_pages(count: int, options: PrintOptions, deck_name: str) -> tuple[Page, ...]:
    page_w, page_h, card_w, card_h = grid_cell(options)
    columns, rows = options.grid
    xs = [MARGIN + c * card_w for c in range(columns + 1)]
    ys = [MARGIN + r * card_h for r in range(rows + 1)]
    crops = _grid_lines(page_w, page_h, xs, ys) if options.crop_marks else ()
    sheets = _chunks(count, columns * rows)
    fronts, backs = [], []
    for number, cards in enumerate(sheets, 1):
        front_slots, back_slots, cuts = [], [], []
        for k, card in enumerate(cards):
            row, column = divmod(k, columns)
            x, y = xs[column], ys[row]
            front_slots.append(Slot(card, "front", x, y, card_w, card_h))
            cuts.append((x, y, card_w, card_h))
            back_row, back_column = back_position(row, column, options)
            back_slots.append(Slot(card, "back", xs[back_column], ys[back_row], card_w, card_h))
        of = f"{number} of {len(sheets)}"
        if options.duplex == "none":
            front_label, back_label = f"{deck_name} \u00b7 fronts {of}", f"{deck_name} \u00b7 backs {of}"
        else:
            front_label = f"{deck_name} \u00b7 sheet {of}, fronts"
            back_label = f"{deck_name} \u00b7 sheet {of}, backs ({options.duplex} duplex)"
        fronts.append(Page(page_w, page_h, "front", front_label, tuple(front_slots), tuple(cuts), (), crops))
        # Without duplex the back pages are cut out on their own, so they get cut lines too.
        back_cuts = tuple((s.x, s.y, s.w, s.h) for s in back_slots) if options.duplex == "none" else ()
        back_crops = crops if options.duplex == "none" else ()
        backs.append(Page(page_w, page_h, "back", back_label, tuple(back_slots), back_cuts, (), back_crops))
    if options.duplex == "none":
        return tuple(fronts + backs)
    return tuple(page for pair in zip(fronts, backs) for page in pair)


def _foldover_pages(count: int, options: PrintOptions, deck_name: str) -> tuple[Page, ...]:
    page_w, page_h, card_w, card_h = grid_cell(options)
    columns, rows = options.grid
    xs = [MARGIN + c * card_w for c in range(2 * columns + 1)]
    ys = [MARGIN + r * card_h for r in range(rows + 1)]
    crops = _grid_lines(page_w, page_h, xs[::2], ys) if options.crop_marks else ()
    sheets = _chunks(count, columns * rows)
    pages = []
    for number, cards in enumerate(sheets, 1):
        slots, cuts, folds = [], [], []
        for k, card in enumerate(cards):
            row, column = divmod(k, columns)
            x, y = xs[2 * column], ys[row]
            # The back sits to the right of the fold: folded behind, it reads upright
            # when the card is turned over about the fold.
            slots.append(Slot(card, "front", x, y, card_w, card_h))
            slots.append(Slot(card, "back", x + card_w, y, card_w, card_h))
            cuts.append((x, y, 2 * card_w, card_h))
            folds.append((x + card_w, y, x + card_w, y + card_h))
        label = f"{deck_name} \u00b7 sheet {number} of {len(sheets)} \u00b7 cut on the solid lines, fold on the dashed ones"
        pages.append(Page(page_w, page_h, "fold", label, tuple(slots), tuple(cuts), tuple(folds), crops))
    return tuple(pages)


def _index_pages(count: int, options: PrintOptions) -> tuple[Page, ...]:
    page_w, page_h = INDEX_CARD
    fronts = [Page(page_w, page_h, "index", "", (Slot(i, "front", 0.0, 0.0, page_w, page_h),)) for i in range(count)]
    backs = [Page(page_w, page_h, "index", "", (Slot(i, "back", 0.0, 0.0, page_w, page_h),)) for i in range(count)]
    if options.duplex == "none":
        return tuple(fronts + backs)
    return tuple(page for pair in zip(fronts, backs) for page in pair)


# --- word widths -------------------------------------------------------------------------------
#
# Typst breaks lines between words, never inside one, and measuring a paragraph
# does not reveal a word wider than the line: it just sticks out. The template
# can check the widest word, but that costs another layout per face, so it only
# does so where a word *might* be too wide: each card carries an upper bound of
# its widest word's width in em, from the width table below.

#: Characters missing from the table count as this wide (em); the widest measured is under 1.5.
UNKNOWN_WIDTH = 2.0
#: Headroom for kerning and rounding.
WIDTH_MARGIN = 1.03


def word_width(word: str) -> float:
    """An upper bound of ``word``'s width in em, in the card font at any weight or style."""
    from cards.render.print_metrics import WIDTHS

    return sum(WIDTHS.get(ord(ch), UNKNOWN_WIDTH * 1000) for ch in word) / 1000


def widest_word(texts: list[str]) -> float:
    """An upper bound (em) of the widest word in ``texts``; words are split where Typst may break lines."""
    words = (word for text in texts for word in text.replace("\t", " ").replace("\n", " ").split(" "))
    return max((word_width(word) for word in words if word), default=0)


def _bound(value: float) -> float:
    return math.ceil(value * WIDTH_MARGIN * 1000) / 1000


# --- card data ---------------------------------------------------------------------------------


def card_data(deck: m.Deck, card: m.Card) -> dict[str, Any]:
    """What a card prints, as plain strings for the template; never markup."""
    data: dict[str, Any] = {"id": card.id, "kind": card.kind, "citation": deck.citation_label(card.citation)}
    data.update(_fields(card))
    texts = [v for k, v in data.items() if isinstance(v, str) and k not in ("id", "kind", "citation")]
    texts += [alias for alias in data.get("aliases", ())]
    data["widest"] = _bound(widest_word(texts))
    data["citation_widest"] = _bound(widest_word([data["citation"]]))
    return data


def _fields(card: m.Card) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if isinstance(card, m.DateCard):
        date = card.date
        data.update(event=card.event, date=date.format(), calendar=date.calendar.label, other_date="", other_calendar="")
        if date.precision is Precision.DAY and date.year is not None:
            other = date.converted(date.calendar.other)
            data.update(other_date=other.format(), other_calendar=other.calendar.label)
    elif isinstance(card, m.PersonCard):
        data.update(name=card.name, role=card.role, aliases=list(card.aliases))
    elif isinstance(card, m.TermCard):
        data.update(term=card.term, definition=card.definition, aliases=list(card.aliases))
    elif isinstance(card, m.QuoteCard):
        data.update(quote=card.quote, speaker=card.speaker, context=card.context, aliases=list(card.aliases))
    else:  # pragma: no cover - validation only makes the four kinds
        raise TypeError(card)
    return data


def _mm(value: float) -> float:
    """Lengths go into the data rounded to a thousandth of a mm, so the output never depends on float noise."""
    return round(value, 3)


def _page_data(page: Page) -> dict[str, Any]:
    return {
        "width": _mm(page.width),
        "height": _mm(page.height),
        "side": page.side,
        "label": page.label,
        "slots": [
            {"card": s.card, "face": s.face, "x": _mm(s.x), "y": _mm(s.y), "w": _mm(s.w), "h": _mm(s.h)}
            for s in page.slots
        ],
        "cuts": [[_mm(v) for v in rect] for rect in page.cuts],
        "folds": [[_mm(v) for v in line] for line in page.folds],
        "crops": [[_mm(v) for v in line] for line in page.crops],
    }


KINDS = ("date", "person", "term", "quote")


def render_print(deck: m.Deck, template_dirs: tuple[Path, ...], options: PrintOptions, *, dated: bool = False) -> PrintDocument:
    """The Typst program and data for one deck. ``dated``: the PDF carries the build's timestamp."""
    pages = layout_pages(len(deck.cards), options, deck.name)
    data = {
        "title": deck.name,
        "cards": [card_data(deck, card) for card in deck.cards],
        "pages": [_page_data(page) for page in pages],
    }
    source = render(
        template_dirs,
        "print/document.typ.j2",
        kinds=KINDS,
        dated=dated,
        padding=INDEX_PADDING if options.layout == "index" else PADDING,
        margin=MARGIN,
        max_font=MAX_FONT,
        min_font=options.min_font_size,
        layout=options.layout,
    )
    return PrintDocument(
        deck_id=deck.id,
        source=source,
        data=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        pages=pages,
        options=options,
        cards=deck.cards,
    )


# --- overflow ----------------------------------------------------------------------------------

PARTS = {"text": "text", "citation": "citation", "id": "card id"}


def overflow_problems(deck: m.Deck, overflows: list[dict[str, Any]], options: PrintOptions) -> list[Problem]:
    """Turn the overflow markers the Typst program left into warnings naming each card."""
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


def page_count(count: int, options: PrintOptions) -> int:
    """How many pages :func:`layout_pages` makes for ``count`` cards (for tests and messages)."""
    if options.layout == "index":
        return 2 * count
    columns, rows = options.grid
    sheets = math.ceil(count / (columns * rows))
    return sheets if options.layout == "foldover" else 2 * sheets
