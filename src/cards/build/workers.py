"""The worker processes of a parallel build: a pool that builds decks at once, one
per core, and never outlives the build (stopped with it, or stopping by itself if
the build is killed outright).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cards.build import BuildOptions
    from cards.build.deck import DeckResult, NoteTypeTimes


def build_in_workers(paths: list[Path], options: BuildOptions, dirs, notetypes: NoteTypeTimes, progress,
                     workers: int) -> list[DeckResult]:
    """Build each deck in memory in a pool of ``workers`` processes; the results in the order of ``paths``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from cards.build.deck import build_deck

    # Not "fork": Typst keeps threads of its own, and forking a process that has
    # them can deadlock the child. A fork server starts clean and forks from there.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # Imported once, in the fork server, rather than in every worker: the deck builder,
        # the workers' set-up, and the heaviest modules a deck's build uses.
        context.set_forkserver_preload(["cards.build.deck", "cards.build.workers", "cards.lint", "cards.export.apkg"])
    results = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_started, initargs=(os.getpid(),))
    try:
        notetypes.get()  # once, here, rather than in every worker
        futures = {pool.submit(build_deck, path, options, dirs, notetypes): path for path in paths}
        progress(f"building {len(paths)} decks", 0, len(paths))
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            progress(f"built {futures[future]}", done, len(paths))
    except BaseException:
        # A deck failed, or the build was interrupted or terminated: no point building
        # the rest, nor waiting for the decks being built.
        _stop_workers(pool)
        raise
    pool.shutdown()
    return [results[path] for path in paths]


def _stop_workers(pool) -> None:
    """Stop the pool's workers now (each stops its PDF helper and removes its folder
    first, see :func:`_worker_started`) and wait until they are gone."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):  # gone already
            pass
    pool.shutdown(wait=True, cancel_futures=True)


def _worker_started(parent: int) -> None:
    """Set up a worker process of a parallel build so that it never outlives the build.

    SIGTERM (sent by :func:`_stop_workers`, or by anyone) stops the PDF helper, removes
    the PDF folder and ends the process at once. Ctrl-C, which a terminal sends to
    every process of the build, is left to the build process, which stops the workers.
    A thread watches the build process and stops this worker if it goes away without
    stopping it (killed with SIGKILL, say): a worker's parent is multiprocessing's fork
    server, which lives as long as its workers do, not the build process.
    """
    import signal
    import threading

    signal.signal(signal.SIGTERM, _worker_terminated)
    signal.signal(signal.SIGINT, lambda signum, frame: None)
    threading.Thread(target=_watch_build, args=(parent,), name="cards-watch-build", daemon=True).start()


def _worker_terminated(signum, frame) -> None:
    from cards.export.pdf import stop_all_jobs

    stop_all_jobs()
    os._exit(128 + signum)


def _watch_build(parent: int) -> None:
    """Wait until process ``parent`` has ended, then terminate this process."""
    import select
    import signal

    try:
        try:
            handle = os.pidfd_open(parent)  # Linux 5.3 and later: readable once the process ends
        except ProcessLookupError:  # it has ended already
            handle = None
        except (AttributeError, OSError):  # another system: look every half second
            import time

            from cards.export.files import process_alive

            handle = None
            while process_alive(parent):
                time.sleep(0.5)
        if handle is not None:
            select.select([handle], [], [])
    except Exception:  # pragma: no cover - nothing to watch with: the build stops its workers itself
        return
    os.kill(os.getpid(), signal.SIGTERM)
