"""The build, in order: load -> validate -> lint -> render -> export.

Every deck is loaded, validated and linted before anything is written, so an
error anywhere leaves ``build/`` exactly as it was; then the outputs of every
deck are written, all of them or, if one cannot be, none.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from cards.errors import InputError, Problem

if TYPE_CHECKING:
    from cards.load import LoadedDeck
    from cards.model import Deck

DEFAULT_DECKS_GLOB = "decks/*.yaml"


def default_deck_paths(root: Path = Path(".")) -> list[Path]:
    return sorted(root.glob("decks/*.yaml")) + sorted(root.glob("decks/*.yml"))


@dataclass
class Checked:
    """Decks that loaded and validated, and every problem found on the way."""

    decks: list[tuple[LoadedDeck, Deck]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class _DeckIds:
    """Deck ids seen so far, compared without case: on macOS and Windows 'Foo' and
    'foo' would write the same files."""

    def __init__(self):
        self.seen: dict[str, str] = {}

    def claim(self, deck_id: str, path: str, mark) -> Problem | None:
        """Record ``deck_id`` for ``path``; a Problem if another deck has it already."""
        first = self.seen.get(deck_id.casefold())
        if first is None:
            self.seen[deck_id.casefold()] = path
            return None
        line, column = (mark.line, mark.column) if mark else (1, 1)
        return Problem(path, line, column, f"deck id {deck_id!r} is also used by {first}; each deck needs its own id")


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector off for the duration (and back on after, if it was on).

    Loading, linting and rendering a deck make millions of small objects and next to
    no reference cycles, so the collector's passes over the growing heap find nothing
    to free: measured, they took 0.8 s of a 5 s build of 10,000 cards, and turning
    them off left the peak memory the same.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(paths: list[Path], *, lint: bool = True, lint_config=None) -> Checked:
    """Load, validate and (optionally) lint every deck, collecting all problems."""
    with _no_cycle_collection():
        return _check(paths, lint, lint_config)


def _check(paths: list[Path], lint: bool, lint_config) -> Checked:
    from cards.load import load_deck
    from cards.validate import validate

    result = Checked()
    ids = _DeckIds()
    for path in paths:
        try:
            loaded = load_deck(path)
        except InputError as exc:
            result.problems.extend(exc.problems)
            continue
        deck, problems = validate(loaded)
        result.problems.extend(problems)
        if deck is None:
            continue
        clash = ids.claim(deck.id, loaded.display, deck.mark)
        if clash:
            result.problems.append(clash)
            continue
        result.decks.append((loaded, deck))
    if lint:
        from cards.lint import lint_decks

        result.problems.extend(lint_decks([(loaded, deck) for loaded, deck in result.decks], lint_config))
    result.problems.sort()
    return result


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
    #: build several large decks in parallel worker processes. Like any use of
    #: multiprocessing, a script that calls build() must do so under
    #: ``if __name__ == "__main__":``, or pass parallel=False.
    parallel: bool = True


@dataclass
class DeckOutput:
    deck_id: str
    source: str
    files: list[Path]
    cards: int
    notes: int
    pages: int = 0
    seconds: float = 0.0
    warnings: int = 0
    cached: bool = False
    #: outputs an earlier build of this deck wrote that this one did not (its deck id
    #: changed, or the PDF was not wanted), removed so that nobody prints or shares them
    removed: list[Path] = field(default_factory=list)


@dataclass
class BuildReport:
    outputs: list[DeckOutput]
    warnings: list[Problem]
    #: worker processes the decks were built in (0: all in this process)
    workers: int = 0


@dataclass
class _DeckResult:
    """Everything one deck's build made, in memory, before anything is written."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    deck_id: str | None = None
    mark: object = None
    files: dict[str, bytes] = field(default_factory=dict)  # file name in out_dir -> bytes
    stamps: bytes = b""
    inputs: dict[str, str] = field(default_factory=dict)  # input path -> sha256
    cards: int = 0
    notes: int = 0
    pages: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.deck_id is None or any(p.is_error for p in self.problems)


def build(paths: list[Path], options: BuildOptions = BuildOptions(), progress=None) -> BuildReport:
    """Build every deck in ``paths``; raise InputError (writing nothing) on any error.

    Decks whose inputs are unchanged since the last build are skipped (see
    :mod:`cards.cache`). The others are built in memory, in parallel when
    there are several, and written only when every deck has succeeded.
    ``progress(label, done, total)`` is told how far the build has got.
    """
    from cards.progress import silent

    with _no_cycle_collection():
        return _build(paths, options, progress or silent)


def _build(paths: list[Path], options: BuildOptions, progress) -> BuildReport:
    from cards.cache import fresh_record
    from cards.templating import template_dirs

    dirs = template_dirs(options.templates)
    fingerprint = _fingerprint(options, dirs)
    records, todo = {}, []
    for path in paths:
        record = None if options.force else fresh_record(options.out_dir, str(path), fingerprint)
        if record is not None:
            records[str(path)] = record
        else:
            todo.append(path)

    notetypes = _NoteTypeTimes(options, dirs) if todo else None
    built, workers = _build_all(todo, options, dirs, notetypes, progress)
    results = {r.path: r for r in built}
    problems = [p for r in results.values() for p in r.problems]
    ids = _DeckIds()
    for path in map(str, paths):
        deck_id = records[path].summary["deck_id"] if path in records else results[path].deck_id
        clash = deck_id and ids.claim(deck_id, path, results[path].mark if path in results else None)
        if clash:
            problems.append(clash)
    if any(p.is_error for p in problems) or any(r.failed for r in results.values()):
        for record in records.values():
            problems.extend(record.problems())
        raise InputError(problems)
    report = _write(paths, records, results, options, fingerprint, notetypes)
    report.workers = workers
    return report


def _fingerprint(options: BuildOptions, dirs: tuple[Path, ...]) -> str:
    """Everything besides the input files that a deck's outputs depend on."""
    import hashlib
    import sqlite3
    import zlib

    from cards import __version__
    from cards.templating import templates_digest

    parts = [
        __version__, _installed("genanki"), _installed("typst"),
        repr((options.lint, options.lint_config, options.pdf, sorted((options.print_overrides or {}).items()))),
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


class _NoteTypeTimes:
    """The note types' modification times, shared by every deck of the build (see
    :func:`cards.stamps.notetype_times`), worked out when the first deck packs its
    Anki deck: not before, so that a deck's print document reaches Typst sooner."""

    def __init__(self, options: BuildOptions, dirs):
        self.options, self.dirs = options, dirs
        self._found = None

    def get(self):
        """(note type id -> time, the stamps to write)"""
        if self._found is None:
            from cards.render.anki import render_note_types
            from cards.stamps import notetype_times
            from cards.templating import templates_mtimes

            types = render_note_types(self.dirs).values()
            self._found = notetype_times(self.options.out_dir, types, templates_mtimes(self.dirs, "anki"))
        return self._found

    def times(self) -> dict[int, int]:
        return self.get()[0]


def _build_all(paths: list[Path], options: BuildOptions, dirs, notetypes, progress) -> tuple[list[_DeckResult], int]:
    """Build each deck in memory: in worker processes when there are several and cores to spare."""
    workers = min(len(paths), os.cpu_count() or 1)
    if not options.parallel or workers < 2 or _total_size(paths) < PARALLEL_MIN_BYTES:
        results = []
        for index, path in enumerate(paths):
            results.append(_build_deck(path, options, dirs, notetypes, _stage_progress(progress, index, len(paths))))
        return results, 0

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Not "fork": Typst keeps threads of its own, and forking a process that has
    # them can deadlock the child. A fork server starts clean and forks from there.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["cards.build", "cards.lint", "cards.export.apkg"])
    results = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_started, initargs=(os.getpid(),))
    try:
        notetypes.get()  # once, here, rather than in every worker
        futures = {pool.submit(_build_deck, path, options, dirs, notetypes): path for path in paths}
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
    return [results[path] for path in paths], workers


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


STAGES = ("loading", "linting", "Anki package", "PDF")


def _stage_progress(progress, index: int, count: int):
    def report(stage: str, path: Path) -> None:
        step = STAGES.index(stage)
        label = f"{stage} {path}" + (f" (deck {index + 1} of {count})" if count > 1 else "")
        progress(label, index * len(STAGES) + step, count * len(STAGES))

    return report


def _build_deck(path: Path, options: BuildOptions, dirs, notetype_times: _NoteTypeTimes, report=None) -> _DeckResult:
    """Load, validate, lint and render one deck to bytes. Writes nothing.

    The PDF helper process starts first, so that its interpreter and Typst are
    ready by the time the deck is validated; it then compiles while the linter
    and the Anki export run, the two overlapping on separate cores.
    """
    with _no_cycle_collection():  # in a worker process too
        pdf_job = None
        if options.pdf:
            from cards.export.pdf import start_pdf
            from cards.stamps import source_date

            pdf_job = start_pdf(timestamp=source_date())
        try:
            return _build_deck_with(path, options, dirs, notetype_times, report, pdf_job)
        finally:
            if pdf_job is not None:
                pdf_job.close()


def _build_deck_with(path, options: BuildOptions, dirs, notetype_times, report, pdf_job) -> _DeckResult:
    import time

    from cards.cache import bytes_digest
    from cards.load import load_deck
    from cards.validate import validate

    report = report or (lambda stage, path: None)
    start = time.perf_counter()
    result = _DeckResult(str(path))
    report("loading", path)
    try:
        loaded = load_deck(path)
    except InputError as exc:
        result.problems.extend(exc.problems)
        return result
    deck, problems = validate(loaded)
    result.problems.extend(problems)
    if deck is None:
        return result
    result.deck_id, result.mark = deck.id, deck.mark
    result.inputs = {**loaded.unread, **{p: bytes_digest(data) for p, data in loaded.inputs.items()}}

    job = None
    if pdf_job is not None and not any(p.is_error for p in problems):
        try:
            job = _start_typesetting(deck, loaded, options, dirs, pdf_job)
        except InputError as exc:
            result.problems.extend(exc.problems)
    try:
        if options.lint:
            from cards.lint import lint_decks

            report("linting", path)
            result.problems.extend(lint_decks([(loaded, deck)], options.lint_config))
        if not any(p.is_error for p in result.problems):
            from cards.export.apkg import apkg_bytes
            from cards.render.anki import render_deck
            from cards.stamps import base_time, read_stamps

            report("Anki package", path)
            anki_deck = render_deck(deck, dirs)
            stamps = read_stamps(options.out_dir, deck.id)
            base = base_time([_mtime(Path(p)) for p in loaded.inputs])
            result.files[f"{deck.id}.apkg"] = apkg_bytes(anki_deck, stamps, base, notetype_times.times())
            result.stamps = stamps.to_json().encode()
            result.cards, result.notes = len(deck.cards), len(anki_deck.notes)
        if job is not None and not any(p.is_error for p in result.problems):
            report("PDF", path)
            made = job.result()
            result.files[f"{deck.id}.pdf"] = made.data
            result.pages = len(job.document.pages)
            result.problems.extend(job.warnings(made))
    finally:
        if job is not None:
            job.close()
    result.problems.sort()
    result.seconds = time.perf_counter() - start
    return result


class _Typesetting:
    """A deck's PDF being compiled (a helper process may already be at work on it)."""

    def __init__(self, deck, document, print_options, job):
        self.deck, self.document, self.print_options, self.job = deck, document, print_options, job

    def result(self):
        return self.job.result()

    def warnings(self, made) -> list[Problem]:
        from cards.export.pdf import missing_glyphs
        from cards.render.print import glyph_problems, overflow_problems

        unusual = self.document.unusual  # filled as the parts were rendered
        missing = missing_glyphs(set().union(*unusual.values())) if unusual else set()
        return overflow_problems(self.deck, made.overflows, self.print_options) + \
            glyph_problems(self.deck, unusual, missing)

    def close(self) -> None:
        self.job.close()


def _start_typesetting(deck, loaded, options: BuildOptions, dirs, job) -> _Typesetting:
    """Render the deck's print document and hand it to ``job`` (a started PdfJob), so
    that Typst works while the linter and the Anki export run."""
    from cards.print_options import resolve
    from cards.render.print import render_print

    print_options = resolve(deck.print_options, options.print_overrides, loaded.display)
    document = render_print(deck, dirs, print_options, dated=job.timestamp is not None)
    job.submit(document)
    return _Typesetting(deck, document, print_options, job)


def _write(paths, records, results, options: BuildOptions, fingerprint: str, notetypes) -> BuildReport:
    """Write every built deck and its cache record: all of them, or none if any cannot
    be written (see :class:`cards.export.files.Staged`)."""
    from cards.cache import CacheRecord, bytes_digest, read_record, record_path, warning_dicts
    from cards.export.files import Staged, remove_stale_temp_files, signals_held
    from cards.stamps import NOTETYPES, stamps_path

    remove_stale_temp_files(options.out_dir)
    current = {_resolved(options.out_dir / name) for r in results.values() for name in r.files}
    current |= {_resolved(Path(f)) for record in records.values() for f in record.summary.get("files", ())}
    outputs, warnings, earlier = [], [], {}
    # What to write, in the order it is written and then renamed: the decks' outputs,
    # then the stamps, then the cache records.
    files, stamps, cache_records = [], [], []
    if notetypes is not None:
        stamps.append((stamps_path(options.out_dir, NOTETYPES), notetypes.get()[1].to_json().encode()))
    for path in map(str, paths):
        if path in records:
            record = records[path]
            summary = dict(record.summary)
            deck_files = [Path(p) for p in summary.pop("files")]
            warnings.extend(record.problems())
            outputs.append(DeckOutput(source=path, files=deck_files, cached=True, **summary))
            continue
        result = results[path]
        written = {}
        for name, data in result.files.items():
            target = options.out_dir / name
            files.append((target, data))
            written[str(target)] = bytes_digest(data)
        stamps.append((stamps_path(options.out_dir, result.deck_id), result.stamps))
        earlier[path] = read_record(options.out_dir, path)
        deck_warnings = [p for p in result.problems if not p.is_error]
        warnings.extend(deck_warnings)
        output = DeckOutput(result.deck_id, path, [Path(p) for p in written], result.cards, result.notes,
                            result.pages, result.seconds, len(deck_warnings))
        outputs.append(output)
        summary = {"deck_id": output.deck_id, "files": [str(f) for f in output.files], "cards": output.cards,
                   "notes": output.notes, "pages": output.pages, "seconds": output.seconds,
                   "warnings": output.warnings}
        record = CacheRecord(path, fingerprint, result.inputs, written, summary, warning_dicts(deck_warnings))
        cache_records.append((record_path(options.out_dir, path), record.to_json().encode()))
    if not (files or stamps or cache_records):
        return BuildReport(outputs, sorted(warnings))
    staged = Staged()
    try:
        for target, data in (*files, *stamps, *cache_records):
            staged.write(target, data)
        # Every file is written; now they replace the old ones, all in a moment. The
        # earlier outputs a deck no longer writes go before the new cache records
        # replace the ones that list them, so a build killed in between removes them
        # next time.
        with signals_held():
            staged.replace([target for target, _ in (*files, *stamps)])
            for output in outputs:
                if not output.cached:
                    output.removed = _remove_earlier_outputs(earlier[output.source], options.out_dir, current)
            staged.replace()
    except BaseException:
        staged.discard()
        raise
    return BuildReport(outputs, sorted(warnings))


def _remove_earlier_outputs(earlier, out_dir: Path, current: set[Path]) -> list[Path]:
    """Remove the outputs the ``earlier`` record of a deck lists that no deck writes now,
    if they are still exactly as that build wrote them (a file someone changed since is
    not ours to delete). Done before the new record replaces the earlier one, so a build
    killed in between removes them next time.

    Only the earlier deck id's ``.apkg`` or ``.pdf`` directly in ``out_dir`` is ever
    removed, whatever else the record lists (it is a file anyone can edit, or copy
    along with the folder), and paths are compared resolved, so ``build`` and
    ``/abs/path/to/build`` are one folder.
    """
    from cards.cache import file_digest

    folder = _resolved(out_dir)
    deck_id = earlier.summary.get("deck_id") if earlier else None
    removed = []
    for name, digest in sorted(earlier.outputs.items()) if earlier else ():
        path = Path(name)
        target = _resolved(path)
        if target in current or target.parent != folder or target.name not in (f"{deck_id}.apkg", f"{deck_id}.pdf"):
            continue
        if path.is_symlink() or file_digest(target) != digest:
            continue
        try:
            target.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
