"""The characters no font built into Typst has, which would print as empty boxes.

Only the fonts built into Typst are used, so a character none of them has
(Chinese, Japanese, emoji) prints as an empty box; the build warns about each
card that has one (:func:`cards.render.print_problems.glyph_problems`). Typst
is asked once per deck, about the characters outside the card font's table only.
"""

from __future__ import annotations

import json
import shutil

from cards.export.pdf import temp_folder_error
from cards.export.pdf_folders import private_folder

#: Measures, in the card font, each character with and without falling back to the other
#: fonts built into Typst, and the font's own "missing glyph" box (a character of a private
#: use plane no font has).
_GLYPH_PROBE = """
#set text(font: "Libertinus Serif")
#let chars = json(bytes(sys.inputs.chars))
#let width(c, fallback) = measure(text(fallback: fallback, c)).width / 1pt
#context [#metadata((box: width("\\u{10FFFD}", false), rows: chars.map(c => (width(c, true), width(c, false))))) <out>]
"""


def missing_glyphs(characters: set[str]) -> set[str]:
    """The ``characters`` that no font built into Typst has: they print as empty boxes.

    Told apart by width: such a character is as wide as the card font's missing-glyph
    box, with or without fallback to the other fonts. (A character the card font has at
    exactly that width would pass for missing; outside the alphabets the card font
    covers, which never get here, that is rare.)"""
    import typst

    if not characters:
        return set()
    ordered = sorted(characters)
    try:
        folder = private_folder()
    except OSError as exc:
        raise temp_folder_error(exc) from None
    try:
        (folder / "probe.typ").write_text(_GLYPH_PROBE, encoding="utf-8")
        found = json.loads(typst.query(str(folder / "probe.typ"), "<out>", field="value", root=str(folder),
                                       font_paths=[], ignore_system_fonts=True,
                                       sys_inputs={"chars": json.dumps(ordered)}))[0]
    except OSError as exc:
        raise temp_folder_error(exc) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    empty = found["box"]
    return {c for c, (with_fallback, alone) in zip(ordered, found["rows"])
            if abs(with_fallback - empty) < 1e-6 and abs(alone - empty) < 1e-6}
