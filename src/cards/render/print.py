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
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Callable

from cards import model as m
from cards.errors import Problem, Severity
from cards.print_options import INDEX_CARD, MAX_FONT, PAPERS, PrintOptions
from cards.kinds import kind_of
from cards.render import markup
from cards.render.design import Paragraph, designed_kinds, paragraphs, replaced_designs, typst_designs
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


class PrintDocument:
    """A deck ready for ``typst.compile``: the program, and the data it prints.

    The data comes in parts, each a run of whole pages, with just the cards those
    pages print. Typst's memory grows with every face it lays out, so a big deck
    is compiled a part at a time (see :mod:`cards.export.pdf`) and the PDFs joined;
    a deck of up to ``2 * FACES_PER_PART`` faces (about 1,000 cards) is one part.

    A part's data is made when it is first asked for (:meth:`part`), so that the
    build can hand part 0 to Typst while it is still fitting the text of the rest.
    """

    def __init__(self, deck_id: str, source: str, pages: tuple[Page, ...], options: PrintOptions,
                 cards: tuple[m.Card, ...], page_runs: list[list[int]], make_part: Callable[[list[int]], str],
                 unusual: dict[str, set[str]]):
        self.deck_id = deck_id
        self.source = source  # the Typst program (no card text in it)
        self.pages = pages
        self.options = options
        self.cards = cards
        self._runs = page_runs  # page indexes, per part
        self._make_part = make_part
        self._parts: dict[int, str] = {}
        #: card id -> the characters of its text outside the card font's table, for the
        #: cards of the parts made so far (see :func:`unusual_characters`)
        self.unusual = unusual

    def __repr__(self) -> str:
        return f"PrintDocument({self.deck_id!r}, {len(self.pages)} pages, {self.part_count} parts)"

    @property
    def part_count(self) -> int:
        return len(self._runs)

    def part(self, index: int) -> str:
        """Part ``index`` as JSON: {"title", "cards": [...], "pages": [...]}; a page's slots:
        [card, face, x, y, w, h], card numbering the part's cards from 0."""
        found = self._parts.get(index)
        if found is None:
            found = self._parts[index] = self._make_part(self._runs[index])
        return found

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.part(index) for index in range(self.part_count))

    @property
    def data(self) -> str:
        """The data of a document of one part (most decks): the JSON the program decodes."""
        if self.part_count != 1:
            raise ValueError(f"{self.deck_id}: the document comes in {self.part_count} parts")
        return self.part(0)


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
    # Where the k-th card of a sheet goes: (x, y) on the front page, (x, y) on the back page.
    places = []
    for k in range(columns * rows):
        row, column = divmod(k, columns)
        back_row, back_column = back_position(row, column, options)
        places.append((xs[column], ys[row], xs[back_column], ys[back_row]))
    fronts, backs = [], []
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
# does not reveal a word wider than the line: it just sticks out. Where the
# template measures a card itself (see "fitting" below), it checks the widest
# word only where one *might* be too wide: each card carries an upper bound of
# its widest word's width in em, in any style, from the width table.

#: Characters missing from the table count as this wide (em); the widest measured is under 1.5.
UNKNOWN_WIDTH = 2.0
#: Headroom for rounding.
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


# --- fitting -----------------------------------------------------------------------------------
#
# A face's text is printed at the largest size, from MAX_FONT down to the deck's
# minimum in steps of SIZE_STEP, at which it fits its box: no taller than the box,
# and no word wider than a line. Python works that size out here from the font's
# metrics (print_metrics), breaking lines the way Typst does (first fit, between
# words), so the template only draws. Every width here is an upper bound (advances,
# plus kerning wherever a pair of characters is set wider apart; kerning that sets
# them closer counts as none), and lines break only where Typst surely can too, so
# Python never counts fewer lines than Typst lays out: text that Python fits
# really fits, at worst a step smaller than it could be (tests/test_pdf_fit.py).
#
# What Python cannot vouch for it leaves to the template, which measures it with
# Typst as before and reports what does not fit even at the minimum size: a text
# that does not fit (or only just), a character outside the table, and every card
# of a kind whose design a project replaced (the model is of the designs the kind
# modules describe; see cards.render.design).

SIZE_STEP = 0.5
PT_PER_MM = 72 / 25.4
#: The template's paragraph leading and the spacing of its `lines()` stack, in em.
LEADING = 0.45
STACK_SPACING = 0.75
#: The template's header (kind and id) and footer (citation) heights, in pt.
HEADER_H = 9.0
FOOTER_H = 15.0
FOOTER_GAP = 1.5 * PT_PER_MM
CITATION_MAX, CITATION_MIN = 7.0, 5.0
#: The card id: DejaVu Sans Mono, whose every character is 0.602 em wide, between these sizes (pt),
#: right of the kind label's room.
MONO_ADVANCE = 0.602
ID_MAX, ID_MIN = 6.0, 4.0
KIND_RESERVE = 15 * PT_PER_MM
#: Slack (pt) for float rounding: Python's box is this much smaller than Typst's.
EPSILON = 1e-6

#: A run of spaces is a place to break a line only between a character that may end a line
#: and one that may start the next: after a letter, a digit or most punctuation, before a
#: letter, a digit or punctuation that opens. Typst (Unicode's line breaking rules) can break
#: there too, and at more places besides (after a hyphen, say); Python breaking at fewer
#: places only ever counts more lines. Not after an opening bracket or quote, nor before a
#: closing one or , . ; : ! ? / (Unicode's rules forbid it), nor at any space that a
#: character outside these sets is next to.
BREAK_AFTER = frozenset(".,;:!?)]}\u201d\u2019\u00bb\u2026%\"'-\u2013\u2014/&*#+=@\u00a7$\u00a3")
BREAK_BEFORE = frozenset("([{\u201c\u2018\u201e\u00ab\u00bf\u00a1-\u2013\u2014$\u00a3#&*+=@\u00a7\u2026")
#: ...except between a quotation mark and an opening bracket, or two em dashes.
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
_OPENING = frozenset("([{\u201e\u00ab\u00bf\u00a1\u201c\u2018")


def may_break(before: str, after: str) -> bool:
    """Whether Python breaks a line at spaces between the characters ``before`` and ``after``."""
    if not ((before.isalnum() or before in BREAK_AFTER) and (after.isalnum() or after in BREAK_BEFORE)):
        return False
    return not (before in _QUOTES and after in _OPENING) and not (before == after == "\u2014")


_SPACES = re.compile(" +")


class _Variant:
    """One variant's metrics, in em, ready for adding up widths."""

    def __init__(self, name: str):
        from cards.render.print_metrics import ADVANCES, CAP_HEIGHT, KERNING

        self.advance = {chr(cp): advance / 1000 for cp, advance in ADVANCES[name].items()}
        self.pairs = {pair: extra / 1000 for pair, extra in KERNING[name].items()}
        most: dict[str, float] = {}
        for pair, extra in self.pairs.items():
            most[pair[0]] = max(most.get(pair[0], 0.0), extra)
        # A quick bound: each character with the most kerning can add after it, whatever follows.
        self.loose = {ch: advance + most.get(ch, 0.0) for ch, advance in self.advance.items()}
        self.most = most
        self.cap = CAP_HEIGHT[name] / 1000
        self.widths: dict[str, dict[str, float]] = {}  # following -> text -> exact()
        # Characters not in the table (a line break is, as the end of a line).
        self.unknown = re.compile("[^\n" + re.escape("".join(sorted(self.advance))) + "]")

    def quick(self, text: str) -> float:
        """An upper bound (em) of the width of ``text``, all of whose characters are in the table."""
        if not text:
            return 0.0
        return sum(map(self.loose.__getitem__, text)) - self.most.get(text[-1], 0.0)

    def exact(self, text: str, following: str = "") -> float:
        """The width (em) of ``text``, all of whose characters are in the table, as its advances
        and kerning make it (kerning that narrows counts as none), before ``following``."""
        known = self.widths.get(following)
        if known is None:
            known = self.widths[following] = {}
        width = known.get(text)
        if width is None:
            # Remembered: a deck's cards share most of their words.
            width = sum(map(self.advance.__getitem__, text))
            both = text + following
            width += sum(map(self.pairs.get, map(str.__add__, both, both[1:]), repeat(0.0)))
            if len(known) < 100_000:
                known[text] = width
        return width


@lru_cache(maxsize=None)
def _variant(name: str) -> _Variant:
    return _Variant(name)


def text_width(text: str, variant: str) -> float | None:
    """An upper bound (em) of ``text``'s width on one line in ``variant``; None if a character is not in the table."""
    metrics = _variant(variant)
    return None if "\n" in text or metrics.unknown.search(text) else metrics.exact(text)


def _runs(text: str, metrics: _Variant) -> list[list[tuple[float, float]]]:
    """A paragraph as Python breaks it: one list per line break in the text, of the stretches
    between places to break, as (width, width of the gap before it) in em. Every character must
    be in the table."""
    space, pairs = metrics.advance[" "], metrics.pairs
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # Typst ignores a line break at the end of a paragraph
    result = []
    for line in lines:
        words = line.split(" ")
        if "" not in words:
            # The usual line: words with one space between them.
            runs, current, gap = [], words[0], 0.0
            for word in words[1:]:
                if may_break(current[-1], word[0]):
                    runs.append((metrics.exact(current, " "), gap))
                    gap, current = space + pairs.get(" " + word[0], 0.0), word
                else:
                    current += " " + word
            runs.append((metrics.exact(current), gap))
            result.append(runs)
            continue
        runs, start, gap = [], 0, 0.0
        for match in _SPACES.finditer(line):
            i, j = match.span()
            before, after = line[i - 1] if i else "", line[j] if j < len(line) else ""
            if not (before and after and may_break(before, after)):
                continue
            runs.append((metrics.exact(line[start:i], " "), gap))
            gap = (j - i) * space + (j - i - 1) * pairs.get("  ", 0.0) + pairs.get(" " + after, 0.0)
            start = j
        runs.append((metrics.exact(line[start:]), gap))
        result.append(runs)
    return result


def _line_count(lines: list[list[tuple[float, float]]], width: float) -> int | None:
    """How many lines a paragraph takes in ``width`` em, breaking each as late as fits (Typst's
    first fit); None if a stretch is wider than the line."""
    count = 0
    for runs in lines:
        count += 1
        used = -1.0
        for run, gap in runs:
            if run > width:
                return None
            if used < 0:
                used = run
            elif used + gap + run <= width:
                used += gap + run
            else:
                count += 1
                used = run
    return count


@lru_cache(maxsize=64)
def candidate_sizes(largest: float, smallest: float) -> tuple[float, ...]:
    """The sizes the template tries, largest first: ``largest``, then ``smallest`` + k steps."""
    steps = math.ceil((largest - smallest) / SIZE_STEP)
    return (largest, *(smallest + k * SIZE_STEP for k in range(steps - 1, -1, -1)))


def fit_size(paragraphs: list[Paragraph], width: float, height: float, largest: float, smallest: float) -> float | None:
    """The largest candidate size (pt) at which ``paragraphs``, stacked, fit ``width`` x ``height`` pt;
    None if they may not fit even at ``smallest`` or hold a character the table lacks."""
    width, height = width - EPSILON, height - EPSILON
    variants = [_variant(variant) for _, _, variant in paragraphs]
    if any(metrics.unknown.search(text) for (text, _, _), metrics in zip(paragraphs, variants)):
        return None
    # Most text fits at the largest size on one line a paragraph: check that first.
    total = STACK_SPACING * largest * (len(paragraphs) - 1)
    for (text, em, _), metrics in zip(paragraphs, variants):
        if "\n" in text:
            break
        room = width / (em * largest)
        if metrics.quick(text) > room and metrics.exact(text) > room:
            break
        total += metrics.cap * em * largest
    else:
        if total <= height:
            return largest
    prepared = [(_runs(text, metrics), em, metrics.cap) for (text, em, _), metrics in zip(paragraphs, variants)]
    for size in candidate_sizes(largest, smallest):
        total = STACK_SPACING * size * (len(prepared) - 1)
        for runs, em, cap in prepared:
            font = em * size
            count = _line_count(runs, width / font)
            if count is None:
                total = math.inf
                break
            total += count * cap * font + (count - 1) * LEADING * font
        if total <= height:
            return size
    return None


@dataclass(frozen=True)
class FaceBox:
    """The room on a face for its text (pt), as the template divides it."""

    width: float
    front: float  # the body's height on the front
    back: float  # on the back, above the citation
    id_room: float

    @classmethod
    def of(cls, options: PrintOptions) -> "FaceBox":
        if options.layout == "index":
            w, h, padding = INDEX_CARD[0], INDEX_CARD[1], INDEX_PADDING
        else:
            _, _, w, h = grid_cell(options)
            padding = PADDING
        inner_w = (_mm(w) - 2 * padding) * PT_PER_MM
        inner_h = (_mm(h) - 2 * padding) * PT_PER_MM
        front = inner_h - HEADER_H
        return cls(inner_w, front, front - FOOTER_H - FOOTER_GAP, inner_w - KIND_RESERVE)


def id_size(card_id: str, box: FaceBox) -> float | None:
    """The card id's size (pt): as large as fits right of the kind, at most ID_MAX; None below ID_MIN."""
    size = min(ID_MAX, box.id_room / (MONO_ADVANCE * len(card_id.encode())))  # Typst counts bytes
    return size if size >= ID_MIN else None


def fitted_sizes(data: dict[str, Any], box: FaceBox, options: PrintOptions, designed: bool) -> dict[str, float | None]:
    """The sizes a card is printed at: its front and back text, citation and id; None where the
    template is to measure (``designed``: the card's kind has its shipped design)."""
    sizes: dict[str, float | None] = {"front": None, "back": None, "citation": None}
    if designed:
        low = options.min_font_size
        sizes["front"] = fit_size(paragraphs(data["kind"], "front", data), box.width, box.front, MAX_FONT, low)
        sizes["back"] = fit_size(paragraphs(data["kind"], "back", data), box.width, box.back, MAX_FONT, low)
        sizes["citation"] = fit_size([(f"Source: {data['citation']}", 1.0, "italic")], box.width, FOOTER_H,
                                     CITATION_MAX, CITATION_MIN)
    sizes["id"] = id_size(data["id"], box)
    return sizes


# --- card data ---------------------------------------------------------------------------------


def card_data(deck: m.Deck, card: m.Card, box: FaceBox, options: PrintOptions, designed: bool,
              unusual: dict[str, set[str]] | None = None) -> dict[str, Any]:
    """What a card prints, as plain strings for the template, never markup; and the sizes it
    prints at (``designed``: its kind has the shipped design, which Python can fit).
    ``unusual`` is told the characters of the card's text outside the card font's
    alphabets (see :func:`unusual_characters`)."""
    data: dict[str, Any] = {"id": card.id, "kind": card.kind, "citation": deck.citation_label(card.citation)}
    kind = kind_of(card)
    data.update(kind.print_data(card))
    # The card's own text, as printed (the citation aside).
    texts = [v for k, v in data.items() if isinstance(v, str) and k not in ("id", "kind", "citation")]
    texts += data.get("aliases", ())
    if unusual is not None:
        found = unusual_characters([*texts, data["citation"]])
        if found:
            unusual[card.id] = found
    styled = {key: found for key in kind.rich_fields if key in data and (found := markup.runs(data[key])) is not None}
    # Python's model sets each paragraph in one style: styled text is measured by Typst.
    sizes = fitted_sizes(data, box, options, designed and not styled)
    if None in (sizes["front"], sizes["back"], sizes["citation"]):
        # Only where the template measures the text itself does it need these bounds.
        data["widest"] = _bound(widest_word(texts))
        data["citation_widest"] = _bound(widest_word([data["citation"]]))
    if styled:
        data.update(styled)
        data["styled"] = sorted(styled)
    data["size"] = sizes
    return data


def unusual_characters(texts: list[str]) -> set[str]:
    """The characters of ``texts`` outside the card font's table (Latin, Greek, Cyrillic and
    common punctuation): the only ones that may print as an empty box, if no font built
    into Typst has them (:func:`cards.export.pdf.missing_glyphs` tells)."""
    joined = "".join(texts)
    if joined.isascii():
        return set()
    return set(joined) - _in_table()


@lru_cache(maxsize=None)
def _in_table() -> frozenset[str]:
    from cards.render.print_metrics import ADVANCES

    return frozenset(map(chr, ADVANCES["regular"])) | frozenset(" \n\t\u00a0")


def glyph_problems(deck: m.Deck, unusual: dict[str, set[str]], missing: set[str]) -> list[Problem]:
    """A warning for each card with characters no print font has (``missing``)."""
    problems = []
    for card in deck.cards:
        lacking = sorted(unusual.get(card.id, set()) & missing)
        if not lacking:
            continue
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in lacking[:8]) + (", ..." if len(lacking) > 8 else "")
        problems.append(Problem(
            deck.display_path, card.mark.line, card.mark.column,
            f"card {card.id!r}: the fonts of the printed cards have no {shown}; in the PDF "
            + ("they print as empty boxes (Anki shows them" if len(lacking) > 1 else "it prints as an empty box "
               "(Anki shows it") + " with the device's fonts)",
            Severity.WARNING, card=card.id,
        ))
    return problems


def _mm(value: float) -> float:
    """Lengths go into the data rounded to a thousandth of a mm, so the output never depends on float noise."""
    return round(value, 3)


def _page_data(page: Page, rounded: dict[float, float]) -> dict[str, Any]:
    """A page for the template; ``rounded`` remembers :func:`_mm` of the lengths seen so far
    (a deck's pages use only a handful)."""

    def mm(value: float) -> float:
        found = rounded.get(value)
        if found is None:
            found = rounded[value] = _mm(value)
        return found

    return {
        "width": mm(page.width),
        "height": mm(page.height),
        "side": page.side,
        "label": page.label,
        "slots": [[s.card, s.face, mm(s.x), mm(s.y), mm(s.w), mm(s.h)] for s in page.slots],
        "cuts": [[mm(v) for v in rect] for rect in page.cuts],
        "folds": [[mm(v) for v in line] for line in page.folds],
        "crops": [[mm(v) for v in line] for line in page.crops],
    }


#: How many faces (a card has two) one part of a big document holds, give or take a
#: page: about 500 cards. Typst needs some 50 MB per 1,000 faces it lays out, and each part costs
#: about 20 kB of PDF (its own copy of the fonts' glyphs) and a few ms more to make;
#: smaller parts let the helper process start sooner and the two processes finish
#: together. A document of up to twice this many faces is one part, so that a deck
#: of up to about 1,000 cards is one compile and its PDF tagged for accessibility.
FACES_PER_PART = 1000


def _split(pages: tuple[Page, ...], limit: int) -> list[list[int]]:
    """Runs of page indexes: as few as hold about ``limit`` faces each (give or take a
    page), as even as whole pages allow; a single run if the document holds no more
    than twice ``limit``."""
    total = sum(len(page.slots) for page in pages)
    if total <= 2 * limit:
        return [list(range(len(pages)))]
    count = math.ceil(total / limit)
    runs: list[list[int]] = [[] for _ in range(count)]
    done = 0
    for index, page in enumerate(pages):
        # The page goes to the run its first face falls in, were faces shared out evenly.
        runs[done * count // total].append(index)
        done += len(page.slots)
    return [run for run in runs if run]


def render_print(deck: m.Deck, template_dirs: tuple[Path, ...], options: PrintOptions, *, dated: bool = False) -> PrintDocument:
    """The Typst program and data for one deck. ``dated``: the PDF carries the build's timestamp.

    The program is rendered now; each part's data when the document is asked for it."""
    pages = layout_pages(len(deck.cards), options, deck.name)
    box = FaceBox.of(options)
    designed = designed_kinds(template_dirs)
    made: dict[int, dict[str, Any]] = {}
    rounded: dict[float, float] = {}
    unusual: dict[str, set[str]] = {}

    def card(index: int) -> dict[str, Any]:
        # A card whose front and back fall in different parts is fitted once.
        found = made.get(index)
        if found is None:
            found = made[index] = card_data(deck, deck.cards[index], box, options, deck.cards[index].kind in designed,
                                            unusual)
        return found

    def make_part(run: list[int]) -> str:
        # The part carries the cards its pages print, numbered from 0 in the order they first appear.
        numbers: dict[int, int] = {}
        part_pages = []
        for index in run:
            page = _page_data(pages[index], rounded)
            for slot in page["slots"]:
                slot[0] = numbers.setdefault(slot[0], len(numbers))
            part_pages.append(page)
        part = {"title": deck.name, "cards": [card(i) for i in numbers], "pages": part_pages}
        return json.dumps(part, ensure_ascii=False, separators=(",", ":"))

    source = render(
        template_dirs,
        "print/document.typ.j2",
        designs=typst_designs(),
        replaced=replaced_designs(template_dirs),
        dated=dated,
        padding=INDEX_PADDING if options.layout == "index" else PADDING,
        margin=MARGIN,
        max_font=MAX_FONT,
        min_font=options.min_font_size,
        layout=options.layout,
    )
    return PrintDocument(deck.id, source, pages, options, deck.cards, _split(pages, FACES_PER_PART), make_part,
                         unusual)


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
