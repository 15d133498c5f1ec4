"""Reading a sheet: its rows from a .csv or .tsv file, then what they say, as
records that remember the cell each value came from: the settings rows above
the header row, the header's columns and one card a row below it. Each problem
is kept at its ``ROW:COL`` to be reported with the others.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cards.errors import InputError, Problem
from cards.kinds import KINDS
from cards.spreadsheet.columns import (COMMON_COLUMNS, IMAGE_COLUMNS, SETTINGS, column_key, field_columns, flag_columns,
                                       flag_value, list_columns, setting_value, source_cells, split_list,
                                       unguard)

#: Largest sheet read, in bytes (as for deck files).
MAX_SHEET_BYTES = 20 * 1024 * 1024


class SheetError(InputError):
    """The sheet has problems; nothing was written."""


@dataclass
class Cell:
    """Where a value was in the sheet, both counted from 1."""

    row: int
    column: int


@dataclass
class SheetCard:
    """One card's row: its values by column and the cell each came from."""

    row: int
    values: dict[str, Any]
    cells: dict[str, Cell]
    generated_id: bool = False


@dataclass
class SheetSettings:
    """The settings rows above the header: the deck's settings, its sources and print options, with their cells."""

    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    source_cells: dict[str, Cell] = field(default_factory=dict)
    print: dict[str, Any] = field(default_factory=dict)
    print_cells: dict[str, Cell] = field(default_factory=dict)


class SheetProblems:
    """The problems found so far, each at the sheet's ``FILE:ROW:COL``."""

    def __init__(self, display: str):
        self.display = display
        self.items: list[Problem] = []
        #: sources cited but not declared, each reported once (not again on every card)
        self.unknown_sources: set[str] = set()

    def add(self, row: int, column: int, message: str) -> None:
        self.items.append(Problem(self.display, row, column, message))


def read_rows(path: Path, display: str) -> tuple[list[list[str]], str]:
    """The rows of a .csv or .tsv file and the delimiter used; SheetError if unreadable.

    A .csv file may separate its cells with commas or (as spreadsheet programs do in
    countries that write decimal commas) semicolons: the one that gives a header
    row with a ``kind`` column wins.
    """
    from cards.load import NotRegularFile, TooLarge, read_regular_file

    def fail(line: int, column: int, message: str):
        return SheetError([Problem(display, line, column, message)])

    try:
        raw = read_regular_file(path, MAX_SHEET_BYTES)
    except NotRegularFile:
        raise fail(0, 0, "not a regular file") from None
    except TooLarge:
        raise fail(0, 0, f"larger than the limit of {MAX_SHEET_BYTES} bytes") from None
    except OSError as exc:
        raise fail(0, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(line, column, "the file is not UTF-8 text; save it as UTF-8 "
                   "(in Excel: 'CSV UTF-8'; in LibreOffice: character set 'Unicode (UTF-8)')") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise fail(line, 1, "the file holds a NUL character; it is not a text sheet")
    delimiters = ("\t",) if path.suffix.lower() == ".tsv" else (",", ";")
    first = None
    for delimiter in delimiters:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [[unguard(cell) for cell in row] for row in reader]
        first = first or rows
        if header_index(rows) is not None:
            return rows, delimiter
    return first or [], delimiters[0]


def header_index(rows: list[list[str]]) -> int | None:
    """The index of the header row (the first with a ``kind`` cell), or None. A settings row
    is never the header, though its value says "kind" (``deck, Kind``): a row starting with a
    setting that is no column (``deck``, ``source``...), or an ``id`` row of two cells."""
    columns = {*COMMON_COLUMNS, *field_columns(), *IMAGE_COLUMNS}
    for index, row in enumerate(rows):
        cells = [column_key(cell) for cell in row]
        if "kind" not in cells or (cells[0] in SETTINGS and cells[0] not in columns):
            continue
        if cells[0] == "id" and len([c for c in cells if c]) <= 2 and cells.index("kind") == 1:
            continue  # 'id, kind': the deck's id is 'kind'
        return index
    return None


def read_settings(rows: list[list[str]], out: SheetProblems) -> SheetSettings:
    """The settings the rows above the header row give."""
    settings = SheetSettings()
    for index, row in enumerate(rows):
        number = index + 1
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        key = column_key(cells[0])
        rest = cells[1:]
        while rest and not rest[-1]:
            rest.pop()
        if key not in SETTINGS:
            hint = difflib.get_close_matches(key, SETTINGS, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            out.add(number, 1, f"unknown setting {cells[0]!r} above the header row; a row there gives one of: "
                    f"{', '.join(SETTINGS)}{suggestion}")
            continue
        if key == "source":
            cells_after = source_cells()  # path, title, calendar
            shown = ", ".join(["NAME", *(c.upper() for c in cells_after)])
            if len(rest) < 2 or not rest[0] or not rest[1]:
                out.add(number, 1, "a 'source' row gives the source's NAME and PATH (relative to the deck file) "
                        f"in the next two cells, then optionally its {' and '.join(c.upper() for c in cells_after[1:])}")
                continue
            if len(rest) > 1 + len(cells_after):
                out.add(number, 3 + len(cells_after),
                        f"a 'source' row has at most {1 + len(cells_after)} cells after 'source': {shown}")
                continue
            name = rest[0]
            if name in settings.sources:
                out.add(number, 2, f"source {name!r} is declared twice; first in row {settings.source_cells[name].row}")
                continue
            entry = {option: cell for option, cell in zip(cells_after, rest[1:]) if cell}
            settings.sources[name] = entry
            settings.source_cells[name] = Cell(number, 2)
            continue
        if key == "print":
            if len(rest) != 2 or not rest[0]:
                out.add(number, 1, "a 'print' row gives one print option and its value in the next two cells, "
                        "e.g. print, layout, foldover")
                continue
            option = column_key(rest[0])
            if option in settings.print:
                out.add(number, 2, f"print option {option!r} is given twice; first in row "
                        f"{settings.print_cells[option].row}")
                continue
            settings.print[option] = _print_value(rest[1])
            settings.print_cells[option] = Cell(number, 3)
            continue
        if key in settings.values:
            out.add(number, 1, f"{key!r} is given twice; first in row {settings.cells[key].row}")
            continue
        if len(rest) > 1:
            out.add(number, 3, f"a {key!r} row gives its value in one cell, the one after {cells[0]!r}")
            continue
        settings.values[key] = setting_value(key, rest[0] if rest else "")
        settings.cells[key] = Cell(number, 2)
    return settings


def _print_value(cell: str) -> Any:
    """A print option's value as YAML reads it: 2 is a number, true a flag, [0.5, -1] a list of numbers."""
    try:
        value = yaml.safe_load(cell)
    except yaml.YAMLError:
        return cell
    if isinstance(value, list) and value and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return value
    return value if isinstance(value, (int, float, bool)) else cell


def read_header(row: list[str], number: int, out: SheetProblems) -> list[str | None]:
    """Each cell's column in the header row, or None for an empty, unknown or repeated one."""
    known = [*COMMON_COLUMNS, *field_columns(), *IMAGE_COLUMNS]
    columns: list[str | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = column_key(cell)
        if not key:
            columns.append(None)
            continue
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; use: {', '.join(known)}"
            out.add(number, index + 1, f"unknown column {cell.strip()!r}{suggestion}")
            columns.append(None)
            continue
        if key in seen:
            out.add(number, index + 1, f"column {key!r} appears twice; first in column {seen[key]}")
            columns.append(None)
            continue
        seen[key] = index + 1
        columns.append(key)
    return columns


def read_cards(rows: list[list[str]], header_at: int, columns: list[str | None],
               out: SheetProblems) -> list[SheetCard]:
    """A card for each row below the header row that is not empty."""
    lists, flags = list_columns(), flag_columns()
    cards = []
    header = rows[header_at]
    for index in range(header_at + 1, len(rows)):
        row, number = rows[index], index + 1
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, Any] = {}
        cells: dict[str, Cell] = {}
        for position, cell in enumerate(row):
            text = cell.strip()
            if not text:
                continue
            column = columns[position] if position < len(columns) else None
            if column is None:
                if position >= len(columns) or not header[position].strip():
                    out.add(number, position + 1, "this cell is in a column without a name in the header row; "
                            "name the column or empty the cell")
                continue  # under an unknown or repeated column name: reported at the header
            values[column] = split_list(text, column) if column in lists else \
                flag_value(text) if column in flags else text
            cells[column] = Cell(number, position + 1)
        kind = str(values.get("kind", "")).strip().lower()
        if kind in KINDS:
            own = {f.name for f in KINDS[kind].fields}
            for column in list(values):
                if column not in COMMON_COLUMNS and column not in IMAGE_COLUMNS and column not in own:
                    out.add(number, cells[column].column,
                            f"a {kind} card has no {column!r}; its fields are: {', '.join(f.name for f in KINDS[kind].fields)}"
                            " (leave this cell empty)")
                    del values[column]
        cards.append(SheetCard(number, values, cells))
    return cards
