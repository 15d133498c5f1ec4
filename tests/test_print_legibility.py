"""Printed cards a person can read: no text below the deck's min_font_size, layouts that cannot
manage that refused with an error naming one that can, bigger text on bigger cards, the deck's
name on every back, and the PDF's language, author and subject from the deck.

Every test builds a project with the real CLI and reads the PDF back with pypdf.
"""

from __future__ import annotations

import re

import pypdf
import pytest

from conftest import run_cards
from pdf_reading import read_pdf
from test_pdf import make_deck, ok

from cards.print_options import STOCKS

LONG = ("The Military Revolutionary Committee of the Petrograd Soviet, which Trotsky led, took the bridges, "
        "the telegraph, the railway stations and the State Bank during the night of 24 to 25 October; ")


def long_cards(count: int, words: int = 1, prefix: str = "long-text-card-number") -> str:
    """``count`` term cards with long ids and ``words`` times LONG as their definitions."""
    return "".join(f"- id: {prefix}-{i}\n  kind: term\n  term: Military Revolutionary Committee {i}\n"
                   f"  definition: {(LONG * words).strip()}\n  source: notes:3\n" for i in range(count))


def smallest_text(path) -> float:
    return min(t.size for page in read_pdf(path) for t in page.texts)


def built_files(root) -> list:
    out = root / "build"
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def print_line(root) -> int:
    """The line of the deck's `print:` section (1-based)."""
    lines = (root / "decks" / "many.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("print:"))


# --- refused layouts -----------------------------------------------------------------------------


def test_a_dense_grid_is_refused_naming_the_largest_grid_that_fits(tmp_path):
    make_deck(tmp_path, 4, print_section="print:\n  columns: 6\n  rows: 10\n", extra=long_cards(12))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    line = print_line(tmp_path) + 1  # at `columns: 6`
    [error] = [x for x in result.stderr.splitlines() if "cannot print this deck legibly" in x]
    assert error.startswith(f"decks/many.yaml:{line}:"), error
    assert "6 × 10" in error and "min_font_size 7 pt" in error
    columns, rows = map(int, re.search(r"largest grid that fits every card at 7 pt is (\d+) × (\d+)", error).groups())
    assert columns * rows < 60
    assert built_files(tmp_path) == []  # nothing written
    # The grid it names really does fit: every card in full, nothing below 7 pt.
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("columns: 6", f"columns: {columns}").replace("rows: 10", f"rows: {rows}"))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    assert "does not fit" not in result.stderr, result.stderr
    assert smallest_text(tmp_path / "build" / "many.pdf") >= 7 - 1e-6
    # And it is the largest: one more row does not fit every card (the grid is refused or cuts text).
    if rows < 10:
        deck.write_text(deck.read_text().replace(f"rows: {rows}", f"rows: {rows + 1}"))
        result = run_cards("build", "--no-lint", "--out", "more", cwd=tmp_path)
        assert result.returncode == 1 or "does not fit" in result.stderr, result.stderr


def test_a_layout_chosen_on_the_command_line_is_refused_saying_so(tmp_path):
    make_deck(tmp_path, 0, print_section="print: {duplex: long-edge}\n", extra=long_cards(6, words=5))
    result = run_cards("build", "--no-lint", "--stock", "avery-5371", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    [error] = [x for x in result.stderr.splitlines() if "cannot print this deck legibly" in x]
    assert error.startswith(f"decks/many.yaml:{print_line(tmp_path)}:"), error
    assert "stock 'avery-5371'" in error and "(--stock on the command line)" in error, error
    assert "largest grid that fits" in error
    assert built_files(tmp_path) == []


def test_a_layout_that_cuts_off_most_cards_is_refused_but_a_few_overlong_cards_are_warnings(tmp_path):
    # Short ids, so the fixed parts fit: the text itself is too long for most cards.
    make_deck(tmp_path, 2, extra=long_cards(5, words=9, prefix="x"))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    [error] = [x for x in result.stderr.splitlines() if "cannot print this deck legibly" in x]
    assert "the text of 5 of its 7 cards does not fit" in error, error
    assert error.startswith("decks/many.yaml:1:1:"), error  # no print: section, so at the deck
    assert built_files(tmp_path) == []
    # One overlong card among many is cut off and marked, with a warning.
    make_deck(tmp_path, 8, extra=long_cards(1, words=9, prefix="x"))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    assert [x for x in result.stderr.splitlines() if "does not fit" in x and "card 'x-0'" in x], result.stderr


# --- no text below min_font_size -------------------------------------------------------------------

LAYOUTS = [
    [], ["--paper", "letter"], ["--layout", "foldover"], ["--layout", "index"], ["--crop-marks", "--paper", "letter"],
    *(["--stock", name] for name in STOCKS),
]


@pytest.mark.parametrize("args", LAYOUTS, ids=lambda a: "-".join(x.strip("-") for x in a) or "default")
@pytest.mark.parametrize("section", ["", "print: {min_font_size: 9}\n", "print: {columns: 3, rows: 5}\n"])
def test_no_text_in_the_pdf_is_smaller_than_min_font_size(tmp_path, args, section):
    # Long ids, a few overlong cards (cut off at the smallest size) and a hyphenated word.
    make_deck(tmp_path, 10, print_section=section, extra=long_cards(3, prefix="x") + long_cards(1, words=6) + (
        "- id: a-rather-long-card-identifier-for-the-id-line\n  kind: person\n  name: Vladimir Ilyich Ulyanov-Lenin\n"
        "  role: Chairman of the Council of People's Commissars\n  aliases: [Lenin, Ilyich, Starik]\n  source: notes:2\n"))
    result = run_cards("build", "--no-lint", *args, cwd=tmp_path)
    if result.returncode == 1:  # refused, and said why
        assert "cannot print this deck legibly" in result.stderr, result.stderr
        assert args or section, "the default layout must print this deck"
        return
    ok(result)
    smallest = 9 if "9" in section else 7
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    below = [(t.text, t.size) for page in pages for t in page.texts if t.size < smallest - 1e-6]
    assert below == []
    # Ids included: every id prints whole, on one line, on both faces.
    ids = [f"c{i}" for i in range(1, 11)] + ["a-rather-long-card-identifier-for-the-id-line", "x-0"]
    for card_id in ids:
        assert sum(len(page.find(card_id)) for page in pages) == 2, card_id


# --- bigger cards, bigger text ---------------------------------------------------------------------


def _size_of(path, needle: str) -> float:
    return max(t.size for page in read_pdf(path) for t in page.texts if needle in t.text)


@pytest.mark.parametrize("args", [["--stock", "a6"], ["--stock", "a7"], ["--stock", "avery-5388"]])
def test_bigger_cards_print_their_text_bigger(tmp_path, args):
    make_deck(tmp_path, 8)
    ok(run_cards("build", "--no-lint", "--out", "grid", cwd=tmp_path))
    ok(run_cards("build", "--no-lint", "--out", "big", *args, cwd=tmp_path))
    needle = "Soviet"
    if args[-1] == "avery-5388":  # 5 x 3 in: a little bigger than the 2 x 4 grid's cards
        assert _size_of(tmp_path / "big" / "many.pdf", needle) > _size_of(tmp_path / "grid" / "many.pdf", needle)
    else:
        assert _size_of(tmp_path / "big" / "many.pdf", needle) >= 1.3 * _size_of(tmp_path / "grid" / "many.pdf", needle)


def test_a_one_card_page_prints_much_bigger_text(tmp_path):
    make_deck(tmp_path, 4, print_section="print: {columns: 1, rows: 1}\n")
    ok(run_cards("build", "--no-lint", "--out", "one", cwd=tmp_path))
    make_deck(tmp_path, 4)
    ok(run_cards("build", "--no-lint", "--out", "grid", cwd=tmp_path))
    for needle in ("Leon Trotsky", "Person 1"):
        assert _size_of(tmp_path / "one" / "many.pdf", needle) >= 1.5 * _size_of(tmp_path / "grid" / "many.pdf", needle)


# --- the deck's name on every back -----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["grid", "foldover", "index"])
def test_every_back_names_its_deck_unless_turned_off(tmp_path, layout):
    make_deck(tmp_path, 6)
    ok(run_cards("build", "--no-lint", "--layout", layout, cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    lines = [t for page in pages for t in page.texts if t.text == "Many cards"]
    assert len(lines) == 6  # one per card, on its back (the page footers say more than the name)
    assert all(t.size >= 7 - 1e-6 for t in lines)
    make_deck(tmp_path, 6, print_section="print: {deck_name: false}\n")
    ok(run_cards("build", "--no-lint", "--layout", layout, cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    assert [t for page in pages for t in page.texts if t.text == "Many cards"] == []


def test_a_long_deck_name_is_cut_short_with_an_ellipsis_on_the_backs(tmp_path):
    make_deck(tmp_path, 2, print_section="print: {columns: 3, rows: 5}\n")
    deck = tmp_path / "decks" / "many.yaml"
    name = "Russia 1917: the February Revolution, dual power and the October seizure of power in Petrograd"
    deck.write_text(deck.read_text().replace("deck: Many cards", f"deck: \"{name}\""))
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    back = read_pdf(tmp_path / "build" / "many.pdf")[1]
    lines = [t for t in back.texts if t.text.startswith("Russia 1917") and "sheet" not in t.text]
    assert len(lines) == 2 and all(t.text.endswith("\u2026") and len(t.text) < len(name) for t in lines)


# --- the PDF's language, author and subject --------------------------------------------------------


def test_the_pdf_carries_the_decks_language_author_and_description(tmp_path):
    make_deck(tmp_path, 2)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace(
        "id: many\n", "id: many\nlanguage: ru\nauthor: Anna Petrovna\ndescription: Октябрь 1917 in Petrograd\n"))
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    reader = pypdf.PdfReader(str(tmp_path / "build" / "many.pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert reader.metadata.author == "Anna Petrovna"
    assert reader.metadata.subject == "Октябрь 1917 in Petrograd"
    # The default is English, with no author or subject.
    make_deck(tmp_path, 2)
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    reader = pypdf.PdfReader(str(tmp_path / "build" / "many.pdf"))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert not reader.metadata.author and not reader.metadata.subject


def test_a_region_is_part_of_the_pdfs_language(tmp_path):
    make_deck(tmp_path, 2)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("id: many\n", "id: many\nlanguage: en-GB\n"))
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    assert pypdf.PdfReader(str(tmp_path / "build" / "many.pdf")).trailer["/Root"]["/Lang"] == "en-GB"


def test_a_language_that_is_not_a_language_tag_is_a_located_error(tmp_path):
    make_deck(tmp_path, 2)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("id: many\n", "id: many\nlanguage: English\n"))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode == 1
    assert "decks/many.yaml:3:11: " in result.stderr and "'English' is not a language tag" in result.stderr
    assert "such as en, ru or de" in result.stderr and "Traceback" not in result.stderr


# --- the […] marker --------------------------------------------------------------------------------


def test_the_cut_marker_is_only_on_text_that_was_cut(tmp_path):
    hyphenated = " ".join(["Marxist-Leninist-Trotskyist-revolutionary-vanguard-organisation-committee"] * 3)
    make_deck(tmp_path, 8, print_section="print: {columns: 3, rows: 5}\n", extra=(
        f"- id: hyphens\n  kind: term\n  term: Hyphens\n  definition: {hyphenated}\n  source: notes:3\n"
        + long_cards(1, words=6, prefix="cut")))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    warned = [x for x in result.stderr.splitlines() if "does not fit" in x]
    assert len(warned) == 1 and "card 'cut-0'" in warned[0], result.stderr
    back = read_pdf(tmp_path / "build" / "many.pdf")[1]
    markers = [t for t in back.texts if t.text == "[…]"]
    assert len(markers) == 1
    # The marker is in the cut card's cell, not in the hyphenated one's (shown in full).
    [cut_id] = back.find("cut-0")
    [marker] = markers
    assert back.cell(marker, 3, 5) == back.cell(cut_id, 3, 5)
    assert "Marxist-Leninist" in back.text and "committee" in back.text
    # The cut text is centred, as every other card's is (lines of different lengths start at different places).
    cell = back.cell(cut_id, 3, 5)
    lines = [t for t in back.texts if back.cell(t, 3, 5) == cell and not t.text.startswith("Source")
             and any(word in t.text for word in ("bridges", "telegraph", "Soviet", "railway", "night"))]
    assert len(lines) >= 5 and len({round(t.x, 1) for t in lines}) >= 3, [(t.text, t.x) for t in lines]


def test_crop_marks_on_index_cards_are_a_plain_warning(tmp_path):
    make_deck(tmp_path, 2)
    result = run_cards("build", "--no-lint", "--layout", "index", "--crop-marks", cwd=tmp_path)
    ok(result)
    assert "--crop-marks (on the command line) has no effect with layout 'index'" in result.stderr, result.stderr
    make_deck(tmp_path, 2, print_section="print:\n  layout: index\n  crop_marks: true\n")
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    line = print_line(tmp_path) + 2
    assert f"decks/many.yaml:{line}:" in result.stderr and "print: crop_marks has no effect" in result.stderr


def test_a_back_offset_on_fold_over_pages_is_a_plain_warning(tmp_path):
    # Fold-over pages have no back page: the offset would be ignored, so the build says so.
    make_deck(tmp_path, 2, print_section="print:\n  layout: foldover\n  back_offset: [1, 0]\n")
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    line = print_line(tmp_path) + 2
    assert f"decks/many.yaml:{line}:" in result.stderr and "print: back_offset has no effect with layout 'foldover'" \
        in result.stderr, result.stderr
    make_deck(tmp_path, 2)
    result = run_cards("build", "--no-lint", "--layout", "foldover", "--back-offset", "0,0", cwd=tmp_path)
    ok(result)
    assert "warning" not in result.stderr  # no offset, nothing ignored
    result = run_cards("build", "--no-lint", "--layout", "foldover", "--back-offset", "0,-1", cwd=tmp_path)
    assert "--back-offset (on the command line) has no effect with layout 'foldover'" in result.stderr


def test_index_card_text_stays_clear_of_the_printer_margin(tmp_path):
    make_deck(tmp_path, 4, extra=long_cards(1, words=6, prefix="cut"))
    ok(run_cards("build", "--no-lint", "--layout", "index", cwd=tmp_path))
    for page in read_pdf(tmp_path / "build" / "many.pdf"):
        for t in page.texts:
            assert t.x >= 6.0 and t.y - t.size * 25.4 / 72 >= 6.0 and page.height - t.y >= 6.0, t


def test_same_deck_same_pdf_bytes(tmp_path):
    make_deck(tmp_path, 12, print_section="print: {columns: 3, rows: 5}\n", extra=long_cards(1, words=6))
    ok(run_cards("build", "--no-lint", "--out", "a", cwd=tmp_path))
    ok(run_cards("build", "--no-lint", "--out", "b", "--force", cwd=tmp_path))
    assert (tmp_path / "a" / "many.pdf").read_bytes() == (tmp_path / "b" / "many.pdf").read_bytes()



def _contrast_on_white(grey: float) -> float:
    """WCAG contrast ratio of an sRGB grey (0 black .. 1 white) on white paper."""
    linear = grey / 12.92 if grey <= 0.04045 else ((grey + 0.055) / 1.055) ** 2.4
    return 1.05 / (linear + 0.05)


@pytest.mark.parametrize("layout", ["grid", "index"])
def test_all_text_is_dark_enough_to_print_whole_on_a_laser_printer(tmp_path, layout):
    make_deck(tmp_path, 8)
    ok(run_cards("build", "--no-lint", "--layout", layout, cwd=tmp_path))
    greys = set()
    for page in pypdf.PdfReader(str(tmp_path / "build" / "many.pdf")).pages:
        data = page.get_contents().get_data().decode("latin-1")
        # The fill colour set just before each run of text (Typst writes greys as one number).
        greys |= {float(v) for v in re.findall(r"([\d.]+) scn\s*BT\b", data)}
    assert greys and 0.0 in greys  # black text, and the greys checked below
    assert min(_contrast_on_white(g) for g in greys) >= 7.0, sorted(greys)


def test_a_citations_line_number_stays_with_its_word(tmp_path):
    from cards.print_options import PrintOptions
    from cards.render.print_fit import FaceBox, text_width

    # A source title just long enough that "line 5" would not fit after it on the citation's first line.
    box = FaceBox.of(PrintOptions())
    title = "Petrograd"
    while text_width(f"Source: {title}, line 5", "italic") * 7 <= box.width:
        title += " notes"
        if text_width(f"Source: {title}, line", "italic") * 7 > box.width:
            title = title.rsplit(" ", 1)[0] + "ab"
    make_deck(tmp_path, 4)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("title: Petrograd 1917 notes", f"title: {title}"))
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    back = read_pdf(tmp_path / "build" / "many.pdf")[1]
    numbers = [t.text for t in back.texts if t.text.endswith("line 5") or t.text in ("5", "line", "5.")]
    assert numbers and all(text.endswith("line 5") for text in numbers), [t.text for t in back.texts]


@pytest.mark.parametrize("deck_name", ["true", "false"])
def test_large_small_print_on_index_cards_stays_out_of_the_printer_margin(tmp_path, deck_name):
    from pdf_reading import render_pgm
    from test_pdf_print_area import DPI, _blank_border

    make_deck(tmp_path, 4, print_section=f"print: {{layout: index, min_font_size: 16, deck_name: {deck_name}}}\n")
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    for number in (1, 2):  # a front, and a back with its citation and deck name at the foot
        found = render_pgm(tmp_path / "build" / "many.pdf", number, DPI, tmp_path)
        if found is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = found
        assert _blank_border(pixels, width, height, 6.0) == [], f"page {number}"
