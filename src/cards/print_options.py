"""How a deck is printed: the ``print:`` section of a deck and the CLI options.

A deck may say how its PDF is laid out::

    print: {paper: a4, layout: grid, columns: 2, rows: 4, duplex: long-edge, crop_marks: false}

:func:`check_section` validates that section where the deck is validated and
reports every problem at its ``path:line:col``; the values it accepts are kept
in a :class:`PrintSection` (a dict that remembers where each value was
written). :func:`resolve` then merges, in order, the defaults, the deck's
section and the command line's options into one :class:`PrintOptions`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from cards.errors import InputError, Problem, Severity
from cards.yamlmarks import Mark, YMap, YScalar, YSeq, YValue

MM_PER_INCH = 25.4

#: Paper sizes in millimetres, portrait (width, height).
PAPERS: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (8.5 * MM_PER_INCH, 11 * MM_PER_INCH),
}
#: The index-card layout prints one card per 5 x 3 in page, landscape.
INDEX_CARD: tuple[float, float] = (5 * MM_PER_INCH, 3 * MM_PER_INCH)

LAYOUTS = ("grid", "foldover", "index")
DUPLEX = ("long-edge", "short-edge", "none")

#: (default columns, default rows, most columns, most rows) for each layout that has a grid.
#: A fold-over column holds a front and its back side by side, so it is two cards wide.
GRID_LIMITS: dict[str, tuple[int, int, int, int]] = {
    "grid": (2, 4, 6, 10),
    "foldover": (1, 4, 3, 10),
}

DEFAULT_MIN_FONT = 7.0
#: Text never shrinks below this, whatever a deck asks for: smaller is not readable on paper.
SMALLEST_MIN_FONT = 4.0
#: The size card text starts at before it shrinks to fit (points).
MAX_FONT = 16.0

KEYS = ("paper", "layout", "columns", "rows", "duplex", "crop_marks", "min_font_size")


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

    @property
    def grid(self) -> tuple[int, int]:
        """(columns, rows) of the layout: cards across and down one page (pairs for fold-over)."""
        if self.layout == "index":
            return 1, 1
        default_columns, default_rows, _, _ = GRID_LIMITS[self.layout]
        return self.columns or default_columns, self.rows or default_rows


class PrintSection(dict):
    """The ``print:`` values a deck gave, already checked; ``marks`` says where each was written."""

    def __init__(self, values: Mapping[str, Any] = (), marks: Mapping[str, Mark] | None = None, mark: Mark | None = None):
        super().__init__(values)
        self.marks: dict[str, Mark] = dict(marks or {})
        self.mark = mark


class _Bad(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _describe(value: YValue) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if value.value is None:
        return "empty"
    return repr(value.text)


def _choice(choices: tuple[str, ...], what: str):
    def check(value: YValue) -> str:
        if isinstance(value, YScalar) and value.value is False and "none" in choices:
            return "none"  # YAML reads a bare 'no' or 'false' as a boolean
        if not isinstance(value, YScalar) or value.value is None or isinstance(value.value, bool):
            raise _Bad(f"must be one of {', '.join(choices)}, not {_describe(value)}")
        word = value.text.strip().lower().replace("_", "-")
        if word in choices:
            return word
        hint = difflib.get_close_matches(word, choices, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise _Bad(f"{value.text.strip()!r} is not a {what}; use one of: {', '.join(choices)}{suggestion}")

    return check


def _count(value: YValue) -> int:
    if not isinstance(value, YScalar) or isinstance(value.value, bool) or not isinstance(value.value, int):
        raise _Bad(f"must be a whole number, not {_describe(value)}")
    if value.value < 1:
        raise _Bad(f"must be at least 1, not {value.value}")
    return value.value


def _flag(value: YValue) -> bool:
    if not isinstance(value, YScalar) or not isinstance(value.value, bool):
        raise _Bad(f"must be true or false, not {_describe(value)}")
    return value.value


def _points(value: YValue) -> float:
    if not isinstance(value, YScalar) or isinstance(value.value, bool) or not isinstance(value.value, (int, float)):
        raise _Bad(f"must be a size in points such as 7 or 6.5, not {_describe(value)}")
    size = float(value.value)
    if not SMALLEST_MIN_FONT <= size <= MAX_FONT:
        raise _Bad(f"must be between {SMALLEST_MIN_FONT:g} and {MAX_FONT:g} points, not {size:g}")
    return size


_CHECKS = {
    "paper": _choice(tuple(PAPERS), "paper size"),
    "layout": _choice(LAYOUTS, "layout"),
    "columns": _count,
    "rows": _count,
    "duplex": _choice(DUPLEX, "duplex mode"),
    "crop_marks": _flag,
    "min_font_size": _points,
}
assert tuple(_CHECKS) == KEYS


def check_section(raw: YValue | None, path: str) -> tuple[PrintSection, list[Problem]]:
    """Check a deck's ``print:`` value; return the values that are valid and every problem."""
    problems: list[Problem] = []
    if raw is None or (isinstance(raw, YScalar) and raw.value is None):
        return PrintSection(), problems
    if not isinstance(raw, YMap):
        problems.append(Problem(path, raw.mark.line, raw.mark.column,
                                f"'print' must be a mapping such as {{layout: grid, columns: 2}}, not {_describe(raw)}"))
        return PrintSection(), problems

    section = PrintSection(mark=raw.mark)
    for key, value in raw.items():
        key_mark = raw.mark_of(key)
        check = _CHECKS.get(key) if isinstance(key, str) else None
        if check is None:
            normalized = str(key).replace("-", "_").replace(" ", "_").lower()
            hint = [normalized] if normalized in _CHECKS else difflib.get_close_matches(normalized, KEYS, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(KEYS)}"
            problems.append(Problem(path, key_mark.line, key_mark.column, f"print: unknown option {str(key)!r}{suggestion}"))
            continue
        try:
            section[key] = check(value)
        except _Bad as exc:
            joint = " " if exc.message.startswith("must") else ": "
            problems.append(Problem(path, value.mark.line, value.mark.column, f"print: {key}{joint}{exc.message}"))
            continue
        section.marks[key] = value.mark

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
    for key, value in (overrides or {}).items():
        if key not in KEYS:
            raise ValueError(f"unknown print option {key!r}")
        if value is not None:
            values[key] = value
    options = PrintOptions(**values)
    if options.layout in GRID_LIMITS:
        because = " (set on the command line)" if overrides and overrides.get("layout") else ""
        marks = getattr(section, "marks", {})
        merged = PrintSection({k: v for k, v in values.items() if k in ("columns", "rows")}, marks,
                              getattr(section, "mark", None))
        problems = _grid_problems(merged, options.layout, path, because)
        if problems:
            raise InputError(problems)
    return options
