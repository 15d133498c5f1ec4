"""Print that survives an office printer: nothing inside the printer margin, and a duplex
correction (back_offset) that moves every back page by exactly what it says.

Measured on the built PDF: pages rendered by pdftoppm at 72 dpi, and text positions read back.
"""

from __future__ import annotations

import math

import pytest

from conftest import run_cards
from pdf_reading import read_pdf, render_pgm
from test_pdf import make_deck, ok

from cards.print_options import PrintOptions, check_section, resolve
from cards.render.print_layout import layout_pages
from cards.yamlmarks import parse

DPI = 72


def _blank_border(pixels: bytes, width: int, height: int, margin_mm: float) -> list[tuple[int, int]]:
    """Pixels wholly inside the margin along any edge that are not white."""
    band = math.floor(margin_mm / 25.4 * DPI)  # pixels 0 .. band-1 lie wholly within the margin
    inked = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        if y < band or y >= height - band:
            inked += [(x, y) for x, v in enumerate(row) if v != 255]
        else:
            inked += [(x, y) for x in (*range(band), *range(width - band, width)) if row[x] != 255]
    return inked


@pytest.mark.parametrize("layout", ["grid", "foldover", "index"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_ink_within_the_printer_margin(tmp_path, layout, paper):
    # Six columns and crop marks: the densest marks and the footer, all in the margin band.
    columns = {"grid": ["--no-lint"], "foldover": ["--no-lint"], "index": ["--no-lint"]}[layout]
    section = {"grid": "print: {columns: 6, rows: 10}\n", "foldover": "print: {columns: 3}\n", "index": ""}[layout]
    make_deck(tmp_path, 70, print_section=section)
    ok(run_cards("build", *columns, "--layout", layout, "--paper", paper, "--crop-marks", cwd=tmp_path))
    pdf = tmp_path / "build" / "many.pdf"
    for number in (1, 2):
        found = render_pgm(pdf, number, DPI, tmp_path)
        if found is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = found
        assert _blank_border(pixels, width, height, 6.0) == [], f"page {number}"
        # And there is ink just inside it: the footer and crop marks did move in, not vanish.
        if layout != "index":
            assert _blank_border(pixels, width, height, 9.5), f"page {number}"


def test_a_wider_printer_margin_keeps_the_page_blank_there(tmp_path):
    make_deck(tmp_path, 8, print_section="print: {printer_margin: 12, crop_marks: true}\n")
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    found = render_pgm(tmp_path / "build" / "many.pdf", 2, DPI, tmp_path)
    if found is None:
        pytest.skip("pdftoppm is not installed")
    width, height, pixels = found
    assert _blank_border(pixels, width, height, 12.0) == []


def _positions(path, card_id):
    return [[(t.x, t.y) for t in page.find(card_id)] for page in read_pdf(path)]


@pytest.mark.parametrize("layout, how", [("grid", "cli"), ("grid", "deck"), ("index", "cli")])
def test_back_offset_moves_every_back_page_by_exactly_that(tmp_path, layout, how):
    # The layout keeps a shifted back out of the printer margin by widening that margin by the offset
    # (2 mm at most here): unshifted, the same pages are those of a printer margin of 6 + 2 mm.
    make_deck(tmp_path, 10, print_section="print: {printer_margin: 8}\n")
    ok(run_cards("build", "--no-lint", "--layout", layout, "--out", "plain", cwd=tmp_path))
    section = "print: {back_offset: [1.5, -2]}\n" if how == "deck" else ""
    make_deck(tmp_path, 10, print_section=section)
    extra = ["--back-offset", "1.5,-2"] if how == "cli" else []
    ok(run_cards("build", "--no-lint", "--layout", layout, "--out", "moved", *extra, cwd=tmp_path))
    plain, moved = read_pdf(tmp_path / "plain" / "many.pdf"), read_pdf(tmp_path / "moved" / "many.pdf")
    assert len(plain) == len(moved)
    checked = 0
    for number, (a, b) in enumerate(zip(plain, moved)):
        back = number % 2 == 1  # long-edge duplex: fronts on odd pages, backs on even ones
        for i in range(1, 11):
            for p, q in zip(sorted((t.x, t.y) for t in a.find(f"c{i}")), sorted((t.x, t.y) for t in b.find(f"c{i}"))):
                dx, dy = (1.5, -2.0) if back else (0.0, 0.0)
                assert q[0] - p[0] == pytest.approx(dx, abs=0.01) and q[1] - p[1] == pytest.approx(dy, abs=0.01)
                checked += back
        # The footer moves with its page, too.
        for t in a.texts:
            if "sheet" in t.text:
                (u,) = [u for u in b.texts if u.text == t.text]
                assert (u.x - t.x, u.y - t.y) == pytest.approx((1.5, -2.0) if back else (0.0, 0.0), abs=0.01)
    assert checked == 10


def test_back_offset_shifts_every_back_slot_cut_and_mark():
    # Unshifted, the pages are those of a printer margin widened by the offset (see the test above).
    base = PrintOptions(crop_marks=True, duplex="none", printer_margin=7.1)
    moved = PrintOptions(crop_marks=True, duplex="none", back_offset=(-1.1, 1.1))
    for a, b in zip(layout_pages(12, base, "d"), layout_pages(12, moved, "d")):
        shift = (-1.1, 1.1) if a.side == "back" else (0.0, 0.0)
        for s, t in zip(a.slots, b.slots):
            assert (t.x - s.x, t.y - s.y) == pytest.approx(shift)
        for c, d in zip(a.cuts, b.cuts):
            assert (d[0] - c[0], d[1] - c[1]) == pytest.approx(shift)
        for c, d in zip(a.crops, b.crops):
            assert (d[0] - c[0], d[1] - c[1], d[2] - c[2], d[3] - c[3]) == pytest.approx(shift * 2)


def test_print_section_takes_a_printer_margin_and_a_back_offset():
    section, problems = check_section(parse("print: {printer_margin: 4.5, back_offset: [-1, 0.5]}\n", "d.yaml")["print"], "d.yaml")
    assert problems == []
    options = resolve(section)
    assert options.printer_margin == 4.5 and options.back_offset == (-1.0, 0.5)
    for bad, message in (("back_offset: 3", "must be [x, y]"), ("back_offset: [1, 2, 3]", "must be [x, y]"),
                         ("back_offset: [11, 0]", "between -10 and 10"), ("printer_margin: 30", "between 0 and 15")):
        _, problems = check_section(parse(f"print: {{{bad}}}\n", "d.yaml")["print"], "d.yaml")
        assert len(problems) == 1 and message in problems[0].message, problems


def test_crop_marks_below_the_grid_stay_clear_of_the_footer():
    from cards.render.print_layout import footer_span
    options = PrintOptions(crop_marks=True, columns=6)
    fronts = [page for page in layout_pages(12, options, "A deck") if page.side == "front"]
    for page in fronts:
        left, right = footer_span(page.label, options)
        below = [c for c in page.crops if c[0] == c[2] and c[1] > page.height / 2]
        above = [c for c in page.crops if c[0] == c[2] and c[1] < page.height / 2]
        assert len(above) == 7 and 0 < len(below) < 7
        assert not any(left - 1 <= c[0] <= right + 1 for c in below)


# --- card stock ----------------------------------------------------------------------------------------

from cards.print_choices import PAPERS, STOCKS  # noqa: E402
from cards.render.print_layout import grid_cell  # noqa: E402
from pdf_reading import cut_rectangles  # noqa: E402

IN = 25.4
#: Published card sizes (mm, width x height as printed) and cards per sheet.
PUBLISHED = {
    "avery-5388": ("letter", 5 * IN, 3 * IN, 3),
    "avery-5371": ("letter", 3.5 * IN, 2 * IN, 10),
    "a7": ("a4", 74.0, 105.0, 4),
    "a6": ("a4", 148.0, 105.0, 2),
}


def test_every_stock_is_published():
    assert set(STOCKS) == set(PUBLISHED)


@pytest.mark.parametrize("stock", sorted(PUBLISHED))
def test_stock_cards_match_the_published_size(tmp_path, stock):
    paper, width, height, per_sheet = PUBLISHED[stock]
    options = resolve({"stock": stock})
    # The layout maths.
    page_w, page_h, card_w, card_h = grid_cell(options)
    assert (page_w, page_h) == PAPERS[paper]
    assert abs(card_w - width) <= 0.2 and abs(card_h - height) <= 0.2
    fronts = [p for p in layout_pages(per_sheet, options, "d") if p.side == "front"]
    assert len(fronts) == 1 and len(fronts[0].slots) == per_sheet
    for x, y, w, h in fronts[0].cuts:
        assert 6 <= x and x + w <= page_w - 6 and 6 <= y and y + h <= page_h - 6  # inside the printable area
    # The cut lines in the PDF.
    make_deck(tmp_path, per_sheet)
    ok(run_cards("build", "--no-lint", "--stock", stock, "--crop-marks", cwd=tmp_path))
    pdf = tmp_path / "build" / "many.pdf"
    pages = read_pdf(pdf)
    assert len(pages) == 2 and abs(pages[0].width - page_w) < 0.1 and abs(pages[0].height - page_h) < 0.1
    cuts = cut_rectangles(pdf, 0)
    assert len(cuts) == per_sheet
    for x, y, w, h in cuts:
        assert abs(w - width) <= 0.2 and abs(h - height) <= 0.2, (x, y, w, h)
    found = render_pgm(pdf, 1, DPI, tmp_path)
    if found is not None:
        assert _blank_border(found[2], found[0], found[1], 6.0) == []


def test_a_deck_can_name_its_stock_and_the_command_line_wins(tmp_path):
    section, problems = check_section(parse("print: {stock: Avery_5371}\n", "d.yaml")["print"], "d.yaml")
    assert problems == [] and resolve(section).grid == (2, 5)
    assert resolve(section, {"stock": "a7"}).paper == "a4"
    _, problems = check_section(parse("print: {stock: avery-5389}\n", "d.yaml")["print"], "d.yaml")
    assert len(problems) == 1 and "avery-5388" in problems[0].message


# --- a large back_offset, a wide printer margin: still nothing in the margin ----------------------------

@pytest.mark.parametrize("how", [["--layout", "grid"], ["--layout", "grid", "--duplex", "none"], ["--layout", "index"],
                                 ["--stock", "a6", "--duplex", "none"], ["--stock", "avery-5371"]])
@pytest.mark.parametrize("offset", ["-2.5,2.5", "2.5,-2.5"])
def test_a_shifted_back_page_stays_out_of_the_printer_margin(tmp_path, how, offset):
    # Crop marks and cut lines on the backs (duplex none), the footer, an index card's text: the layout
    # makes room for the shift, so no back page comes nearer the paper's edge than printer_margin.
    make_deck(tmp_path, 10)
    ok(run_cards("build", "--no-lint", *how, "--crop-marks", "--back-offset", offset, cwd=tmp_path))
    pdf = tmp_path / "build" / "many.pdf"
    for number in range(1, len(read_pdf(pdf)) + 1):
        found = render_pgm(pdf, number, DPI, tmp_path)
        if found is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = found
        assert _blank_border(pixels, width, height, 6.0) == [], f"page {number}"


@pytest.mark.parametrize("section, named", [("print: {stock: avery-5371, printer_margin: 12}", "printer_margin"),
                                            ("print: {stock: avery-5371, back_offset: [0, 5]}", "back_offset")])
def test_a_stock_with_less_paper_than_the_printer_margin_needs_is_refused(tmp_path, section, named):
    # Avery 5371 leaves 12.7 mm above and below its cards: its cut lines and footer would be in a 12 mm
    # margin (or in a 6 mm one once the backs move 5 mm down).
    make_deck(tmp_path, 10, print_section=section + "\n")
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode != 0 and not (tmp_path / "build" / "many.pdf").exists()
    line = next(n for n, text in enumerate((tmp_path / "decks" / "many.yaml").read_text().splitlines(), 1)
                if text.startswith("print:"))
    column = section.index(named) + len(named) + 3  # at its value
    assert f"decks/many.yaml:{line}:{column}: print: stock 'avery-5371'" in result.stderr
    assert "12.7 mm of paper above and below its cards" in result.stderr and "at most" in result.stderr
    assert "Traceback" not in result.stderr


def _inked(pixels: bytes, width: int, rows: range) -> set[tuple[int, int]]:
    return {(x, y) for y in rows for x in range(width) if pixels[y * width + x] < 200}


def test_no_crop_mark_runs_through_the_footer_whatever_its_letters(tmp_path):
    # A deck name of the widest capitals: the footer is as long as its letters really are, and the
    # crop marks below the grid keep clear of all of it (measured on the page, not estimated).
    dpi = 150
    make_deck(tmp_path, 12, print_section="print: {columns: 6}\n")
    path = tmp_path / "decks" / "many.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("deck: Many cards", "deck: " + "WM" * 32),
                    encoding="utf-8")
    columns = {}
    for marks in ("--no-crop-marks", "--crop-marks"):
        ok(run_cards("build", "--no-lint", marks, "--out", marks, cwd=tmp_path))
        found = render_pgm(tmp_path / marks / "many.pdf", 1, dpi, tmp_path)
        if found is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = found
        # The band between the grid (10 mm from the foot) and the printer margin (6 mm).
        band = range(height - math.ceil(10 / 25.4 * dpi) + 2, height - math.floor(6 / 25.4 * dpi))
        columns[marks] = _inked(pixels, width, band)
    footer = {x for x, _ in columns["--no-crop-marks"]}
    crops = {x for x, _ in columns["--crop-marks"] - columns["--no-crop-marks"]}  # the marks' own pixels
    assert footer and crops  # there is a footer, and crop marks below the grid
    pad = math.ceil(0.5 / 25.4 * dpi)
    assert not [x for x in crops if min(footer) - pad <= x <= max(footer) + pad]


@pytest.mark.parametrize("layout", ["grid", "foldover"])
def test_a_deck_name_too_long_for_the_footer_is_cut_short_before_the_printer_margin(tmp_path, layout):
    make_deck(tmp_path, 4)
    path = tmp_path / "decks" / "many.yaml"
    name = "The " + "Wide " * 60 + "Deck"
    path.write_text(path.read_text(encoding="utf-8").replace("deck: Many cards", "deck: " + name), encoding="utf-8")
    ok(run_cards("build", "--no-lint", "--layout", layout, "--crop-marks", cwd=tmp_path))
    pdf = tmp_path / "build" / "many.pdf"
    footer = " ".join(t.text for t in read_pdf(pdf)[0].texts if t.y > read_pdf(pdf)[0].height - 10)
    assert footer.startswith("The Wide") and "\u2026" in footer and "sheet 1 of 1" in footer and "Deck" not in footer
    found = render_pgm(pdf, 1, DPI, tmp_path)
    if found is None:
        pytest.skip("pdftoppm is not installed")
    assert _blank_border(found[2], found[0], found[1], 6.0) == []
