"""Cloze cards and images, as a student meets them: in a real Anki collection and on paper."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import write

DECK = "decks/russia.yaml"
APKG = "build/russia-1917.apkg"

NOTES = """\
Petrograd 1917: notes
In April 1917 Lenin's slogan was: Peace, Land and Bread.
Order No. 1 told soldiers to elect committees in every unit and to obey the Soviet.
The Smolny Institute housed the Petrograd Soviet and the Bolshevik headquarters in 1917.
"""

CLOZE_DECK = """\
deck: "History::Russia::1917"
id: russia-1917
sources:
  notes: sources/notes.txt
cards:
  - id: slogan
    kind: cloze
    text: "In April 1917 Lenin's slogan was: {{Peace}}, {{2:Land}} and {{3:Bread}}."
    quote: true
    source: notes:2
  - id: order-1
    kind: cloze
    text: "Order No. 1 told soldiers to elect {{committees}} in every unit and to obey the {{Soviet}}."
    context: Order No. 1, 1 March 1917
    source: notes:3
"""


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _project(tmp_path: Path, deck: str = CLOZE_DECK, notes: str = NOTES) -> Path:
    write(tmp_path / "decks" / "sources" / "notes.txt", notes)
    write(tmp_path / DECK, deck)
    return tmp_path


def _build(project, cards, *args):
    result = cards("build", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def _edit(project, old, new):
    path = project / DECK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- cloze ------------------------------------------------------------------------------------


def test_a_cloze_note_is_ankis_cloze_kind_with_one_card_per_group(tmp_path, cards, anki):
    project = _project(tmp_path)
    _build(project, cards, "--no-pdf")
    log = anki.import_package(project / APKG)
    assert len(log.new) == 2
    (model,) = [m for m in anki.col.models.all() if m["name"] == "cards: Cloze"]
    assert model["type"] == 1  # Anki's MODEL_CLOZE
    slogan = [c for c in anki.cards() if "slogan" in _text(c.question)]
    assert len(slogan) == 3  # Peace, Land, Bread: one card each
    for card, hidden in zip(slogan, ("Peace", "Land", "Bread")):
        front = _text(card.question)
        assert hidden not in front and "[...]" in front, front
        assert {"Peace", "Land", "Bread"} - {hidden} <= set(re.findall(r"\w+", front))
        assert hidden in _text(card.answer)
        assert 'class="cloze"' in card.answer  # Anki's own cloze rendering marks the answer
        assert "[[type:cloze:Text]]" in card.question  # the answer may be typed in (Anki fills in the box)
    order = [c for c in anki.cards() if "Order" in _text(c.question)]
    assert len(order) == 1  # both blanks in group 1: one card hiding both
    assert "committees" not in _text(order[0].question) and "Soviet" not in _text(order[0].question)
    assert "Order No. 1, 1 March 1917" in _text(order[0].answer)


def test_an_edited_blank_updates_the_note_in_place_and_keeps_reviews(tmp_path, cards, anki):
    project = _project(tmp_path)
    _build(project, cards, "--no-pdf")
    anki.import_package(project / APKG)
    col = anki.col
    col.decks.select(col.decks.id_for_name("History::Russia::1917"))
    card = col.sched.getCard()
    col.sched.answerCard(card, 3)
    notes_before, cards_before = col.note_count(), col.card_count()

    _edit(project, "{{2:Land}} and {{3:Bread}}", "{{2:Land and Bread}}")
    _edit(project, "{{committees}} in every unit", "{{2:committees}} in every unit")
    _build(project, cards, "--no-pdf")
    log = anki.import_package(project / APKG)
    assert len(log.new) == 0 and len(log.updated) == 2
    assert col.note_count() == notes_before
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    slogan = [c for c in anki.cards() if "slogan" in _text(c.question)]
    assert "Land and Bread" not in _text(slogan[1].question) and "Land and Bread" in _text(slogan[1].answer)
    order = [c for c in anki.cards() if "Order" in _text(c.question)]
    assert len(order) == 2  # the new group 2 gives a new card
    assert col.card_count() >= cards_before


def test_marks_that_do_not_parse_are_located_errors(tmp_path, cards):
    bad = {
        "{{Peace, Land and Bread.": "is never closed",
        "Peace}}, Land and Bread.": "closes no '{{'",
        "{{}}Peace, Land and Bread.": "hides nothing",
        "{{0:Peace}}, Land and Bread.": "groups are numbered from 1",
        "Peace, Land and Bread.": "marks no words to hide",
        "{{Peace, {{Land}} and Bread}}.": "cannot be nested",
    }
    for text, message in bad.items():
        deck = CLOZE_DECK.replace("In April 1917 Lenin's slogan was: {{Peace}}, {{2:Land}} and {{3:Bread}}.",
                                  f"In April 1917 Lenin's slogan was: {text}")
        project = _project(tmp_path / str(len(text)), deck)
        result = cards("build", cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert re.search(rf"decks/russia.yaml:8:\d+: .*card 'slogan'.*{re.escape(message)}", result.stderr), \
            (text, result.stderr)


def test_the_linter_checks_a_cloze_text_with_its_marks_removed(tmp_path, cards):
    project = _project(tmp_path)
    result = cards("lint", cwd=project)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    _edit(project, "{{2:Land}} and {{3:Bread}}", "{{2:Bread}} and {{3:Land}}")  # reordered: not the quotation
    _edit(project, "elect {{committees}} in every unit and to obey the {{Soviet}}",
          "abolish the {{Duma}} and obey the {{Tsar}}")
    result = cards("lint", cwd=project)
    assert result.returncode == 1
    assert re.search(r"decks/russia.yaml:8:\d+: .*K701", result.stdout), result.stdout
    assert re.search(r"decks/russia.yaml:13:\d+: .*K702", result.stdout), result.stdout


# --- images -----------------------------------------------------------------------------------

SVG_MAP = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 120" width="200" height="120">
  <rect x="0" y="0" width="200" height="120" fill="#eef"/>
  <path d="M0 70 C60 60 120 80 200 65" stroke="#69c" stroke-width="8" fill="none"/>
  <circle cx="150" cy="40" r="6" fill="#c33"/>
  <text x="150" y="30" font-size="12" text-anchor="middle">Smolny</text>
</svg>
"""

IMAGE_DECK = CLOZE_DECK + """\
  - id: smolny
    kind: place
    name: Smolny Institute
    significance: Housed the Petrograd Soviet and the Bolshevik headquarters
    image: images/map.svg
    image_credit: Sketch map drawn for the tests
    source: notes:4
  - id: smolny-photo
    kind: term
    term: Smolny Institute
    definition: Housed the Petrograd Soviet and the Bolshevik headquarters in 1917
    image: images/red.png
    source: notes:4
"""


def png(width: int, height: int, rgb=(200, 30, 30)) -> bytes:
    """A PNG of one colour, made by hand."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _image_project(tmp_path: Path) -> Path:
    project = _project(tmp_path, IMAGE_DECK)
    write(project / "decks" / "images" / "map.svg", SVG_MAP)
    (project / "decks" / "images" / "red.png").write_bytes(png(40, 30))
    return project


def test_an_image_reaches_the_collections_media_and_shows_on_the_back(tmp_path, cards, anki):
    project = _image_project(tmp_path)
    _build(project, cards, "--no-pdf")
    anki.import_package(project / APKG)
    media = Path(anki.col.media.dir())
    names = sorted(p.name for p in media.iterdir())
    assert len(names) == 2 and all(re.fullmatch(r"cards-[0-9a-f]{16}\.(svg|png)", n) for n in names), names
    svg_name = next(n for n in names if n.endswith(".svg"))
    assert (media / svg_name).read_text(encoding="utf-8") == SVG_MAP
    smolny = [c for c in anki.cards() if "Smolny" in _text(c.question) and c.template.startswith("Name")]
    assert f'<img src="{svg_name}"' in smolny[0].answer and "<img" not in smolny[0].question
    assert "Sketch map drawn for the tests" in _text(smolny[0].answer)
    term = [c for c in anki.cards() if "Smolny" in _text(c.question) and c.template.startswith("Term")]
    assert re.search(r'<img src="cards-[0-9a-f]{16}\.png"', term[0].answer)


def test_a_changed_image_updates_the_note_in_place(tmp_path, cards, anki):
    project = _image_project(tmp_path)
    _build(project, cards, "--no-pdf")
    anki.import_package(project / APKG)
    notes = anki.col.note_count()
    (project / "decks" / "images" / "red.png").write_bytes(png(40, 30, (30, 30, 200)))  # now blue
    _build(project, cards, "--no-pdf")
    log = anki.import_package(project / APKG)
    assert len(log.new) == 0 and len(log.updated) == 1 and anki.col.note_count() == notes
    term = [c for c in anki.cards() if c.template.startswith("Term")][0]
    name = re.search(r'<img src="([^"]+)"', term.answer).group(1)
    assert (Path(anki.col.media.dir()) / name).read_bytes() == png(40, 30, (30, 30, 200))


def test_the_pdf_shows_the_image_and_the_blanks(tmp_path, cards):
    import pypdf
    from pdf_reading import read_pdf

    project = _image_project(tmp_path)
    _build(project, cards)
    pages = read_pdf(project / "build" / "russia-1917.pdf")
    fronts, backs = " ".join(p.text for p in pages[::2]), " ".join(p.text for p in pages[1::2])
    assert "____" in fronts and "Peace" not in fronts  # the blanks, not the words
    assert "Peace" in backs and "Land" in backs and "Bread" in backs
    assert "Image: Sketch map drawn for the tests" in " ".join(backs.split())
    reader = pypdf.PdfReader(project / "build" / "russia-1917.pdf")
    assert sum(len(page.images) for page in reader.pages[1::2]) >= 1  # the PNG, on a back
    assert not any(page.images for page in reader.pages[::2])


def test_two_builds_give_the_same_bytes(tmp_path, cards):
    project = _image_project(tmp_path)
    _build(project, cards)
    first = [(project / "build" / f"russia-1917.{ext}").read_bytes() for ext in ("apkg", "pdf")]
    _build(project, cards, "--force")
    assert first == [(project / "build" / f"russia-1917.{ext}").read_bytes() for ext in ("apkg", "pdf")]


HOSTILE = {
    "script.svg": (SVG_MAP.replace("</svg>", "<script>alert(1)</script></svg>").encode(), "<script>"),
    "onload.svg": (SVG_MAP.replace("<rect ", '<rect onload="alert(1)" ').encode(), "'onload'"),
    "foreign.svg": (SVG_MAP.replace("</svg>", "<foreignObject><p>x</p></foreignObject></svg>").encode(),
                    "foreignObject"),
    "link.svg": (SVG_MAP.replace("</svg>", '<use href="file:///etc/passwd#x"/></svg>').encode(), "outside the file"),
    "style.svg": (SVG_MAP.replace("<rect ", '<rect style="fill: url(https://example.com/x.svg#p)" ').encode(),
                  "outside the file"),
    "style-element.svg": (SVG_MAP.replace("</svg>", "<style>@import url(https://example.com/a.css);</style></svg>")
                          .encode(), "<style>"),
    "entity.svg": (b'<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG_MAP.encode(), "DTD or entities"),
    "text.png": (b"\x89PNG\r\n\x1a\nthis is a text file, not an image\n", "damaged PNG"),
    "notes.png": (b"Just some notes\n", "not a PNG, JPEG, WebP or SVG image"),
    "huge.png": (png(1, 1)[:16] + (30000).to_bytes(4, "big") * 2 + png(1, 1)[24:], "30000 x 30000 pixels"),
}


def test_hostile_images_are_refused_at_their_line(tmp_path, cards):
    project = _image_project(tmp_path)
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(2, 2))
    (project / "decks" / "images" / "link-out.png").symlink_to(outside)
    cases = {**{name: message for name, (_, message) in HOSTILE.items()},
             "link-out.png": "leads outside the deck's folder", "../../secret.png": "leads outside the deck's folder",
             "/etc/passwd": "absolute path"}
    for name, (data, _) in HOSTILE.items():
        (project / "decks" / "images" / name).write_bytes(data)
    deck = project / DECK
    original = deck.read_text(encoding="utf-8")
    for name, message in cases.items():
        path = name if name.startswith(("/", "..")) else f"images/{name}"
        deck.write_text(original.replace("image: images/map.svg", f"image: {path}"), encoding="utf-8")
        result = cards("build", cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (name, result.stderr)
        assert re.search(rf"decks/russia.yaml:20:12: card 'smolny': .*{re.escape(message)}", result.stderr), \
            (name, result.stderr)
        assert "nothing was written" in result.stderr
    assert not (project / "build" / "russia-1917.apkg").exists()


def test_jpeg_and_webp_sizes_are_read_from_their_headers():
    from cards.checks import Invalid
    from cards.images import check_image

    jpeg = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xc0\x00\x11\x08\x00\x78\x00\xc8\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9")
    assert (check_image("a.jpg", jpeg).format, check_image("a.jpg", jpeg).width, check_image("a.jpg", jpeg).height) \
        == ("jpeg", 200, 120)
    webp = b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00" + (199).to_bytes(3, "little") \
        + (119).to_bytes(3, "little")
    assert (check_image("a.webp", webp).width, check_image("a.webp", webp).height) == (200, 120)
    huge = webp[:24] + (29999).to_bytes(3, "little") * 2
    try:
        check_image("big.webp", huge)
    except Invalid as exc:
        assert "30000 x 30000 pixels" in exc.message
    else:
        raise AssertionError("a 30,000 x 30,000 WebP was accepted")
    assert check_image("a.png", png(3, 2)).media_name == check_image("b/other.png", png(3, 2)).media_name
    assert check_image("a.png", png(3, 2)).media_name != check_image("a.png", png(2, 3)).media_name
