"""Every error `cards` reports, in one place.

A :class:`Problem` is one thing wrong with an input, pinned to a place in a
file. Stages collect problems instead of stopping at the first, so a user sees
everything wrong with a deck in one run. The exceptions below carry such lists
up to the CLI, which prints them and sets the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as ``path:line:col: message``.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole".
    ``code`` and ``name`` identify a lint rule; load and validation problems
    have none.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR
    code: str | None = None
    name: str | None = None
    card: str | None = field(default=None, compare=False)
    #: a lint error's "did you mean": the citation that would fit (see cards.lint.suggest)
    suggestion: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        label = f"{self.code} {self.name}: " if self.code else ""
        prefix = "warning: " if self.severity is Severity.WARNING and not self.code else ""
        return f"{self.location()}: {prefix}{label}{self.message}"


class CardsError(Exception):
    """Base of every error `cards` raises on purpose."""


class InputError(CardsError):
    """The input decks have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


class ConfigError(CardsError, ValueError):
    """The project's configuration or a command-line value is wrong (a usage error)."""


class TemplateError(CardsError):
    """A Jinja template is missing or refers to something that does not exist."""


class ExportError(CardsError):
    """An output file could not be written."""
