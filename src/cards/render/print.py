"""Render a deck into a Typst document for printing: the program, and the card data in parts.

Python decides where every face goes (:mod:`cards.render.print_layout`) and the
size its text prints at (:mod:`cards.render.print_fit`); Jinja renders the Typst
program that draws them (``templates/print/``); the card text itself travels
separately as JSON data (:attr:`PrintDocument.data`), which the Typst program
decodes and prints as plain text. Nothing a deck says is ever parsed as Typst
markup, so ``#read("/etc/passwd")``, ``$x$`` or ``*bold*`` on a card print as
written.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any, Callable

from cards import model as m
from cards.print_options import PrintOptions
from cards.kinds import kind_of
from cards.render import markup
from cards.render.design import designed_kinds, replaced_designs, typst_designs
from cards.render.print_fit import FaceBox, card_box, fitted_sizes, widest_word, with_headroom, word_width
from cards.render.print_legible import IMAGE_GAP, IMAGE_SHARE, check_layout, image_text_height, printed_data
from cards.render.print_layout import (FOOTER_INDENT, MARGIN, PADDING, Page, footer_raise, grid_origin, index_padding, keep_out,
                                       layout_pages, round_mm)
from cards.render.print_problems import DECK_NAME, unusual_characters
from cards.templating import render


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
                 unusual: dict[str, set[str]], images: dict[str, bytes] | None = None):
        self.deck_id = deck_id
        #: the images the cards print, by file name: the PDF job writes them into the
        #: folder Typst compiles in, as images/NAME
        self.images = images or {}
        self.source = source  # the Typst program (no card text in it)
        self.pages = pages
        self.options = options
        self.cards = cards
        self._runs = page_runs  # page indexes, per part
        self._make_part = make_part
        self._parts: dict[int, str] = {}
        #: card id -> the characters of its text outside the card font's table, for the
        #: cards of the parts made so far (see :func:`cards.render.print_problems.unusual_characters`)
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


# --- card data ---------------------------------------------------------------------------------


def card_data(deck: m.Deck, card: m.Card, box: FaceBox, options: PrintOptions, designed: bool,
              unusual: dict[str, set[str]] | None = None) -> dict[str, Any]:
    """What a card prints, as plain strings for the template, never markup; and the sizes it
    prints at (``designed``: its kind has the shipped design, which Python can fit).
    ``unusual`` is told the characters of the card's text outside the card font's
    alphabets (see :func:`cards.render.print_problems.unusual_characters`)."""
    data = printed_data(deck, card)
    kind = kind_of(card)
    # The card's own text, as printed (the citation aside).
    texts = [v for k, v in data.items() if isinstance(v, str) and k not in ("id", "kind", "citation")]
    texts += data.get("aliases", ())
    if unusual is not None:
        found = unusual_characters([*texts, data["citation"]])
        if found:
            unusual[card.id] = found
    styled = {key: found for key in (*kind.rich_fields, *kind.print_rich) if key in data and (found := markup.runs(data[key])) is not None}
    # Python's model sets each paragraph in one style: styled text is measured by Typst.
    box, id_line = card_box(kind.label, card.id, box)
    if id_line:
        data["id_line"] = True
    if card.image is not None:  # the image takes the top of the back, the text the rest
        box = dataclasses.replace(box, back=image_text_height(box.back))
    sizes = fitted_sizes(data, box, options, designed and not styled)
    if None in (sizes["front"], sizes["back"], sizes["citation"]):
        # Only where the template measures the text itself does it need these bounds.
        data["widest"] = with_headroom(widest_word(texts))
        data["citation_widest"] = with_headroom(widest_word([data["citation"]]))
    if styled:
        data.update(styled)
        data["styled"] = sorted(styled)
    data["size"] = sizes
    if card.image is not None:
        data["image"] = card.image.media_name  # a file in the print folder's images/ (see PrintDocument.images)
    return data


def deck_line(name: str, box: FaceBox) -> str:
    """The deck's name as the foot of each back prints it, on one line at the smallest size: cut
    short at the end, with an ellipsis, if it is too long (as the page footer does: print_layout.footer_name)."""
    def fits(text: str) -> bool:
        # An upper bound of the width, whatever the characters (those outside the table count as wide).
        return word_width(text) * box.small <= box.width
    if fits(name):
        return name
    words = name.split(" ")
    while len(words) > 1 and not fits(" ".join(words) + "\u2026"):
        words.pop()
    shown = " ".join(words)
    while shown and not fits(shown + "\u2026"):
        shown = shown[:-1]
    return shown.rstrip(" ,;:") + "\u2026"


def _language(tag: str) -> tuple[str, str | None]:
    """A BCP 47 tag as Typst's text language and region: 'en-GB' -> ('en', 'GB')."""
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return parts[0].lower(), region


def _page_data(page: Page, rounded: dict[float, float]) -> dict[str, Any]:
    """A page for the template; ``rounded`` remembers :func:`round_mm` of the lengths seen so far
    (a deck's pages use only a handful)."""

    def mm(value: float) -> float:
        found = rounded.get(value)
        if found is None:
            found = rounded[value] = round_mm(value)
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
        "shift": [mm(v) for v in page.shift],
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
    check_layout(deck, options)  # refuses a layout that cannot print the deck legibly
    pages = layout_pages(len(deck.cards), options, deck.name)
    box = FaceBox.of(options)
    document_data: dict[str, Any] = {"title": deck.name}
    if deck.author:
        document_data["author"] = deck.author
    if deck.description:
        document_data["subject"] = deck.description
    if options.deck_name:
        document_data["deck_line"] = deck_line(deck.name, box)
    designed = designed_kinds(template_dirs)
    made: dict[int, dict[str, Any]] = {}
    rounded: dict[float, float] = {}
    unusual: dict[str, set[str]] = {}
    if options.deck_name or options.layout != "index":  # on the backs, or in the page footer
        found = unusual_characters([deck.name])
        if found:
            unusual[DECK_NAME] = found

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
        part = {**document_data, "cards": [card(i) for i in numbers], "pages": part_pages}
        return json.dumps(part, ensure_ascii=False, separators=(",", ":"))

    lang, region = _language(deck.language)
    source = render(
        template_dirs,
        "print/document.typ.j2",
        designs=typst_designs(),
        replaced=replaced_designs(template_dirs),
        dated=dated,
        padding=index_padding(options) if options.layout == "index" else PADDING,
        margin=MARGIN,
        footer_left=round_mm(grid_origin(options)[0] + FOOTER_INDENT),
        footer_bottom=round_mm(keep_out(options)[1] + footer_raise(options)),
        **box.template_values(),
        lang=json.dumps(lang),
        region=json.dumps(region) if region else None,
        layout=options.layout,
        image_share=IMAGE_SHARE,
        image_gap=IMAGE_GAP,
    )
    images = {card.image.media_name: card.image.data for card in deck.cards if card.image is not None}
    return PrintDocument(deck.id, source, pages, options, deck.cards, _split(pages, FACES_PER_PART), make_part,
                         unusual, images)
