"""The PDF's private working folders in the temporary folder: making them, and removing
the ones that killed builds left behind.

Typst compiles from a folder that holds nothing else and is its root, so even a
template cannot read files outside it. Each folder is named after the process
that made it, so that a later build can tell whether its owner is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from cards.export.files import process_alive

#: Each folder is named cards-print-<id of the process that made it>-<random>.
FOLDER_PREFIX = "cards-print-"
#: A folder left by a build that was killed is removed by a later build once it has not
#: changed for this long (seconds) and its owner is gone.
ABANDONED_AFTER = 3600


def private_folder() -> Path:
    """A new folder of this process's own in the temporary folder, named after it."""
    return Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))


def remove_abandoned_folders(own: Path) -> None:
    """Remove the folders of builds that were killed (SIGKILL, a power cut) before they
    or their helper could remove them: a cards-print-* folder of this user whose owner
    process is gone and that has not changed for an hour. The hour keeps the folder of
    a build in another PID namespace (a container sharing /tmp) safe, whose owner this
    process cannot see; a folder whose name gives no owner (older versions) must be a day old."""
    now = time.time()
    try:
        entries = list(os.scandir(own.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(FOLDER_PREFIX) or entry.path == str(own):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or info.st_uid != os.getuid():
                continue
            age = now - info.st_mtime
        except OSError:
            continue
        owner_id = entry.name[len(FOLDER_PREFIX):].partition("-")[0]
        owner = int(owner_id) if owner_id.isdigit() else None
        if age < ABANDONED_AFTER or (owner is None and age < 24 * ABANDONED_AFTER) or process_alive(owner):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
