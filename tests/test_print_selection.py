"""`cards build --tags ... --ids ...`: only the chosen cards are printed; the Anki package keeps them all."""

from __future__ import annotations

import re
import sqlite3
import zipfile

import pytest

from conftest import run_cards, write
from pdf_reading import read_pdf
from test_pdf import make_deck

TAGGED = """
- id: war-card
  kind: term
  term: War committee
  definition: The Soviet body that organised the rising
  source: notes:3
  tags: [war]
- id: revolution-card
  kind: term
  term: Revolution committee
  definition: The Soviet body that organised the rising
  source: notes:3
  tags: [russia::1917]
- id: upper-card
  kind: term
  term: Upper committee
  definition: The Soviet body that organised the rising
  source: notes:3
  tags: [Russia]
- id: lookalike-card
  kind: term
  term: Lookalike committee
  definition: The Soviet body that organised the rising
  source: notes:3
  tags: [russian-army]
"""
ALL = [f"c{i}" for i in range(1, 7)] + ["war-card", "revolution-card", "upper-card", "lookalike-card"]


@pytest.fixture
def project(tmp_path):
    return make_deck(tmp_path, 6, extra=TAGGED)


def build(project, *args):
    return run_cards("build", "--no-lint", *args, cwd=project)


def printed_ids(pdf, ids=ALL) -> set[str]:
    text = " ".join(page.text for page in read_pdf(pdf))
    return {card_id for card_id in ids if re.search(rf"(?<![\w-]){re.escape(card_id)}(?![\w-])", text)}


def packaged_ids(apkg) -> set[str]:
    """The CardId field of every note in an .apkg (its last field)."""
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    path = apkg.with_suffix(".anki2")
    path.write_bytes(data)
    with sqlite3.connect(path) as db:
        return {flds.split("\x1f")[-1] for (flds,) in db.execute("select flds from notes")}


def test_without_a_choice_every_card_is_printed(project):
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert printed_ids(project / "build" / "many.pdf") == set(ALL)


def test_tags_choose_cards_as_anki_does_below_and_regardless_of_case(project):
    result = build(project, "--tags", "russia")
    assert result.returncode == 0, result.stderr
    # 'russia' chooses 'russia::1917' and 'Russia', not 'russian-army'.
    assert printed_ids(project / "build" / "many.pdf") == {"revolution-card", "upper-card"}
    assert "2 printed" in result.stdout
    assert packaged_ids(project / "build" / "many.apkg") == set(ALL)


def test_ids_choose_cards_and_either_option_may_choose_a_card(project):
    assert build(project, "--ids", "c2,c5").returncode == 0
    assert printed_ids(project / "build" / "many.pdf") == {"c2", "c5"}
    result = build(project, "--ids", "c2", "--tags", "war", "--ids", "c3")
    assert result.returncode == 0, result.stderr
    assert printed_ids(project / "build" / "many.pdf") == {"c2", "c3", "war-card"}
    assert packaged_ids(project / "build" / "many.apkg") == set(ALL)


def test_a_deck_tag_chooses_every_card_of_its_deck_and_a_deck_with_none_chosen_gets_no_pdf(project):
    write(project / "decks" / "other.yaml", """
        deck: Other cards
        tags: [unit-2]
        sources:
          notes: sources/notes.txt
        cards:
          - {id: o1, kind: term, term: Other one, definition: The Soviet body that organised the rising, source: notes:3}
          - {id: o2, kind: term, term: Other two, definition: The Soviet body that organised the rising, source: notes:3}
        """)
    assert build(project).returncode == 0
    assert (project / "build" / "many.pdf").exists()
    result = build(project, "--tags", "unit-2")
    assert result.returncode == 0, result.stderr
    assert printed_ids(project / "build" / "other.pdf", ["o1", "o2", *ALL]) == {"o1", "o2"}
    # The earlier PDF of the deck with nothing chosen is not left behind to be printed by mistake.
    assert not (project / "build" / "many.pdf").exists()
    assert packaged_ids(project / "build" / "many.apkg") == set(ALL)


@pytest.mark.parametrize("option, value, named, hint", [
    ("--ids", "c2,war-crad", "'war-crad'", "did you mean 'war-card'?"),
    ("--tags", "wat", "'wat'", "did you mean 'war'?"),
])
def test_an_id_or_tag_no_card_has_is_an_error_and_nothing_is_written(project, option, value, named, hint):
    result = build(project, option, value)
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if named in line)
    assert line.startswith(f"{option}: ") and hint in line
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "build" / "many.pdf").exists() and not (project / "build" / "many.apkg").exists()


def test_a_build_never_serves_a_pdf_made_for_another_choice(project):
    pdf = project / "build" / "many.pdf"
    assert build(project, "--ids", "c1").returncode == 0
    assert printed_ids(pdf) == {"c1"}
    assert build(project).returncode == 0
    assert printed_ids(pdf) == set(ALL)
    assert build(project, "--ids", "c1").returncode == 0
    assert printed_ids(pdf) == {"c1"}
    assert build(project, "--ids", "c4").returncode == 0
    assert printed_ids(pdf) == {"c4"}
    # And an unchanged deck built as before is still taken from the cache.
    assert build(project).returncode == 0
    again = build(project)
    assert "unchanged" in again.stdout and printed_ids(pdf) == set(ALL)


@pytest.mark.parametrize("args", [["--tags", "war", "--no-pdf"], ["--ids", ","]])
def test_a_choice_that_cannot_print_anything_is_a_usage_error(project, args):
    result = build(project, *args)
    assert result.returncode == 2
    assert ("--tags" in result.stderr or "--ids" in result.stderr) and "Traceback" not in result.stderr
    assert not (project / "build").exists()


def test_build_help_says_the_anki_package_keeps_every_card(project):
    text = " ".join(run_cards("build", "--help", cwd=project).stdout.split())
    assert "--tags" in text and "--ids" in text
    assert "the .apkg always holds every card" in text
