"""``cards import``: a sheet's settings and cards become the text of a deck file,
with an id made for each card that has none, checked as a deck file is, and each
problem reported at the sheet's ``FILE:ROW:COL``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cards.kinds import KINDS
from cards.lines import YAML_ONLY_BREAKS
from cards.spreadsheet.columns import COMMON_COLUMNS, IMAGE_COLUMNS, deck_settings, field_columns
from cards.spreadsheet.reading import (Cell, SheetCard, SheetError, SheetProblems, SheetSettings, header_index,
                                       read_cards, read_header, read_rows, read_settings)

#: Generated card ids are made of at most this many words of the card's question.
_ID_WORDS = 6


@dataclass
class Imported:
    """A sheet turned into a deck file's text."""

    text: str
    cards: int
    #: ids made for cards whose row gave none: (row, id)
    generated_ids: list[tuple[int, str]]


def import_sheet(path: Path, deck_path: Path, *, display: str | None = None, deck_name: str | None = None,
                 deck_id: str | None = None, sources: dict[str, str] | None = None) -> Imported:
    """Read the sheet at ``path`` into the text of a deck file to be written at ``deck_path``.

    ``deck_name``, ``deck_id`` and ``sources`` (name -> path relative to the deck
    file) override the sheet's own settings rows. Raises :class:`SheetError` with
    every problem, each at ``FILE:ROW:COL``.
    """
    display = display or str(path)
    out = SheetProblems(display)
    rows, _ = read_rows(path, display)
    header_at = header_index(rows)
    if header_at is None:
        columns = ", ".join(COMMON_COLUMNS[:3] + tuple(field_columns()[:3]))
        out.add(1, 1, f"no header row: the sheet needs a row naming its columns, one of them 'kind' "
                f"(for example: {columns}, ...)")
        raise SheetError(out.items)
    settings = read_settings(rows[:header_at], out)
    columns = read_header(rows[header_at], header_at + 1, out)
    cards = read_cards(rows, header_at, columns, out)
    if deck_name is not None:
        settings.values["deck"] = deck_name
    if deck_id is not None:
        settings.values["id"] = deck_id
    for name, rel in (sources or {}).items():
        settings.sources[name] = {**settings.sources.get(name, {}), "path": rel}
    settings.values.setdefault("deck", path.stem)
    settings.values.setdefault("id", _slug(path.stem, 60) or "deck")
    _check_sources_declared(cards, settings, out)
    generated = _give_ids(cards)
    text, places = _deck_text(settings, cards, display)
    _validate(text, deck_path, places, out)
    if out.items:
        raise SheetError(out.items)
    return Imported(text, len(cards), generated)


def _check_sources_declared(cards: list[SheetCard], settings: SheetSettings, out: SheetProblems) -> None:
    reported = set()
    for card in cards:
        cited = str(card.values.get("source", ""))
        name = cited.split(":", 1)[0].strip()
        if ":" not in cited or not name or name in settings.sources or name in reported:
            continue
        reported.add(name)
        cell = card.cells["source"]
        out.add(cell.row, cell.column,
                f"source {name!r} is not declared: add a row 'source, {name}, PATH' above the header row "
                f"or give --source {name}=PATH (PATH: the text file, relative to the deck file)")
    out.unknown_sources = reported


def _slug(text: str, limit: int = 48) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)[:_ID_WORDS]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def _give_ids(cards: list[SheetCard]) -> list[tuple[int, str]]:
    """Give each card without an id one made from its question (its kind's ``facts``)."""
    taken = {str(c.values["id"]).strip().lower() for c in cards if c.values.get("id")}
    made = []
    for card in cards:
        if card.values.get("id"):
            continue
        kind = KINDS.get(str(card.values.get("kind", "")).strip().lower())
        question = card.values.get(kind.facts.question, "") if kind else ""
        base = _slug(str(question)) or f"{kind.name if kind else 'card'}-row-{card.row}"
        card_id, n = base, 2
        while card_id in taken:
            card_id, n = f"{base}-{n}", n + 1
        taken.add(card_id)
        card.values["id"] = card_id
        card.generated_id = True
        made.append((card.row, card_id))
    return made


class _Dumper(yaml.SafeDumper):
    """Readable YAML: multi-line text as a literal block, lists in brackets, no line folding."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if any(ch in value for ch in YAML_ONLY_BREAKS):
        style = '"'  # written as escapes: raw, a deck file's reader takes them for spaces (cards.lines)
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def dump_entry(key: str, value: Any) -> str:
    """``key: value`` as YAML lines, quoted where YAML needs it (safe_load gives the value back)."""
    return yaml.dump({key: value}, Dumper=_Dumper, default_flow_style=False, allow_unicode=True,
                     width=1 << 30, sort_keys=False)


class _Writer:
    """Builds the deck's text, remembering which sheet cell each line came from."""

    def __init__(self):
        self.parts: list[str] = []
        self.line = 1
        self.places: dict[int, Cell] = {}  # first line of an entry -> its cell

    def add(self, text: str, cell: Cell | None = None, indent: str = "", first: str | None = None) -> None:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for i, line in enumerate(lines):
            prefix = first if (i == 0 and first is not None) else indent
            self.parts.append(f"{prefix}{line}\n" if line else "\n")
            if cell is not None:
                self.places[self.line] = cell
            self.line += 1

    def text(self) -> str:
        return "".join(self.parts)


def _deck_text(settings: SheetSettings, cards: list[SheetCard], display: str) -> tuple[str, dict[int, Cell]]:
    w = _Writer()
    w.add(f"# Imported from {Path(display).name} by cards import.")
    w.add(dump_entry("deck", settings.values["deck"]), settings.cells.get("deck"))
    w.add(dump_entry("id", settings.values["id"]), settings.cells.get("id"))
    for key in deck_settings():
        if key not in ("deck", "id") and key in settings.values:
            w.add(dump_entry(key, settings.values[key]), settings.cells.get(key))
    if settings.sources:
        w.add("sources:")
        for name, entry in settings.sources.items():
            cell = settings.source_cells.get(name)
            if set(entry) == {"path"}:
                w.add(dump_entry(name, entry["path"]), cell, indent="  ")
            else:
                w.add(dump_entry(name, entry), cell, indent="  ")
    if settings.print:
        w.add("print:")
        for option, value in settings.print.items():
            w.add(dump_entry(option, value), settings.print_cells.get(option), indent="  ")
    w.add("cards:" if cards else "cards: []")
    for card in cards:
        kind = KINDS.get(str(card.values.get("kind", "")).strip().lower())
        order = ["id", "kind", *(f.name for f in kind.fields), *IMAGE_COLUMNS, "source", "tags"] if kind \
            else list(COMMON_COLUMNS)
        keys = [k for k in order if k in card.values] + [k for k in card.values if k not in order]
        first_key = True
        for key in keys:
            cell = card.cells.get(key)
            if key == "id" and card.generated_id:
                cell = card.cells.get("kind") or Cell(card.row, 1)
            w.add(dump_entry(key, card.values[key]), cell or Cell(card.row, 1),
                  indent="    ", first="  - " if first_key else None)
            first_key = False
    return w.text(), w.places


def _validate(text: str, deck_path: Path, places: dict[int, Cell], out: SheetProblems) -> None:
    """Check the deck as a deck file is checked; report each problem at its sheet cell."""
    from cards.load import LoadedDeck, read_images
    from cards.validate import validate
    from cards.yamlmarks import YamlError, parse

    shown = str(deck_path)
    try:
        data = parse(text, shown)
    except YamlError as exc:  # never expected: the text is PyYAML's own output
        out.add(0, 0, f"internal error: the deck made from the sheet is not valid YAML ({exc.message})")
        return
    loaded = LoadedDeck(deck_path, shown, text, data)
    read_images(loaded)  # checked as a deck file's are, relative to where the deck will be
    _, problems = validate(loaded)
    unknown = out.unknown_sources
    lines = sorted(places)

    def cell_of(line: int) -> Cell | None:
        before = [n for n in lines if n <= line]
        return places[before[-1]] if before else None

    def rows_for_lines(message: str) -> str:
        def replace(match: re.Match) -> str:
            cell = cell_of(int(match.group(1)))
            return f"in row {cell.row}" if cell else match.group(0)
        return re.sub(r"\bon line (\d+)", replace, message)

    for problem in problems:
        if any(f"unknown source {name!r}" in problem.message for name in unknown):
            continue  # said once, with how to declare it
        cell = cell_of(problem.line)
        message = rows_for_lines(problem.message)
        if cell is None:
            out.add(1, 1, message)
        else:
            out.add(cell.row, cell.column, message)
