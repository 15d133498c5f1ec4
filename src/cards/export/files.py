"""Writing output files so that a reader never sees half of one, and a build
replaces all its files or none.

:class:`Staged` writes every file to a temporary file in its target folder
first (``.NAME.<process id>.XXXX.tmp``). If any of them cannot be written, the
temporary files are removed and nothing is replaced; once all are written, they
are renamed over the old files, which takes no time and can hardly fail. A
failed or killed build leaves the previous outputs as they were, and the next
build removes the temporary files of a process that no longer runs.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from cards.errors import ExportError


TEMP_SUFFIX = ".tmp"


#: A temporary file whose name gives no process id (written by an older version),
#: or whose process id is now another process's, is removed once it is this old (seconds).
STALE_AFTER = 15 * 60


class WriteError(ExportError):
    """Files of a build could not be written.

    ``problem`` says which and why (``path: cannot write: reason``); ``replaced``
    lists the files that had already been replaced (only when a rename failed
    part way, which is rare) and ``kept`` those left as they were.
    """

    def __init__(self, problem: str, replaced: list[Path], kept: list[Path]):
        self.problem, self.replaced, self.kept = problem, list(replaced), list(kept)
        super().__init__(f"{problem}; {self.outcome()}")

    def outcome(self) -> str:
        if not self.replaced:
            return "nothing was written"
        return (f"written only in part: already replaced: {', '.join(map(str, self.replaced))}; "
                f"not replaced: {', '.join(map(str, self.kept)) or 'none'}")


def process_alive(pid: int | None) -> bool:
    """Whether process ``pid`` exists (is seen from here)."""
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, say
        return True
    return True


def _owner(name: str) -> int | None:
    """The id of the process that made the temporary file ``name`` (.NAME.PID.XXXX.tmp)."""
    parts = name[:-len(TEMP_SUFFIX)].rsplit(".", 2)
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def remove_stale_temp_files(folder: Path) -> None:
    """Delete temporary files a killed build left in ``folder`` and ``folder/.cards/*``.

    Only names this module makes (``.NAME.PID.XXXX.tmp``), and only those whose
    process no longer runs, so a build running at the same time keeps its own; a
    name without a process id, or whose process id has been taken by another
    process, once it is older than :data:`STALE_AFTER`.
    """
    try:
        folders = [folder, *(folder / ".cards").glob("*")] if folder.is_dir() else []
    except OSError:  # a name too long, a folder we may not read: nothing of ours is there
        return
    now = time.time()
    for place in folders:
        try:
            found = list(place.glob(f".*{TEMP_SUFFIX}"))
        except OSError:
            continue
        for stale in found:
            owner = _owner(stale.name)
            try:
                if (owner is not None and not process_alive(owner)) or now - stale.stat().st_mtime > STALE_AFTER:
                    stale.unlink()
            except OSError:
                pass


class Staged:
    """Files written to temporary files beside their targets, to be renamed over them
    all at once (:meth:`replace`) or removed (:meth:`discard`)."""

    def __init__(self):
        self.pending: list[tuple[Path, str]] = []  # (target, temporary file), in order
        self.replaced: list[Path] = []
        self.created: list[Path] = []  # folders made for the files, removed again by discard() if empty

    def write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path``. On failure, every file
        staged so far is removed too and WriteError says why: nothing is replaced."""
        path = Path(path)
        try:
            if not path.parent.is_dir():
                missing = []
                for folder in (path.parent, *path.parent.parents):
                    if folder.exists() or folder.is_symlink():
                        break
                    missing.append(folder)
                path.parent.mkdir(parents=True, exist_ok=True)
                self.created.extend(missing)
            self.pending.append((path, _write_temporary(path, data)))
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise WriteError(f"{path}: cannot write: {_reason(exc)}", [], []) from None
            raise

    def targets(self) -> list[Path]:
        return [target for target, _ in self.pending]

    def replace(self, paths=None) -> None:
        """Rename the temporary files of ``paths`` (default: all staged) over their
        targets, in the order they were staged. If a rename fails, the rest are
        removed, and WriteError lists what was replaced already and what was not."""
        wanted = None if paths is None else {Path(p) for p in paths}
        for target, temporary in list(self.pending):
            if wanted is not None and target not in wanted:
                continue
            try:
                os.replace(temporary, target)
            except OSError as exc:
                kept = self.targets()
                self.discard()
                raise WriteError(f"{target}: cannot write: {_reason(exc)}", self.replaced, kept) from None
            self.pending.remove((target, temporary))
            self.replaced.append(target)

    def discard(self) -> None:
        """Remove the temporary files not renamed yet, and the folders made for them that
        are empty now."""
        for _, temporary in self.pending:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        self.pending = []
        for folder in sorted(self.created, key=lambda f: len(f.parts), reverse=True):
            try:
                folder.rmdir()
            except OSError:  # not empty: a file was renamed into it
                pass
        self.created = []


def _write_temporary(path: Path, data: bytes) -> str:
    """A new temporary file beside ``path`` holding ``data``, flushed to disk; its name."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            # It could never be renamed over: say so now, before anything is replaced.
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    except FileNotFoundError:
        pass
    # The name shortened, so that the temporary file's name is not too long where the target's is not.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name[:200]}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                     dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return temporary


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` by a file holding ``data``, never leaving half of one."""
    staged = Staged()
    staged.write(path, data)
    staged.replace()


@contextmanager
def signals_held():
    """Hold Ctrl-C and SIGTERM for the duration (a moment: renaming the staged files),
    then act on them as usual. Only in the main thread, and only for signals whose
    handler Python knows (the default ones, or those a program set)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    saved = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(number)
        if previous is None:
            continue
        saved[number] = previous
        signal.signal(number, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for number, previous in saved.items():
            signal.signal(number, previous)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)
