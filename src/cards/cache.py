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
    try:
        raw = json.loads(record_path(out_dir, deck_path).read_text(encoding="utf-8"))
        record = CacheRecord(**raw)
    except (OSError, ValueError, TypeError):
        return None
    shapes = ((record.inputs, dict), (record.outputs, dict), (record.summary, dict), (record.warnings, list))
    if not all(isinstance(value, kind) for value, kind in shapes):
        return None  # not a record this tool wrote: build the deck afresh
    return record


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
