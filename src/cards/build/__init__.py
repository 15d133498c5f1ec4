"""The build, in order: load -> validate -> lint -> render -> export.

Every deck is loaded, validated and linted before anything is written, so an
error anywhere leaves ``build/`` exactly as it was; then the outputs of every
deck are written, all of them or, if one cannot be, none.

This module is the public API (:func:`build`, :func:`check` and what they take
and give) and the order of a build. Its parts, each a module of the package:

* :mod:`~cards.build.checking`: load, validate and lint many decks (``cards lint``);
* :mod:`~cards.build.fingerprint`: what besides its files a deck's outputs depend on,
  so that unchanged decks are not built again;
* :mod:`~cards.build.selection`: which cards go into the PDFs (``--tags``, ``--ids``);
* :mod:`~cards.build.deck`: one deck to the bytes of its outputs, in memory;
* :mod:`~cards.build.workers`: the worker processes that build several decks at once;
* :mod:`~cards.build.outputs`: writing every deck's outputs, all or none;
* :mod:`~cards.build.collector`: Python's cycle collector, off while all this runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cards.build.checking import Checked, DeckIds, check
from cards.build.collector import no_cycle_collection
from cards.build.outputs import BuildReport, DeckOutput, write_outputs
from cards.errors import InputError

if TYPE_CHECKING:
    from cards.build.deck import DeckResult

__all__ = [
    "DEFAULT_DECKS_GLOB", "BuildOptions", "BuildReport", "Checked", "DeckOutput", "build", "check",
    "default_deck_paths",
]

DEFAULT_DECKS_GLOB = "decks/*.yaml"


def default_deck_paths(root: Path = Path(".")) -> list[Path]:
    return sorted(root.glob("decks/*.yaml")) + sorted(root.glob("decks/*.yml"))


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("build")
    lint: bool = True
    lint_config: object = None
    templates: Path | None = Path("templates")
    pdf: bool = True
    #: print options from the command line; they override each deck's ``print:`` section
    print_overrides: dict | None = None
    #: rebuild even decks whose inputs have not changed
    force: bool = False
    #: refuse to change a deck's lock file (for CI: build a release from the committed lock)
    locked: bool = False
    #: build several large decks in parallel worker processes. Like any use of
    #: multiprocessing, a script that calls build() must do so under
    #: ``if __name__ == "__main__":``, or pass parallel=False.
    parallel: bool = True
    #: the cards to print (a cards.build.selection.Selection); None or empty: all of them.
    #: The Anki packages always hold every card.
    selection: object = None


def build(paths: list[Path], options: BuildOptions = BuildOptions(), progress=None) -> BuildReport:
    """Build every deck in ``paths``; raise InputError (writing nothing) on any error.

    Decks whose inputs are unchanged since the last build are skipped (see
    :mod:`cards.cache`). The others are built in memory, in parallel when
    there are several, and written only when every deck has succeeded.
    ``progress(label, done, total)`` is told how far the build has got.
    """
    from cards.progress import silent

    with no_cycle_collection():
        return _build(paths, options, progress or silent)


def _build(paths: list[Path], options: BuildOptions, progress) -> BuildReport:
    from cards.build.fingerprint import fingerprint_of
    from cards.cache import fresh_record
    from cards.templating import template_dirs

    dirs = template_dirs(options.templates)
    fingerprint = fingerprint_of(options, dirs)
    records, todo = {}, []
    for path in paths:
        # A build that chooses cards to print builds every deck: each must be read to
        # know whether it has the ids and tags asked for.
        fresh = not options.force and not options.selection
        record = fresh_record(options.out_dir, str(path), fingerprint) if fresh else None
        if record is not None:
            records[str(path)] = record
        else:
            todo.append(path)

    notetypes, built, workers = None, [], 0
    if todo:  # else not even the deck builder is imported: a rebuild of unchanged decks stays quick
        from cards.build.deck import NoteTypeTimes

        notetypes = NoteTypeTimes(options, dirs)
        built, workers = _build_all(todo, options, dirs, notetypes, progress)
    results = {r.path: r for r in built}
    problems = [p for r in results.values() for p in r.problems]
    ids = DeckIds()
    for path in map(str, paths):
        deck_id = records[path].summary["deck_id"] if path in records else results[path].deck_id
        clash = deck_id and ids.claim(deck_id, path, results[path].mark if path in results else None)
        if clash:
            problems.append(clash)
    if options.selection and all(r.found is not None for r in results.values()):
        # (Unless a deck could not even be read: it might have held the ids.)
        from cards.build.selection import unmatched

        problems += unmatched(options.selection, [r.found for r in results.values()], len(paths))
    if any(p.is_error for p in problems) or any(r.failed for r in results.values()):
        for record in records.values():
            problems.extend(record.problems())
        raise InputError(problems)
    report = write_outputs(paths, records, results, options, fingerprint, notetypes)
    report.workers = workers
    return report


def _build_all(paths: list[Path], options: BuildOptions, dirs, notetypes, progress) -> tuple[list[DeckResult], int]:
    """Build each deck in memory: in worker processes when there are several and cores to spare."""
    from cards.build.deck import build_deck, stage_progress

    workers = min(len(paths), os.cpu_count() or 1)
    if not options.parallel or workers < 2 or _total_size(paths) < PARALLEL_MIN_BYTES:
        results = []
        for index, path in enumerate(paths):
            results.append(build_deck(path, options, dirs, notetypes, stage_progress(progress, index, len(paths))))
        return results, 0

    from cards.build.workers import build_in_workers

    return build_in_workers(paths, options, dirs, notetypes, progress, workers), workers


#: Worker processes cost about 0.4 s to start (a fresh interpreter and its
#: imports), so decks totalling less than this (about 2,000 cards) build in turn.
PARALLEL_MIN_BYTES = 256 * 1024


def _total_size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total
