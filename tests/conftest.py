"""Shared test helpers: run the real CLI, import packages into a real Anki collection."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"


def cards_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # No empty entry: an empty PYTHONPATH item means "the current folder".
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(extra)
    return env


def run_cards(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m cards ARGS`` in ``cwd`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "cards", *args],
        cwd=cwd,
        env=env or cards_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def cards():
    return run_cards


# --- a small deck with one card of each kind ------------------------------------------------

NOTES = """\
Petrograd 1917: notes
Leon Trotsky chaired the Petrograd Soviet from September 1917.
The Military Revolutionary Committee (MRC) was the Soviet body that organised the rising.
Trotsky told the departing Mensheviks: "Go out where you belong from now on - into the dustbin of history!"
- On 25 October 1917 the Winter Palace was stormed and the ministers arrested.
"""

DECK = """\
deck: "History::Russia::1917"
id: russia-1917
tags: [a-level, russia]
calendar: julian
sources:
  notes:
    path: sources/notes.txt
    title: Petrograd 1917 notes
    calendar: julian
cards:
  - id: winter-palace
    kind: date
    date: 25 October 1917
    event: The Winter Palace is stormed
    source: notes:5
    tags: [events]
  - id: trotsky
    kind: person
    name: Leon Trotsky
    aliases: [Trotsky]
    role: Chaired the Petrograd Soviet from September 1917
    source: notes:2
  - id: mrc
    kind: term
    term: Military Revolutionary Committee
    aliases: [MRC]
    definition: The Soviet body that organised the rising
    source: notes:3
  - id: dustbin
    kind: quote
    quote: Go out where you belong from now on - into the dustbin of history!
    speaker: Leon Trotsky
    context: To the Mensheviks leaving the Second Congress of Soviets
    source: notes:4
"""


@pytest.fixture
def small_deck(tmp_path: Path) -> Path:
    """A project folder with decks/russia.yaml (one card of each kind) and its source."""
    write(tmp_path / "decks" / "sources" / "notes.txt", NOTES)
    write(tmp_path / "decks" / "russia.yaml", DECK)
    return tmp_path


# --- Anki -------------------------------------------------------------------------------------


@dataclass
class RenderedCard:
    note_guid: str
    template: str
    deck: str
    tags: list[str]
    question: str
    answer: str


class AnkiCollection:
    """A fresh, real Anki collection (the official ``anki`` package) for one test."""

    def __init__(self, folder: Path):
        from anki.collection import Collection

        folder.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(folder / "collection.anki2"))

    def import_package(self, path: Path):
        from anki.collection import ImportAnkiPackageRequest
        from anki.import_export_pb2 import ImportAnkiPackageOptions

        # Default options, as a student's "File > Import" uses them.
        request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
        return self.col.import_anki_package(request).log

    def cards(self, query: str = "") -> list[RenderedCard]:
        result = []
        for cid in sorted(self.col.find_cards(query)):
            card = self.col.get_card(cid)
            note = card.note()
            result.append(
                RenderedCard(
                    note.guid, card.template()["name"], self.col.decks.name(card.did), list(note.tags),
                    _strip_style(card.question()), _strip_style(card.answer()),
                )
            )
        return result

    def close(self):
        self.col.close()


def _strip_style(html: str) -> str:
    return html.split("</style>", 1)[-1]


@pytest.fixture
def anki(tmp_path: Path):
    collection = AnkiCollection(tmp_path / "anki-profile")
    yield collection
    collection.close()
