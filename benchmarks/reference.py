"""The two reference pipelines the benchmark compares ``cards build`` with.

    python benchmarks/reference.py floor PROJECT      # genanki + one typst.compile
    python benchmarks/reference.py naive PROJECT      # genanki + Jinja HTML + WeasyPrint

PROJECT is a folder with ``decks/*.yaml`` (as ``generate.py`` makes). Each
deck becomes ``PROJECT/ref-<pipeline>/<deck id>.apkg`` and ``.pdf``, from the
same cards ``cards build`` reads:

- **floor**: the least work that gives the same outputs. The deck is read with
  PyYAML (libyaml's loader when present), genanki writes one note per card with
  a plain two-field model (Front/Back, a forward and a reverse card per note,
  as ``cards`` makes), and ONE ``typst.compile`` lays out all the cards from a
  JSON file: A4 pages of 2 columns x 4 rows, each page of fronts followed by a
  page of their backs (columns mirrored for double-sided printing). No
  validation, no linting, no templates.
- **naive**: what a user would write by hand: the same deck reading and
  genanki code, and the same card grid as HTML from a Jinja template,
  printed by WeasyPrint.

Neither touches the source notes: they do no linting.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import genanki
import yaml

PER_PAGE = 8  # 2 columns x 4 rows
MODEL_ID = 1_607_392_319  # fixed, so outputs are comparable between runs
DECK_ID_BASE = 2_059_400_110


def load(deck_path: Path) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(deck_path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


def card_faces(deck: dict) -> list[tuple[str, str, str]]:
    """(front, back, citation) of every card: what both faces of a printed card show."""
    titles = {}
    for name, source in (deck.get("sources") or {}).items():
        titles[name] = source.get("title", name) if isinstance(source, dict) else name
    faces = []
    for card in deck["cards"]:
        kind = card["kind"]
        if kind == "date":
            front, back = card["event"], str(card["date"])
        elif kind == "person":
            front, back = card["name"], card["role"]
        elif kind == "term":
            front, back = card["term"], card["definition"]
        else:
            front = f"\u201c{card['quote']}\u201d"
            back = card["speaker"] + (f" \u2014 {card['context']}" if card.get("context") else "")
        name, _, line = str(card["source"]).partition(":")
        faces.append((front, back, f"{titles.get(name, name)}, line {line}"))
    return faces


def sheets(faces: list[tuple[str, str, str]]) -> list[dict]:
    """Cards in groups of 8: fronts in reading order, backs with each row's columns swapped."""
    result = []
    for start in range(0, len(faces), PER_PAGE):
        chunk = faces[start:start + PER_PAGE]
        chunk += [("", "", "")] * (PER_PAGE - len(chunk))
        fronts = [front for front, _, _ in chunk]
        backs = []
        for row in range(0, PER_PAGE, 2):
            left, right = chunk[row], chunk[row + 1]
            backs += [{"text": right[1], "cite": right[2]}, {"text": left[1], "cite": left[2]}]
        result.append({"fronts": fronts, "backs": backs})
    return result


def write_apkg(deck: dict, path: Path) -> None:
    model = genanki.Model(
        MODEL_ID, "Reference Basic (and reversed)",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {"name": "Forward", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
            {"name": "Reverse", "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"},
        ],
    )
    anki_deck = genanki.Deck(DECK_ID_BASE + len(deck["id"]), deck["deck"])
    for card, (front, back, cite) in zip(deck["cards"], card_faces(deck)):
        anki_deck.add_note(genanki.Note(model=model, fields=[front, f"{back}<br><small>{cite}</small>"],
                                        guid=genanki.guid_for(deck["id"], card["id"])))
    genanki.Package(anki_deck).write_to_file(str(path))


TYPST_SOURCE = """\
#let data = json("cards.json")
#set page(paper: "a4", margin: 10mm)
#set text(size: 11pt)
#let cell(body) = block(width: 100%, height: 100%, stroke: 0.5pt + gray, inset: 5mm,
  align(center + horizon, body))
#for (i, sheet) in data.enumerate() {
  if i > 0 { pagebreak() }
  grid(columns: (1fr, 1fr), rows: (1fr,) * 4, ..sheet.fronts.map(f => cell(f)))
  pagebreak()
  grid(columns: (1fr, 1fr), rows: (1fr,) * 4,
    ..sheet.backs.map(b => cell[#b.text #v(2mm) #text(size: 8pt, fill: gray.darken(40%), b.cite)]))
}
"""


def write_pdf_typst(deck: dict, path: Path) -> None:
    import typst

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "cards.json").write_text(json.dumps(sheets(card_faces(deck))), encoding="utf-8")
        Path(tmp, "main.typ").write_text(TYPST_SOURCE, encoding="utf-8")
        typst.compile(str(Path(tmp, "main.typ")), output=str(path), root=tmp)


HTML_TEMPLATE = """\
<!doctype html>
<html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 10mm }
body { margin: 0; font-family: serif; font-size: 11pt }
.page { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: repeat(4, 1fr);
        height: 277mm; break-after: page }
.cell { border: 0.5pt solid gray; padding: 5mm; display: flex; flex-direction: column;
        align-items: center; justify-content: center; text-align: center }
.cite { font-size: 8pt; color: #555; margin-top: 2mm }
</style></head><body>
{% for sheet in sheets %}
<div class="page">{% for front in sheet.fronts %}<div class="cell">{{ front }}</div>{% endfor %}</div>
<div class="page">{% for back in sheet.backs %}<div class="cell">{{ back.text }}<div class="cite">{{ back.cite }}</div></div>{% endfor %}</div>
{% endfor %}
</body></html>
"""


def write_pdf_weasyprint(deck: dict, path: Path) -> None:
    import jinja2
    import weasyprint

    html = jinja2.Environment(autoescape=True).from_string(HTML_TEMPLATE).render(sheets=sheets(card_faces(deck)))
    weasyprint.HTML(string=html).write_pdf(str(path))


PIPELINES = {"floor": write_pdf_typst, "naive": write_pdf_weasyprint}


def run(pipeline: str, project: Path) -> list[Path]:
    write_pdf = PIPELINES[pipeline]
    out = project / f"ref-{pipeline}"
    out.mkdir(exist_ok=True)
    written = []
    for deck_path in sorted((project / "decks").glob("*.yaml")):
        deck = load(deck_path)
        write_apkg(deck, out / f"{deck['id']}.apkg")
        write_pdf(deck, out / f"{deck['id']}.pdf")
        written += [out / f"{deck['id']}.apkg", out / f"{deck['id']}.pdf"]
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Run a reference pipeline over PROJECT/decks/*.yaml.")
    parser.add_argument("pipeline", choices=sorted(PIPELINES))
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    if not (args.project / "decks").is_dir():
        sys.exit(f"reference: {args.project / 'decks'} is not a folder")
    for path in run(args.pipeline, args.project):
        print(path)


if __name__ == "__main__":
    main()
