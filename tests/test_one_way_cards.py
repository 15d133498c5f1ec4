"""`reverse: false`: a card whose answer does not lead back to it alone (a date on which
several things happened) has no reverse card. Checked as a student meets it: the package
imported into a real Anki collection, re-imported after an edit, and a released card
that turns its reverse on or off refused before it reaches students."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from cards.kinds import KINDS

from conftest import AnkiCollection, run_cards

REVERSIBLE = [name for name, kind in KINDS.items() if kind.reversible]
DECK_FILE = "decks/kinds.yaml"
APKG = "build/kinds.apkg"
LOCK_FILE = "decks/kinds.lock"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _project(folder: Path, one_way: bool | None = True) -> Path:
    """A deck with each reversible kind's example card twice, citing its line: ``<kind>-two-way``
    as written, and ``<kind>-one-way`` with ``reverse: false`` (``one_way``; None leaves it out,
    False writes ``reverse: true``)."""
    lines, cards = ["Notes for the tests"], []
    for name in REVERSIBLE:
        example = KINDS[name].example
        lines.append(example.text)
        cards.append({"id": f"{name}-two-way", "kind": name, **example.card, "source": f"notes:{len(lines)}"})
        card = {"id": f"{name}-one-way", "kind": name, **example.card, "source": f"notes:{len(lines)}"}
        if one_way is not None:
            card["reverse"] = not one_way
        cards.append(card)
    (folder / "decks").mkdir(parents=True, exist_ok=True)
    (folder / "decks" / "notes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deck = {"deck": "Kinds", "id": "kinds", "sources": {"notes": "notes.txt"}, "cards": cards}
    (folder / DECK_FILE).write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def _set_reverse(project: Path, card_id: str, value: str | None) -> None:
    """Write ``reverse: VALUE`` on card ``card_id`` (None: take the line out)."""
    data = yaml.safe_load((project / DECK_FILE).read_text(encoding="utf-8"))
    for card in data["cards"]:
        if card["id"] == card_id:
            card.pop("reverse", None)
            if value is not None:
                card["reverse"] = value
    (project / DECK_FILE).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _line_of(project: Path, card_id: str, key: str) -> int:
    lines = (project / DECK_FILE).read_text(encoding="utf-8").split("\n")
    start = lines.index(f"- id: {card_id}")
    return next(i for i in range(start, len(lines)) if lines[i].startswith(f"  {key}:")) + 1


def _build(project: Path, *args: str):
    result = run_cards("build", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return result


def _cards_by_id(anki: AnkiCollection) -> dict[str, list]:
    """Each card id's Anki cards (the card id is the note's last field)."""
    found: dict[str, list] = {}
    for cid in anki.col.find_cards(""):
        card = anki.col.get_card(cid)
        found.setdefault(card.note().fields[-1], []).append(card)
    return found


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The deck built once, PDF and all."""
    project = _project(tmp_path_factory.mktemp("one-way"))
    _build(project)
    return project


def test_a_card_with_reverse_false_makes_one_anki_card(released, anki):
    log = anki.import_package(released / APKG)
    assert len(log.new) == 2 * len(REVERSIBLE) and not log.conflicting
    by_id = _cards_by_id(anki)
    for name in REVERSIBLE:
        kind = KINDS[name]
        question = str(kind.example.card[kind.facts.question])
        (one,) = by_id[f"{name}-one-way"]
        assert one.template()["name"] == kind.note_type.forward
        assert question in _text(one.question()), (name, one.question())
        assert one.note().note_type()["name"] == f"{kind.note_type.name} (one way)"
        two = by_id[f"{name}-two-way"]
        assert sorted(c.template()["name"] for c in two) == sorted((kind.note_type.forward, kind.note_type.reverse))
    assert anki.col.card_count() == 3 * len(REVERSIBLE)


def test_the_lock_file_records_each_cards_note_type(released):
    lock = (released / LOCK_FILE).read_text(encoding="utf-8")
    for name in REVERSIBLE:
        assert re.search(rf"^card {name}-one-way {name}/one-way \w+ \d+$", lock, re.M), lock
        assert re.search(rf"^card {name}-two-way {name} \w+ \d+$", lock, re.M), lock
        assert re.search(rf"^notetype {name}/one-way \w+ \d+$", lock, re.M), lock


def test_print_is_the_same_with_or_without_reverse_cards(released, tmp_path):
    """A printed card is one face pair, the question and its answer: `reverse: false` leaves it as it is."""
    from pdf_reading import read_pdf

    two_way = _project(tmp_path, one_way=None)
    _build(two_way, "--no-lint")
    ours = [page.text for page in read_pdf(released / "build" / "kinds.pdf")]
    theirs = [page.text for page in read_pdf(two_way / "build" / "kinds.pdf")]
    assert ours == theirs


def test_an_edited_one_way_card_updates_in_place_keeping_its_reviews(tmp_path, anki):
    project = _project(tmp_path / "project")
    _build(project, "--no-pdf")
    anki.import_package(project / APKG)
    for did in [d.id for d in anki.col.decks.all_names_and_ids()]:
        anki.col.decks.select(did)
        while (card := anki.col.sched.getCard()) is not None:
            anki.col.sched.answerCard(card, 3)
    reviews = anki.col.db.scalar("select count() from revlog")
    cards_before = anki.col.card_count()

    data = yaml.safe_load((project / DECK_FILE).read_text(encoding="utf-8"))
    for card in data["cards"]:
        if card["id"].endswith("-one-way"):
            card["tags"] = ["edited"]
    (project / DECK_FILE).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = _build(project, "--no-pdf")
    assert f"{len(REVERSIBLE)} updated" in result.stdout

    log = anki.import_package(project / APKG)
    assert len(log.updated) == len(REVERSIBLE) and not log.new and not log.conflicting
    assert anki.col.card_count() == cards_before and anki.col.note_count() == 2 * len(REVERSIBLE)
    assert anki.col.db.scalar("select count() from revlog") == reviews
    by_id = _cards_by_id(anki)
    for name in REVERSIBLE:
        (one,) = by_id[f"{name}-one-way"]
        assert one.note().tags == ["edited"] and one.ivl > 0


@pytest.mark.parametrize("change, was, key", [
    ("false", "with a reverse card", "reverse"),  # two-way card turns its reverse off
    ("true", "without a reverse card", "reverse"),  # one-way card turns it on
    (None, "without a reverse card", "id"),  # the line taken out: the card has a reverse again
])
def test_a_released_card_cannot_turn_its_reverse_on_or_off(tmp_path, change, was, key):
    name = REVERSIBLE[0]
    project = _project(tmp_path)
    _build(project, "--no-pdf")
    package, lock = (project / APKG).read_bytes(), (project / LOCK_FILE).read_bytes()
    card_id = f"{name}-two-way" if was.startswith("with a") else f"{name}-one-way"
    _set_reverse(project, card_id, None if change is None else change == "true")

    result = run_cards("build", "--no-pdf", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = _line_of(project, card_id, key) if key != "id" else \
        (project / DECK_FILE).read_text(encoding="utf-8").split("\n").index(f"- id: {card_id}") + 1
    (error,) = [l for l in result.stderr.splitlines() if f"card {card_id!r} was released" in l]
    assert error.startswith(f"{DECK_FILE}:{line}:"), error
    assert f"was released {was}" in error and "new id" in error
    assert (project / APKG).read_bytes() == package and (project / LOCK_FILE).read_bytes() == lock


def test_a_new_id_releases_the_card_one_way_and_retires_the_old_one(tmp_path, anki):
    name = REVERSIBLE[0]
    project = _project(tmp_path / "project", one_way=None)
    _build(project, "--no-pdf")
    anki.import_package(project / APKG)
    text = (project / DECK_FILE).read_text(encoding="utf-8")
    (project / DECK_FILE).write_text(text.replace(f"- id: {name}-two-way\n", f"- id: {name}-new\n  reverse: false\n"),
                                     encoding="utf-8")
    result = _build(project, "--no-pdf")
    assert f"added: {name}-new" in result.stdout and f"retired: {name}-two-way" in result.stdout

    log = anki.import_package(project / APKG)
    assert len(log.new) == 1 and len(log.updated) == 1 and not log.conflicting
    by_id = _cards_by_id(anki)
    assert len(by_id[f"{name}-new"]) == 1
    assert all("Withdrawn" in _text(c.question()) for c in by_id[f"{name}-two-way"])


def test_cards_diff_finds_a_clean_update(tmp_path):
    """A release that adds one-way cards updates the last one cleanly, as Anki itself checks."""
    project = _project(tmp_path / "project", one_way=None)
    _build(project, "--no-pdf")
    old = tmp_path / "old.apkg"
    old.write_bytes((project / APKG).read_bytes())
    data = yaml.safe_load((project / DECK_FILE).read_text(encoding="utf-8"))
    for card in list(data["cards"]):
        if card["id"].endswith("-one-way"):
            data["cards"].append({**card, "id": card["id"] + "-2", "reverse": False})
    (project / DECK_FILE).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _build(project, "--no-pdf")
    result = run_cards("diff", str(old), APKG, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(REVERSIBLE)} added" in result.stdout


@pytest.mark.parametrize("value", ["maybe", "0", "[false]"])
def test_reverse_takes_true_or_false_only(tmp_path, value):
    name = REVERSIBLE[0]
    project = _project(tmp_path, one_way=None)
    text = (project / DECK_FILE).read_text(encoding="utf-8")
    (project / DECK_FILE).write_text(text.replace(f"- id: {name}-one-way\n", f"- id: {name}-one-way\n  reverse: {value}\n"),
                                     encoding="utf-8")
    result = run_cards("build", "--no-pdf", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = _line_of(project, f"{name}-one-way", "reverse")
    assert f"{DECK_FILE}:{line}:" in result.stderr
    assert "'reverse' must be true or false" in result.stderr
    assert not (project / APKG).exists()


def test_a_kind_without_a_reverse_has_no_reverse_option(tmp_path):
    others = [name for name, kind in KINDS.items() if not kind.reversible]
    schema = json.loads(run_cards("schema", cwd=tmp_path).stdout)
    by_kind = {}
    for rule in schema["properties"]["cards"]["items"]["allOf"]:
        kind = re.match(r"(\w+) card", rule["then"]["description"]).group(1)
        by_kind[kind] = rule["then"]["properties"]
    for name in REVERSIBLE:
        assert by_kind[name]["reverse"]["description"].startswith("false: no reverse card")
    for name in others:
        assert "reverse" not in by_kind[name]


def test_preview_shows_one_card_for_a_one_way_note(released):
    result = run_cards("preview", "--out", "site", cwd=released)
    assert result.returncode == 0, result.stderr
    page = (released / "site" / "kinds.html").read_text(encoding="utf-8")
    articles = re.findall(r'<article [^>]*data-card-id="([^"]+)".*?</article>', page, re.S)
    assert len(articles) == 2 * len(REVERSIBLE)
    for match in re.finditer(r'<article [^>]*data-card-id="([^"]+)"(.*?)</article>', page, re.S):
        card_id, body = match.groups()
        assert body.count('<section class="direction"') == (1 if card_id.endswith("-one-way") else 2), card_id
    assert f"{2 * len(REVERSIBLE)} notes, {3 * len(REVERSIBLE)} cards" in page


def test_spreadsheet_round_trip_keeps_reverse(released, tmp_path):
    result = run_cards("export", str(released / DECK_FILE), "-o", str(tmp_path / "kinds.csv"), cwd=released)
    assert result.returncode == 0, result.stderr
    rows = (tmp_path / "kinds.csv").read_text(encoding="utf-8-sig").splitlines()
    header = next(r for r in rows if r.startswith("id,kind,")).split(",")
    assert "reverse" in header
    copy = tmp_path / "copy.yaml"
    result = run_cards("import", str(tmp_path / "kinds.csv"), "-o", str(copy), cwd=released)
    assert result.returncode == 0, result.stderr
    text = copy.read_text(encoding="utf-8")
    assert text.count("reverse: false") == len(REVERSIBLE)  # a flag, as a deck file writes it
    data = yaml.safe_load(text)
    assert {c["id"] for c in data["cards"] if c.get("reverse") is False} == {f"{n}-one-way" for n in REVERSIBLE}


def test_a_deleted_one_way_card_is_withdrawn_in_place(tmp_path, anki):
    """A retired card keeps its note type in every later package: students' one-way note updates
    to say it was withdrawn, with no conflict."""
    project = _project(tmp_path / "project")
    _build(project, "--no-pdf")
    anki.import_package(project / APKG)
    data = yaml.safe_load((project / DECK_FILE).read_text(encoding="utf-8"))
    data["cards"] = [c for c in data["cards"] if not c["id"].endswith("-one-way")]
    (project / DECK_FILE).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = _build(project, "--no-pdf")
    assert f"{len(REVERSIBLE)} retired" in result.stdout

    log = anki.import_package(project / APKG)
    assert len(log.updated) == len(REVERSIBLE) and not log.new and not log.conflicting
    by_id = _cards_by_id(anki)
    for name in REVERSIBLE:
        (card,) = by_id[f"{name}-one-way"]
        assert "Withdrawn" in _text(card.question())
    assert anki.col.card_count() == 3 * len(REVERSIBLE)
