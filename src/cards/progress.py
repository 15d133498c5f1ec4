"""A progress line for long builds on a terminal.

Nothing is shown for the first second (most builds are done by then), when
the output is not a terminal, or with ``--quiet``. A small thread redraws the
line in place ten times a second with the elapsed time, so a long stage (one
big Typst run) still shows the build is alive; the line is erased when the
build ends, so the summary that follows stays clean.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1
WIDTH = 24
CLEAR_TO_END = "\x1b[K"


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled and getattr(self.stream, "isatty", lambda: False)()
        self.start = time.monotonic()
        self.state: tuple[str, int, int] | None = None
        self.shown = False
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.ticker: threading.Thread | None = None

    def __call__(self, label: str, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps, now at ``label`` (e.g. 'linting decks/x.yaml')."""
        if not self.enabled:
            return
        with self.lock:
            self.state = (label, done, total)
        if self.ticker is None:
            self.ticker = threading.Thread(target=self._tick, daemon=True)
            self.ticker.start()

    def _tick(self) -> None:
        while not self.stopped.wait(INTERVAL):
            elapsed = time.monotonic() - self.start
            if elapsed >= DELAY:
                self._draw(elapsed)

    def _draw(self, elapsed: float) -> None:
        with self.lock:
            if self.state is None or self.stopped.is_set():
                return
            label, done, total = self.state
            filled = WIDTH * done // total if total else 0
            bar = "#" * filled + "-" * (WIDTH - filled)
            line = f"[{bar}] {done}/{total} {label} ({elapsed:.0f} s)"
            # Never wider than the terminal: a wrapped line could not be redrawn in place.
            width = shutil.get_terminal_size((80, 24)).columns - 1
            if self._write("\r" + line[:width] + CLEAR_TO_END):
                self.shown = True

    def _write(self, text: str) -> bool:
        """Show ``text``; if the terminal cannot take it (it went away, say), show nothing
        more rather than fail the build."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError, UnicodeError):
            self.enabled = False
            self.stopped.set()
            return False
        return True

    def close(self) -> None:
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
        with self.lock:
            if self.shown:
                self._write("\r" + CLEAR_TO_END)
                self.shown = False


def silent(label: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""
