"""Where every face of a printed deck goes: pages, slots, cut and fold lines, crop marks.

Python decides where every face goes, in mm from each page's top left corner;
the Typst program only draws what it is told (see :mod:`cards.render.print`).

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

import math
from dataclasses import dataclass

from cards.print_options import INDEX_CARD, PAPERS, STOCKS, PrintOptions

#: Blank paper around the grid of cards (mm), the same on every side, unless the
#: printer margin asks for more (see :func:`page_margin`).
MARGIN = 10.0
#: The band inside the printer margin that holds the footer (mm).
FOOTER_BAND = 4.0
#: Crop marks end this far from the grid (mm), and start this far inside the printer margin.
CROP_GAP = 1.5
CROP_SAFETY = 0.5
#: The footer, printed at min_font_size: its left end right of the grid's edge, its baseline
#: above the printer margin (mm, at least); how far its letters reach below and above the baseline (em).
FOOTER_INDENT = 4.0
FOOTER_RAISE = 1.0
DESCENT_EM, ASCENT_EM = 0.3, 0.8
MM_PER_PT = 25.4 / 72
#: Blank space inside a card's cut line (mm), so a slightly misaligned duplex print still fits.
PADDING = 4.0
INDEX_PADDING = 6.0
FOLD_HINT = "cut on the solid lines, fold on the dashed ones"


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
    shift: tuple[float, float] = (0.0, 0.0)  # mm the footer is moved by (a back page's back_offset)


def keep_out(options: PrintOptions) -> tuple[float, float]:
    """How far from the paper's (left/right, top/bottom) edges the layout keeps everything (mm): the
    printer margin, and as much again as back_offset moves a back page that way, so that a shifted
    back stays out of the printer margin too (fold-over pages have no back page to shift)."""
    dx, dy = (0.0, 0.0) if options.layout == "foldover" else options.back_offset
    return options.printer_margin + abs(dx), options.printer_margin + abs(dy)


def footer_band(options: PrintOptions) -> float:
    """The paper the footer (and the crop marks) need between the keep-out edge and the cards (mm)."""
    return max(FOOTER_BAND, footer_raise(options) + (ASCENT_EM * options.min_font_size + 2) * MM_PER_PT)


def footer_raise(options: PrintOptions) -> float:
    """How far above the printer margin the footer's baseline is (mm): clear of it with its descenders."""
    return max(FOOTER_RAISE, DESCENT_EM * options.min_font_size * MM_PER_PT)


def page_margin(options: PrintOptions) -> float:
    """Blank paper around the grid (mm): room for the printer margin and, inside it, the footer and crop marks."""
    return max(MARGIN, max(keep_out(options)) + footer_band(options))


def index_padding(options: PrintOptions) -> float:
    """Blank space inside an index card's edge (mm): clear of the printer margin (and of it still when
    back_offset shifts the back), with 1 mm to spare for ascenders and accents that rise above the text's box."""
    return max(INDEX_PADDING, max(keep_out(options)) + 1.0)


def grid_origin(options: PrintOptions) -> tuple[float, float]:
    """(left, top) in mm of the grid of cards: a stock's block of cards is centred on its sheet."""
    if options.stock:
        paper, card_w, card_h, columns, rows = STOCKS[options.stock]
        page_w, page_h = PAPERS[paper]
        return (page_w - columns * card_w) / 2, (page_h - rows * card_h) / 2
    margin = page_margin(options)
    return margin, margin


def grid_cell(options: PrintOptions) -> tuple[float, float, float, float]:
    """(page width, page height, card width, card height) in mm for the grid and fold-over layouts."""
    if options.stock:
        paper, card_w, card_h, _, _ = STOCKS[options.stock]
        return *PAPERS[paper], card_w, card_h
    page_w, page_h = PAPERS[options.paper]
    columns, rows = options.grid
    across = columns * 2 if options.layout == "foldover" else columns
    margin = page_margin(options)
    return page_w, page_h, (page_w - 2 * margin) / across, (page_h - 2 * margin) / rows


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


def _grid_lines(page_w: float, page_h: float, xs: list[float], ys: list[float], options: PrintOptions) -> tuple:
    """Crop marks: short lines in the margin continuing every cut line, all inside the printable area."""
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    # The nearest the paper's edge a mark may come (a shifted back's marks too).
    edge_x, edge_y = (keep + CROP_SAFETY for keep in keep_out(options))
    marks = []
    for x in xs:
        marks.append((x, edge_y, x, top - CROP_GAP))
        marks.append((x, bottom + CROP_GAP, x, page_h - edge_y))
    for y in ys:
        marks.append((edge_x, y, left - CROP_GAP, y))
        marks.append((right + CROP_GAP, y, page_w - edge_x, y))
    return tuple(marks)


def _text_mm(text: str, options: PrintOptions) -> float:
    """An upper bound of ``text``'s width at min_font_size (mm), from the card font's table."""
    from cards.render.print_fit import word_width  # (print_fit builds on this module)

    return word_width(text) * options.min_font_size * MM_PER_PT


def footer_span(label: str, options: PrintOptions) -> tuple[float, float]:
    """(left, right) in mm of the footer at most: its text is set from here, at most this wide."""
    left = grid_origin(options)[0] + FOOTER_INDENT
    return left, left + _text_mm(label, options)


def footer_name(deck_name: str, longest: str, page_w: float, options: PrintOptions) -> str:
    """The deck's name as the page footer gives it: whole, unless the footer (``longest``: its longest
    wording, after the name) would run into the printer margin on the right; then cut short with '…'."""
    room = page_w - keep_out(options)[0] - footer_span("", options)[0]
    if _text_mm(deck_name + longest, options) <= room:
        return deck_name
    shown = deck_name
    while shown and _text_mm(shown + "\u2026" + longest, options) > room:
        shown = shown[:-1]
    return shown.rstrip(" ,;:") + "\u2026"


def _clear_of_footer(crops: tuple, label: str, page_h: float, options: PrintOptions) -> tuple:
    """The crop marks, less those below the grid that would run through the footer (the same cut
    line keeps its mark above the grid)."""
    if not crops or not label:
        return crops
    left, right = footer_span(label, options)
    return tuple(c for c in crops if not (c[0] == c[2] and c[1] > page_h / 2 and left - 1 <= c[0] <= right + 1))


def _shifted(slots: list[Slot], options: PrintOptions) -> list[Slot]:
    dx, dy = options.back_offset
    if not (dx or dy):
        return slots
    return [Slot(s.card, s.face, s.x + dx, s.y + dy, s.w, s.h) for s in slots]


def _shift_lines(lines: tuple, options: PrintOptions) -> tuple:
    dx, dy = options.back_offset
    if not (dx or dy):
        return lines
    return tuple((a + dx, b + dy, c + dx, d + dy) for a, b, c, d in lines)


def _shift_rects(rects: tuple, options: PrintOptions) -> tuple:
    dx, dy = options.back_offset
    if not (dx or dy):
        return rects
    return tuple((x + dx, y + dy, w, h) for x, y, w, h in rects)


def _grid_pages(count: int, options: PrintOptions, deck_name: str) -> tuple[Page, ...]:
    page_w, page_h, card_w, card_h = grid_cell(options)
    columns, rows = options.grid
    left, top = grid_origin(options)
    xs = [left + c * card_w for c in range(columns + 1)]
    ys = [top + r * card_h for r in range(rows + 1)]
    crops = _grid_lines(page_w, page_h, xs, ys, options) if options.crop_marks else ()
    sheets = _chunks(count, columns * rows)
    # Where the k-th card of a sheet goes: (x, y) on the front page, (x, y) on the back page.
    places = []
    for k in range(columns * rows):
        row, column = divmod(k, columns)
        back_row, back_column = back_position(row, column, options)
        places.append((xs[column], ys[row], xs[back_column], ys[back_row]))
    fronts, backs = [], []
    last = len(sheets)
    wording = (f" \u00b7 backs {last} of {last}" if options.duplex == "none"
               else f" \u00b7 sheet {last} of {last}, backs ({options.duplex} duplex)")
    deck_name = footer_name(deck_name, wording, page_w, options)
    for number, cards in enumerate(sheets, 1):
        front_slots, back_slots, cuts = [], [], []
        for card, (x, y, back_x, back_y) in zip(cards, places):
            front_slots.append(Slot(card, "front", x, y, card_w, card_h))
            cuts.append((x, y, card_w, card_h))
            back_slots.append(Slot(card, "back", back_x, back_y, card_w, card_h))
        of = f"{number} of {len(sheets)}"
        if options.duplex == "none":
            front_label, back_label = f"{deck_name} \u00b7 fronts {of}", f"{deck_name} \u00b7 backs {of}"
        else:
            front_label = f"{deck_name} \u00b7 sheet {of}, fronts"
            back_label = f"{deck_name} \u00b7 sheet {of}, backs ({options.duplex} duplex)"
        fronts.append(Page(page_w, page_h, "front", front_label, tuple(front_slots), tuple(cuts), (),
                           _clear_of_footer(crops, front_label, page_h, options)))
        # Without duplex the back pages are cut out on their own, so they get cut lines too.
        back_cuts = tuple((s.x, s.y, s.w, s.h) for s in back_slots) if options.duplex == "none" else ()
        back_crops = _clear_of_footer(crops, back_label, page_h, options) if options.duplex == "none" else ()
        # A back page is shifted as a whole by back_offset, to meet its front on a misaligned printer.
        backs.append(Page(page_w, page_h, "back", back_label, tuple(_shifted(back_slots, options)),
                          _shift_rects(back_cuts, options), (), _shift_lines(back_crops, options),
                          options.back_offset))
    if options.duplex == "none":
        return tuple(fronts + backs)
    return tuple(page for pair in zip(fronts, backs) for page in pair)


def _foldover_pages(count: int, options: PrintOptions, deck_name: str) -> tuple[Page, ...]:
    page_w, page_h, card_w, card_h = grid_cell(options)
    columns, rows = options.grid
    margin = page_margin(options)
    xs = [margin + c * card_w for c in range(2 * columns + 1)]
    ys = [margin + r * card_h for r in range(rows + 1)]
    crops = _grid_lines(page_w, page_h, xs[::2], ys, options) if options.crop_marks else ()
    sheets = _chunks(count, columns * rows)
    pages = []
    last = len(sheets)
    deck_name = footer_name(deck_name, f" \u00b7 sheet {last} of {last} \u00b7 {FOLD_HINT}", page_w, options)
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
        label = f"{deck_name} \u00b7 sheet {number} of {len(sheets)} \u00b7 {FOLD_HINT}"
        pages.append(Page(page_w, page_h, "fold", label, tuple(slots), tuple(cuts), tuple(folds),
                          _clear_of_footer(crops, label, page_h, options)))
    return tuple(pages)


def _index_pages(count: int, options: PrintOptions) -> tuple[Page, ...]:
    page_w, page_h = INDEX_CARD
    fronts = [Page(page_w, page_h, "index", "", (Slot(i, "front", 0.0, 0.0, page_w, page_h),)) for i in range(count)]
    dx, dy = options.back_offset
    backs = [Page(page_w, page_h, "index", "", (Slot(i, "back", dx, dy, page_w, page_h),)) for i in range(count)]
    if options.duplex == "none":
        return tuple(fronts + backs)
    return tuple(page for pair in zip(fronts, backs) for page in pair)


def page_count(count: int, options: PrintOptions) -> int:
    """How many pages :func:`layout_pages` makes for ``count`` cards (for tests and messages)."""
    if options.layout == "index":
        return 2 * count
    columns, rows = options.grid
    sheets = math.ceil(count / (columns * rows))
    return sheets if options.layout == "foldover" else 2 * sheets


def round_mm(value: float) -> float:
    """Lengths go into the data rounded to a thousandth of a mm, so the output never depends on float noise."""
    return round(value, 3)
