"""The printable PDF, read back from what `cards build` writes.

Each test builds a real project folder with the real CLI, then reads the PDF
with pypdf: page sizes and counts, where every card id landed (front page and
the mirrored cell of the following back page), the citation on the back,
overflow warnings, literal printing of hostile text, embedded fonts and
byte-identical rebuilds.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pypdf
import pytest

from conftest import NOTES, cards_env, run_cards, write
from pdf_reading import embedded_fonts, read_pdf, render_pgm

A4 = (210.0, 297.0)
LETTER = (215.9, 279.4)
INDEX = (127.0, 76.2)
SMALL_IDS = ["winter-palace", "trotsky", "mrc", "dustbin"]


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.1 and abs(a[1] - b[1]) < 0.1


def ok(result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


def make_deck(root: Path, count: int, *, print_section: str = "", extra: str = "", deck_id: str = "many") -> Path:
    """A project with ``count`` cards cycling through the four kinds, ids c1..cN.

    Its cards are not all in the notes they cite, so build it with ``--no-lint``.
    """
    cards = []
    for i in range(1, count + 1):
        kind = ("date", "person", "term", "quote")[i % 4]
        if kind == "date":
            body = f"date: {i % 28 + 1} October 1917\n    event: Event {i} at the Winter Palace\n    source: notes:5"
        elif kind == "person":
            body = f"name: Person {i}\n    role: Chaired the Petrograd Soviet\n    source: notes:2"
        elif kind == "term":
            body = f"term: Term {i}\n    definition: The Soviet body that organised the rising\n    source: notes:3"
        else:
            body = f"quote: Into the dustbin of history {i}\n    speaker: Leon Trotsky\n    source: notes:4"
        cards.append(f"  - id: c{i}\n    kind: {kind}\n    {body}\n")
    text = (
        f"deck: Many cards\nid: {deck_id}\ncalendar: julian\n"
        "sources:\n  notes: {path: sources/notes.txt, title: Petrograd 1917 notes}\n"
        f"{print_section}"
        "cards:\n" + "".join(cards) + textwrap.indent(textwrap.dedent(extra), "  ")
    )
    write(root / "decks" / "sources" / "notes.txt", NOTES)
    path = root / "decks" / f"{deck_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root


# --- the default: A4 grid, long-edge duplex ------------------------------------------------------


def test_default_build_writes_an_a4_grid_with_mirrored_backs(small_deck):
    ok(run_cards("build", cwd=small_deck))
    pdf = small_deck / "build" / "russia-1917.pdf"
    assert pdf.is_file()
    pages = read_pdf(pdf)
    assert len(pages) == 2
    assert all(close((p.width, p.height), A4) for p in pages)
    front, back = pages
    for card_id in SMALL_IDS:
        [on_front], [on_back] = front.find(card_id), back.find(card_id)
        row, column = front.cell(on_front, 2, 4)
        assert back.cell(on_back, 2, 4) == (row, 1 - column), card_id
    # The citation is on the back, in the same cell as the card's id, and not on the front.
    [citation] = [t for t in back.texts if t.text == "Source: Petrograd 1917 notes, line 5"]
    [palace] = back.find("winter-palace")
    assert back.cell(citation, 2, 4) == back.cell(palace, 2, 4)
    assert "Source:" not in front.text
    assert front.find("The Winter Palace is stormed")
    assert back.find("25 October 1917")


def test_date_card_back_gives_both_calendars(small_deck):
    ok(run_cards("build", cwd=small_deck))
    back = read_pdf(small_deck / "build" / "russia-1917.pdf")[1]
    assert "Old Style (Julian)" in back.text
    assert "= 7 November 1917, New Style (Gregorian)" in back.text


@pytest.mark.parametrize("count, columns, rows", [(19, 2, 4), (9, 3, 3)])
def test_every_card_once_on_a_front_and_once_on_the_next_page(tmp_path, count, columns, rows):
    section = "" if (columns, rows) == (2, 4) else f"print: {{columns: {columns}, rows: {rows}}}\n"
    make_deck(tmp_path, count, print_section=section)
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    per_page = columns * rows
    assert len(pages) == 2 * -(-count // per_page)
    ids = [f"c{i}" for i in range(1, count + 1)]
    for i, card_id in enumerate(ids):
        sheet = i // per_page
        hits = {n: pages[n].find(card_id) for n in range(len(pages)) if pages[n].find(card_id)}
        assert sorted(hits) == [2 * sheet, 2 * sheet + 1], (card_id, sorted(hits))
        [front], [back] = hits[2 * sheet], hits[2 * sheet + 1]
        row, column = divmod(i % per_page, columns)
        assert pages[2 * sheet].cell(front, columns, rows) == (row, column), card_id
        assert pages[2 * sheet + 1].cell(back, columns, rows) == (row, columns - 1 - column), card_id


def test_short_edge_duplex_mirrors_rows(tmp_path):
    make_deck(tmp_path, 8)
    ok(run_cards("build", "--no-lint", "--duplex", "short-edge", cwd=tmp_path))
    front, back = read_pdf(tmp_path / "build" / "many.pdf")
    for i in range(1, 9):
        [f], [b] = front.find(f"c{i}"), back.find(f"c{i}")
        row, column = front.cell(f, 2, 4)
        assert back.cell(b, 2, 4) == (3 - row, column)


def test_no_duplex_prints_all_fronts_then_all_backs_in_place(tmp_path):
    make_deck(tmp_path, 10)
    ok(run_cards("build", "--no-lint", "--duplex", "none", cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    assert len(pages) == 4
    for i in range(1, 11):
        sheet = (i - 1) // 8
        front, back = pages[sheet], pages[2 + sheet]
        [f], [b] = front.find(f"c{i}"), back.find(f"c{i}")
        assert front.cell(f, 2, 4) == back.cell(b, 2, 4)
        assert "Source:" in back.text and "Source:" not in front.text


def test_letter_paper(small_deck):
    ok(run_cards("build", "--paper", "letter", cwd=small_deck))
    pages = read_pdf(small_deck / "build" / "russia-1917.pdf")
    assert all(close((p.width, p.height), LETTER) for p in pages)


# --- fold-over and index cards ---------------------------------------------------------------------


def test_foldover_puts_front_and_back_side_by_side(tmp_path):
    make_deck(tmp_path, 6)
    ok(run_cards("build", "--no-lint", "--layout", "foldover", cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    assert len(pages) == 2  # 4 folded cards per A4 page
    for i in range(1, 7):
        page = pages[(i - 1) // 4]
        left, right = sorted(page.find(f"c{i}"), key=lambda t: t.x)
        # Same row; the front in the left half of the pair, the back in the right half.
        assert page.cell(left, 2, 4) == (((i - 1) % 4), 0)
        assert page.cell(right, 2, 4) == (((i - 1) % 4), 1)
    assert any(t.text.startswith("Source:") and t.x > 105 for t in pages[0].texts)


def test_index_layout_is_one_card_per_3x5_page(small_deck):
    ok(run_cards("build", "--layout", "index", cwd=small_deck))
    pages = read_pdf(small_deck / "build" / "russia-1917.pdf")
    assert len(pages) == 8
    assert all(close((p.width, p.height), INDEX) for p in pages)
    for n, card_id in enumerate(SMALL_IDS):
        assert pages[2 * n].find(card_id) and pages[2 * n + 1].find(card_id)
        assert "Source:" not in pages[2 * n].text and "Source:" in pages[2 * n + 1].text


# --- options -----------------------------------------------------------------------------------------


def test_deck_print_section_is_used_and_the_command_line_wins(tmp_path):
    make_deck(tmp_path, 5, print_section="print: {paper: letter, layout: index, duplex: none}\n")
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    assert len(pages) == 10 and close((pages[0].width, pages[0].height), INDEX)
    assert [bool(p.find("c1")) for p in pages] == [True] + [False] * 4 + [True] + [False] * 4
    ok(run_cards("build", "--no-lint", "--layout", "grid", cwd=tmp_path))
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    assert len(pages) == 2 and close((pages[0].width, pages[0].height), LETTER)


def test_bad_print_section_is_an_error_at_its_place(small_deck):
    deck = small_deck / "decks" / "russia.yaml"
    text = deck.read_text().replace("cards:\n", "print:\n  layout: grd\n  colums: 3\n  rows: 0\ncards:\n", 1)
    deck.write_text(text)
    result = run_cards("build", cwd=small_deck)
    assert result.returncode == 1
    assert "decks/russia.yaml:11:11: print: layout: 'grd' is not a layout" in result.stderr
    assert "did you mean 'grid'?" in result.stderr
    assert "decks/russia.yaml:12:3: print: unknown option 'colums'; did you mean 'columns'?" in result.stderr
    assert "decks/russia.yaml:13:9: print: rows must be at least 1" in result.stderr
    assert not (small_deck / "build").exists()


def test_columns_that_do_not_fit_the_command_line_layout(tmp_path):
    make_deck(tmp_path, 3, print_section="print: {columns: 5}\n")
    result = run_cards("build", "--no-lint", "--layout", "foldover", cwd=tmp_path)
    assert result.returncode == 1
    assert "decks/many.yaml:6:18: print: columns: 5 is too many for layout 'foldover'" in result.stderr
    assert not (tmp_path / "build").exists()


def test_no_pdf(small_deck):
    ok(run_cards("build", "--no-pdf", cwd=small_deck))
    assert (small_deck / "build" / "russia-1917.apkg").is_file()
    assert not (small_deck / "build" / "russia-1917.pdf").exists()


def test_crop_marks_are_drawn_only_when_asked(small_deck, tmp_path):
    ok(run_cards("build", "--out", "plain", cwd=small_deck))
    ok(run_cards("build", "--crop-marks", "--out", "marked", cwd=small_deck))
    plain = render_pgm(small_deck / "plain" / "russia-1917.pdf", 1, 36, tmp_path)
    if plain is None:
        pytest.skip("pdftoppm is not installed")
    marked = render_pgm(small_deck / "marked" / "russia-1917.pdf", 1, 36, tmp_path)
    width, height, pixels = marked
    # The top margin, 6.5-8.5 mm from the edge (inside the printer margin), above the grid's left edge (x = 10 mm).
    x = round(10 / 25.4 * 36)
    column = [pixels[y * width + x] for y in range(round(7 / 25.4 * 36), round(8.5 / 25.4 * 36))]
    assert min(column) < 128
    _, _, plain_pixels = plain
    assert min(plain_pixels[y * width + x] for y in range(round(7 / 25.4 * 36), round(8.5 / 25.4 * 36))) > 200


# --- overflow ------------------------------------------------------------------------------------------


def test_long_text_shrinks_and_too_long_text_is_a_warning(tmp_path):
    long_definition = " ".join(["The Soviet body that organised the rising of October."] * 35)
    medium = " ".join(["Committee of the Petrograd Soviet."] * 9)
    make_deck(tmp_path, 2, extra=f"""\
      - id: medium
        kind: term
        term: Middling
        definition: {medium}
        source: notes:3
      - id: huge
        kind: term
        term: Enormous
        definition: {long_definition}
        source: notes:3
    """)
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    warnings = [line for line in result.stderr.splitlines() if "does not fit" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith("decks/many.yaml:")
    assert "card 'huge'" in warnings[0] and "back" in warnings[0] and "warning" in warnings[0]
    back = read_pdf(tmp_path / "build" / "many.pdf")[1]
    sizes = {t.size for t in back.texts if "Committee" in t.text}
    assert sizes and max(sizes) < 16  # the middling definition shrank, and fits
    assert "[…]" in back.text  # the cut-off text is marked on the card itself


def test_a_word_wider_than_the_card_shrinks_or_is_a_warning(tmp_path):
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente"
    make_deck(tmp_path, 0, extra=f"""\
      - id: wide
        kind: term
        term: Supercalifragilisticexpialidocious
        definition: {word * 3}
        source: notes:3
    """)
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    warnings = [line for line in result.stderr.splitlines() if "does not fit" in line]
    assert len(warnings) == 1 and "card 'wide'" in warnings[0] and "back" in warnings[0], result.stderr
    front = read_pdf(tmp_path / "build" / "many.pdf")[0]
    [term] = front.find("Supercalifragilisticexpialidocious")
    assert term.size < 16 * 1.15  # shrunk from the bold 18.4 pt, so the word fits the line
    card_w = (210 - 20) / 2
    assert term.x > 10 and term.x + 34 * term.size * 0.45 * 25.4 / 72 < 10 + card_w


def test_overflow_warning_reaches_the_build_report(tmp_path, monkeypatch):
    from cards.build import BuildOptions, build
    from cards.errors import Severity

    make_deck(tmp_path, 1, extra=f"""\
      - id: huge
        kind: quote
        quote: {"Go out where you belong from now on. " * 50}
        speaker: Leon Trotsky
        source: notes:4
    """)
    monkeypatch.chdir(tmp_path)
    report = build([Path("decks/many.yaml")], BuildOptions(out_dir=Path("out"), lint=False))
    [problem] = [p for p in report.warnings if p.card == "huge"]
    assert problem.severity is Severity.WARNING and "front" in problem.message
    assert Path("out/many.pdf").is_file()


# --- safety and text ---------------------------------------------------------------------------------------

HOSTILE = [
    '#read("/etc/passwd")',
    '#panic("x")',
    "$x$",
    "_emph_ `raw`",  # Typst markup (*...* is the card's own italic: see below)
    "<label>",
    "@ref",
    "#import \"/etc\"",
    "] } ) // /* \\",
]


def test_card_text_prints_literally_and_runs_nothing(tmp_path):
    extra = "".join(
        f"  - id: h{i}\n    kind: term\n    term: {_yaml(text)}\n    definition: {_yaml('says ' + text)}\n    source: notes:3\n"
        for i, text in enumerate(HOSTILE)
    )
    make_deck(tmp_path, 0, extra=extra)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("deck: Many cards", "deck: '#panic(\"deck\") $y$'"))
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    pages = read_pdf(tmp_path / "build" / "many.pdf")
    everything = " ".join(p.text for p in pages)
    for text in HOSTILE:
        assert text in everything, text
        assert f"says {text}" in everything, text
    assert '#panic("deck") $y$' in everything
    assert "root:" not in everything
    assert pypdf.PdfReader(str(tmp_path / "build" / "many.pdf")).metadata.title == '#panic("deck") $y$'


def test_bold_and_italic_print_as_anki_shows_them(tmp_path):
    """**bold** and *italic* on a card are set in the bold and italic fonts, without the
    asterisks, as Anki shows them; everything else about the text stays literal."""
    extra = """\
      - id: styled
        kind: term
        term: "**Military** Revolutionary Committee"
        definition: "The *Soviet* body that **organised** the rising, #not markup"
        source: notes:3
    """
    make_deck(tmp_path, 0, extra=extra)
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    path = tmp_path / "build" / "many.pdf"
    everything = " ".join(p.text for p in read_pdf(path))
    assert "The Soviet body that organised the rising, #not markup" in " ".join(everything.split())
    assert "*" not in everything
    # The back (page 2) sets the definition in the regular font and the citation in italic;
    # only the card's own **organised** brings the bold font onto it.
    back = pypdf.PdfReader(str(path)).pages[1]
    fonts = {str(font.get_object()["/BaseFont"]) for font in back["/Resources"]["/Font"].values()}
    assert any("LibertinusSerif-Bold-" in name for name in fonts), fonts


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_cyrillic_prints_with_embedded_fonts(tmp_path):
    make_deck(tmp_path, 0, extra="""\
      - id: lenin
        kind: person
        name: Владимир Ильич Ленин
        aliases: [Ленин]
        role: Вождь большевиков
        source: notes:2
    """)
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    assert "warning" not in result.stderr  # Cyrillic is in the card font: no empty boxes
    pdf = tmp_path / "build" / "many.pdf"
    front, back = read_pdf(pdf)
    assert "Владимир Ильич Ленин" in front.text
    assert "Вождь большевиков" in back.text and "Ленин" in back.text
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts


def test_characters_no_print_font_has_are_a_warning_naming_the_card(tmp_path):
    """Chinese and emoji are in none of the fonts built into Typst: they would print as empty
    boxes, so the build says which card has them. Greek, accents and the symbols another
    built-in font has print, and are not reported."""
    make_deck(tmp_path, 0, extra="""\
      - id: mao
        kind: person
        name: Mao Zedong (毛泽东)
        role: Chaired the Chinese Communist Party 😀
        source: notes:2
      - id: fine
        kind: term
        term: Ἀθῆναι, café, naïve
        definition: Marked ✓ or → on the worksheet
        source: notes:3
    """)
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    ok(result)
    [warning] = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warning.startswith("decks/many.yaml:") and "card 'mao'" in warning
    for character in "毛泽东😀":
        assert f"{character} (U+{ord(character):04X})" in warning
    assert "empty boxes" in warning


@pytest.mark.parametrize("layout", ["grid", "index"])
def test_a_deck_name_no_print_font_has_is_a_warning_at_the_deck(tmp_path, layout):
    """The deck's name prints on the pages too (the page footer, the foot of every back): a
    character no built-in font has would print there as an empty box."""
    make_deck(tmp_path, 3)
    path = tmp_path / "decks" / "many.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("deck: Many cards", "deck: 1917 革命 cards"), encoding="utf-8")
    result = run_cards("build", "--no-lint", "--layout", layout, cwd=tmp_path)
    ok(result)
    [warning] = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warning.startswith("decks/many.yaml:1:1: warning:") and "deck's name" in warning
    assert "革 (U+9769)" in warning and "命 (U+547D)" in warning and "empty boxes" in warning
    # Not printed at all (index cards have no page footer): nothing to warn about.
    path.write_text(path.read_text(encoding="utf-8").replace("cards:\n", "print: {deck_name: false}\ncards:\n", 1),
                    encoding="utf-8")
    result = run_cards("build", "--no-lint", "--layout", layout, cwd=tmp_path)
    ok(result)
    assert ("deck's name" in result.stderr) == (layout == "grid")


def test_missing_glyphs_are_told_from_those_another_built_in_font_has():
    from cards.export.pdf_glyphs import missing_glyphs

    assert missing_glyphs(set("毛😀Жaé✓→ع")) == set("毛😀")
    assert missing_glyphs(set()) == set()


def test_multiline_text_keeps_its_line_breaks(tmp_path):
    make_deck(tmp_path, 0, extra="""\
      - id: lines
        kind: term
        term: Three lines
        definition: |
          First line
          Second line
          Third line
        source: notes:3
    """)
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    back = read_pdf(tmp_path / "build" / "many.pdf")[1]
    first, second = back.find("First line")[0], back.find("Second line")[0]
    assert second.y > first.y + 2


# --- reproducible ----------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(small_deck):
    ok(run_cards("build", cwd=small_deck))
    first = (small_deck / "build" / "russia-1917.pdf").read_bytes()
    ok(run_cards("build", "--out", "again", cwd=small_deck))
    assert (small_deck / "again" / "russia-1917.pdf").read_bytes() == first
    assert pypdf.PdfReader(str(small_deck / "build" / "russia-1917.pdf")).metadata.creation_date is None


def test_source_date_epoch_sets_the_pdf_date(small_deck):
    env = cards_env(SOURCE_DATE_EPOCH="1700000000")
    ok(run_cards("build", cwd=small_deck, env=env))
    ok(run_cards("build", "--out", "again", cwd=small_deck, env=env))
    first = (small_deck / "build" / "russia-1917.pdf").read_bytes()
    assert (small_deck / "again" / "russia-1917.pdf").read_bytes() == first
    date = pypdf.PdfReader(str(small_deck / "build" / "russia-1917.pdf")).metadata.creation_date
    assert date.astimezone(dt.timezone.utc) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


# --- looking at the pages -----------------------------------------------------------------------------


def test_pages_render_and_each_card_has_ink_in_its_mirrored_cell(small_deck, tmp_path):
    """A picture of each page: ink in the cells the cards occupy, none in the empty ones."""
    make_deck(small_deck, 3)
    ok(run_cards("build", "--no-lint", "decks/many.yaml", cwd=small_deck))
    pdf = small_deck / "build" / "many.pdf"
    dpi = 30
    for page, cells in ((1, {(0, 0), (0, 1), (1, 0)}), (2, {(0, 0), (0, 1), (1, 1)})):
        image = render_pgm(pdf, page, dpi, tmp_path)
        if image is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = image
        assert abs(width - 210 / 25.4 * dpi) <= 1 and abs(height - 297 / 25.4 * dpi) <= 1
        for row in range(4):
            for column in range(2):
                ink = _ink(pixels, width, dpi, row, column)
                assert (ink > 0) == ((row, column) in cells), (page, row, column, ink)


def _ink(pixels: bytes, width: int, dpi: int, row: int, column: int) -> int:
    """Dark pixels inside a grid cell, away from its cut line."""
    px = dpi / 25.4
    x0, y0 = 10 + column * 95 + 3, 10 + row * 69.25 + 3
    count = 0
    for y in range(round(y0 * px), round((y0 + 63) * px)):
        for x in range(round(x0 * px), round((x0 + 89) * px)):
            if pixels[y * width + x] < 160:
                count += 1
    return count


def test_a_big_deck_is_one_quick_compile(tmp_path):
    import time

    make_deck(tmp_path, 1000)
    started = time.monotonic()
    ok(run_cards("build", "--no-lint", cwd=tmp_path))
    elapsed = time.monotonic() - started
    assert len(pypdf.PdfReader(str(tmp_path / "build" / "many.pdf")).pages) == 250
    assert elapsed < 60, elapsed


# --- templates -------------------------------------------------------------------------------------------


def test_a_project_can_override_a_card_design(small_deck):
    write(small_deck / "templates" / "print" / "date.typ.j2", """\
        #let date-label = "Datum"
        #let date-front(card) = lines(prompt[Wann?], main(card.event))
        #let date-back(card) = lines(strong-main(card.date))
        """)
    ok(run_cards("build", cwd=small_deck))
    front, back = read_pdf(small_deck / "build" / "russia-1917.pdf")
    assert front.find("Wann?") and front.find("DATUM")
    assert back.find("25 October 1917") and "Old Style" not in back.text


def test_a_broken_template_is_an_error_that_quotes_the_line(small_deck):
    write(small_deck / "templates" / "print" / "date.typ.j2", """\
        #let date-label = "Date"
        #let date-front(card) = main(card.no_such_field)
        #let date-back(card) = main(card.date)
        """)
    result = run_cards("build", cwd=small_deck)
    assert result.returncode == 1
    assert "cannot make the PDF" in result.stderr
    assert 'dictionary does not contain key "no_such_field"' in result.stderr
    assert "main(card.no_such_field)" in result.stderr
    assert not (small_deck / "build" / "russia-1917.pdf").exists()
