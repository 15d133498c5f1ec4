"""Read the project's configuration from ``pyproject.toml`` (load stage: files are read here).

Only ``[tool.cards.lint]`` exists so far; see :mod:`cards.lint.settings`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from cards.lint.settings import LintConfig, LintConfigError


def read_lint_config(project: Path = Path(".")) -> LintConfig:
    """The ``[tool.cards.lint]`` table of ``project/pyproject.toml``; defaults if absent.

    Raises :class:`LintConfigError` for a file that is not TOML or a table that is wrong.
    """
    path = Path(project) / "pyproject.toml"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LintConfig()
    except OSError as exc:
        raise LintConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LintConfigError(f"{path} is not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("cards", {}).get("lint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return LintConfig()
    return LintConfig.from_table(table, f"{path} [tool.cards.lint]")
