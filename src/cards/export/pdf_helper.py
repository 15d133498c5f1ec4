"""The PDF helper process: starting it, and what it runs.

Typst holds Python's lock while it compiles, so threads do not help; where there
are two processors or more, a helper process (a fresh ``python -P`` running
:func:`_helper_main`) compiles a document's parts from the first on while the
build lints and packs the Anki deck (see :mod:`cards.export.pdf_parts`). It is
started before the deck is even loaded, so that its interpreter and Typst are
ready by the time the first part is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from cards.export.pdf_parts import READY, PartFailed, TypstCache, do_part, take

#: How long the helper waits for the document or a part before it gives up (seconds).
READY_TIMEOUT = 600


def _helper_main(folder: str, timestamp: str, parent: str) -> None:
    """The helper process: wait for the document, then take parts from the first on, each
    as soon as it is written, until they meet the build process's.

    ``parent`` is the build's process id, passed in rather than read here: if the
    build were killed before this process got going, getppid() would already
    name someone else and the helper would never notice.
    """
    where, parent = Path(folder), int(parent)
    try:
        if not _wait_for(where / READY, parent):
            return
        total = int((where / READY).read_text(encoding="utf-8"))
        cache = TypstCache(total)
        for index in range(total):
            if not _wait_for(where / f"part-{index}.json", parent) or not take(where, index):
                return
            cache.before_part(where)
            do_part(where, index, total, int(timestamp) if timestamp else None)
    except (PartFailed, OSError, ValueError):
        return
    finally:
        if os.getppid() != parent:
            # The build was killed: nobody wants the parts, nor the folder it left.
            shutil.rmtree(where, ignore_errors=True)


def _wait_for(path: Path, parent: int) -> bool:
    """Wait until ``path`` exists; False if the build is gone or has not written it in time."""
    deadline = time.monotonic() + READY_TIMEOUT
    while not path.exists():
        if os.getppid() != parent or time.monotonic() > deadline or not path.parent.exists():
            return False
        time.sleep(0.002)
    return os.getppid() == parent


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def start_helper(folder: Path, timestamp: int | None) -> subprocess.Popen | None:
    """Start a helper on ``folder``; None on a single processor, or if it cannot be started:
    then the build's own process compiles every part."""
    if _processors() < 2:
        return None
    package = Path(__file__).resolve().parent.parent.parent  # the folder holding cards/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(package), *filter(None, [env.get("PYTHONPATH")])])
    try:
        return subprocess.Popen(
            # -P: never put the current folder on sys.path, so a deck repository holding a
            # file named typst.py or json.py cannot have it run in place of the real one.
            [sys.executable, "-P", "-c",
             "import sys; from cards.export.pdf_helper import _helper_main; _helper_main(*sys.argv[1:])",
             str(folder), "" if timestamp is None else str(timestamp), str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
    except (OSError, ValueError):
        return None
