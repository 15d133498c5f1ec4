"""`cards build` writes .apkg files that a real Anki collection imports and renders."""

from __future__ import annotations

import re
import zipfile

from conftest import DECK, write

APKG = "build/russia-1917.apkg"


def _build(project, cards, *args, **env):
    result = cards("build", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_import_gives_one_note_per_card_and_two_cards_per_note(small_deck, cards, anki):
    _build(small_deck, cards)
    log = anki.import_package(small_deck / APKG)
    assert len(log.new) == 4
    rendered = anki.cards()
    assert len(rendered) == 8
    assert {c.deck for c in rendered} == {"History::Russia::1917"}
    assert anki.col.decks.id_for_name("History::Russia") is not None  # parent deck from '::'


def test_tags_combine_deck_and_card_tags(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    by_template = {c.template: c for c in anki.cards()}
    assert sorted(by_template["Event \u2192 Date"].tags) == ["a-level", "events", "russia"]
    assert sorted(by_template["Name \u2192 Role"].tags) == ["a-level", "russia"]


def test_each_kind_renders_forward_and_reverse_with_citation_on_the_back(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    by_template = {c.template: c for c in anki.cards()}
    expected = {
        "Event \u2192 Date": ("The Winter Palace is stormed", "25 October 1917"),
        "Date \u2192 Event": ("25 October 1917", "The Winter Palace is stormed"),
        "Name \u2192 Role": ("Leon Trotsky", "Chaired the Petrograd Soviet from September 1917"),
        "Role \u2192 Name": ("Chaired the Petrograd Soviet from September 1917", "Leon Trotsky"),
        "Term \u2192 Definition": ("Military Revolutionary Committee", "The Soviet body that organised the rising"),
        "Definition \u2192 Term": ("The Soviet body that organised the rising", "Military Revolutionary Committee"),
        "Quote \u2192 Speaker": ("dustbin of history", "Leon Trotsky"),
        "Speaker \u2192 Quote": ("Leon Trotsky", "dustbin of history"),
    }
    assert set(by_template) == set(expected)
    for name, (question, answer) in expected.items():
        card = by_template[name]
        q, a = _text(card.question), _text(card.answer)
        assert question in q, name
        assert answer not in q, f"{name}: the answer is visible on the front"
        assert answer in a, name
        assert "Petrograd 1917 notes, line" in a, f"{name}: no citation on the back"
        assert "Petrograd 1917 notes" not in q


def test_date_card_back_gives_both_calendars(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    card = next(c for c in anki.cards() if c.template == "Event \u2192 Date")
    answer = _text(card.answer)
    assert "25 October 1917" in answer and "Old Style" in answer
    assert "7 November 1917 (New Style)" in answer


def test_speaker_and_context_ask_for_the_quote(small_deck, cards, anki):
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    card = next(c for c in anki.cards() if c.template == "Speaker \u2192 Quote")
    assert "To the Mensheviks leaving the Second Congress of Soviets" in _text(card.question)


def test_markup_in_card_text_is_shown_literally(small_deck, cards, anki):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(
        DECK.replace(
            "role: Chaired the Petrograd Soviet from September 1917",
            "role: \"Chaired <script>alert(1)</script> <img src=x onerror=alert(2)> {{Name}} [sound:x.mp3] \\\\(x\\\\) **the** Soviet\"",
        ),
        encoding="utf-8",
    )
    _build(small_deck, cards, "--no-lint")
    anki.import_package(small_deck / APKG)
    card = next(c for c in anki.cards() if c.template == "Name \u2192 Role")
    assert "<script>" not in card.answer and "<img" not in card.answer
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card.answer
    assert "&lt;img src=x onerror=alert(2)&gt;" in card.answer
    # Anki would play [sound:...] and expand {{...}}; both must stay literal text.
    assert "[sound:" not in card.answer and "&#91;sound:x.mp3&#93;" in card.answer
    assert "&#123;&#123;Name&#125;&#125;" in card.answer
    assert "<b>the</b>" in card.answer  # **bold** is supported
    assert anki.col.media.have("x.mp3") is False


def test_two_builds_are_byte_identical(small_deck, cards, tmp_path):
    _build(small_deck, cards)
    first = (small_deck / APKG).read_bytes()
    _build(small_deck, cards)
    assert (small_deck / APKG).read_bytes() == first
    # A fresh build folder with the same inputs gives the same bytes too.
    _build(small_deck, cards, "--out", "other")
    assert (small_deck / "other" / "russia-1917.apkg").read_bytes() == first


def test_source_date_epoch_makes_separate_checkouts_identical(small_deck, tmp_path, cards):
    import shutil

    from conftest import cards_env

    copy = tmp_path / "copy"
    shutil.copytree(small_deck, copy)
    (copy / "decks" / "russia.yaml").touch()  # a later checkout: newer file times
    env = cards_env(SOURCE_DATE_EPOCH="1700000000")
    for project in (small_deck, copy):
        assert cards("build", cwd=project, env=env).returncode == 0
    assert (small_deck / APKG).read_bytes() == (copy / APKG).read_bytes()


def test_zip_entries_have_fixed_dates(small_deck, cards):
    _build(small_deck, cards)
    with zipfile.ZipFile(small_deck / APKG) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_project_templates_override_the_defaults(small_deck, cards, anki):
    from cards.templating import default_templates_dir

    original = (default_templates_dir() / "anki" / "term.html.j2").read_text(encoding="utf-8")
    write(small_deck / "templates" / "anki" / "term.html.j2", original.replace("Which term?", "Name the term!"))
    _build(small_deck, cards)
    anki.import_package(small_deck / APKG)
    card = next(c for c in anki.cards() if c.template == "Definition \u2192 Term")
    assert "Name the term!" in card.question
