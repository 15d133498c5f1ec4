"""The cache fingerprint: everything besides a deck's input files that its outputs depend on.

A deck whose inputs and fingerprint are as its cache record says is not built again
(see :mod:`cards.cache`). It is worked out on every build, a rebuild of unchanged
decks too, so it must be cheap: nothing here imports genanki, Typst, Jinja or
importlib.metadata.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cards.build import BuildOptions


def fingerprint_of(options: BuildOptions, dirs: tuple[Path, ...]) -> str:
    """Everything besides the input files that a deck's outputs depend on."""
    import hashlib
    import sqlite3
    import zlib

    from cards import __version__
    from cards.templating import templates_digest

    parts = [
        __version__, _installed("genanki"), _installed("typst"),
        repr((options.lint, options.lint_config, options.pdf, sorted((options.print_overrides or {}).items()),
              options.selection or None)),
        templates_digest(dirs, "anki"), templates_digest(dirs, "print"),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        sqlite3.sqlite_version, zlib.ZLIB_RUNTIME_VERSION,  # both leave traces in the .apkg bytes
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _installed(package: str) -> str:
    """Which copy of ``package`` is installed: the name, size and time of each file in its
    folder (for Typst, the compiled library as well as the Python stub that loads it).
    Any install or upgrade rewrites them, so the cache never outlives it. Found without
    importing the package, and without importlib.metadata, which costs more than a
    rebuild of unchanged decks does otherwise."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            return "?"
        files = [Path(spec.origin)]
        if spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
            files = sorted(p for p in folder.iterdir() if p.is_file())
        stats = [(p, p.stat()) for p in files]
    except (ImportError, ValueError, StopIteration, OSError):
        return "?"
    return ";".join(f"{p}:{st.st_size}:{st.st_mtime_ns}" for p, st in stats)
