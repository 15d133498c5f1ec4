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
