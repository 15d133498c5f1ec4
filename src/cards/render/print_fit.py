"""The size each printed text is set at: word widths, line breaking as Typst does it, fit_size.

Python works out, from the card font's metrics (:mod:`cards.render.print_metrics`),
the largest size at which each face's text fits its card, so that the Typst
program only draws; what Python cannot vouch for it leaves Typst to measure.
The sections below say how, and why the results are safe upper bounds.
"""

from __future__ import annotations

import math
import re
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any

from cards.print_options import INDEX_CARD, LARGEST_FONT, MAX_FONT, PrintOptions
from cards.render.design import Paragraph, paragraphs
from cards.render.print_layout import PADDING, grid_cell, index_padding, round_mm

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


#: Typst breaks a line after a hyphen, a dash or a slash that a letter follows ("well-|known",
#: "and/|or"), as the template's word measurement does too (document.typ.j2, word-size).
_AFTER_HYPHEN = re.compile(r"(?<=[-\u2013\u2014/])(?=[^\W\d_])")


def widest_word(texts: list[str]) -> float:
    """An upper bound (em) of the widest word in ``texts``; words are split where Typst may break lines:
    at spaces, and after a hyphen, dash or slash before a letter."""
    words = (piece for text in texts for word in text.replace("\t", " ").replace("\n", " ").split(" ")
             for piece in _AFTER_HYPHEN.split(word))
    return max((word_width(word) for word in words if word), default=0)


def with_headroom(value: float) -> float:
    """``value`` (em) made a safe bound: widened by WIDTH_MARGIN and rounded up to a thousandth."""
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
#: The fixed parts of a face, in em of the smallest size (min_font_size), which they print at:
#: the header (kind label and card id, on one line), the citation's two lines at the foot of
#: the back (in em of the citation's largest size) and the deck's name below it.
HEADER_EM = 9 / 7
FOOTER_EM = 15 / 7
DECK_LINE_EM = 1.4
#: Below the citation's last baseline, room for its descenders (em) when no deck name is printed.
DESCENT_EM = 0.3
FOOTER_GAP = 1.5 * PT_PER_MM
#: The citation is set from this size (pt) down to min_font_size, in two lines at most.
CITATION_MAX = 7.0
#: The kind label: upper case, letter-spaced by this much (em); then a gap (pt) before the id.
LABEL_TRACKING = 0.08
HEADER_GAP = 4.0
#: The card id: DejaVu Sans Mono, whose every character is 0.602 em wide.
MONO_ADVANCE = 0.602
#: The largest text size grows with the card: one pt per this many pt of the card's inner height
#: (the default grid's card gets MAX_FONT), up to LARGEST_FONT.
HEIGHT_PER_PT = 10.8
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


def fit_size(paragraphs: list[Paragraph], width: float, height: float, largest: float, smallest: float,
             floor: float = 0.0) -> float | None:
    """The largest candidate size (pt) at which ``paragraphs``, stacked, fit ``width`` x ``height`` pt;
    None if they may not fit even at ``smallest`` or hold a character the table lacks. A paragraph
    smaller than the text (a prompt, a detail: em < 1) is never set below ``floor`` pt, as in the
    template, so that no text on a card is smaller than min_font_size."""
    width, height = width - EPSILON, height - EPSILON
    variants = [_variant(variant) for _, _, variant in paragraphs]
    if any(metrics.unknown.search(text) for (text, _, _), metrics in zip(paragraphs, variants)):
        return None
    # Most text fits at the largest size on one line a paragraph: check that first.
    total = STACK_SPACING * largest * (len(paragraphs) - 1)
    for (text, em, _), metrics in zip(paragraphs, variants):
        if "\n" in text:
            break
        font = max(em * largest, floor)
        room = width / font
        if metrics.quick(text) > room and metrics.exact(text) > room:
            break
        total += metrics.cap * font
    else:
        if total <= height:
            return largest
    prepared = [(_runs(text, metrics), em, metrics.cap) for (text, em, _), metrics in zip(paragraphs, variants)]
    for size in candidate_sizes(largest, smallest):
        total = STACK_SPACING * size * (len(prepared) - 1)
        for runs, em, cap in prepared:
            font = max(em * size, floor)
            count = _line_count(runs, width / font)
            if count is None:
                total = math.inf
                break
            total += count * cap * font + (count - 1) * LEADING * font
        if total <= height:
            return size
    return None


def largest_size(inner_height: float, smallest: float) -> float:
    """The size (pt) a card's text starts at before it shrinks: MAX_FONT on cards up to the default
    grid's, more on bigger ones (in proportion to the room, ``inner_height`` pt), up to LARGEST_FONT."""
    grown = math.floor(inner_height / HEIGHT_PER_PT / SIZE_STEP) * SIZE_STEP
    return max(smallest, min(LARGEST_FONT, max(MAX_FONT, grown)))


@dataclass(frozen=True)
class FaceBox:
    """The room on a face for its text (pt), as the template divides it, and the sizes it is set at."""

    width: float
    height: float  # inside the padding
    front: float  # the body's height on the front
    back: float  # on the back, above the citation
    header: float  # the kind label and id
    footer: float  # the citation
    deck_line: float  # below the citation: the deck's name, or room for the citation's descenders
    small: float  # min_font_size: labels, id, deck name, and the floor of every text
    largest: float  # the size text starts at before it shrinks
    citation_max: float

    @classmethod
    def of(cls, options: PrintOptions) -> "FaceBox":
        if options.layout == "index":
            w, h, padding = INDEX_CARD[0], INDEX_CARD[1], index_padding(options)
        else:
            _, _, w, h = grid_cell(options)
            padding = PADDING
        inner_w = (round_mm(w) - 2 * padding) * PT_PER_MM
        inner_h = (round_mm(h) - 2 * padding) * PT_PER_MM
        small = options.min_font_size
        citation_max = max(CITATION_MAX, small)
        header, footer = HEADER_EM * small, FOOTER_EM * citation_max
        deck_line = DECK_LINE_EM * small if options.deck_name else DESCENT_EM * citation_max
        front = inner_h - header
        return cls(inner_w, inner_h, front, front - footer - FOOTER_GAP - deck_line, header, footer, deck_line,
                   small, largest_size(inner_h, small), citation_max)

    def template_values(self) -> dict[str, float]:
        """The sizes the print template draws with (pt), rounded so the program never depends on float noise."""
        return {"header_h": round(self.header, 3), "footer_h": round(self.footer, 3),
                "deck_line_h": round(self.deck_line, 3), "max_font": self.largest, "min_font": self.small,
                "citation_max": self.citation_max}


def label_width(label: str, size: float) -> float:
    """The width (pt) of a kind's label in the header, as the template sets it: upper case, letter-spaced."""
    shown = label.upper()
    width = text_width(shown, "regular")
    if width is None:  # a character outside the table: count it as wide as any
        width = len(shown) * UNKNOWN_WIDTH
    return (width + LABEL_TRACKING * len(shown)) * size


def id_width(card_id: str, size: float) -> float:
    """The width (pt) of a card id (ids are ASCII, DejaVu Sans Mono)."""
    return MONO_ADVANCE * len(card_id) * size


def header_fits(label: str, card_id: str, box: FaceBox) -> bool:
    """Whether a card's kind label and id fit side by side on one line at the smallest size."""
    return label_width(label, box.small) + HEADER_GAP + id_width(card_id, box.small) <= box.width - EPSILON


def id_fits(card_id: str, box: FaceBox) -> bool:
    """Whether a card id fits a line of its own at the smallest size."""
    return id_width(card_id, box.small) <= box.width - EPSILON


def card_box(label: str, card_id: str, box: FaceBox) -> tuple[FaceBox, bool]:
    """The room for one card's text, and whether its id takes a line of its own below the label
    (when it does not fit beside it): the text then has a line less."""
    if header_fits(label, card_id, box):
        return box, False
    return dataclasses.replace(box, front=box.front - box.header, back=box.back - box.header), True


def fitted_sizes(data: dict[str, Any], box: FaceBox, options: PrintOptions, designed: bool) -> dict[str, float | None]:
    """The sizes a card is printed at: its front and back text and citation; None where the
    template is to measure (``designed``: the card's kind has its shipped design)."""
    sizes: dict[str, float | None] = {"front": None, "back": None, "citation": None}
    if designed:
        low, high = box.small, box.largest
        sizes["front"] = fit_size(paragraphs(data["kind"], "front", data), box.width, box.front, high, low, low)
        sizes["back"] = fit_size(paragraphs(data["kind"], "back", data), box.width, box.back, high, low, low)
        sizes["citation"] = fit_size([(f"Source: {data['citation']}", 1.0, "italic")], box.width, box.footer,
                                     box.citation_max, low)
    return sizes
