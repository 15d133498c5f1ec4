"""Writing output files so that a reader never sees half of one.

Each file is written to a temporary file in the same folder and renamed over
the old one. A failed or killed build leaves the previous output as it was.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from cards.errors import ExportError


TEMP_SUFFIX = ".tmp"


#: A temporary file older than this was left by a killed build, not one still running.
STALE_AFTER = 15 * 60


def remove_stale_temp_files(folder: Path) -> None:
    """Delete temporary files a killed build left in ``folder`` and ``folder/.cards/*``.

    Only names this module makes (``.NAME.XXXX.tmp``) and only old ones, so a
    build running at the same time keeps its own.
    """
    folders = [folder, *(folder / ".cards").glob("*")] if folder.is_dir() else []
    now = time.time()
    for place in folders:
        for stale in place.glob(f".*{TEMP_SUFFIX}"):
            try:
                if now - stale.stat().st_mtime > STALE_AFTER:
                    stale.unlink()
            except OSError:
                pass


def atomic_write(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
        raise
