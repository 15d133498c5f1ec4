"""The font metrics the PDF renderer fits card text with, checked against Typst.

``cards.render.print_metrics`` holds, for the characters most decks use, each
one's advance in Libertinus Serif (the card font) in every style the designs
use, the most kerning can add after it, and the height of a line. With these
the renderer works out in Python, without asking Typst, the size at which a
card's text fits (``cards.render.print_fit.fit_size``). Its widths are upper
bounds, so a card it fits really fits; a table below the truth (after a Typst
upgrade, say) would let text overflow its card unnoticed, so these tests
measure the characters, pairs of them and random words with Typst itself.

Regenerate the table with ``PYTHONPATH=src python tests/test_pdf_metrics.py``
(it measures every pair of characters, which takes about half a minute).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest

RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x370, 0x3FF), (0x400, 0x45F), (0x2010, 0x2027)]
VARIANTS = ("regular", "italic", "bold", "bold-italic")
#: Where Typst breaks lines or draws nothing, so their width says nothing: left to Typst.
SKIPPED_CATEGORIES = ("Cn", "Cc", "Cf", "Zl", "Zp")

PRELUDE = """
#set text(font: "Libertinus Serif", size: 1000pt, lang: "en", hyphenate: false)
#set par(leading: 500pt)
#let variants = (("regular", "normal"), ("regular", "italic"), ("bold", "normal"), ("bold", "italic"))
#let width(s, v, fallback: true) = measure(text(weight: v.at(0), style: v.at(1), fallback: fallback, s)).width / 1pt
#let height(s, v) = measure(text(weight: v.at(0), style: v.at(1), s)).height / 1pt
"""

CHARACTERS = PRELUDE + """
#let chars = json(bytes(sys.inputs.chars))
#context [#metadata((
  caps: variants.map(v => height("x", v)),
  rows: chars.map(c => variants.map(v => (width(c, v), width(c, v, fallback: false), height("x" + c + "\\nx", v)))),
)) <out>]
"""

STRINGS = PRELUDE + """
#let strings = json(bytes(sys.inputs.strings))
#context [#metadata(variants.map(v => strings.map(s => width(s, v)))) <out>]
"""


def _query(program: str, **inputs) -> object:
    import typst

    with tempfile.TemporaryDirectory() as folder:
        main = Path(folder) / "metrics.typ"
        main.write_text(program, encoding="utf-8")
        found = typst.query(str(main), "<out>", field="value", root=folder, ignore_system_fonts=True,
                            sys_inputs={key: json.dumps(value) for key, value in inputs.items()})
    return json.loads(found)[0]


def candidates() -> list[int]:
    return [cp for start, end in RANGES for cp in range(start, end + 1)
            if unicodedata.category(chr(cp)) not in SKIPPED_CATEGORIES]


def measured_characters() -> tuple[dict[str, int], dict[int, tuple[int, ...]]]:
    """(cap height per variant, {code point: advance per variant}) in 1/1000 em, for every
    character of RANGES that every variant of Libertinus Serif has (no fallback to another font)."""
    cps = candidates()
    found = _query(CHARACTERS, chars=[chr(cp) for cp in cps])
    caps = dict(zip(VARIANTS, (round(c) for c in found["caps"])))
    advances = {}
    for cp, per_variant in zip(cps, found["rows"]):
        own = all(abs(w - nf) < 1e-6 and abs(h - (2 * caps[v] + 500)) < 1e-6
                  for v, (w, nf, h) in zip(VARIANTS, per_variant))
        if own:
            advances[cp] = tuple(round(w) for w, _, _ in per_variant)
    return caps, advances


def measured_widths(strings: list[str]) -> list[tuple[float, ...]]:
    """Each string's width in 1/1000 em, as Typst lays it out, per variant."""
    per_variant = _query(STRINGS, strings=strings)
    return list(zip(*per_variant))


def measured_kerning() -> dict[str, dict[str, dict[str, int]]]:
    """For each variant, every pair of characters that Typst sets wider than their two advances:
    {variant: {first: {second: how much wider}}}."""
    _, advances = measured_characters()
    pairs = [chr(a) + chr(b) for a in advances for b in advances]
    kern: dict[str, dict[str, dict[str, int]]] = {v: {} for v in VARIANTS}
    for pair, widths in zip(pairs, measured_widths(pairs)):
        a, b = ord(pair[0]), ord(pair[1])
        for i, (v, width) in enumerate(zip(VARIANTS, widths)):
            extra = width - advances[a][i] - advances[b][i]
            if extra > 1e-6:
                kern[v].setdefault(pair[0], {})[pair[1]] = -int(-extra // 1)
    return kern


# --- the checks ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def truth():
    return measured_characters()


def test_the_table_has_typsts_advances_and_line_heights(truth):
    from cards.render import print_metrics as pm

    caps, advances = truth
    assert pm.CAP_HEIGHT == caps
    assert set(pm.ADVANCES["regular"]) == set(advances), "regenerate the table (see this file's docstring)"
    wrong = {chr(cp): (tuple(pm.ADVANCES[v][cp] for v in VARIANTS), widths)
             for cp, widths in advances.items() if tuple(pm.ADVANCES[v][cp] for v in VARIANTS) != widths}
    assert not wrong, f"regenerate the table (see this file's docstring): {wrong}"


def test_kerning_never_widens_a_pair_beyond_the_bound():
    """Every pair of the characters most text is made of (the full check is the generator's)."""
    from cards.render import print_metrics as pm

    common = [chr(cp) for cp in range(0x20, 0x7F)] + list("äöüßéèàçñ’“”–—…") + list("абвгдежзиклмнопрстуфхцчшщыьэюя")
    pairs = [a + b for a in common for b in common]
    for pair, widths in zip(pairs, measured_widths(pairs)):
        for v, width in zip(VARIANTS, widths):
            bound = pm.ADVANCES[v][ord(pair[0])] + pm.KERNING[v].get(pair, 0) + pm.ADVANCES[v][ord(pair[1])]
            assert width <= bound + 1e-6, (pair, v, width, bound)


def test_random_words_are_never_wider_than_their_bound():
    from cards.render import print_metrics as pm
    from cards.render.print_fit import text_width

    rng = random.Random(1917)
    chars = [chr(cp) for cp in pm.ADVANCES["regular"]]
    latin = [c for c in chars if ord(c) < 0x250]
    words = ["".join(rng.choice(latin if i % 2 else chars) for _ in range(rng.randint(1, 14))) for i in range(1500)]
    words += ["office", "ffi", "fjord", "Tyrannosaurus", "AVAWAY", "“Quoted.”", "Петроград", "Λένιν", "f)", "(f"]
    for word, widths in zip(words, measured_widths(words)):
        for v, width in zip(VARIANTS, widths):
            assert width <= text_width(word, v) * 1000 + 1e-6, (word, v, width, text_width(word, v) * 1000)


def test_unknown_characters_are_not_in_the_table():
    from cards.render import print_metrics as pm
    from cards.render.print_fit import text_width, word_width

    assert 0x4E2D not in pm.ADVANCES["regular"] and text_width("\u4e2d", "regular") is None
    assert 0xAD not in pm.ADVANCES["regular"]  # a soft hyphen is a place to break: Typst decides
    assert word_width("W") == 1.052  # bold, and kerning may add 0.024 em after it
    assert word_width("\u4e2d") >= 2.0  # a character outside the table
    assert word_width("ab cd") == pytest.approx(word_width("ab") + word_width(" ") + word_width("cd"))


def test_the_widest_word_is_found():
    from cards.render.print_fit import widest_word, word_width

    assert widest_word(["a tiny", "an enormousword", ""]) == word_width("enormousword")
    assert widest_word([]) == 0


# --- the generator -----------------------------------------------------------------------------


def _rows(advances: dict[int, tuple[int, ...]], index: int) -> list[str]:
    lines = []
    for start, end in RANGES:
        values = " ".join(str(advances[cp][index]) if cp in advances else "-" for cp in range(start, end + 1))
        lines.append(f"        0x{start:04X}: \"{values}\",")
    return lines


def _write_table(path: Path) -> None:
    caps, advances = measured_characters()
    kern = measured_kerning()
    lines = [
        '"""Libertinus Serif, the card font: advances, kerning and line height, in 1/1000 em.',
        "",
        "Generated by tests/test_pdf_metrics.py, which also checks it against Typst. Do not edit by hand.",
        "",
        "It is long because it is measured data, not code: the advance of every character of the",
        "table (Latin, Greek, Cyrillic and common punctuation) in each of the four styles the designs",
        "use, and every pair of them that kerning sets wider apart. With it the build fits card text",
        "without asking Typst (cards.render.print_fit).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"VARIANTS = {VARIANTS!r}",
        "",
        "#: The top edge of a line of text (Typst's default: the cap height) in each variant.",
        f"CAP_HEIGHT = {caps!r}",
        "",
        "#: Each variant's advance of every character from a row's first code point on;",
        "#: \"-\" where the font lacks it (Typst would fall back to another font) or the character",
        "#: breaks lines or draws nothing.",
        "_ROWS = {",
    ]
    for i, v in enumerate(VARIANTS):
        lines += [f"    {v!r}: {{", *_rows(advances, i), "    },"]
    lines += [
        "}",
        "",
        "#: The pairs of characters that kerning sets wider apart than their advances, by how much:",
        "#: {variant: {first: ((extra, every second character with that extra), ...)}}.",
        "_KERN = {",
    ]
    for v in VARIANTS:
        lines.append(f"    {v!r}: {{")
        for first in sorted(kern[v]):
            groups: dict[int, str] = {}
            for second, extra in sorted(kern[v][first].items()):
                groups[extra] = groups.get(extra, "") + second
            lines.append(f"        {first!r}: {tuple(sorted(groups.items(), reverse=True))!r},")
        lines.append("    },")
    lines += [
        "}",
        "",
        "ADVANCES: dict[str, dict[int, int]] = {",
        "    v: {start + i: int(w) for start, row in rows.items() for i, w in enumerate(row.split()) if w != \"-\"}",
        "    for v, rows in _ROWS.items()",
        "}",
        "#: {variant: {pair of characters: extra}}",
        "KERNING: dict[str, dict[str, int]] = {",
        "    v: {first + second: extra for first, groups in table.items() for extra, seconds in groups for second in seconds}",
        "    for v, table in _KERN.items()",
        "}",
        "#: The widest a character is in any variant, whatever follows it.",
        "WIDTHS: dict[int, int] = {",
        "    cp: max(ADVANCES[v][cp] + max((extra for extra, _ in _KERN[v].get(chr(cp), ())), default=0) for v in VARIANTS)",
        "    for cp in ADVANCES[\"regular\"]",
        "}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "src" / "cards" / "render" / "print_metrics.py"
    _write_table(target)
    print(f"wrote {target}", file=sys.stderr)
