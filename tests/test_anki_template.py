"""The subset of Anki's template syntax the preview fills in, checked on its own and against
Anki itself: every card of every kind renders to the same HTML as in a real Anki collection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cards.anki_template import AnkiTemplateError, CardContext, field_is_empty, render_card, render_side

from conftest import write

FIELDS = {"Name": "Smolny <b>Institute</b>", "Aliases": "", "Role": "A &lt;school&gt;", "Empty": " <br> <div></div>"}


def test_fields_are_filled_in_as_stored():
    assert render_side("<p>{{Name}}</p>", FIELDS) == "<p>Smolny <b>Institute</b></p>"
    assert render_side("{{ Role }}", FIELDS) == "A &lt;school&gt;"


def test_sections_show_on_non_empty_fields_and_inverted_sections_on_empty_ones():
    template = "{{#Name}}N{{/Name}}{{#Aliases}}A{{/Aliases}}{{^Aliases}}no aliases{{/Aliases}}{{#Empty}}E{{/Empty}}"
    assert render_side(template, FIELDS) == "Nno aliases"
    assert render_side("{{#Name}}<i>{{#Role}}{{Role}}{{/Role}}</i>{{/Name}}", FIELDS) == "<i>A &lt;school&gt;</i>"


@pytest.mark.parametrize("value, empty", [("", True), ("  \n", True), ("<br>", True), ("<br/><div> </div>", True),
                                          ("<BR />", True), ("x", False), ("<b></b>", False), ("&nbsp;", False)])
def test_empty_as_anki_counts_it(value, empty):
    assert field_is_empty(value) is empty


def test_special_fields():
    context = CardContext(tags=("a-level", "russia"), deck="History::Russia", card="Name \u2192 Role",
                          note_type="cards: Person")
    question, answer = render_card("<div>{{Name}}</div>", "{{FrontSide}}<hr id=answer>{{Role}}<p>{{Tags}}</p>"
                                   "{{Deck}}|{{Subdeck}}|{{Card}}|{{Type}}", FIELDS, context)
    assert question == "<div>Smolny <b>Institute</b></div>"
    assert answer == ("<div>Smolny <b>Institute</b></div><hr id=answer>A &lt;school&gt;<p>a-level russia</p>"
                      "History::Russia|Russia|Name \u2192 Role|cards: Person")


def test_text_filter_drops_html_and_other_filters_show_the_field():
    assert render_side("{{text:Name}}", FIELDS) == "Smolny Institute"
    assert render_side("{{text:Role}}", FIELDS) == "A &lt;school&gt;"
    assert render_side("{{hint:Name}}", FIELDS) == FIELDS["Name"]


def test_field_values_are_never_read_as_template_syntax():
    fields = {"Name": "{{Role}} {{#Role}}x{{/Role}}", "Role": "secret"}
    assert render_side("{{Name}}", fields) == "{{Role}} {{#Role}}x{{/Role}}"


@pytest.mark.parametrize("template, message", [
    ("{{Nmae}}", "unknown field 'Nmae'"),
    ("{{#Name}}x", "is never closed"),
    ("x{{/Name}}", "never opened"),
    ("{{#Name}}{{#Role}}{{/Name}}{{/Role}}", "where {{/Role}} was expected"),
])
def test_templates_anki_could_not_show_are_errors(template, message):
    with pytest.raises(AnkiTemplateError, match=re.escape(message)):
        render_side(template, FIELDS)


def _every_kind_deck(folder) -> Path:
    """A deck with two notes of every kind: its example card, and the same card with only the
    required fields (so each {{#Field}} section is seen both shown and left out)."""
    import yaml

    from cards.kinds import KINDS

    lines, cards = ["Notes"], []
    for name, kind in KINDS.items():
        lines.append(kind.example.text)
        required = {f.name for f in kind.fields if f.required}
        for suffix, values in (("full", dict(kind.example.card)),
                               ("bare", {k: v for k, v in kind.example.card.items() if k in required})):
            cards.append({"id": f"{name}-{suffix}", "kind": name, **values, "source": f"notes:{len(lines)}",
                          "tags": ["zeta", "Alpha"]})
    write(folder / "decks" / "sources" / "notes.txt", "\n".join(lines) + "\n")
    deck = {"deck": "Every::Kind", "id": "every-kind", "sources": {"notes": "sources/notes.txt"}, "cards": cards}
    return write(folder / "decks" / "every-kind.yaml", yaml.safe_dump(deck, sort_keys=False, allow_unicode=True))


def test_the_preview_renders_every_card_as_anki_does(tmp_path, cards, anki):
    """Build a deck with notes of every kind, import it into a real Anki collection, and
    compare each card's question and answer with the preview's."""
    from cards.build import check
    from cards.kinds import KINDS
    from cards.preview import card_sides
    from cards.render.anki import render_deck
    from cards.templating import template_dirs

    deck_file = _every_kind_deck(tmp_path)
    result = cards("build", "--no-pdf", "--no-lint", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    anki.import_package(tmp_path / "build" / "every-kind.apkg")
    theirs = {}
    for c in anki.cards():  # a cloze note's cards share one template, in the order of their numbers
        theirs.setdefault((c.note_guid, c.template), []).append((c.question, c.answer))

    (_, deck), = check([deck_file], lint=False).decks
    rendered = render_deck(deck, template_dirs(None))
    note_types = {nt.id: nt for nt in rendered.note_types}
    ours = {}
    for note in rendered.notes:
        for name, question, answer in card_sides(note_types[note.note_type], note, rendered.name):
            ours.setdefault((note.guid, name), []).append((question, answer))
    assert sum(map(len, ours.values())) == sum(map(len, theirs.values())) and set(ours) == set(theirs)

    def same(html: str) -> str:
        return " ".join(html.split())

    for key, sides in ours.items():
        assert len(sides) == len(theirs[key]), key
        for (question, answer), (their_question, their_answer) in zip(sides, theirs[key]):
            assert same(question) == same(their_question), key
            assert same(answer) == same(their_answer), key
