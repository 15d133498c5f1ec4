"""Read a built PDF back: page sizes, and every piece of text with where it is.

Positions are given in millimetres from the page's top left corner, the way
:mod:`cards.render.print_layout` places cards, so a test can ask which grid cell a
card id landed in.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf

PT = 25.4 / 72  # mm per point


@dataclass(frozen=True)
class Text:
    text: str
    x: float  # mm from the left edge
    y: float  # mm from the top edge (of the baseline)
    size: float  # points, as printed
    font: str


@dataclass
class PdfPage:
    width: float  # mm
    height: float
    texts: list[Text]

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.texts)

    def find(self, needle: str) -> list[Text]:
        return [t for t in self.texts if t.text == needle]

    def cell(self, t: Text, columns: int, rows: int, margin: float = 10.0) -> tuple[int, int]:
        """(row, column) of the grid cell a piece of text is in."""
        card_w = (self.width - 2 * margin) / columns
        card_h = (self.height - 2 * margin) / rows
        return int((t.y - margin) // card_h), int((t.x - margin) // card_w)


def read_pdf(path: Path) -> list[PdfPage]:
    reader = pypdf.PdfReader(str(path))
    pages = []
    for page in reader.pages:
        box = page.mediabox
        width, height = float(box.width) * PT, float(box.height) * PT
        texts: list[Text] = []

        def visit(text, cm, tm, font, size, texts=texts, height=height):
            text = text.replace("\u00a0", " ").strip()  # a no-break space reads as a space
            if not text:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            # The size it prints at: the font size scaled by the text and page matrices.
            a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                          tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            scale = abs(a * d - b * c) ** 0.5
            texts.append(Text(text, x * PT, height - y * PT, float(size) * scale, name))

        page.extract_text(visitor_text=visit)
        pages.append(PdfPage(width, height, texts))
    return pages


def ids_on(page: PdfPage, ids: list[str]) -> dict[str, list[Text]]:
    return {card_id: page.find(card_id) for card_id in ids}


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses -> whether its font program is embedded in the file."""
    reader = pypdf.PdfReader(str(path))
    found: dict[str, bool] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def render_pgm(path: Path, page: int, dpi: int, out: Path) -> tuple[int, int, bytes] | None:
    """Page ``page`` (1-based) as a greyscale image: (width, height, pixels); None without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        return None
    prefix = out / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(prefix)],
        check=True, capture_output=True,
    )
    data = (prefix.with_suffix(".pgm")).read_bytes()
    # Binary PGM: "P5", width, height, maxval, one whitespace byte, then the pixels.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, data[:20]
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, data[header.end(): header.end() + width * height]


def cut_rectangles(path: Path, page: int) -> list[tuple[float, float, float, float]]:
    """The cut lines of page ``page`` (0-based) as rectangles (x, y, w, h) in mm from the top left:
    the grey 0.4 pt closed paths the layout draws (solid, unlike the dashed fold lines)."""
    data = pypdf.PdfReader(str(path)).pages[page].get_contents().get_data().decode("latin-1")
    number = r"(-?[\d.]+)"
    found = []
    # The page is drawn with y flipped (1 0 0 -1 0 H cm), so coordinates are pt from the top.
    for block in re.findall(r"0\.6666667 SCN 0\.4 w 4 M (.*?)\nS", data, re.S):
        for x1, y1, x2, _, _, y3 in re.findall(
                rf"{number} {number} m {number} {number} l {number} {number} l", block):
            x, y = float(x1) * PT, float(y1) * PT
            found.append((x, y, float(x2) * PT - x, float(y3) * PT - y))
    return found
