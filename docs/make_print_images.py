"""Pictures of the printed pages, for the README: each layout and each card stock.

Builds the example deck ``decks/russia-1917-october.yaml`` (with the ``cards`` of
this checkout) once per layout and stock, renders pages with ``pdftoppm`` in
greyscale, and writes docs/images/print-*.png: a page on its own, or a front and
its back side by side. Run it again after changing how cards print, and commit
the images.

    python3 docs/make_print_images.py            # needs pdftoppm (poppler-utils)
    python3 docs/make_print_images.py /tmp/look  # write them somewhere else
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "images"
DECK = "russia-1917-october"
#: Resolution of a whole sheet (dpi): enough to see the layout, small enough to keep the repository small.
SHEET_DPI = 50
#: An index card is a small page: shown larger, so its text can be read.
CARD_DPI = 100
#: (image name, build options, pages (1-based) side by side, dpi)
IMAGES = [
    ("print-grid-fronts.png", [], [1], SHEET_DPI),
    ("print-grid-backs.png", [], [2], SHEET_DPI),
    ("print-foldover.png", ["--layout", "foldover", "--crop-marks"], [1], SHEET_DPI),
    ("print-index.png", ["--layout", "index"], [1, 2], CARD_DPI),
    ("print-stock-avery-5388.png", ["--stock", "avery-5388"], [1, 2], SHEET_DPI),
    ("print-stock-avery-5371.png", ["--stock", "avery-5371"], [1, 2], SHEET_DPI),
    ("print-stock-a7.png", ["--stock", "a7"], [1, 2], SHEET_DPI),
    ("print-stock-a6.png", ["--stock", "a6"], [1, 2], SHEET_DPI),
]
#: Grey between pages shown side by side, and around them (pixels, and its shade).
GAP, BORDER, GREY = 12, 6, 190


def render(pdf: Path, page: int, dpi: int, work: Path) -> tuple[int, int, bytes]:
    """Page ``page`` as greyscale pixels: (width, height, one byte a pixel, row by row)."""
    prefix = work / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(prefix)], check=True)
    data = prefix.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    if not header:
        sys.exit(f"pdftoppm wrote no greyscale image for {pdf} page {page}")
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, data[header.end():header.end() + width * height]


def side_by_side(pages: list[tuple[int, int, bytes]]) -> tuple[int, int, bytes]:
    """The pages in a row on a grey ground, tops aligned."""
    height = max(h for _, h, _ in pages) + 2 * BORDER
    width = sum(w for w, _, _ in pages) + GAP * (len(pages) - 1) + 2 * BORDER
    rows = []
    for y in range(height):
        row = bytearray([GREY]) * BORDER
        for index, (w, h, pixels) in enumerate(pages):
            if index:
                row += bytes([GREY]) * GAP
            inside = y - BORDER
            row += pixels[inside * w:(inside + 1) * w] if 0 <= inside < h else bytes([GREY]) * w
        row += bytes([GREY]) * BORDER
        rows.append(bytes(row))
    return width, height, b"".join(rows)


def png(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit greyscale PNG, the same bytes for the same pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + pixels[y * width:(y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main(out: Path) -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("needs pdftoppm (poppler-utils)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    env.pop("SOURCE_DATE_EPOCH", None)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "decks", work / "decks")
        for name, options, pages, dpi in IMAGES:
            build = work / name.removesuffix(".png")
            subprocess.run([sys.executable, "-m", "cards", "build", "--no-lint", "--quiet", "--out", str(build),
                            *options, f"decks/{DECK}.yaml"], cwd=work, env=env, check=True)
            pdf = build / f"{DECK}.pdf"
            image = side_by_side([render(pdf, page, dpi, work) for page in pages])
            (out / name).write_bytes(png(*image))
            print(f"{out / name}: {image[0]} x {image[1]}, {(out / name).stat().st_size // 1024} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
