"""One deck, from its file to the bytes of its outputs, in memory: load, validate, lint,
then the Anki package and the PDF. Writes nothing (see :mod:`cards.build.outputs`).

Runs in the build's own process or in a worker process of a parallel build
(:mod:`cards.build.workers`); what it makes comes back as a :class:`DeckResult`.
"""

from __future__ import annotations

import dataclasses
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
    #: the deck's lock file and its new text, when it changes (None: leave it as it is)
    lock: tuple[Path, bytes] | None = None
    #: what students will see change (a cards.release.plan.Changes)
    changes: object = None
    inputs: dict[str, str] = field(default_factory=dict)  # input path -> sha256
    cards: int = 0
    notes: int = 0
    pages: int = 0
    seconds: float = 0.0
    #: with a selection (--tags, --ids): what the deck has of it (a cards.build.selection.Found),
    #: and how many of its cards the PDF prints
    found: object = None
    printed: int | None = None

    @property
    def failed(self) -> bool:
        return self.deck_id is None or any(p.is_error for p in self.problems)


class NoteTypeTimes:
    """The note types every deck of the build shares: each kind's rendered note type, a
    fingerprint of it, and the time a changed one gets (SOURCE_DATE_EPOCH, else the newest
    template file). Worked out when the first deck packs its Anki deck: not before, so
    that a deck's print document reaches Typst sooner. Each deck's lock file then keeps
    the time of each note type it uses (see :mod:`cards.release`)."""

    def __init__(self, options: BuildOptions, dirs):
        self.options, self.dirs = options, dirs
        self._found = None

    def get(self):
        """(kind -> rendered note type, kind -> fingerprint, base time)"""
        if self._found is None:
            from cards.render.anki import render_note_types
            from cards.stamps import base_time, content_hash
            from cards.templating import templates_mtimes

            types = render_note_types(self.dirs)
            digests = {kind: content_hash(nt.name, nt.fields, nt.templates, nt.css) for kind, nt in types.items()}
            self._found = types, digests, base_time(templates_mtimes(self.dirs, "anki"))
        return self._found


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
    printed = deck
    if options.selection:
        chosen, result.found = options.selection.choose(deck)
        printed = dataclasses.replace(deck, cards=chosen)
        result.printed = len(chosen)
    if pdf_job is not None and printed.cards and not any(p.is_error for p in problems):
        try:
            job = _start_typesetting(printed, loaded, options, dirs, pdf_job)
        except InputError as exc:
            result.problems.extend(exc.problems)
    try:
        if options.lint:
            from cards.lint import lint_decks

            report("linting", path)
            result.problems.extend(lint_decks([(loaded, deck)], options.lint_config))
        if not any(p.is_error for p in result.problems):
            report("Anki package", path)
            _pack_anki(deck, loaded, options, dirs, notetype_times, result)
        if job is not None and not any(p.is_error for p in result.problems):
            report("PDF", path)
            from cards.export.pdf_boxes import with_print_boxes

            made = job.result()
            result.files[f"{deck.id}.pdf"] = with_print_boxes(made.data)
            result.pages = len(job.document.pages)
            result.problems.extend(job.warnings(made))
    finally:
        if job is not None:
            job.close()
    result.problems.sort()
    result.seconds = time.perf_counter() - start
    return result


def _pack_anki(deck, loaded, options: BuildOptions, dirs, notetypes: NoteTypeTimes, result: DeckResult) -> None:
    """The deck's .apkg, its notes timed by the deck's lock file (see :mod:`cards.release`),
    and the lock file's new text; or the problems that refuse this release."""
    from cards.export.apkg import apkg_bytes
    from cards.release.lockfile import lock_path, read_lock
    from cards.release.migrate import lock_from_stamps
    from cards.release.plan import plan_release
    from cards.release.withdrawn import withdrawn_notes
    from cards.render.anki import render_deck
    from cards.cache import bytes_digest
    from cards.stamps import base_time, content_hash

    lock_file = lock_path(Path(loaded.path))
    shown = str(Path(loaded.display).with_suffix(".lock"))
    lock, problems = read_lock(lock_file, shown)
    result.problems.extend(problems)
    if problems:
        return
    if not lock.exists:
        lock = lock_from_stamps(deck, options.out_dir)
    types, type_digests, type_base = notetypes.get()
    anki_deck = render_deck(deck, dirs, types)
    digests = {note.card_id: content_hash(note.fields, note.tags, note.note_type) for note in anki_deck.notes}
    base = base_time([_mtime(Path(p)) for p in loaded.inputs])
    release = plan_release(deck, digests, type_digests, lock, base, type_base)
    result.problems.extend(release.problems)
    if any(p.is_error for p in release.problems):
        return
    anki_deck = withdrawn_notes(anki_deck, deck, release.withdrawn, types)
    result.files[f"{deck.id}.apkg"] = apkg_bytes(anki_deck, release)
    text = release.lock.format(Path(loaded.display).name).encode()
    try:
        current = lock_file.read_bytes()
    except OSError:
        current = None
    # An input like the deck: a lock file changed since (a pull, a merge) rebuilds the deck.
    result.inputs[shown] = bytes_digest(text)
    if text != current:
        if options.locked:
            result.problems.append(Problem(shown, 0, 0, "the lock file is out of date (this build would change it: "
                                           f"{release.changes.summary()}); run cards build and commit the lock file"))
            return
        result.lock = (lock_file, text)
    result.changes = release.changes
    result.cards, result.notes = len(deck.cards), len(anki_deck.notes)


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
