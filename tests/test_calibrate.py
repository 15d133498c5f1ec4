"""`cards calibrate`: a one-sheet duplex test, read back from the PDF it writes.

The cross-hairs are found in the pages' drawing operators (every stroked line, with
the transformations it is drawn under), so their places are measured to a
thousandth of a millimetre; the printer margin is checked on the rendered pages.
"""

from __future__ import annotations

import pypdf
import pytest
from pypdf.generic import ContentStream

from conftest import run_cards
from pdf_reading import PT, read_pdf, render_pgm
from test_pdf_print_area import DPI, _blank_border

from cards.print_choices import PAPERS

TOLERANCE = 0.05  # mm


def calibrate(tmp_path, *args: str, name: str = "sheet.pdf"):
    out = tmp_path / name
    result = run_cards("calibrate", "--out", str(out), *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return out


def _multiply(a, b):
    """The matrix a then b (PDF's row-vector convention)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def stroked_lines(path, page: int) -> list[tuple[float, float, float, float, float]]:
    """Every straight stroked segment of page ``page`` (0-based): (x1, y1, x2, y2) in mm from
    the top left corner, and its width in pt."""
    reader = pypdf.PdfReader(str(path))
    pdf_page = reader.pages[page]
    height = float(pdf_page.mediabox.height)
    ops = ContentStream(pdf_page.get_contents(), reader).operations
    ctm, stack, width, points, found = [1, 0, 0, 1, 0, 0], [], 1.0, [], []

    def at(x, y):
        px = x * ctm[0] + y * ctm[2] + ctm[4]
        py = x * ctm[1] + y * ctm[3] + ctm[5]
        return px * PT, (height - py) * PT

    for operands, op in ops:
        if op == b"q":
            stack.append((ctm, width))
        elif op == b"Q":
            ctm, width = stack.pop()
        elif op == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == b"w":
            width = float(operands[0])
        elif op == b"m":
            points = [at(*map(float, operands))]
        elif op == b"l":
            points.append(at(*map(float, operands)))
        elif op == b"S":
            found += [(*a, *b, width) for a, b in zip(points, points[1:])]
            points = []
        elif op in (b"f", b"n", b"B", b"b", b"s"):
            points = []
    return found


def crosses(path, page: int) -> list[tuple[float, float]]:
    """The centres of the cross-hairs of a page: a horizontal and a vertical stroke, each
    about an inch long or less and at least 15 mm, crossing at both midpoints."""
    lines = stroked_lines(path, page)
    across = [l for l in lines if abs(l[1] - l[3]) < 1e-6 and 15 < abs(l[2] - l[0]) < 30]
    down = [l for l in lines if abs(l[0] - l[2]) < 1e-6 and 15 < abs(l[3] - l[1]) < 30]
    found = []
    for h in across:
        mid = ((h[0] + h[2]) / 2, h[1])
        for v in down:
            if abs(v[0] - mid[0]) < 1e-3 and abs((v[1] + v[3]) / 2 - mid[1]) < 1e-3:
                found.append(mid)
    return sorted(found)


def named_crosses(path, page: int) -> dict[str, tuple[float, float]]:
    """Each cross by the letter printed beside it (the nearest single capital)."""
    text = read_pdf(path)[page]
    labels = [t for t in text.texts if len(t.text) == 1 and t.text.isupper()]
    named = {}
    for x, y in crosses(path, page):
        nearest = min(labels, key=lambda t: (t.x - x) ** 2 + (t.y - y) ** 2)
        assert (nearest.x - x) ** 2 + (nearest.y - y) ** 2 < 10 ** 2, (x, y, nearest)
        named[nearest.text] = (x, y)
    return named


def _close(a, b):
    return abs(a[0] - b[0]) <= TOLERANCE and abs(a[1] - b[1]) <= TOLERANCE


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_test_sheet_is_one_sheet_of_the_paper_asked_for(tmp_path, paper):
    pages = read_pdf(calibrate(tmp_path, "--paper", paper))
    assert len(pages) == 2
    width, height = PAPERS[paper]
    for page in pages:
        assert abs(page.width - width) < 0.01 and abs(page.height - height) < 0.01


def test_it_is_written_to_build_by_default_named_after_the_paper(tmp_path):
    result = run_cards("calibrate", "--paper", "letter", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "build" / "calibrate-letter.pdf").is_file()
    assert "calibrate-letter.pdf" in result.stdout


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_each_back_cross_lies_right_behind_its_front_cross(tmp_path, paper, duplex):
    path = calibrate(tmp_path, "--paper", paper, "--duplex", duplex)
    width, height = PAPERS[paper]
    front, back = named_crosses(path, 0), named_crosses(path, 1)
    assert len(front) >= 5 and set(front) == set(back)
    # Not all on the mirror line: the test would then pass whatever the mirroring.
    assert len({x for x, _ in front.values()}) > 1 and len({y for _, y in front.values()}) > 1
    for name, (x, y) in front.items():
        behind = (width - x, y) if duplex == "long-edge" else (x, height - y)
        assert _close(back[name], behind), (name, back[name], behind)


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
def test_a_back_offset_moves_everything_on_the_back_by_exactly_that(tmp_path, duplex):
    plain = calibrate(tmp_path, "--duplex", duplex, name="plain.pdf")
    moved = calibrate(tmp_path, "--duplex", duplex, "--back-offset", "1.5,-2.25", name="moved.pdf")
    before, after = named_crosses(plain, 1), named_crosses(moved, 1)
    assert set(before) == set(after) and before
    for name, (x, y) in before.items():
        assert _close(after[name], (x + 1.5, y - 2.25)), (name, before[name], after[name])
    # The fronts stay where they were; every line of the back moves with it.
    assert stroked_lines(plain, 0) == stroked_lines(moved, 0)
    lines_before, lines_after = stroked_lines(plain, 1), stroked_lines(moved, 1)
    assert len(lines_before) == len(lines_after)
    for a, b in zip(lines_before, lines_after):
        assert _close((a[0] + 1.5, a[1] - 2.25), b[:2]) and _close((a[2] + 1.5, a[3] - 2.25), b[2:4])


def test_the_front_has_a_100_mm_bar_to_check_the_print_is_at_actual_size(tmp_path):
    path = calibrate(tmp_path)
    bars = [l for l in stroked_lines(path, 0) if abs(l[1] - l[3]) < 1e-6 and abs(abs(l[2] - l[0]) - 100) < 0.01]
    assert bars
    assert "100 %" in read_pdf(path)[0].text


def test_both_sides_have_a_millimetre_ruler_along_both_axes(tmp_path):
    path = calibrate(tmp_path)
    for page in (0, 1):
        lines = stroked_lines(path, page)
        ticks_across = sorted(l[0] for l in lines if abs(l[0] - l[2]) < 1e-6 and abs(l[3] - l[1]) <= 4.01
                              and max(l[1], l[3]) < 40)
        steps = [round(b - a, 3) for a, b in zip(ticks_across, ticks_across[1:])]
        assert len(ticks_across) > 150 and set(steps) == {1.0}, page
        ticks_down = sorted(l[1] for l in lines if abs(l[1] - l[3]) < 1e-6 and abs(l[2] - l[0]) <= 4.01
                            and (min(l[0], l[2]) < 40 or max(l[0], l[2]) > 170))
        steps = [round(b - a, 3) for a, b in zip(ticks_down, ticks_down[1:])]
        assert len(ticks_down) > 200 and set(steps) == {1.0}, page


@pytest.mark.parametrize("paper, duplex, offset, margin", [
    ("a4", "long-edge", "10,10", "6"), ("a4", "short-edge", "-10,-10", "6"),
    ("letter", "long-edge", "-10,10", "6"), ("letter", "short-edge", "10,-10", "12"),
    ("a4", "long-edge", "0,0", "15"),
])
def test_nothing_is_printed_within_the_printer_margin(tmp_path, paper, duplex, offset, margin):
    path = calibrate(tmp_path, "--paper", paper, "--duplex", duplex, "--back-offset", offset,
                     "--printer-margin", margin)
    for number in (1, 2):
        found = render_pgm(path, number, DPI, tmp_path)
        if found is None:
            pytest.skip("pdftoppm is not installed")
        width, height, pixels = found
        assert _blank_border(pixels, width, height, float(margin)) == [], f"page {number}"
        assert _blank_border(pixels, width, height, float(margin) + 30), f"page {number} is blank"


def test_the_same_options_give_the_same_bytes(tmp_path):
    first = calibrate(tmp_path, "--back-offset", "0.5,1", name="one.pdf").read_bytes()
    again = calibrate(tmp_path, "--back-offset", "0.5,1", name="two.pdf").read_bytes()
    other = calibrate(tmp_path, "--back-offset", "0.5,1.5", name="three.pdf").read_bytes()
    assert first == again
    assert first != other


def test_the_back_says_how_to_use_the_reading_and_which_sign_is_which(tmp_path):
    back = read_pdf(calibrate(tmp_path, "--back-offset", "1,-0.5"))[1].text
    assert "--back-offset" in back and "back_offset" in back
    assert "right +" in back and "down +" in back
    assert "1,-0.5" in back  # the offset it was printed with, to add the reading to


@pytest.mark.parametrize("value", ["1", "x,2", "11,0", "0,-10.5"])
def test_a_bad_back_offset_is_refused_naming_the_option(tmp_path, value):
    result = run_cards("calibrate", "--back-offset", value, cwd=tmp_path)
    assert result.returncode == 2
    assert "--back-offset" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "build").exists()


def test_a_file_that_cannot_be_written_is_reported_in_plain_words(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    result = run_cards("calibrate", "--out", str(tmp_path / "taken" / "sheet.pdf"), cwd=tmp_path)
    assert result.returncode == 1
    assert "sheet.pdf" in result.stderr and "Traceback" not in result.stderr
