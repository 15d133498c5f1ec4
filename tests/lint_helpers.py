"""Helpers for the lint tests: build a one-source deck from a rule's docstring example."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from cards.build import check
from cards.lint import LintConfig


def examples(doc: str) -> dict[str, dict]:
    """{'passes': {...}, 'fails': {...}} from a rule docstring's 'Passes::' and 'Fails::' blocks."""
    found = {}
    for label, body in re.findall(r"^(Passes|Fails)::\n\n((?:    .*\n|\n)+)", doc, re.M):
        example = {"text": [], "cards": [], "calendar": None}
        for line in body.splitlines():
            line = line.strip()
            if not line:
                continue
            key, _, value = line.partition(": ")
            if key == "text":
                example["text"].append(value)
            elif key == "card":
                example["cards"].append(yaml.safe_load(value))
            elif key == "calendar":
                example["calendar"] = value
            else:
                raise AssertionError(f"unknown example line {line!r}")
        found[label.lower()] = example
    return found


def make_deck(folder: Path, source_lines: list[str], cards: list[dict], calendar: str | None = None,
              deck_calendar: str | None = None) -> Path:
    """A deck file citing one source ('src'); cards cite line 1 unless they say otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "src.txt").write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    source = {"path": "src.txt"}
    if calendar:
        source["calendar"] = calendar
    deck = {"deck": "Example", "id": "example", "sources": {"src": source}, "cards": []}
    if deck_calendar:
        deck["calendar"] = deck_calendar
    for i, card in enumerate(cards):
        card = {"id": f"card-{i + 1}", "source": "src:1", **card}
        deck["cards"].append({k: str(v) if k == "date" else v for k, v in card.items()})
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def lint_paths(paths: list[Path], config: LintConfig | dict | None = None):
    return check(list(paths), lint_config=config).problems
