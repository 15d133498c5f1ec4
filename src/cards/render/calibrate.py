"""The duplex calibration sheet (``cards calibrate``): one sheet, two pages, to measure
how far a printer puts the back of a sheet out of line with its front.

Both pages carry a millimetre ruler along each axis and five cross-hairs (A to E)
at the same nominal places. The back page is placed for the duplex mode, as the
grid's backs are (:mod:`cards.render.print_layout`): each back element sits at the
mirror image of its front one (``long-edge``: x -> width - x; ``short-edge``:
y -> height - y), so that with a perfect printer it lands right behind it. Held
to the light, the bold front cross shows through; the fine scale on the back
cross says where it falls, right and down as seen on the back, and those two
numbers are the ``back_offset`` that corrects the printer (added to the offset
the sheet was printed with, if any).

Why the reading is the correction: if the printer puts the back's ink ``e`` off
(as seen on the back), a back cross drawn at its nominal place plus the offset
``o`` shows at ``nominal + o + e``, while the front cross shows at ``nominal``.
The front cross is ``-(o + e)`` from the back cross, and ``o' = o + reading``
makes the two meet.

Python places everything, in mm from each page's top left corner, keeping it all
at least :data:`INSET` mm inside the printer margin so that any back offset
(up to 10 mm each way) leaves the printer margin blank; the Typst template
(``templates/print/calibrate.typ.j2``) only draws. The text is this module's own,
never a deck's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cards.print_choices import PAPERS

#: Calibration is for the duplex modes that put a back behind a front.
DUPLEX_MODES = ("long-edge", "short-edge")
#: Every element stays this far (mm) inside the printer margin on the page as designed:
#: room for the largest back offset (10 mm) and 2 mm to spare.
INSET = 12.0
#: The cross-hairs: the middle of the sheet and four around it, this far across and down (mm).
CROSS_ACROSS, CROSS_DOWN = 55.0, 85.0
#: Half the length of a cross's arms, and how far the back's reading scale runs (mm).
ARM, SCALE = 12.0, 10
#: Line widths (pt): the front's bold crosses show through the paper; the back's fine ones are read against.
BOLD, FINE, TICK = 0.8, 0.3, 0.25
MINUS = "\u2212"


@dataclass(frozen=True)
class Sheet:
    """What ``cards calibrate`` prints."""

    paper: str = "a4"
    duplex: str = "long-edge"
    back_offset: tuple[float, float] = (0.0, 0.0)
    printer_margin: float = 6.0

    @property
    def size(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    def crosses(self) -> dict[str, tuple[float, float]]:
        """The nominal centre of each cross-hair, on the front (mm from the top left)."""
        w, h = self.size
        cx, cy = w / 2, h / 2
        return {
            "A": (cx - CROSS_ACROSS, cy - CROSS_DOWN), "B": (cx + CROSS_ACROSS, cy - CROSS_DOWN),
            "C": (cx - CROSS_ACROSS, cy + CROSS_DOWN), "D": (cx + CROSS_ACROSS, cy + CROSS_DOWN),
            "E": (cx, cy),
        }

    def behind(self, x: float, y: float) -> tuple[float, float]:
        """Where on the back page a point lands that is right behind (x, y) on the front,
        before the back offset."""
        w, h = self.size
        return (w - x, y) if self.duplex == "long-edge" else (x, h - y)


class _Page:
    """The drawing of one page: lines, texts and the page's shift, in mm."""

    def __init__(self, shift: tuple[float, float] = (0.0, 0.0)):
        self.dx, self.dy = shift
        self.lines: list[list[float]] = []
        self.texts: list[list[Any]] = []

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float) -> None:
        self.lines.append([_mm(x1 + self.dx), _mm(y1 + self.dy), _mm(x2 + self.dx), _mm(y2 + self.dy), width])

    def text(self, x: float, y: float, text: str, *, size: float = 6.0, align: str = "center",
             anchor: str = "top", bold: bool = False, width: float = 0.0) -> None:
        """Text at (x, y): ``align`` left/center/right of x, ``anchor`` top/bottom/horizon at y;
        ``width`` > 0 sets it as a paragraph that wide (from x), wrapping."""
        self.texts.append([_mm(x + self.dx), _mm(y + self.dy), text, size, align, anchor, bold, _mm(width)])

    def data(self) -> dict[str, Any]:
        return {"lines": self.lines, "texts": self.texts}


def _mm(value: float) -> float:
    return round(value, 3)


def _ruler(page: _Page, sheet: Sheet, flip_x: bool, flip_y: bool) -> None:
    """A millimetre ruler across the top and one down the left of the page as designed
    (mirrored for a back page: ``flip_x`` puts the vertical one on the right, ``flip_y`` the
    horizontal one at the bottom). Numbered in mm from the middle of the sheet, positive
    right and down as the page is read."""
    w, h = sheet.size
    edge = sheet.printer_margin + INSET
    # The horizontal ruler: its line, ticks pointing into the page, numbers beyond them.
    y0 = h - edge if flip_y else edge
    into = -1 if flip_y else 1
    reach = int((w / 2 - edge) // 1)
    page.line(w / 2 - reach, y0, w / 2 + reach, y0, TICK)
    for k in range(-reach, reach + 1):
        length = 4.0 if k % 10 == 0 else 2.5 if k % 5 == 0 else 1.5
        page.line(w / 2 + k, y0, w / 2 + k, y0 + into * length, TICK)
        if k % 10 == 0 and abs(k) < reach - 2:
            page.text(w / 2 + k, y0 + into * 4.8, _signed(k), anchor="bottom" if flip_y else "top")
    label_y = y0 + into * 9.0
    page.text(w / 2, label_y, "mm from the middle of the sheet", size=6.0, anchor="bottom" if flip_y else "top")
    # The vertical ruler, clear of the horizontal one's numbers.
    x0 = w - edge if flip_x else edge
    across = -1 if flip_x else 1
    top = int((h / 2 - edge - 14) // 1)
    page.line(x0, h / 2 - top, x0, h / 2 + top, TICK)
    for k in range(-top, top + 1):
        length = 4.0 if k % 10 == 0 else 2.5 if k % 5 == 0 else 1.5
        page.line(x0, h / 2 + k, x0 + across * length, h / 2 + k, TICK)
        if k % 10 == 0:
            page.text(x0 + across * 5.0, h / 2 + k, _signed(k), align="right" if flip_x else "left", anchor="horizon")


def _signed(k: int) -> str:
    return f"+{k}" if k > 0 else f"{MINUS}{-k}" if k < 0 else "0"


def _bold_cross(page: _Page, name: str, x: float, y: float) -> None:
    page.line(x - ARM, y, x + ARM, y, BOLD)
    page.line(x, y - ARM, x, y + ARM, BOLD)
    page.text(x + 2.5, y - 2.5, name, size=11.0, align="left", anchor="bottom", bold=True)


def _scale_cross(page: _Page, name: str, x: float, y: float) -> None:
    """A fine cross whose arms are scales: where the front's bold cross falls on them is the reading."""
    page.line(x - ARM, y, x + ARM, y, FINE)
    page.line(x, y - ARM, x, y + ARM, FINE)
    for k in range(-SCALE, SCALE + 1):
        if k == 0:
            continue
        length = 2.0 if k % 5 == 0 else 1.0
        page.line(x + k, y, x + k, y + length, TICK)  # across: ticks below the arm
        page.line(x, y + k, x + length, y + k, TICK)  # down: ticks right of the arm
        if k % 5 == 0:
            page.text(x + k, y + 2.4, _signed(k), size=5.0)
            page.text(x + 2.6, y + k, _signed(k), size=5.0, align="left", anchor="horizon")
    page.text(x - 2.5, y - 2.5, name, size=11.0, align="right", anchor="bottom", bold=True)


def _settings(sheet: Sheet) -> str:
    x, y = sheet.back_offset
    return (f"Printed with: paper {sheet.paper}, {sheet.duplex} duplex, back offset {_number(x)},{_number(y)} mm, "
            f"printer margin {_number(sheet.printer_margin)} mm.")


def _number(value: float) -> str:
    return f"{value:g}"


FLIP_WORDS = {"long-edge": "flip on long edge", "short-edge": "flip on short edge"}


def _front_words(sheet: Sheet) -> list[str]:
    return [
        "1. Print this file on the printer and paper you will print cards on: both sides of one sheet "
        f"(duplex, \u201c{FLIP_WORDS[sheet.duplex]}\u201d), at actual size: scale 100 %, not \u201cfit to page\u201d "
        "or \u201cshrink to fit\u201d.",
        "2. Check the size: the bar below this text is 100 mm long on paper. If a ruler says otherwise, the "
        "printer scaled the page; turn scaling off and print again.",
        "3. Turn the sheet over and follow the steps on the back.",
    ]


def _back_words(sheet: Sheet) -> list[str]:
    x, y = sheet.back_offset
    printed = (f"This sheet was printed with back offset {_number(x)},{_number(y)}: add your two readings to "
               "it, and use the sums." if (x or y) else
               "If you printed it with `--back-offset`, add your readings to that offset.")
    return [
        "4. Hold the sheet up to a window or a lamp, this side facing you. The bold crosses of the front "
        "show through the paper.",
        "5. Look at cross E in the middle. Read where the centre of the bold cross falls on the fine scales "
        f"of this side's cross E: across (right +, left {MINUS}), then down (down +, up {MINUS}), in mm. "
        f"Halves are fine: +1.5, {MINUS}0.5.",
        "6. Those two numbers are your back offset. Build with `cards build --back-offset X,Y` "
        "or put `print: {back_offset: [X, Y]}` in the deck. " + printed,
        "7. To check, run `cards calibrate --back-offset X,Y` and print again: the crosses now meet. "
        "If the corner crosses A to D read differently from E, the printer also turns or stretches the "
        "back, which an offset cannot correct; use the reading at E.",
    ]


def pages(sheet: Sheet) -> list[dict[str, Any]]:
    """The two pages: their size and what each draws, in mm."""
    w, h = sheet.size
    crosses = sheet.crosses()
    block_x, block_w = 30.0, w - 60.0
    # The words go between the top crosses and the middle one, and below the middle one.
    top_y = h / 2 - CROSS_DOWN + ARM + 6.0
    title_y = sheet.printer_margin + INSET + 16.0

    front = _Page()
    _ruler(front, sheet, flip_x=False, flip_y=False)
    for name, (x, y) in crosses.items():
        _bold_cross(front, name, x, y)
    front.text(w / 2, title_y, "FRONT \u00b7 cards calibrate: duplex test sheet", size=13.0, bold=True)
    front.text(block_x, top_y, "\n\n".join(_front_words(sheet)), size=9.0, align="left", width=block_w)
    bar_y = h / 2 + ARM + 12.0
    front.line(w / 2 - 50, bar_y, w / 2 + 50, bar_y, BOLD)
    for end in (w / 2 - 50, w / 2 + 50):
        front.line(end, bar_y - 3, end, bar_y + 3, BOLD)
    front.text(w / 2, bar_y + 4.0, "100 mm", size=8.0)
    front.text(block_x, bar_y + 12.0, _settings(sheet), size=8.0, align="left", width=block_w)

    back = _Page(sheet.back_offset)
    _ruler(back, sheet, flip_x=sheet.duplex == "long-edge", flip_y=sheet.duplex == "short-edge")
    for name, (x, y) in crosses.items():
        _scale_cross(back, name, *sheet.behind(x, y))
    # The back's own words, upright as the back is read, in the places its crosses leave free.
    back.text(w / 2, title_y, "BACK \u00b7 read the offset on this side", size=13.0, bold=True)
    back.text(block_x, top_y, "\n\n".join(_back_words(sheet)), size=9.0, align="left", width=block_w)
    back.text(block_x, h / 2 + ARM + 12.0, _settings(sheet), size=8.0, align="left", width=block_w)
    return [{"width": w, "height": h, **page.data()} for page in (front, back)]


def sheet_data(sheet: Sheet) -> str:
    """The pages as the JSON the template reads."""
    return json.dumps({"pages": pages(sheet)}, ensure_ascii=False, separators=(",", ":"))


def calibration_pdf(sheet: Sheet, template_dirs: tuple[Path, ...] = ()) -> bytes:
    """The sheet as PDF bytes: the same bytes for the same sheet, on any machine (Typst's
    built-in fonts only, no date)."""
    import shutil

    from cards.export.pdf import temp_folder_error
    from cards.export.pdf_boxes import with_print_boxes
    from cards.export.pdf_folders import private_folder
    from cards.export.pdf_parts import MAIN, compile_part
    from cards.templating import default_templates_dir, render

    source = render(template_dirs or (default_templates_dir(),), "print/calibrate.typ.j2")
    try:
        folder = private_folder()
    except OSError as exc:
        raise temp_folder_error(exc) from None
    try:
        (folder / MAIN).write_text(source, encoding="utf-8")
        data, _ = compile_part(folder, sheet_data(sheet), None, tagged=True)
    except OSError as exc:
        raise temp_folder_error(exc) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return with_print_boxes(data)
