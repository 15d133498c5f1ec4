"""Every page of a built PDF tells a print shop its finished size: a TrimBox (the sheet, or
for index cards the card) and a BleedBox equal to it, as the cards have no bleed."""

from __future__ import annotations

import io

import pypdf
import pytest

from conftest import run_cards
from pdf_reading import PT
from test_pdf import make_deck

from cards.print_choices import INDEX_CARD, PAPERS, STOCKS


def _boxes(data: bytes) -> list[dict[str, list[float]]]:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    found = []
    for page in reader.pages:
        # Read from the page itself: pypdf would otherwise give the MediaBox for a missing box.
        found.append({name: [float(v) for v in page[name]] if name in page else None
                      for name in ("/MediaBox", "/TrimBox", "/BleedBox")})
    return found


def _size_mm(box: list[float]) -> tuple[float, float]:
    return (box[2] - box[0]) * PT, (box[3] - box[1]) * PT


@pytest.mark.parametrize("args, finished", [
    (["--layout", "grid"], PAPERS["a4"]),
    (["--layout", "foldover", "--paper", "letter", "--crop-marks"], PAPERS["letter"]),
    (["--layout", "index"], INDEX_CARD),
    (["--stock", "avery-5371"], PAPERS[STOCKS["avery-5371"][0]]),
])
def test_every_page_has_a_trim_box_of_the_finished_size_and_an_equal_bleed_box(tmp_path, args, finished):
    make_deck(tmp_path, 12)
    result = run_cards("build", "--no-lint", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = _boxes((tmp_path / "build" / "many.pdf").read_bytes())
    assert pages
    for number, page in enumerate(pages, 1):
        assert page["/TrimBox"] is not None and page["/BleedBox"] is not None, f"page {number}"
        width, height = _size_mm(page["/TrimBox"])
        assert abs(width - finished[0]) < 0.01 and abs(height - finished[1]) < 0.01, f"page {number}"
        assert page["/TrimBox"][:2] == [0, 0]
        assert page["/BleedBox"] == page["/TrimBox"] == page["/MediaBox"], f"page {number}"


def test_a_big_deck_joined_from_parts_has_the_boxes_on_every_page(tmp_path):
    make_deck(tmp_path, 1100)  # more than one part: compiled in pieces and joined
    result = run_cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = _boxes((tmp_path / "build" / "many.pdf").read_bytes())
    assert len(pages) > 250
    assert all(page["/TrimBox"] == page["/BleedBox"] == page["/MediaBox"] for page in pages)


def test_the_boxes_keep_the_pdf_byte_identical_from_build_to_build(tmp_path):
    make_deck(tmp_path, 12)
    for out in ("one", "two"):
        assert run_cards("build", "--no-lint", "--out", out, cwd=tmp_path).returncode == 0
    first, second = ((tmp_path / out / "many.pdf").read_bytes() for out in ("one", "two"))
    assert first == second
    assert b"/TrimBox" in first


def test_the_calibration_sheet_has_them_too(tmp_path):
    result = run_cards("calibrate", "--paper", "letter", "--out", "sheet.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = _boxes((tmp_path / "sheet.pdf").read_bytes())
    assert len(pages) == 2
    for page in pages:
        assert page["/TrimBox"] == page["/BleedBox"] == page["/MediaBox"]
        width, height = _size_mm(page["/TrimBox"])
        assert abs(width - PAPERS["letter"][0]) < 0.01 and abs(height - PAPERS["letter"][1]) < 0.01
