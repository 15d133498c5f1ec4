"""Layout maths and print options, without compiling anything."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, strategies as st

from cards.errors import InputError, Severity
from cards.print_options import GRID_LIMITS, PAPERS, PrintOptions, PrintSection, check_section, resolve
from cards.render.print_layout import MARGIN, back_position, layout_pages, page_count
from cards.yamlmarks import parse


def section(yaml_text: str):
    data = parse(yaml_text, "deck.yaml")
    return check_section(data.get("print"), "deck.yaml")


# --- duplex pairing ------------------------------------------------------------------------------------


def test_long_edge_mirrors_the_column():
    options = PrintOptions(columns=3, rows=2, duplex="long-edge")
    assert back_position(0, 0, options) == (0, 2)
    assert back_position(1, 2, options) == (1, 0)
    assert back_position(1, 1, options) == (1, 1)


def test_short_edge_mirrors_the_row():
    options = PrintOptions(columns=2, rows=4, duplex="short-edge")
    assert back_position(0, 1, options) == (3, 1)
    assert back_position(2, 0, options) == (1, 0)


def test_no_duplex_keeps_the_place():
    options = PrintOptions(duplex="none")
    assert all(back_position(r, c, options) == (r, c) for r in range(4) for c in range(2))


def _physical_back(slot, page_w, page_h, duplex):
    """Where a back-page slot ends up behind the front once the sheet is turned over."""
    if duplex == "long-edge":  # turned about the vertical axis
        return page_w - slot.x - slot.w, slot.y
    return slot.x, page_h - slot.y - slot.h  # short edge: about the horizontal axis


@given(
    count=st.integers(min_value=1, max_value=70),
    columns=st.integers(min_value=1, max_value=6),
    rows=st.integers(min_value=1, max_value=10),
    paper=st.sampled_from(sorted(PAPERS)),
    duplex=st.sampled_from(["long-edge", "short-edge"]),
)
def test_every_back_lies_exactly_behind_its_front(count, columns, rows, paper, duplex):
    options = PrintOptions(paper=paper, columns=columns, rows=rows, duplex=duplex)
    pages = layout_pages(count, options)
    assert len(pages) == page_count(count, options)
    seen = []
    for front, back in zip(pages[::2], pages[1::2]):
        assert front.side == "front" and back.side == "back"
        backs = {slot.card: slot for slot in back.slots}
        assert sorted(backs) == sorted(slot.card for slot in front.slots)
        for slot in front.slots:
            x, y = _physical_back(backs[slot.card], front.width, front.height, duplex)
            assert x == pytest.approx(slot.x) and y == pytest.approx(slot.y)
            seen.append(slot.card)
    assert seen == list(range(count))


@given(
    count=st.integers(min_value=0, max_value=40),
    layout=st.sampled_from(["grid", "foldover", "index"]),
    duplex=st.sampled_from(["long-edge", "short-edge", "none"]),
    crop=st.booleans(),
)
def test_everything_is_on_its_page(count, layout, duplex, crop):
    options = PrintOptions(layout=layout, duplex=duplex, crop_marks=crop)
    pages = layout_pages(count, options)
    assert len(pages) == page_count(count, options)
    faces = sorted((slot.card, slot.face) for page in pages for slot in page.slots)
    assert faces == sorted(itertools.product(range(count), ["back", "front"]))
    for page in pages:
        for slot in page.slots:
            assert 0 <= slot.x and slot.x + slot.w <= page.width + 1e-9
            assert 0 <= slot.y and slot.y + slot.h <= page.height + 1e-9
        for x1, y1, x2, y2 in page.crops + page.folds:
            assert 0 <= min(x1, x2) and max(x1, x2) <= page.width
            assert 0 <= min(y1, y2) and max(y1, y2) <= page.height
        # Crop marks stay in the margin, clear of every card.
        for x1, y1, x2, y2 in page.crops:
            for slot in page.slots:
                inside_x = slot.x < (x1 + x2) / 2 < slot.x + slot.w
                inside_y = slot.y < (y1 + y2) / 2 < slot.y + slot.h
                assert not (inside_x and inside_y)


def test_no_duplex_puts_all_fronts_first():
    pages = layout_pages(20, PrintOptions(duplex="none"))
    assert [p.side for p in pages] == ["front"] * 3 + ["back"] * 3


def test_foldover_backs_sit_right_of_their_fronts():
    pages = layout_pages(5, PrintOptions(layout="foldover"))
    assert len(pages) == 2
    for page in pages:
        fronts = {s.card: s for s in page.slots if s.face == "front"}
        for s in page.slots:
            if s.face == "back":
                assert s.x == pytest.approx(fronts[s.card].x + fronts[s.card].w)
                assert s.y == fronts[s.card].y
        assert len(page.folds) == len(fronts)


def test_grid_cards_fill_the_page_inside_equal_margins():
    pages = layout_pages(8, PrintOptions())
    slots = pages[0].slots
    assert min(s.x for s in slots) == MARGIN
    assert max(s.x + s.w for s in slots) == pytest.approx(210 - MARGIN)
    assert max(s.y + s.h for s in slots) == pytest.approx(297 - MARGIN)
    assert slots[0].w == pytest.approx(95) and slots[0].h == pytest.approx(69.25)


# --- the print: section ----------------------------------------------------------------------------------


def test_a_full_section_is_accepted():
    values, problems = section(
        "print: {paper: Letter, layout: grid, columns: 3, rows: 5, duplex: short-edge, crop_marks: true, min_font_size: 6.5}\n"
    )
    assert problems == []
    assert dict(values) == {"paper": "letter", "layout": "grid", "columns": 3, "rows": 5,
                            "duplex": "short-edge", "crop_marks": True, "min_font_size": 6.5}
    assert values.marks["rows"].line == 1


def test_no_section_is_empty():
    assert section("deck: x\n") == ({}, [])
    assert section("print:\n") == ({}, [])


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("print: [a4]\n", (1, 8), "'print' must be a mapping"),
        ("print:\n  paper: a3\n", (2, 10), "print: paper: 'a3' is not a paper size; use one of: a4, letter"),
        ("print:\n  duplex: long\n", (2, 11), "did you mean 'long-edge'?"),
        ("print:\n  columns: two\n", (2, 12), "print: columns must be a whole number, not 'two'"),
        ("print:\n  columns: 2.5\n", (2, 12), "must be a whole number"),
        ("print:\n  rows: true\n", (2, 9), "must be a whole number"),
        ("print:\n  rows: 11\n", (2, 9), "print: rows: 11 is too many for layout 'grid'; at most 10 fit on a page"),
        ("print:\n  layout: foldover\n  columns: 4\n", (3, 12), "at most 3 fold-over pairs fit on a page"),
        ("print:\n  crop_marks: sometimes\n", (2, 15), "print: crop_marks must be true or false"),
        ("print:\n  crop-marks: true\n", (2, 3), "print: unknown option 'crop-marks'; did you mean 'crop_marks'?"),
        ("print:\n  min_font_size: 2\n", (2, 18), "must be between 4 and 16 points"),
        ("print:\n  papers: a4\n", (2, 3), "did you mean 'paper'?"),
    ],
)
def test_section_problems_point_at_the_value(text, where, message):
    _, problems = section(text)
    assert len(problems) == 1, problems
    [problem] = problems
    assert (problem.line, problem.column) == where
    assert message in problem.message
    assert problem.is_error
    assert str(problem).startswith(f"deck.yaml:{where[0]}:{where[1]}: ")


def test_every_problem_is_reported_at_once():
    _, problems = section("print:\n  paper: a5\n  layout: fold\n  rows: 0\n")
    assert [p.line for p in problems] == [2, 3, 4]


def test_grid_size_on_an_index_layout_is_a_warning():
    values, problems = section("print: {layout: index, columns: 3}\n")
    [problem] = problems
    assert problem.severity is Severity.WARNING and "no effect" in problem.message
    assert values["columns"] == 3


def test_duplex_no_means_none():
    values, problems = section("print: {duplex: no}\n")
    assert problems == [] and values["duplex"] == "none"


# --- merging with the command line ------------------------------------------------------------------------


def test_command_line_overrides_the_deck():
    deck, _ = section("print: {paper: letter, layout: foldover, crop_marks: true, rows: 3}\n")
    options = resolve(deck, {"paper": "a4", "layout": None, "crop_marks": False, "duplex": None})
    assert options == PrintOptions(paper="a4", layout="foldover", rows=3, crop_marks=False)
    assert options.grid == (1, 3)


def test_defaults():
    options = resolve(PrintSection(), {})
    assert options == PrintOptions()
    assert options.grid == (GRID_LIMITS["grid"][0], GRID_LIMITS["grid"][1]) == (2, 4)
    assert resolve({}, {"layout": "index"}).grid == (1, 1)


def test_a_combination_that_cannot_print_names_the_deck_line():
    deck, problems = section("deck: x\nprint: {columns: 6}\n")
    assert problems == []
    with pytest.raises(InputError) as caught:
        resolve(deck, {"layout": "foldover"}, "deck.yaml")
    [problem] = caught.value.problems
    assert str(problem).startswith("deck.yaml:2:18: print: columns: 6 is too many for layout 'foldover' (set on the command line)")
