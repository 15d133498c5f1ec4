"""Decks in and out of spreadsheets: CSV and TSV sheets, and Quizlet's import format.

A sheet holds one card per row under a header row that names its columns: ``kind``
(which marks the header row), ``id``, ``source``, ``tags`` and one column per field
of any kind (``date``, ``event``, ``name``, ``aliases``...; see :mod:`cards.kinds`).
A list field (``aliases``, ``tags``) is one cell with its items separated by
:data:`LIST_SEPARATOR`. Rows above the header set the deck itself, one setting a
row: ``deck`` (the Anki deck's name), ``id``, ``description``, ``tags``,
``calendar``, ``source`` (NAME, PATH, optional TITLE and CALENDAR in the cells that
follow) and ``print`` (KEY, VALUE).

:func:`import_sheet` turns a sheet into the text of a deck file, checking it with
the same validation a deck file gets and reporting each problem at the sheet's
``FILE:ROW:COL``; :func:`export_rows` and :func:`quizlet_text` go the other way.
Kinds are read from the registry: a new kind's fields are new columns, with no
change here.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from cards.errors import InputError, Problem
from cards.kinds import KINDS
from cards.yamlmarks import Mark, YMap, YScalar, YSeq, YValue

#: What separates the items of a list field (aliases, tags) inside one cell.
LIST_SEPARATOR = ";"
#: Columns every card has, besides its kind's own fields.
COMMON_COLUMNS = ("id", "kind", "source", "tags")
#: The settings a row above the header row may give, in the order a sheet lists them.
SETTINGS = ("deck", "id", "description", "tags", "calendar", "source", "print")
#: Largest sheet read, in bytes (as for deck files).
MAX_SHEET_BYTES = 20 * 1024 * 1024
#: Generated card ids are made of at most this many words of the card's question.
_ID_WORDS = 6
#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets,
#: which a deck from a stranger could use to run one ("CSV injection"). Export writes such
#: a cell with a ' in front, which spreadsheets read as "this is text"; import takes it off.
_FORMULA = re.compile(r"^'*[=+\-@]")


class SheetError(InputError):
    """The sheet has problems; nothing was written."""


# --- the columns, from the kinds registry ------------------------------------------------------------------


def _is_list(kind_field) -> bool:
    """Whether a kind's field takes a list (its checker accepts a YAML list and gives one back)."""
    probe = YSeq([YScalar("x", "x", Mark("", 1, 1), 1)])
    probe.mark, probe.end_line = Mark("", 1, 1), 1
    try:
        return isinstance(kind_field.check(probe), (list, tuple))
    except Exception:  # noqa: BLE001 - any checker that refuses a list takes a single value
        return False


def field_columns(kinds: Iterable[str] | None = None) -> list[str]:
    """The field columns of ``kinds`` (default: every kind), in registry and field order."""
    names = KINDS if kinds is None else [k for k in KINDS if k in set(kinds)]
    return list(dict.fromkeys(f.name for k in names for f in KINDS[k].fields if f.name not in COMMON_COLUMNS))


def list_columns() -> set[str]:
    """The columns whose cells hold lists."""
    return {"tags"} | {f.name for kind in KINDS.values() for f in kind.fields if _is_list(f)}


def _column_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower()).rstrip(":")


def split_list(cell: str, column: str) -> list[str]:
    """A list cell's items. Tags, which never hold spaces, may also be separated by spaces."""
    parts = cell.split(LIST_SEPARATOR)
    if column == "tags":
        parts = [word for part in parts for word in part.split()]
    return [p.strip() for p in parts if p.strip()]


# --- reading a sheet ---------------------------------------------------------------------------------------


@dataclass
class _Cell:
    row: int
    column: int


@dataclass
class _Card:
    row: int
    values: dict[str, Any]
    cells: dict[str, _Cell]
    generated_id: bool = False


@dataclass
class _Settings:
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, _Cell] = field(default_factory=dict)
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    source_cells: dict[str, _Cell] = field(default_factory=dict)
    print: dict[str, Any] = field(default_factory=dict)
    print_cells: dict[str, _Cell] = field(default_factory=dict)


@dataclass
class Imported:
    """A sheet turned into a deck file's text."""

    text: str
    cards: int
    #: ids made for cards whose row gave none: (row, id)
    generated_ids: list[tuple[int, str]]


class _Problems:
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
        if _header_index(rows) is not None:
            return rows, delimiter
    return first or [], delimiters[0]


def guard(cell: str) -> str:
    """A cell as written to a sheet: text a spreadsheet would run as a formula gets a ' in front."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unguard(cell: str) -> str:
    """A cell as read from a sheet: the ' that :func:`guard` adds taken off."""
    stripped = cell.strip()
    return stripped[1:] if stripped.startswith("'") and _FORMULA.match(stripped) else cell


def _header_index(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows):
        if any(_column_key(cell) == "kind" for cell in row):
            return index
    return None


def import_sheet(path: Path, deck_path: Path, *, display: str | None = None, deck_name: str | None = None,
                 deck_id: str | None = None, sources: dict[str, str] | None = None) -> Imported:
    """Read the sheet at ``path`` into the text of a deck file to be written at ``deck_path``.

    ``deck_name``, ``deck_id`` and ``sources`` (name -> path relative to the deck
    file) override the sheet's own settings rows. Raises :class:`SheetError` with
    every problem, each at ``FILE:ROW:COL``.
    """
    display = display or str(path)
    out = _Problems(display)
    rows, _ = read_rows(path, display)
    header_at = _header_index(rows)
    if header_at is None:
        columns = ", ".join(COMMON_COLUMNS[:3] + tuple(field_columns()[:3]))
        out.add(1, 1, f"no header row: the sheet needs a row naming its columns, one of them 'kind' "
                f"(for example: {columns}, ...)")
        raise SheetError(out.items)
    settings = _read_settings(rows[:header_at], out)
    columns = _read_header(rows[header_at], header_at + 1, out)
    cards = _read_cards(rows, header_at, columns, out)
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


def _read_settings(rows: list[list[str]], out: _Problems) -> _Settings:
    settings = _Settings()
    for index, row in enumerate(rows):
        number = index + 1
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        key = _column_key(cells[0])
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
            if len(rest) < 2 or not rest[0] or not rest[1]:
                out.add(number, 1, "a 'source' row gives the source's NAME and PATH (relative to the deck file) "
                        "in the next two cells, then optionally its TITLE and CALENDAR")
                continue
            if len(rest) > 4:
                out.add(number, 6, "a 'source' row has at most four cells after 'source': NAME, PATH, TITLE, CALENDAR")
                continue
            name = rest[0]
            if name in settings.sources:
                out.add(number, 2, f"source {name!r} is declared twice; first in row {settings.source_cells[name].row}")
                continue
            entry = {"path": rest[1]}
            if len(rest) > 2 and rest[2]:
                entry["title"] = rest[2]
            if len(rest) > 3 and rest[3]:
                entry["calendar"] = rest[3]
            settings.sources[name] = entry
            settings.source_cells[name] = _Cell(number, 2)
            continue
        if key == "print":
            if len(rest) != 2 or not rest[0]:
                out.add(number, 1, "a 'print' row gives one print option and its value in the next two cells, "
                        "e.g. print, layout, foldover")
                continue
            option = _column_key(rest[0])
            if option in settings.print:
                out.add(number, 2, f"print option {option!r} is given twice; first in row "
                        f"{settings.print_cells[option].row}")
                continue
            settings.print[option] = _print_value(rest[1])
            settings.print_cells[option] = _Cell(number, 3)
            continue
        if key in settings.values:
            out.add(number, 1, f"{key!r} is given twice; first in row {settings.cells[key].row}")
            continue
        if len(rest) > 1:
            out.add(number, 3, f"a {key!r} row gives its value in one cell, the one after {cells[0]!r}")
            continue
        value = rest[0] if rest else ""
        settings.values[key] = split_list(value, "tags") if key == "tags" else value
        settings.cells[key] = _Cell(number, 2)
    return settings


def _print_value(cell: str) -> Any:
    """A print option's value as YAML reads it: 2 is a number, true a flag."""
    try:
        value = yaml.safe_load(cell)
    except yaml.YAMLError:
        return cell
    return value if isinstance(value, (int, float, bool)) else cell


def _read_header(row: list[str], number: int, out: _Problems) -> list[str | None]:
    known = [*COMMON_COLUMNS, *field_columns()]
    columns: list[str | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _column_key(cell)
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


def _read_cards(rows: list[list[str]], header_at: int, columns: list[str | None], out: _Problems) -> list[_Card]:
    lists = list_columns()
    cards = []
    header = rows[header_at]
    for index in range(header_at + 1, len(rows)):
        row, number = rows[index], index + 1
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, Any] = {}
        cells: dict[str, _Cell] = {}
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
            values[column] = split_list(text, column) if column in lists else text
            cells[column] = _Cell(number, position + 1)
        kind = str(values.get("kind", "")).strip().lower()
        if kind in KINDS:
            own = {f.name for f in KINDS[kind].fields}
            for column in list(values):
                if column not in COMMON_COLUMNS and column not in own:
                    out.add(number, cells[column].column,
                            f"a {kind} card has no {column!r}; its fields are: {', '.join(f.name for f in KINDS[kind].fields)}"
                            " (leave this cell empty)")
                    del values[column]
        cards.append(_Card(number, values, cells))
    return cards


def _check_sources_declared(cards: list[_Card], settings: _Settings, out: _Problems) -> None:
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


def _give_ids(cards: list[_Card]) -> list[tuple[int, str]]:
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


# --- writing the deck file ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Readable YAML: multi-line text as a literal block, lists in brackets, no line folding."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
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
        self.places: dict[int, _Cell] = {}  # first line of an entry -> its cell

    def add(self, text: str, cell: _Cell | None = None, indent: str = "", first: str | None = None) -> None:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            prefix = first if (i == 0 and first is not None) else indent
            self.parts.append(f"{prefix}{line}\n" if line else "\n")
            if cell is not None:
                self.places[self.line] = cell
            self.line += 1

    def text(self) -> str:
        return "".join(self.parts)


def _deck_text(settings: _Settings, cards: list[_Card], display: str) -> tuple[str, dict[int, _Cell]]:
    w = _Writer()
    w.add(f"# Imported from {Path(display).name} by cards import.")
    w.add(dump_entry("deck", settings.values["deck"]), settings.cells.get("deck"))
    w.add(dump_entry("id", settings.values["id"]), settings.cells.get("id"))
    for key in ("description", "tags", "calendar"):
        if key in settings.values:
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
        order = ["id", "kind", *(f.name for f in kind.fields), "source", "tags"] if kind else list(COMMON_COLUMNS)
        keys = [k for k in order if k in card.values] + [k for k in card.values if k not in order]
        first_key = True
        for key in keys:
            cell = card.cells.get(key)
            if key == "id" and card.generated_id:
                cell = card.cells.get("kind") or _Cell(card.row, 1)
            w.add(dump_entry(key, card.values[key]), cell or _Cell(card.row, 1),
                  indent="    ", first="  - " if first_key else None)
            first_key = False
    return w.text(), w.places


def _validate(text: str, deck_path: Path, places: dict[int, _Cell], out: _Problems) -> None:
    """Check the deck as a deck file is checked; report each problem at its sheet cell."""
    from cards.load import LoadedDeck
    from cards.validate import validate
    from cards.yamlmarks import YamlError, parse

    shown = str(deck_path)
    try:
        data = parse(text, shown)
    except YamlError as exc:  # never expected: the text is PyYAML's own output
        out.add(0, 0, f"internal error: the deck made from the sheet is not valid YAML ({exc.message})")
        return
    _, problems = validate(LoadedDeck(deck_path, shown, text, data))
    unknown = out.unknown_sources
    lines = sorted(places)

    def cell_of(line: int) -> _Cell | None:
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


# --- writing a sheet -----------------------------------------------------------------------------------------


def _scalar_text(value: YValue | None) -> str:
    if isinstance(value, YScalar):
        return "" if value.value is None else value.text
    return ""


def export_rows(loaded, deck) -> list[list[str]]:
    """The rows of a sheet holding the deck: its settings, a blank row, the header, a row per card.

    Raises :class:`InputError` for a value a sheet cannot hold (a list item that
    contains the separator)."""
    problems: list[Problem] = []
    data: YMap = loaded.data

    def list_cell(value: YValue | None, what: str) -> str:
        if not isinstance(value, YSeq):
            return _scalar_text(value)
        items = []
        for item in value:
            text = _scalar_text(item)
            if LIST_SEPARATOR in text:
                problems.append(Problem(loaded.display, item.mark.line, item.mark.column,
                                        f"{what} {text!r} contains {LIST_SEPARATOR!r}, which separates the items of "
                                        "a list in a sheet; it cannot be exported"))
            items.append(text)
        return f"{LIST_SEPARATOR} ".join(items)

    rows: list[list[str]] = [["deck", deck.name], ["id", deck.id]]
    if "description" in data:
        rows.append(["description", _scalar_text(data["description"])])
    if "tags" in data:
        rows.append(["tags", list_cell(data["tags"], "tag")])
    if "calendar" in data:
        rows.append(["calendar", _scalar_text(data["calendar"])])
    raw_sources = data.get("sources")
    if isinstance(raw_sources, YMap):
        for name, entry in raw_sources.items():
            if isinstance(entry, YMap):
                row = ["source", str(name), _scalar_text(entry.get("path")), _scalar_text(entry.get("title")),
                       _scalar_text(entry.get("calendar"))]
                while row[-1] == "":
                    row.pop()
            else:
                row = ["source", str(name), _scalar_text(entry)]
            rows.append(row)
    raw_print = data.get("print")
    if isinstance(raw_print, YMap):
        for option, value in raw_print.items():
            rows.append(["print", str(option), _scalar_text(value)])
    rows.append([])

    kinds = [card.kind for card in deck.cards]
    columns = ["id", "kind", *field_columns(kinds), "source", "tags"]
    lists = list_columns()
    rows.append(columns)
    raw_cards = {}
    for raw in data.get("cards") or []:
        if isinstance(raw, YMap) and isinstance(raw.get("id"), YScalar):
            raw_cards[raw["id"].text.strip()] = raw
    for card in deck.cards:
        raw = raw_cards.get(card.id)
        if raw is None:  # pragma: no cover - every card of a valid deck has its id as written, stripped
            raw = YMap()
        row = []
        for column in columns:
            value = raw.get(column)
            if column == "id":
                row.append(card.id)
            elif column == "kind":
                row.append(card.kind)
            elif column in lists:
                row.append(list_cell(value, "tag" if column == "tags" else f"{column} item"))
            else:
                row.append(_scalar_text(value))
        rows.append(row)
    if problems:
        raise InputError(problems)
    return rows


def rows_text(rows: list[list[str]], delimiter: str) -> str:
    """Rows as CSV (``,``) or TSV (tab) text; cells holding the delimiter, quotes or line
    breaks are quoted, and text that a spreadsheet would run as a formula starts with '."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n")
    writer.writerows([guard(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def plain(text: str) -> str:
    """Card text as plain text on one line: ``**bold**``/``*italic*`` marks dropped, tabs and
    line breaks as spaces."""
    from cards.render.markup import runs

    styled = runs(text)
    if styled is not None:
        text = "".join(piece for piece, _ in styled)
    return " ".join(text.split())


def _fact_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (tuple, list)):
        return f"{LIST_SEPARATOR} ".join(map(str, value))
    styled = getattr(value, "format_styled", None)  # a date: '25 October 1917 (O.S.)'
    if callable(styled):
        return styled()
    return str(value)


def quizlet_pairs(deck) -> list[tuple[str, str]]:
    """(term, definition) of each card: its kind's question and answer (``facts``)."""
    pairs = []
    for card in deck.cards:
        facts = KINDS[card.kind].facts
        term = plain(_fact_text(getattr(card, facts.question)))
        definition = plain(_fact_text(getattr(card, facts.answer)))
        pairs.append((term, definition))
    return pairs


def quizlet_text(deck) -> str:
    """Quizlet's import format: term, a tab, definition; one card a line."""
    return "".join(f"{term}\t{definition}\n" for term, definition in quizlet_pairs(deck))


__all__ = ["COMMON_COLUMNS", "Imported", "LIST_SEPARATOR", "SETTINGS", "SheetError", "dump_entry",
           "export_rows", "field_columns", "import_sheet", "list_columns", "plain", "quizlet_pairs",
           "quizlet_text", "read_rows", "rows_text", "split_list"]
