"""Skip decks whose inputs have not changed since the last build.

For every deck file we record, in ``build/.cards/cache/``, a fingerprint of
everything its outputs depend on (the tool's version, the build options, the
templates) together with a hash of each input file it read (the deck file and
its sources) and of each output it wrote. A rebuild re-hashes those files
without parsing anything; if all match and the outputs are still there as
written, the deck is skipped and its summary and warnings are replayed.
``cards build --force`` ignores the cache.

The outputs of a skipped deck are the very files a full build would write, so
skipping never changes a byte of ``build/``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cards.errors import Problem, Severity

CACHE_DIR = Path(".cards") / "cache"


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class CacheRecord:
    deck_path: str
    fingerprint: str
    inputs: dict[str, str]  # path -> sha256
    outputs: dict[str, str]  # path -> sha256
    summary: dict = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)

    def problems(self) -> list[Problem]:
        return [Problem(**{**w, "severity": Severity(w["severity"])}) for w in self.warnings]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)


def record_path(out_dir: Path, deck_path: str) -> Path:
    key = hashlib.sha256(str(Path(deck_path).resolve()).encode()).hexdigest()[:24]
    return out_dir / CACHE_DIR / f"{key}.json"


def read_record(out_dir: Path, deck_path: str) -> CacheRecord | None:
    """The record of the last build of ``deck_path``; None if there is none, or if it is
    not one this tool wrote (damaged, edited): then the deck is built afresh."""
    try:
        raw = json.loads(record_path(out_dir, deck_path).read_text(encoding="utf-8"))
        record = CacheRecord(**raw)
    except (OSError, ValueError, TypeError, RecursionError):
        return None
    shapes = ((record.inputs, dict), (record.outputs, dict), (record.summary, dict), (record.warnings, list))
    if not all(isinstance(value, kind) for value, kind in shapes):
        return None
    if not _is_summary(record.summary) or not all(_is_warning(w) for w in record.warnings):
        return None
    return record


#: The summary of a built deck, as :func:`cards.build` records it, and its warnings.
_SUMMARY = {"deck_id": str, "files": list, "cards": int, "notes": int, "pages": int, "seconds": (int, float),
            "warnings": int}
_WARNING = {"path": str, "line": int, "column": int, "message": str, "severity": str,
            "code": (str, type(None)), "name": (str, type(None)), "card": (str, type(None))}


def _fits(values: dict, shape: dict) -> bool:
    return set(values) == set(shape) and all(
        isinstance(values[key], kind) and not isinstance(values[key], bool) for key, kind in shape.items())


def _is_summary(summary: dict) -> bool:
    return (_fits(summary, _SUMMARY) and all(isinstance(f, str) for f in summary["files"])
            and 0 <= summary["seconds"] < 1e9)  # a duration: no NaN, infinity or negative time


def _is_warning(warning: object) -> bool:
    return isinstance(warning, dict) and _fits(warning, _WARNING) and warning["severity"] == Severity.WARNING.value


def fresh_record(out_dir: Path, deck_path: str, fingerprint: str) -> CacheRecord | None:
    """The record of the last build of ``deck_path`` if nothing it depends on changed."""
    record = read_record(out_dir, deck_path)
    if record is None or record.fingerprint != fingerprint or record.deck_path != deck_path:
        return None
    for path, digest in (*record.inputs.items(), *record.outputs.items()):
        if file_digest(Path(path)) != digest:
            return None
    return record


def warning_dicts(problems: list[Problem]) -> list[dict]:
    return [
        {"path": p.path, "line": p.line, "column": p.column, "message": p.message,
         "severity": p.severity.value, "code": p.code, "name": p.name, "card": p.card}
        for p in problems
    ]
