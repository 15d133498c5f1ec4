"""``cards export``: a deck written as a sheet (its rows, as CSV or TSV text) or as
Quizlet's import text (term, a tab, definition)."""

from __future__ import annotations

import csv
import io
from typing import Any

from cards.errors import InputError, Problem
from cards.kinds import KINDS
from cards.spreadsheet.columns import (IMAGE_COLUMNS, LIST_SEPARATOR, deck_settings, field_columns, guard,
                                       list_columns, setting_columns, source_cells)
from cards.yamlmarks import YMap, YScalar, YSeq, YValue


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
    for key in deck_settings():  # every option the deck file gives (conversion, language...)
        if key in ("deck", "id") or key not in data:
            continue
        value = data[key]
        if isinstance(value, YMap):
            mark = value.mark
            problems.append(Problem(loaded.display, mark.line, mark.column,
                                    f"{key!r} holds a mapping, which a sheet's '{key}, VALUE' row cannot hold; "
                                    "it cannot be exported"))
        rows.append([key, list_cell(value, "tag" if key == "tags" else f"{key} item")
                     if isinstance(value, YSeq) else _scalar_text(value)])
    raw_sources = data.get("sources")
    if isinstance(raw_sources, YMap):
        for name, entry in raw_sources.items():
            if isinstance(entry, YMap):  # NAME, then path, title, calendar: each source option in turn
                row = ["source", str(name), *(_scalar_text(entry.get(key)) for key in source_cells())]
                while row[-1] == "":
                    row.pop()
            else:
                row = ["source", str(name), _scalar_text(entry)]
            rows.append(row)
    raw_print = data.get("print")
    if isinstance(raw_print, YMap):
        for option, value in raw_print.items():
            # a list (back_offset: [0.5, -1]) as YAML writes it inline, which import reads back
            cell = f"[{', '.join(_scalar_text(item) for item in value)}]" if isinstance(value, YSeq) \
                else _scalar_text(value)
            rows.append(["print", str(option), cell])
    rows.append([])

    raw_cards = {}
    for raw in data.get("cards") or []:
        if isinstance(raw, YMap) and isinstance(raw.get("id"), YScalar):
            raw_cards[raw["id"].text.strip()] = raw
    kinds = [card.kind for card in deck.cards]
    images = IMAGE_COLUMNS if any(card.image is not None for card in deck.cards) else ()
    settings = setting_columns()  # a column only when some card sets it
    used = [c for c in field_columns(kinds) if c not in settings or any(c in raw for raw in raw_cards.values())]
    columns = ["id", "kind", *used, *images, "source", "tags"]
    lists = list_columns()
    rows.append(columns)
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
