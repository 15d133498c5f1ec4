"""Writing a build's outputs: every deck's files, lock file and cache record, all or none;
removing the outputs of earlier builds that no deck writes now; and what the build
reports of each deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cards.errors import Problem

if TYPE_CHECKING:
    from cards.build import BuildOptions


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
    #: what students will see change since the deck's lock file (None for an unchanged deck)
    changes: object = None
    #: how many cards the PDF prints, when --tags or --ids chose them (None: every card)
    printed: int | None = None


@dataclass
class BuildReport:
    outputs: list[DeckOutput]
    warnings: list[Problem]
    #: worker processes the decks were built in (0: all in this process)
    workers: int = 0


def write_outputs(paths, records, results, options: BuildOptions, fingerprint: str, notetypes) -> BuildReport:
    """Write every built deck and its cache record: all of them, or none if any cannot
    be written (see :class:`cards.export.files.Staged`)."""
    from cards.cache import CacheRecord, bytes_digest, read_record, record_path, warning_dicts
    from cards.export.files import Staged, remove_stale_temp_files, signals_held

    remove_stale_temp_files(options.out_dir)
    current = {_resolved(options.out_dir / name) for r in results.values() for name in r.files}
    current |= {_resolved(Path(f)) for record in records.values() for f in record.summary.get("files", ())}
    outputs, warnings, earlier = [], [], {}
    # What to write, in the order it is written and then renamed: the decks' outputs,
    # then their lock files, then the cache records.
    files, locks, cache_records = [], [], []
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
        if result.lock is not None:
            locks.append(result.lock)
        earlier[path] = read_record(options.out_dir, path)
        deck_warnings = [p for p in result.problems if not p.is_error]
        warnings.extend(deck_warnings)
        output = DeckOutput(result.deck_id, path, [Path(p) for p in written], result.cards, result.notes,
                            result.pages, result.seconds, len(deck_warnings), changes=result.changes,
                            printed=result.printed)
        outputs.append(output)
        summary = {"deck_id": output.deck_id, "files": [str(f) for f in output.files], "cards": output.cards,
                   "notes": output.notes, "pages": output.pages, "seconds": output.seconds,
                   "warnings": output.warnings}
        record = CacheRecord(path, fingerprint, result.inputs, written, summary, warning_dicts(deck_warnings))
        cache_records.append((record_path(options.out_dir, path), record.to_json().encode()))
    if not (files or locks or cache_records):
        return BuildReport(outputs, sorted(warnings))
    staged = Staged()
    try:
        for target, data in (*files, *locks, *cache_records):
            staged.write(target, data)
        # Every file is written; now they replace the old ones, all in a moment. The
        # earlier outputs a deck no longer writes go before the new cache records
        # replace the ones that list them, so a build killed in between removes them
        # next time.
        with signals_held():
            staged.replace([target for target, _ in (*files, *locks)])
            for output in outputs:
                if not output.cached:
                    output.removed = remove_earlier_outputs(earlier[output.source], options.out_dir, current)
            staged.replace()
    except BaseException:
        staged.discard()
        raise
    return BuildReport(outputs, sorted(warnings))


def remove_earlier_outputs(earlier, out_dir: Path, current: set[Path]) -> list[Path]:
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
