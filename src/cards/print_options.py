"""How a deck is printed: the ``print:`` section of a deck and the CLI options.

A deck may say how its PDF is laid out::

    print: {paper: a4, layout: grid, columns: 2, rows: 4, duplex: long-edge, crop_marks: false}

:func:`check_section` validates that section where the deck is validated, with
the framework of :mod:`cards.checks` (:data:`PRINT_OPTIONS` describes it), and
reports every problem at its ``path:line:col``; the values it accepts are kept
in a :class:`PrintSection` (a dict that remembers where each value was
written). :func:`resolve` then merges, in order, the defaults, the deck's
section and the command line's options into one :class:`PrintOptions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from cards.checks import Option, Wording, check_mapping, choice, count, describe, flag, millimetres, offset, points
from cards.errors import InputError, Problem, Severity
from cards.yamlmarks import Mark, YMap, YScalar, YValue

# The choices, in a module of their own that the command line reads without
# importing the checking framework.
from cards.print_choices import DUPLEX, GRID_LIMITS, INDEX_CARD, LAYOUTS, MM_PER_INCH, PAPERS, STOCKS  # noqa: E402,F401

DEFAULT_MIN_FONT = 7.0
#: Text never shrinks below this, whatever a deck asks for: smaller is not readable on paper.
SMALLEST_MIN_FONT = 4.0
#: The size card text starts at before it shrinks to fit (points), on cards up to the default grid's;
#: on bigger cards it starts larger, in proportion to the card's height, up to LARGEST_FONT
#: (see :func:`cards.render.print_fit.largest_size`).
MAX_FONT = 16.0
LARGEST_FONT = 36.0
#: Office printers leave this much of every edge blank (mm): nothing but paper goes there.
DEFAULT_PRINTER_MARGIN = 6.0
LARGEST_PRINTER_MARGIN = 15.0
#: The largest duplex correction, each way (mm).
LARGEST_BACK_OFFSET = 10.0

KEYS = ("paper", "layout", "columns", "rows", "duplex", "crop_marks", "min_font_size", "printer_margin", "back_offset", "stock",
        "deck_name")


@dataclass(frozen=True)
class PrintOptions:
    """Everything the PDF renderer needs to know about one deck's layout."""

    paper: str = "a4"
    layout: str = "grid"
    columns: int | None = None  # None: the layout's default
    rows: int | None = None
    duplex: str = "long-edge"
    crop_marks: bool = False
    min_font_size: float = DEFAULT_MIN_FONT
    printer_margin: float = DEFAULT_PRINTER_MARGIN  # mm along every edge left blank
    back_offset: tuple[float, float] = (0.0, 0.0)  # mm every back page is shifted by (x right, y down)
    stock: str | None = None  # a card stock of STOCKS: its paper, card size and grid
    deck_name: bool = True  # a line naming the deck at the foot of every card's back
    #: the options the command line set (not the deck), for messages that say where a value came from
    from_command_line: tuple[str, ...] = field(default=(), compare=False)

    @property
    def grid(self) -> tuple[int, int]:
        """(columns, rows) of the layout: cards across and down one page (pairs for fold-over)."""
        if self.layout == "index":
            return 1, 1
        if self.stock:
            return STOCKS[self.stock][3], STOCKS[self.stock][4]
        default_columns, default_rows, _, _ = GRID_LIMITS[self.layout]
        return self.columns or default_columns, self.rows or default_rows


class PrintSection(dict):
    """The ``print:`` values a deck gave, already checked; ``marks`` says where each was written."""

    def __init__(self, values: Mapping[str, Any] = (), marks: Mapping[str, Mark] | None = None, mark: Mark | None = None):
        super().__init__(values)
        self.marks: dict[str, Mark] = dict(marks or {})
        self.mark = mark


#: The ``print:`` section, described in the same framework as the rest of a deck.
PRINT_OPTIONS: dict[str, Option] = {
    "paper": Option(choice(tuple(PAPERS), "paper size"), doc="a4 (default) or letter"),
    "layout": Option(choice(LAYOUTS, "layout"), doc="grid (default), foldover or index"),
    "columns": Option(count, doc="cards across a page (default per layout)"),
    "rows": Option(count, doc="cards down a page (default per layout)"),
    "duplex": Option(choice(DUPLEX, "duplex mode"), doc="how the printer turns the sheet: long-edge (default), short-edge or none"),
    "crop_marks": Option(flag, doc="print crop marks in the margin (default false)"),
    "min_font_size": Option(points(SMALLEST_MIN_FONT, MAX_FONT), doc="the smallest text size, in points (default 7)"),
    "printer_margin": Option(millimetres(0.0, LARGEST_PRINTER_MARGIN),
                             doc="mm along every edge the printer cannot print; nothing is printed there (default 6)"),
    "back_offset": Option(offset(LARGEST_BACK_OFFSET),
                          doc="[x, y] mm to shift every back page by, to correct a printer's duplex misalignment"),
    "stock": Option(choice(tuple(STOCKS), "card stock"),
                    doc="print onto a card stock: " + ", ".join(STOCKS) + " (sets paper, layout, columns and rows)"),
    "deck_name": Option(flag, doc="print the deck's name at the foot of every card's back (default true)"),
}
assert tuple(PRINT_OPTIONS) == KEYS

_WORDING = Wording(
    unknown=lambda key: f"print: unknown option {key!r}",
    bad=lambda key, message: f"print: {key}{' ' if message.startswith('must') else ': '}{message}",
    missing=lambda key: f"print: {key!r} is required",
)


def _spelling(key: str) -> str:
    return key.replace("-", "_").replace(" ", "_").lower()


def check_section(raw: YValue | None, path: str) -> tuple[PrintSection, list[Problem]]:
    """Check a deck's ``print:`` value; return the values that are valid and every problem."""
    problems: list[Problem] = []
    if raw is None or (isinstance(raw, YScalar) and raw.value is None):
        return PrintSection(), problems
    if not isinstance(raw, YMap):
        problems.append(Problem(path, raw.mark.line, raw.mark.column,
                                f"'print' must be a mapping such as {{layout: grid, columns: 2}}, not {describe(raw)}"))
        return PrintSection(), problems

    values, marks, _ = check_mapping(raw, PRINT_OPTIONS, lambda mark, message: problems.append(
        Problem(path, mark.line, mark.column, message)), _WORDING, _spelling)
    section = PrintSection(values, marks, raw.mark)

    layout = section.get("layout", "grid")
    if layout == "index":
        for key in ("columns", "rows"):
            if key in section:
                mark = section.marks[key]
                problems.append(Problem(path, mark.line, mark.column,
                                        f"print: {key!r} has no effect with layout 'index' (one card per page)",
                                        Severity.WARNING))
    else:
        problems.extend(_grid_problems(section, layout, path))
    return section, problems


def _grid_problems(section: PrintSection, layout: str, path: str, because: str = "") -> list[Problem]:
    problems = []
    _, _, most_columns, most_rows = GRID_LIMITS[layout]
    for key, most in (("columns", most_columns), ("rows", most_rows)):
        value = section.get(key)
        if value is not None and value > most:
            mark = section.marks.get(key) or section.mark
            line, column = (mark.line, mark.column) if mark else (0, 0)
            unit = " fold-over pairs" if layout == "foldover" and key == "columns" else ""
            problems.append(Problem(path, line, column,
                                    f"print: {key}: {value} is too many for layout {layout!r}{because}; "
                                    f"at most {most}{unit} fit on a page"))
    return problems


def resolve(section: Mapping[str, Any], overrides: Mapping[str, Any] | None = None, path: str = "") -> PrintOptions:
    """Defaults, then the deck's ``print:`` values, then the command line's (which win).

    Raises InputError if the combination cannot be printed, e.g. a deck's
    ``columns: 5`` with ``--layout foldover`` on the command line.
    """
    values: dict[str, Any] = {key: section[key] for key in KEYS if key in section}
    given = []
    for key, value in (overrides or {}).items():
        if key not in KEYS:
            raise ValueError(f"unknown print option {key!r}")
        if value is not None:
            values[key] = value
            given.append(key)
    values["from_command_line"] = tuple(given)
    if values.get("stock"):
        # A stock is a measured page: its paper and grid, whatever else was asked for.
        paper, _, _, columns, rows = STOCKS[values["stock"]]
        values.update(paper=paper, layout="grid", columns=columns, rows=rows)
    options = PrintOptions(**values)
    if options.layout in GRID_LIMITS and not options.stock:
        because = " (set on the command line)" if overrides and overrides.get("layout") else ""
        marks = getattr(section, "marks", {})
        merged = PrintSection({k: v for k, v in values.items() if k in ("columns", "rows")}, marks,
                              getattr(section, "mark", None))
        problems = _grid_problems(merged, options.layout, path, because)
        if problems:
            raise InputError(problems)
    return options
