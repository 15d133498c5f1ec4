"""Every card kind, end to end, from its own description (cards.kinds): its example card
lints clean, builds, imports into a real Anki collection with both directions rendering,
and prints. A new kind is checked here without editing this file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cards.kinds import KINDS
from cards.templating import default_templates_dir

KIND_NAMES = list(KINDS)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _example_project(folder: Path, kinds: list[str]) -> Path:
    """A project with one deck holding each kind's example card, each citing its own line."""
    lines, cards = ["Notes for the tests"], []
    for name in kinds:
        example = KINDS[name].example
        lines.append(example.text)
        cards.append({"id": f"{name}-example", "kind": name, **example.card, "source": f"notes:{len(lines)}"})
    (folder / "decks").mkdir(parents=True, exist_ok=True)
    (folder / "decks" / "notes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deck = {"deck": "Kinds", "id": "kinds", "sources": {"notes": "notes.txt"}, "cards": cards}
    (folder / "decks" / "kinds.yaml").write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True),
                                                 encoding="utf-8")
    return folder


def _shown(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every kind's example, built once (lint included), with the PDF."""
    from conftest import run_cards

    project = _example_project(tmp_path_factory.mktemp("kinds"), KIND_NAMES)
    result = run_cards("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_each_kinds_example_lints_clean(kind, tmp_path, cards):
    project = _example_project(tmp_path, [kind])
    result = cards("lint", cwd=project)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_each_kind_has_its_anki_template(kind):
    assert (default_templates_dir() / "anki" / f"{kind}.html.j2").is_file()


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_each_kinds_note_and_print_data_cover_its_fields(kind, tmp_path):
    from cards.build import check
    from cards.render.design import paragraphs

    project = _example_project(tmp_path, [kind])
    checked = check([project / "decks" / "kinds.yaml"])
    assert not checked.errors, checked.errors
    (card,) = checked.decks[0][1].cards
    spec = KINDS[kind]
    values = spec.anki_values(card)
    assert len(values) == len(spec.note_type.own_fields) and all(isinstance(v, str) for v in values)
    data = spec.print_data(card)
    for side in ("front", "back"):
        assert paragraphs(kind, side, data), f"{kind}: nothing on the {side}"
    assert spec.facts.question in spec.by_name and spec.facts.answer in spec.by_name


def test_every_kind_imports_into_anki_and_renders_both_directions(built, anki):
    log = anki.import_package(built / "build" / "kinds.apkg")
    assert len(log.new) == len(KINDS)
    rendered = anki.cards()
    assert len(rendered) == sum(len(k.example.cards) or len(k.note_type.templates) for k in KINDS.values())
    by_template = {c.template: c for c in rendered}
    for name, kind in KINDS.items():
        if kind.example.cards:  # a cloze: one card per group of blanks, each with its own blank
            made = [c for c in rendered if c.template == kind.note_type.forward]
            assert len(made) == len(kind.example.cards), name
            for card, (shown, hidden) in zip(made, kind.example.cards):
                assert shown in _text(card.question) and hidden not in _text(card.question), (name, card.question)
                assert hidden in _text(card.answer), (name, card.answer)
                assert "line" in _text(card.answer)  # the citation, on the back
            continue
        question = _shown(kind.example.card[kind.facts.question])
        answer = _shown(kind.example.card[kind.facts.answer])
        forward, reverse = by_template[kind.note_type.forward], by_template[kind.note_type.reverse]
        assert question in _text(forward.question), (name, forward.question)
        assert answer not in _text(forward.question), f"{name}: the answer shows on the front"
        assert answer in _text(forward.answer), (name, forward.answer)
        assert answer in _text(reverse.question), (name, reverse.question)
        assert question in _text(reverse.answer), (name, reverse.answer)
        for card in (forward, reverse):
            assert "Notes" not in _text(card.question) and "line" in _text(card.answer)  # the citation, on the back


def test_every_kinds_rich_fields_show_bold_in_anki(tmp_path, cards, anki):
    project = _example_project(tmp_path, KIND_NAMES)
    deck = project / "decks" / "kinds.yaml"
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    for card in data["cards"]:
        for field in KINDS[card["kind"]].rich_fields:
            if isinstance(card.get(field), str) and field != KINDS[card["kind"]].facts.question:
                card[field] = card[field].replace(card[field].split()[0], "**" + card[field].split()[0] + "**", 1)
    deck.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = cards("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    anki.import_package(project / "build" / "kinds.apkg")
    answers = " ".join(c.answer for c in anki.cards())
    assert answers.count("<b>") >= sum(1 for k in KINDS.values() if len(k.rich_fields) > 1)
    assert "**" not in answers


def test_every_kind_prints_its_question_and_answer(built):
    from pdf_reading import read_pdf

    text = " ".join(page.text for page in read_pdf(built / "build" / "kinds.pdf"))
    flat = " ".join(text.split())
    for name, kind in KINDS.items():
        for field in (kind.facts.question, kind.facts.answer):
            value = _shown(kind.example.card[field])
            first_words = " ".join(value.split()[:2])
            assert first_words in flat, (name, field, first_words)
        assert kind.label.upper() in flat, name  # the small caps label on each card


def test_an_unknown_kind_is_an_error_naming_the_known_ones(tmp_path, cards):
    project = _example_project(tmp_path, KIND_NAMES[:1])
    deck = project / "decks" / "kinds.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace(f"kind: {KIND_NAMES[0]}", "kind: planet"),
                    encoding="utf-8")
    result = cards("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "unknown kind 'planet'" in result.stderr
    assert all(name in result.stderr for name in KINDS)
