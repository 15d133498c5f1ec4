"""A sheet's columns and cells: which columns there are (from the kinds registry),
which of them hold lists and how a list cell is split, and the guard that keeps a
spreadsheet from running a cell as a formula."""

from __future__ import annotations

import re
from typing import Any, Iterable

import yaml

from cards.kinds import KINDS
from cards.yamlmarks import Mark, YScalar, YSeq

#: What separates the items of a list field (aliases, tags) inside one cell.
LIST_SEPARATOR = ";"
#: Columns every card has, besides its kind's own fields.
COMMON_COLUMNS = ("id", "kind", "source", "tags")
#: Columns any card may have, after its kind's fields: its picture and who made it (see cards.images).
IMAGE_COLUMNS = ("image", "image_credit")
#: Deck options a settings row does not give as ``KEY, VALUE``: the cards are the rows below
#: the header, and sources and print options have rows of their own (``source, NAME, PATH...``
#: and ``print, OPTION, VALUE``).
_STRUCTURE = ("sources", "cards", "print")


def deck_settings() -> tuple[str, ...]:
    """The deck's options a ``KEY, VALUE`` row gives: every option of a deck file
    (:data:`cards.validate.DECK_OPTIONS`) but its structure, so a new deck option travels
    through a sheet with no change here."""
    from cards.validate import DECK_OPTIONS

    return tuple(key for key in DECK_OPTIONS if key not in _STRUCTURE)


def source_cells() -> tuple[str, ...]:
    """What the cells after a source row's NAME hold, in order: each option of a source
    (:data:`cards.validate.SOURCE_OPTIONS`: path, title, calendar)."""
    from cards.validate import SOURCE_OPTIONS

    return tuple(SOURCE_OPTIONS)


#: The settings a row above the header row may give, in the order a sheet lists them.
SETTINGS = (*deck_settings(), "source", "print")
#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets,
#: which a deck from a stranger could use to run one ("CSV injection"). Export writes such
#: a cell with a ' in front, which spreadsheets read as "this is text"; import takes it off.
_FORMULA = re.compile(r"^'*[=+\-@]")


def _is_list(kind_field) -> bool:
    """Whether a kind's field takes a list (its checker accepts a YAML list and gives one back)."""
    probe = YSeq([YScalar("x", "x", Mark("", 1, 1), 1)])
    probe.mark, probe.end_line = Mark("", 1, 1), 1
    try:
        return isinstance(kind_field.check(probe), (list, tuple))
    except Exception:  # noqa: BLE001 - any checker that refuses a list takes a single value
        return False


def field_columns(kinds: Iterable[str] | None = None) -> list[str]:
    """The field columns of ``kinds`` (default: every kind), in registry and field order: the
    fields a card shows, then its settings (``reverse``)."""
    names = KINDS if kinds is None else [k for k in KINDS if k in set(kinds)]
    fields = [f for k in names for f in KINDS[k].fields if f.name not in COMMON_COLUMNS]
    return list(dict.fromkeys([f.name for f in fields if f.shown] + [f.name for f in fields if not f.shown]))


def setting_columns() -> set[str]:
    """The columns of a card's settings rather than its text (``reverse``): a sheet has them
    only when a card sets one."""
    return {f.name for kind in KINDS.values() for f in kind.fields if not f.shown}


def list_columns() -> set[str]:
    """The columns whose cells hold lists."""
    return {"tags"} | {f.name for kind in KINDS.values() for f in kind.fields if _is_list(f)}


def setting_value(key: str, cell: str) -> Any:
    """A deck setting's cell as the deck file writes it: a list for an option that takes one
    (``tags``); the value YAML reads (``true``, ``2``) for one whose checker refuses it as text
    but takes it so; else the text."""
    from cards.validate import DECK_OPTIONS

    option = DECK_OPTIONS.get(key)
    if option is None:
        return cell
    if _is_list(option):
        return split_list(cell, "tags")
    mark = Mark("", 1, 1)
    try:
        option.check(YScalar(cell, cell, mark, 1))
        return cell
    except Exception:  # noqa: BLE001 - refused as text: perhaps read as YAML reads it
        pass
    try:
        read = yaml.safe_load(cell)
    except yaml.YAMLError:
        return cell
    if isinstance(read, (bool, int, float)):
        try:
            option.check(YScalar(read, cell, mark, 1))
            return read
        except Exception:  # noqa: BLE001 - refused either way: validation says why, at the cell
            pass
    return cell


def flag_columns() -> set[str]:
    """The columns whose cells hold true or false: a field whose checker takes a flag and refuses
    other text. Their cells come into the deck file as ``true``/``false``, not as quoted text."""
    return {f.name for kind in KINDS.values() for f in kind.fields if _is_flag(f)}


def _is_flag(kind_field) -> bool:
    mark = Mark("", 1, 1)
    try:
        if kind_field.check(YScalar(True, "true", mark, 1)) is not True:
            return False
    except Exception:  # noqa: BLE001 - a checker that refuses a flag takes something else
        return False
    try:
        kind_field.check(YScalar("x", "x", mark, 1))
    except Exception:  # noqa: BLE001 - refuses text: a flag
        return True
    return False


def flag_value(cell: str) -> bool | str:
    """A flag column's cell: True or False for true or false in any case; anything else as
    written (validation then says what it must be)."""
    word = cell.strip().lower()
    return word == "true" if word in ("true", "false") else cell


def column_key(text: str) -> str:
    """A header cell or setting name as a key: lower case, spaces and dashes as ``_``, no trailing ``:``."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower()).rstrip(":")


def split_list(cell: str, column: str) -> list[str]:
    """A list cell's items. Tags, which never hold spaces, may also be separated by spaces."""
    parts = cell.split(LIST_SEPARATOR)
    if column == "tags":
        parts = [word for part in parts for word in part.split()]
    return [p.strip() for p in parts if p.strip()]


def guard(cell: str) -> str:
    """A cell as written to a sheet: text a spreadsheet would run as a formula gets a ' in front."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unguard(cell: str) -> str:
    """A cell as read from a sheet: the ' that :func:`guard` adds taken off."""
    stripped = cell.strip()
    return stripped[1:] if stripped.startswith("'") and _FORMULA.match(stripped) else cell
