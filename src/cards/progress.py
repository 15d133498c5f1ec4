"""A progress line for long builds on a terminal.

Nothing is shown for the first second (most builds are done by then), when
the output is not a terminal, or with ``--quiet``. The line is redrawn in
place at most ten times a second and erased when the build ends, so the
summary that follows stays clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1
WIDTH = 24


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled and getattr(self.stream, "isatty", lambda: False)()
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps of ``label`` (e.g. 'linting russia-1917')."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < DELAY or (now - self.last < INTERVAL and done < total):
            return
        self.last = now
        filled = WIDTH * done // total if total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        line = f"\r[{bar}] {done}/{total} {label}"
        self.stream.write(line[:120].ljust(80))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()
            self.shown = False


def silent(label: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""
