"""One deck, from its file to the bytes of its outputs, in memory: load, validate, lint,
then the Anki package and the PDF. Writes nothing (see :mod:`cards.build.outputs`).

Runs in the build's own process or in a worker process of a parallel build
(:mod:`cards.build.workers`); what it makes comes back as a :class:`DeckResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cards.build.collector import no_cycle_collection
from cards.errors import InputError, Problem

if TYPE_CHECKING:
    from cards.build import BuildOptions


@dataclass
class DeckResult:
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


class NoteTypeTimes:
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


STAGES = ("loading", "linting", "Anki package", "PDF")


def stage_progress(progress, index: int, count: int):
    """A ``report(stage, path)`` for deck ``index`` of ``count``, built one after another, that
    tells ``progress`` how far the whole build has got."""
    def report(stage: str, path: Path) -> None:
        step = STAGES.index(stage)
        label = f"{stage} {path}" + (f" (deck {index + 1} of {count})" if count > 1 else "")
        progress(label, index * len(STAGES) + step, count * len(STAGES))

    return report


def build_deck(path: Path, options: BuildOptions, dirs, notetype_times: NoteTypeTimes, report=None) -> DeckResult:
    """Load, validate, lint and render one deck to bytes. Writes nothing.

    The PDF helper process starts first, so that its interpreter and Typst are
    ready by the time the deck is validated; it then compiles while the linter
    and the Anki export run, the two overlapping on separate cores.
    """
    with no_cycle_collection():  # in a worker process too
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


def _build_deck_with(path, options: BuildOptions, dirs, notetype_times, report, pdf_job) -> DeckResult:
    import time

    from cards.cache import bytes_digest
    from cards.load import load_deck
    from cards.validate import validate

    report = report or (lambda stage, path: None)
    start = time.perf_counter()
    result = DeckResult(str(path))
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
        from cards.export.pdf_glyphs import missing_glyphs
        from cards.render.print_problems import glyph_problems, overflow_problems

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


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
