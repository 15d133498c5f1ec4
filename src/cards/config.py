"""Read the project's configuration from ``pyproject.toml`` (load stage: files are read here).

Only ``[tool.cards.lint]`` exists so far; see :mod:`cards.lint.settings`. Reading
the table does not import the linter, so a build whose decks are all unchanged
never pays for loading it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cards.errors import ConfigError


@dataclass(frozen=True)
class LintTable:
    """The raw ``[tool.cards.lint]`` table and where it came from (checked when used)."""

    table: dict[str, Any] = field(default_factory=dict)
    where: str = "[tool.cards.lint]"


def read_lint_table(project: Path = Path(".")) -> LintTable:
    """The ``[tool.cards.lint]`` table of ``project/pyproject.toml``; empty if absent.

    Raises :class:`~cards.errors.ConfigError` for a file that cannot be read or is not TOML.
    """
    path = Path(project) / "pyproject.toml"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LintTable()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    tool = data.get("tool")
    table = tool.get("cards", {}).get("lint") if isinstance(tool, dict) and isinstance(tool.get("cards"), dict) else None
    if table is None:
        return LintTable()
    return LintTable(table, f"{path} [tool.cards.lint]")


def read_lint_config(project: Path = Path(".")):
    """The checked :class:`~cards.lint.settings.LintConfig` of ``project/pyproject.toml``."""
    from cards.lint.settings import LintConfig

    return LintConfig.coerce(read_lint_table(project))
