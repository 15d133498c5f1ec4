"""Python's text fitting (cards.render.print_fit.fit_size) checked against Typst's own.

The renderer works out in Python the size each face's text prints at, so that
Typst need not measure anything. These tests render the real print program,
append a check to it and let Typst measure every face of a few hundred varied
cards: at the size Python chose the text must really fit (no taller than its
box, no word wider than a line), Python's size must never exceed the one
Typst's own search (the template's fit-size and word-size) finds, and it must
almost always equal it.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from pathlib import Path

import pytest

from cards.print_options import PrintOptions
from cards.kinds import KINDS
from cards.render.design import paragraphs, typst_designs
from cards.render.print_fit import FaceBox, card_box, fit_size, fitted_sizes, text_width, widest_word, with_headroom
from cards.render.print_layout import PADDING, grid_cell, index_padding
from cards.templating import render, template_dirs

WORDS = (
    "the soviet body that organised rising of October committee Petrograd Bolshevik party leader revolution "
    "provisional government dual power land peace bread war constituent assembly a I of to in it is "
    "Kerensky's well-known (1917) [sic] “quoted” ‘single’ « guillemets » — – … 25 7 1917. 3.5 % & / "
    "Trotsky, Lenin; Kamenev: Zinoviev! Stalin? office affluent fjord Tyrannosaurus AVAWAY WAVE "
    "Ленин Троцкий Петроград большевики Совет Λένιν Πετρούπολη"
).split()
#: Words with a character outside the width table: Typst fits those cards.
RARE = ["ἀρχή", "中文", "soft\u00adhyphen"]
LONG = ["Donaudampfschifffahrtsgesellschaftskapitänswitwenrente", "Supercalifragilisticexpialidocious",
        "antidisestablishmentarianism", "Hottentottenstottertrottelmutterbeutelrattenlattengitterkofferattentäter"]


def _text(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        roll = rng.random()
        word = rng.choice(LONG) if roll < 0.01 else rng.choice(RARE) if roll < 0.012 else rng.choice(WORDS)
        parts.append(word)
        roll = rng.random()
        if roll < 0.03:
            parts.append("\n")
        elif roll < 0.05:
            parts.append("  ")  # two spaces
        else:
            parts.append(" ")
    return "".join(parts).strip(" ")


def _cards(seed: int, count: int) -> list[dict]:
    """Random cards of every kind: random text for each field its design prints."""
    rng = random.Random(seed)
    kinds = list(KINDS)
    cards = []
    for i in range(count):
        kind = KINDS[kinds[i % len(kinds)]]
        size = rng.choice([1, 2, 3, 5, 8, 12, 20, 30, 45, 60, 90, 130, 200])
        card = {"id": f"c{i}-" + "x" * rng.randint(0, 30), "kind": kind.name,
                "citation": rng.choice(["Notes, line 4", "Petrograd 1917 notes, lines 120\u2013140",
                                        _text(rng, rng.randint(3, 25))])}
        for piece in (*kind.front, *kind.back):
            if piece.style == "also":
                card[piece.field] = [_text(rng, rng.randint(1, 4)) for _ in range(rng.choice([0, 0, 1, 3]))]
            elif piece.field:
                optional = not kind.by_name.get(piece.field) or not kind.by_name[piece.field].required
                # large bold text is a name, a term or a date; small print is short too
                words = {"strong": max(1, size // 8), "detail": rng.randint(1, 8)}.get(piece.style, size)
                card[piece.field] = "" if optional and rng.random() < 0.3 else _text(rng, words)
            for name in re.findall(r"\{(\w+)\}", piece.text):
                card[name] = rng.choice(["", _text(rng, rng.randint(1, 4))])
        cards.append(card)
    return cards


CHECK = """
// --- appended by tests/test_pdf_fit.py -------------------------------------------------------
#let card-w = {card_w}mm
#let card-h = {card_h}mm
#context {{
  let out = ()
  let inner-w = card-w - 2 * padding
  for card in cards {{
    let design = designs.at(card.kind)
    for part in ("front", "back", "citation") {{
      let header = if card.at("id_line", default: false) {{ 2 * header-h }} else {{ header-h }}
      let (body, h, max, min) = if part == "citation" {{
        (text(style: "italic", fill: quiet)[Source: #card.citation], footer-h, citation-max, min-size)
      }} else {{
        ((design.at(part))(card),
         card-h - 2 * padding - header - if part == "back" {{ footer-h + 1.5mm + deck-line-h }} else {{ 0pt }},
         max-size, min-size)
      }}
      let widest = if part == "citation" {{ card.citation_widest }} else {{ card.widest }}
      let theirs = word-size(body, fit-size(body, inner-w, h, max, min, size-step), widest, inner-w, min)
      let ours = card.size.at(part)
      let fits = if ours == none {{ none }} else {{
        let s = ours * 1pt
        let tall = measure(width: inner-w, text(size: s, body)).height
        let wide = measure(text(size: s, {{ show " ": linebreak(); body }})).width
        (tall <= h, wide <= inner-w, tall / 1pt, h / 1pt)
      }}
      out.push((card.id, part, if theirs == none {{ none }} else {{ theirs / 1pt }}, ours, fits))
    }}
  }}
  [#metadata(out) <fit-check>]
}}
"""

LAYOUTS = [
    PrintOptions(),
    PrintOptions(columns=3, rows=5),
    PrintOptions(columns=1, rows=2, min_font_size=10),
    PrintOptions(layout="index"),
    PrintOptions(layout="foldover", columns=2, rows=6, min_font_size=5),
]


def _check(options: PrintOptions, cards: list[dict]) -> list:
    import typst

    document_box = FaceBox.of(options)
    for card in cards:
        box, id_line = card_box(KINDS[card["kind"]].label, card["id"], document_box)
        if id_line:
            card["id_line"] = True
        texts = [v for k, v in card.items() if isinstance(v, str) and k not in ("id", "kind", "citation")]
        card["widest"] = with_headroom(widest_word(texts + card.get("aliases", [])))
        card["citation_widest"] = with_headroom(widest_word([card["citation"]]))
        card["size"] = fitted_sizes(card, box, options, designed=True)
    if options.layout == "index":
        card_w, card_h = 127.0, 76.2
    else:
        _, _, card_w, card_h = grid_cell(options)
    from cards.render.print import IMAGE_GAP, IMAGE_SHARE

    source = render(template_dirs(None), "print/document.typ.j2", designs=typst_designs(), replaced=frozenset(), dated=False,
                    padding=index_padding(options) if options.layout == "index" else PADDING, margin=10.0,
                    **document_box.template_values(), layout=options.layout,
                    image_share=IMAGE_SHARE, image_gap=IMAGE_GAP)
    source += CHECK.format(card_w=round(card_w, 3), card_h=round(card_h, 3))
    data = json.dumps({"title": "fit", "cards": cards, "pages": []})
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "main.typ").write_text(source, encoding="utf-8")
        found = typst.query(str(Path(folder) / "main.typ"), "<fit-check>", field="value", root=folder,
                            ignore_system_fonts=True, sys_inputs={"data": data})
    return json.loads(found)[0]


@pytest.mark.parametrize("seed, options", list(enumerate(LAYOUTS)),
                         ids=[f"{o.layout}-{o.grid[0]}x{o.grid[1]}-min{o.min_font_size:g}" for o in LAYOUTS])
def test_python_fits_faces_as_typst_does(seed, options):
    cards = _cards(seed, 240)
    results = _check(options, cards)
    decided = [r for r in results if r[3] is not None]
    for card_id, part, theirs, ours, (tall_ok, wide_ok, tall, room) in decided:
        # What Python fits really fits...
        assert tall_ok and wide_ok, (card_id, part, ours, tall, room)
        # ...and is never larger than what Typst's own search finds.
        assert theirs is not None and ours <= theirs + 1e-9, (card_id, part, ours, theirs)
    # Python leaves a face to Typst only where a character is not in its table, or the text may
    # not fit at all (or only just).
    by_id = {card["id"]: card for card in cards}
    for card_id, part, theirs, ours, _ in results:
        if ours is None and theirs is not None:
            card = by_id[card_id]
            face = ([(f"Source: {card['citation']}", 1.0, "italic")] if part == "citation"
                    else paragraphs(card["kind"], part, card))
            smallest = options.min_font_size
            unknown = any(text_width(line, variant) is None for text, _, variant in face for line in text.split("\n"))
            assert unknown or theirs <= smallest + 1.0, (card_id, part, theirs)
    # And it almost always finds the very size Typst does. Where not, it breaks lines at fewer
    # places (these cards are thick with punctuation), or it sees that a run of words joined by
    # punctuation Typst cannot break at is wider than a line, which Typst's own search misses.
    same = sum(1 for r in decided if abs(r[2] - r[3]) < 1e-9)
    assert same >= 0.95 * len(decided), (same, len(decided), [r for r in decided if abs(r[2] - r[3]) >= 1e-9][:10])
    # Python decides nearly every face that Typst can fit at all.
    fitted = [r for r in results if r[2] is not None]
    assert len(decided) >= 0.9 * len(fitted), (len(decided), len(fitted))


def test_the_model_follows_each_kinds_design():
    """Paragraphs as Python models them, for a card with every field set."""
    card = {"event": "E", "date": "D", "calendar": "C", "other_date": "O", "other_calendar": "OC",
            "ask": "Answer in C", "calendar_line": "C = O, OC",
            "name": "N", "role": "R", "aliases": ["A", "B"], "term": "T", "definition": "Def",
            "quote": "Q", "speaker": "S", "context": "Ctx"}
    assert paragraphs("date", "back", card) == [("D", 1.15, "bold"), ("C = O, OC", 0.72, "regular")]
    assert paragraphs("date", "front", card)[-1] == ("Answer in C", 0.72, "regular")
    assert paragraphs("person", "back", card)[-1] == ("Also known as: A, B", 0.72, "regular")
    assert paragraphs("quote", "front", card) == [("Who said it?", 0.7, "italic"), ("\u201cQ\u201d", 1.0, "italic")]
    assert paragraphs("term", "back", card | {"aliases": []}) == [("Def", 1.0, "regular")]


def test_unknown_characters_and_overflow_are_left_to_typst():
    box = FaceBox.of(PrintOptions())
    assert fit_size([("\u4e2d\u6587", 1.0, "regular")], box.width, box.back, 16, 7) is None  # not in the table
    assert fit_size([("soft\u00adhyphen", 1.0, "regular")], box.width, box.back, 16, 7) is None
    assert fit_size([("word " * 400, 1.0, "regular")], box.width, box.back, 16, 7) is None  # too long
    assert fit_size([("Short", 1.0, "regular")], box.width, box.back, 16, 7) == 16


BREAKS = """
#set text(font: "Libertinus Serif", size: 10pt, lang: "en", hyphenate: false)
#set par(justify: false, leading: 0.45em)
#let probes = json(bytes(sys.inputs.probes))
#context [#metadata(probes.map(((head, tail)) => {
  // Room for the head alone: if the space is a place to break, the tail starts the next line.
  let w = measure(text(head)).width + 0.1pt
  let joined = measure(width: w, text(head + " " + tail))
  let broken = measure(width: w, text(head + "\\n" + tail))
  joined.width == broken.width and joined.height == broken.height
})) <breaks>]
"""


def test_python_breaks_lines_only_where_typst_can():
    """Every pair of characters Python breaks between (at a space) is one Typst breaks between,
    whatever comes before and after them."""
    import typst

    from cards.render import print_metrics as pm
    from cards.render.print_fit import BREAK_AFTER, BREAK_BEFORE, may_break

    table = [chr(cp) for cp in pm.ADVANCES["regular"] if cp != 32]
    enders = [c for c in table if c.isalnum() or c in BREAK_AFTER]
    starters = [c for c in table if c.isalnum() or c in BREAK_BEFORE]
    pairs = [(p, n) for p in enders for n in "aЯ1"] + [(p, n) for p in "a1" for n in starters]
    pairs += [(p, n) for p in BREAK_AFTER for n in BREAK_BEFORE if may_break(p, n)]
    probes = [(before + p, n + after) for p, n in pairs for before in ("wwwwww", "", "( ")
              for after in ("wwwwww", "", " ww", ".")]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "main.typ").write_text(BREAKS, encoding="utf-8")
        found = json.loads(typst.query(str(Path(folder) / "main.typ"), "<breaks>", field="value", root=folder,
                                       ignore_system_fonts=True, sys_inputs={"probes": json.dumps(probes)}))[0]
    wrong = [probe for probe, breaks in zip(probes, found) if not breaks]
    assert not wrong, wrong[:20]


def test_a_text_measures_the_same_whatever_was_measured_before():
    """Widths are remembered per text, so "g" measured before a space must not be taken for the
    text "g " (which ends in a space): a wrong width would print text too big for its card."""
    from cards.render.print_fit import _variant

    metrics = _variant("regular")
    followed = metrics.exact("War", " ")
    alone = metrics.exact("War ")
    assert alone > followed and alone == metrics.exact("War ")
    assert text_width("War ", "regular") == alone
    assert metrics.exact("War", " ") == followed


def test_python_fits_only_the_designs_the_kinds_describe(tmp_path):
    from cards.render.design import designed_kinds
    from cards.templating import default_templates_dir

    shipped = default_templates_dir() / "print"
    project = tmp_path / "templates" / "print"
    project.mkdir(parents=True)
    assert designed_kinds(template_dirs(tmp_path / "templates")) == frozenset(KINDS)
    # A project's own design of a kind is Typst's to fit.
    some_kind = next(iter(KINDS))
    (project / f"{some_kind}.typ.j2").write_text(f'#let {some_kind}-label = "X"\n')
    assert designed_kinds(template_dirs(tmp_path / "templates")) == frozenset(KINDS) - {some_kind}
    # A replaced document may draw any design its own way.
    (project / "document.typ.j2").write_text((shipped / "document.typ.j2").read_text() + "\n")
    assert designed_kinds(template_dirs(tmp_path / "templates")) == frozenset()


SPLITS = """
#set text(font: "Libertinus Serif", size: 10pt, lang: "en", hyphenate: false)
#let probes = json(bytes(sys.inputs.probes))
#context [#metadata(probes.map(((head, tail)) => {
  // Room for the head alone: if Typst breaks there, the tail starts a second line.
  let w = measure(text(head)).width + 0.1pt
  measure(width: w, text(head + tail)).height > measure(text(head + tail)).height
})) <splits>]
"""


def test_words_are_split_for_their_width_only_where_typst_breaks_lines():
    """widest_word bounds a card's widest unbreakable piece: it may split a word only where Typst
    does break a line (after a hyphen, dash or slash before a letter), or the bound is too small."""
    import typst

    from cards.render.print_fit import _AFTER_HYPHEN

    words = ["well-known", "Marxist-Leninist-revolutionary", "and/or", "http://example.org/path",
             "Petrograd–Moscow", "war—peace", "Ленин-Ульянов", "x-ray/gamma-ray", "Brest-Litovsk"]
    probes = []
    for word in words:
        for match in _AFTER_HYPHEN.finditer(word):
            probes.append((word[:match.start()], word[match.start():]))
    assert len(probes) >= 10
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "main.typ").write_text(SPLITS, encoding="utf-8")
        found = json.loads(typst.query(str(Path(folder) / "main.typ"), "<splits>", field="value", root=folder,
                                       ignore_system_fonts=True, sys_inputs={"probes": json.dumps(probes)}))[0]
    assert [probe for probe, breaks in zip(probes, found) if not breaks] == []
    # Not before a digit (Typst keeps 1917-1918 together), so neither does widest_word.
    assert not list(_AFTER_HYPHEN.finditer("1917-1918 a/1"))
