"""`cards import` and `cards export`: sheets in and out, round trips, Quizlet, bad rows."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import fields as dataclass_fields
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from cards.build import check
from cards.kinds import KINDS
from cards.load import load_deck
from cards.render.anki import render_deck
from cards.spreadsheet import SheetError, import_sheet, quizlet_pairs
from cards.templating import template_dirs
from cards.validate import validate

from conftest import REPO, run_cards, write

EXAMPLES = sorted(p.name for p in (REPO / "decks").glob("*.yaml"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("sheets")
    shutil.copytree(REPO / "decks", project / "decks")
    return project


def _validated(path: Path):
    loaded = load_deck(path)
    deck, problems = validate(loaded)
    assert deck is not None and not [p for p in problems if p.is_error], "\n".join(map(str, problems))
    return loaded, deck


def _card_values(card) -> dict:
    """A card's values, without where they were written."""
    skip = {"mark", "end_line", "marks"}
    values = {f.name: getattr(card, f.name) for f in dataclass_fields(card) if f.name not in skip}
    values["citation"] = str(card.citation)
    return {"kind": card.kind, **values}


def _deck_values(deck) -> dict:
    """Every value of the validated deck (a deck option added later too), without where it was written."""
    skip = {"path", "mark", "text", "cards", "sources", "print_options"}
    values = {f.name: getattr(deck, f.name) for f in dataclass_fields(deck) if f.name not in skip}
    sources = {name: {f.name: getattr(s, f.name) for f in dataclass_fields(s) if f.name not in ("mark", "text")}
               for name, s in deck.sources.items()}
    return {**values, "sources": sources, "print": dict(deck.print_options),
            "cards": [_card_values(c) for c in deck.cards]}


def _settings(text: str, file_name: str) -> dict:
    """The settings a deck file writes, as plain data: every top-level key but the cards, a
    source's short form as its long one, scalars as text (a sheet's cells are text)."""
    data = yaml.safe_load(text)
    data.pop("cards", None)
    data.setdefault("id", Path(file_name).stem)

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return str(value)

    data["sources"] = {name: entry if isinstance(entry, dict) else {"path": entry}
                       for name, entry in (data.get("sources") or {}).items()}
    return plain(data)


def _notes(deck):
    rendered = render_deck(deck, template_dirs(None))
    return [(n.guid, n.note_type, n.fields, n.tags) for n in rendered.notes], rendered.name, rendered.description


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_decks_round_trip(examples, name, fmt):
    """Export then import gives back the same deck: same settings, same cards, same Anki notes,
    and it lints as clean as the original."""
    sheet = examples / f"{Path(name).stem}.{fmt}"
    result = run_cards("export", f"decks/{name}", "--format", fmt, "-o", sheet.name, cwd=examples)
    assert result.returncode == 0, result.stderr
    copy = f"decks/rt-{fmt}-{name}"
    result = run_cards("import", sheet.name, "-o", copy, cwd=examples)
    assert result.returncode == 0, result.stderr
    assert f"-> {copy}" in result.stdout

    original_loaded, original = _validated(examples / "decks" / name)
    loaded, again = _validated(examples / copy)
    assert _settings(loaded.text, copy) == _settings(original_loaded.text, name)
    assert _deck_values(again) == _deck_values(original)
    assert _notes(again) == _notes(original)
    assert check([examples / copy]).errors == []
    # The written YAML reads back with plain PyYAML, ids and all.
    data = yaml.safe_load(loaded.text)
    assert [c["id"] for c in data["cards"]] == [c.id for c in original.cards]


# --- every deck option, source option and print option survives the round trip -------------

#: Values tried for an option, besides those its schema lists: the option's own checker picks the first it takes.
_CANDIDATES = ("Some words", "en-GB", True, 2, 4.5, 7.5, [0.5, -1], ["a-tag", "b"])


def _enums(schema) -> list:
    if isinstance(schema, dict):
        found = list(schema.get("enum", ()))
        for value in schema.values():
            found += _enums(value)
        return found
    if isinstance(schema, list):
        return [v for item in schema for v in _enums(item)]
    return []


def _option_cases():
    """(where, option) for every option a deck file may set but its structure: the deck's own,
    a source's and the print section's, as the validator describes them."""
    from cards.print_options import PRINT_OPTIONS
    from cards.validate import DECK_OPTIONS, SOURCE_OPTIONS

    cases = [("deck", name) for name in DECK_OPTIONS if name not in ("deck", "id", "sources", "cards", "print")]
    cases += [("source", name) for name in SOURCE_OPTIONS if name != "path"]
    cases += [("print", name) for name in PRINT_OPTIONS]
    return cases


def _deck_with(folder: Path, where: str, name: str, value) -> Path:
    deck = {"deck": "Options", "id": "options", "sources": {"notes": {"path": "notes.txt"}},
            "cards": [{"id": "trotsky", "kind": "person", "name": "Leon Trotsky",
                       "role": "Chaired the Petrograd Soviet", "source": "notes:1"}]}
    if where == "deck":
        deck[name] = value
    elif where == "source":
        deck["sources"]["notes"][name] = value
    else:
        deck["print"] = {name: value}
    (folder / "notes.txt").write_text("Leon Trotsky chaired the Petrograd Soviet.\n", encoding="utf-8")
    path = folder / "options.yaml"
    path.write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("where, name", _option_cases(), ids=lambda v: str(v))
def test_every_option_a_deck_sets_survives_export_and_import(tmp_path, where, name):
    """A deck setting one option (the deck's, a source's or a print option), each in turn, comes
    back from a sheet with that option as written. A new option is tried with no change here:
    its own checker picks a value it takes among its schema's choices and a few others."""
    from cards.print_options import PRINT_OPTIONS
    from cards.schema import _checker
    from cards.spreadsheet import export_rows, rows_text
    from cards.validate import DECK_OPTIONS, SOURCE_OPTIONS

    option = {"deck": DECK_OPTIONS, "source": SOURCE_OPTIONS, "print": PRINT_OPTIONS}[where][name]
    enums = _enums(_checker(option))
    deck_path = None
    for value in [*(e for e in reversed(enums) if isinstance(e, str)), *_CANDIDATES]:
        path = _deck_with(tmp_path, where, name, value)
        deck, problems = validate(load_deck(path))
        if deck is not None and not [p for p in problems if p.is_error]:
            deck_path = path
            break
    assert deck_path is not None, f"no value found that {where} option {name!r} takes; add one to _CANDIDATES"
    loaded, original = _validated(deck_path)
    sheet = tmp_path / "options.csv"
    sheet.write_text(rows_text(export_rows(loaded, original), ","), encoding="utf-8")
    imported = import_sheet(sheet, tmp_path / "again.yaml")
    (tmp_path / "again.yaml").write_text(imported.text, encoding="utf-8")
    again_loaded, again = _validated(tmp_path / "again.yaml")
    assert _settings(again_loaded.text, "again.yaml") == _settings(loaded.text, "options.yaml")
    assert _deck_values(again) == _deck_values(original)


def test_export_to_standard_output_and_quizlet(small_deck):
    result = run_cards("export", "decks/russia.yaml", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["deck", "History::Russia::1917"] and rows[1] == ["id", "russia-1917"]
    header = rows.index(next(r for r in rows if "kind" in r))
    assert rows[header][:2] == ["id", "kind"] and rows[header][-2:] == ["source", "tags"]
    assert len(rows) - header - 1 == 4
    assert not result.stdout.startswith("\ufeff")  # the byte order mark is for files only

    result = run_cards("export", "decks/russia.yaml", "--format", "quizlet", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(line.count("\t") == 1 for line in lines)
    pairs = [tuple(line.split("\t")) for line in lines]
    assert ("The Winter Palace is stormed", "25 October 1917 (O.S.)") in pairs
    assert ("Leon Trotsky", "Chaired the Petrograd Soviet from September 1917") in pairs
    assert ("Military Revolutionary Committee", "The Soviet body that organised the rising") in pairs
    assert ("Go out where you belong from now on - into the dustbin of history!", "Leon Trotsky") in pairs


@pytest.mark.parametrize("name", EXAMPLES)
def test_quizlet_round_trip(examples, name, tmp_path):
    """Quizlet's format read back (split at the tab, one card a line) gives each card's question
    and answer, as the kind's facts name them."""
    out = tmp_path / "quizlet.txt"
    result = run_cards("export", str(examples / "decks" / name), "--format", "quizlet", "-o", str(out), cwd=examples)
    assert result.returncode == 0, result.stderr
    _, deck = _validated(examples / "decks" / name)
    read = [tuple(line.split("\t")) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    assert read == quizlet_pairs(deck)
    assert len(read) == len(deck.cards)
    for card, (term, definition) in zip(deck.cards, read):
        facts = KINDS[card.kind].facts
        assert term and definition
        question = getattr(card, facts.question)
        if isinstance(question, str):
            assert term == " ".join(question.replace("*", "").split())


def test_quizlet_lines_hold_no_tabs_breaks_or_markup(small_deck):
    deck = small_deck / "decks" / "russia.yaml"
    text = deck.read_text()
    text = text.replace("event: The Winter Palace is stormed",
                        'event: "The **Winter\\tPalace**\\nis *stormed*"')
    deck.write_text(text)
    result = run_cards("export", "decks/russia.yaml", "--format", "quizlet", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    assert "The Winter Palace is stormed\t25 October 1917 (O.S.)\n" in result.stdout


def test_list_cells_and_deck_settings(tmp_path):
    write(tmp_path / "decks" / "sources" / "notes.txt", "Notes\nLeon Trotsky chaired the Petrograd Soviet.\n")
    write(tmp_path / "cards.csv", """\
        deck,History::Russia
        description,"Who was who: a deck, with commas"
        tags,a-level; russia
        # a comment row: ignored
        kind,name,aliases,role,source,tags
        person,Leon Trotsky,Trotsky; Lev Bronstein,Chaired the Petrograd Soviet,notes:2,people lenin
        """)
    result = run_cards("import", "cards.csv", "--source", "notes=sources/notes.txt", "--id", "russia", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "note: 1 card(s) had no id" in result.stderr and "leon-trotsky" in result.stderr
    data = yaml.safe_load((tmp_path / "decks" / "cards.yaml").read_text())
    assert data["deck"] == "History::Russia" and data["id"] == "russia"
    assert data["description"] == "Who was who: a deck, with commas"
    assert data["tags"] == ["a-level", "russia"]
    assert data["sources"] == {"notes": "sources/notes.txt"}
    assert data["cards"] == [{"id": "leon-trotsky", "kind": "person", "name": "Leon Trotsky",
                              "aliases": ["Trotsky", "Lev Bronstein"], "role": "Chaired the Petrograd Soviet",
                              "source": "notes:2", "tags": ["people", "lenin"]}]
    assert run_cards("lint", "decks/cards.yaml", cwd=tmp_path).returncode == 0


def test_semicolon_separated_csv_with_byte_order_mark(tmp_path):
    """Excel in countries with decimal commas saves CSV with semicolons, and with a BOM."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("\ufeffdeck;Terms\nsource;notes;notes.txt;The notes;julian\n\n"
                     "id;kind;term;aliases;definition;source\n"
                     'mrc;term;Military Revolutionary Committee;"MRC; the Committee";Organised the rising;notes:3\n',
                     encoding="utf-8")
    imported = import_sheet(sheet, tmp_path / "decks" / "sheet.yaml")
    data = yaml.safe_load(imported.text)
    assert data["deck"] == "Terms" and data["id"] == "sheet"
    assert data["sources"] == {"notes": {"path": "notes.txt", "title": "The notes", "calendar": "julian"}}
    assert data["cards"][0]["aliases"] == ["MRC", "the Committee"]


def test_default_output_never_replaces_a_deck(small_deck):
    write(small_deck / "russia.csv", "kind,id,name,role,source\nperson,x,Leon Trotsky,Chaired the Soviet,notes:2\n")
    before = (small_deck / "decks" / "russia.yaml").read_bytes()
    result = run_cards("import", "russia.csv", "--source", "notes=sources/notes.txt", cwd=small_deck)
    assert result.returncode == 1
    assert "decks/russia.yaml: already exists; not replaced" in result.stderr
    assert (small_deck / "decks" / "russia.yaml").read_bytes() == before
    result = run_cards("import", "russia.csv", "--source", "notes=sources/notes.txt", "-o", "decks/russia.yaml",
                       cwd=small_deck)
    assert result.returncode == 0, result.stderr
    assert "id: x" in (small_deck / "decks" / "russia.yaml").read_text()


BAD_SHEET = """\
deck,Bad
sauce,notes,notes.txt
source,notes,notes.txt
kind,id,date,event,role,source,tags,colour
date,a,25 Octember 1917,The Winter Palace is stormed,,notes:5,
persn,b,,,Led the Bolsheviks,notes:2,
date,a,1917,The Winter Palace is stormed again,,notes:6,
date,c,,Something happened,Led it,notes:7,
person,d,,,Chaired the Soviet,notes:2,
date,e,1917,An event,,noets:3,<img>
date,f,1917,An event,,notes:0,,,stray
"""


def test_bad_rows_are_all_reported_at_row_and_column(tmp_path):
    write(tmp_path / "bad.csv", BAD_SHEET)
    result = run_cards("import", "bad.csv", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("cards: ") and lines[-1].endswith("error(s); nothing was written")
    errors = lines[:-1]
    expected = {
        "bad.csv:2:1: unknown setting 'sauce'": "did you mean 'source'?",
        "bad.csv:4:8: unknown column 'colour'": "",
        "bad.csv:5:3: card 'a'": "unknown month in '25 Octember 1917'",
        "bad.csv:6:1: card 'b': unknown kind 'persn'": "did you mean 'person'?",
        "bad.csv:7:2: duplicate card id 'a'": "first used in row 5",
        "bad.csv:8:5: a date card has no 'role'": "date, calendar, event",
        "bad.csv:8:2: date card 'c' is missing the required field 'date'": "",
        "bad.csv:9:2: person card 'd' is missing the required field 'name'": "",
        "bad.csv:10:6: source 'noets' is not declared": "--source noets=PATH",
        "bad.csv:10:7: ": "tag '<img>' contains",
        "bad.csv:11:6: ": "line range 0-0 is not valid",
        "bad.csv:11:9: this cell is in a column without a name": "",
    }
    for start, words in expected.items():
        found = [line for line in errors if line.startswith(start) and words in line]
        assert found, f"no error {start!r} ... {words!r} in:\n" + "\n".join(errors)
    assert len(errors) == len(expected), "\n".join(errors)
    assert not (tmp_path / "decks").exists()


def test_unreadable_sheets(tmp_path):
    (tmp_path / "latin1.csv").write_bytes(b"kind,id\nterm,caf\xe9\n")
    result = run_cards("import", "latin1.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("latin1.csv:2:9: the file is not UTF-8 text; save it as UTF-8")
    write(tmp_path / "nohead.csv", "deck,Mine\nterm,a,b\n")
    result = run_cards("import", "nohead.csv", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith("nohead.csv:1:1: no header row")
    write(tmp_path / "cards.xlsx", "x")
    result = run_cards("import", "cards.xlsx", cwd=tmp_path)
    assert result.returncode == 2 and "give a .csv or .tsv file" in result.stderr
    result = run_cards("import", "nohead.csv", "--source", "notes", cwd=tmp_path)
    assert result.returncode == 2 and "is not NAME=PATH" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "decks").exists()


def test_export_refuses_a_list_item_holding_the_separator(small_deck):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(deck.read_text().replace("aliases: [Trotsky]", 'aliases: ["Trotsky; Bronstein"]'))
    result = run_cards("export", "decks/russia.yaml", "-o", "out.csv", cwd=small_deck)
    assert result.returncode == 1
    assert "decks/russia.yaml:" in result.stderr and "contains ';'" in result.stderr
    assert not (small_deck / "out.csv").exists()


def test_export_of_an_invalid_deck_reports_its_errors(small_deck):
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(deck.read_text().replace("kind: person", "kind: persn"))
    result = run_cards("export", "decks/russia.yaml", cwd=small_deck)
    assert result.returncode == 1 and "unknown kind 'persn'" in result.stderr and result.stdout == ""


def test_csv_file_starts_with_a_byte_order_mark_for_excel(small_deck):
    assert run_cards("export", "decks/russia.yaml", "-o", "out.csv", cwd=small_deck).returncode == 0
    assert (small_deck / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert run_cards("export", "decks/russia.yaml", "--format", "tsv", "-o", "out.tsv", cwd=small_deck).returncode == 0
    assert not (small_deck / "out.tsv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_formulas_are_written_as_text_and_read_back(small_deck):
    """Text a spreadsheet would run as a formula (from a stranger's deck, say) is written with a '
    in front, which spreadsheets show as text; import takes it off again."""
    deck = small_deck / "decks" / "russia.yaml"
    text = deck.read_text().replace("role: Chaired the Petrograd Soviet from September 1917",
                                    "role: '=HYPERLINK(\"http://x\",\"Chaired the Petrograd Soviet\")'")
    text = text.replace("definition: The Soviet body that organised the rising", "definition: \"'-the Soviet body\"")
    text = text + "print: {layout: foldover, columns: 2, crop_marks: true}\n"
    deck.write_text(text)
    result = run_cards("export", "decks/russia.yaml", "-o", "out.csv", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO((small_deck / "out.csv").read_text(encoding="utf-8-sig")))
             for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"Chaired the Petrograd Soviet\")" in cells
    assert "''-the Soviet body" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert run_cards("import", "out.csv", "-o", "decks/again.yaml", cwd=small_deck).returncode == 0
    _, original = _validated(deck)
    _, again = _validated(small_deck / "decks" / "again.yaml")
    assert _deck_values(again) == _deck_values(original)
    assert again.print_options == {"layout": "foldover", "columns": 2, "crop_marks": True}


# --- the YAML written reads back as the cells said -----------------------------------------------------------

_cell_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=_cell_text, alias=_cell_text, title=_cell_text, deck=_cell_text)
def test_written_yaml_gives_back_the_cells(tmp_path, event, alias, title, deck):
    for value in (event, alias, title, deck):
        if not value.strip():
            return
    alias = alias.replace(";", ",")
    sheet = tmp_path / "s.csv"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerows([["deck", deck], ["source", "notes", "notes.txt", title], [],
                      ["id", "kind", "date", "event", "source"], ["x", "date", "1917", event, "notes:1"]])
    sheet.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    write(tmp_path / "s2.csv", "")
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["id", "kind", "name", "aliases", "role", "source"],
                                  ["p", "person", "Name", alias, "A role", "notes:1"]])
    (tmp_path / "s2.csv").write_text("source,notes,notes.txt\n" + buffer.getvalue(), encoding="utf-8", newline="")
    try:
        first = import_sheet(sheet, tmp_path / "s.yaml")
        second = import_sheet(tmp_path / "s2.csv", tmp_path / "s2.yaml")
    except SheetError as exc:  # only a value the deck itself refuses (too long, say)
        assert all("characters long" in p.message for p in exc.problems), exc.problems
        return
    data = yaml.safe_load(first.text)
    assert data["deck"] == deck.strip()
    assert data["sources"]["notes"]["title"] == title.strip()
    assert data["cards"][0]["event"] == event.strip()
    assert yaml.safe_load(second.text)["cards"][0]["aliases"] == [a.strip() for a in alias.split(";") if a.strip()]
    # and the deck file, written, loads and validates as cards reads it
    path = tmp_path / "decks" / "s.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(first.text, encoding="utf-8")
    _, checked = _validated(path)
    assert checked.cards[0].event == " ".join(event.split()) or "\n" in event.strip()
