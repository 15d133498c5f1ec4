"""Decks in and out of spreadsheets: CSV and TSV sheets, and Quizlet's import format.

A sheet holds one card per row under a header row that names its columns: ``kind``
(which marks the header row), ``id``, ``source``, ``tags`` and one column per field
of any kind (``date``, ``event``, ``name``, ``aliases``...; see :mod:`cards.kinds`).
A list field (``aliases``, ``tags``) is one cell with its items separated by
:data:`LIST_SEPARATOR`. Rows above the header set the deck itself, one setting a
row: each option of a deck file (``deck``, ``id``, ``description``, ``tags``,
``calendar``, ``conversion``...: :data:`cards.validate.DECK_OPTIONS`, read from
there, so that a new deck option travels through a sheet), ``source`` (NAME,
PATH, optional TITLE and CALENDAR in the cells that follow) and ``print`` (KEY,
VALUE).

:func:`import_sheet` turns a sheet into the text of a deck file, checking it with
the same validation a deck file gets and reporting each problem at the sheet's
``FILE:ROW:COL``; :func:`export_rows` and :func:`quizlet_text` go the other way.
Kinds are read from the registry: a new kind's fields are new columns, with no
change here.

The package's modules, one job each:

* :mod:`~cards.spreadsheet.columns`: the columns, from the kinds registry; list
  cells; the guard that keeps a cell from running as a formula;
* :mod:`~cards.spreadsheet.reading`: a sheet's rows and what they say (settings,
  header, cards), each value with its cell;
* :mod:`~cards.spreadsheet.sheet_import`: :func:`import_sheet`, those settings and
  cards as a deck file's text, checked as a deck file is;
* :mod:`~cards.spreadsheet.sheet_export`: :func:`export_rows`, :func:`rows_text`
  and :func:`quizlet_text`, a deck as a sheet or as Quizlet's text.
"""

from cards.spreadsheet.columns import (COMMON_COLUMNS, LIST_SEPARATOR, SETTINGS, field_columns, guard, list_columns,
                                       split_list, unguard)
from cards.spreadsheet.reading import MAX_SHEET_BYTES, SheetError, read_rows
from cards.spreadsheet.sheet_export import export_rows, plain, quizlet_pairs, quizlet_text, rows_text
from cards.spreadsheet.sheet_import import Imported, dump_entry, import_sheet

__all__ = ["COMMON_COLUMNS", "Imported", "LIST_SEPARATOR", "MAX_SHEET_BYTES", "SETTINGS", "SheetError", "dump_entry",
           "export_rows", "field_columns", "guard", "import_sheet", "list_columns", "plain", "quizlet_pairs",
           "quizlet_text", "read_rows", "rows_text", "split_list", "unguard"]
