"""Modification times for notes and note types, kept across builds.

Anki's importer (with its default "update if newer") only overwrites a note it
already has when the incoming note's modification time is *later*. So a
corrected card must carry a newer time than the build the student imported
before, while an unchanged card must keep its time, or two builds of the same
input would differ.

We keep, per deck, ``{key: [content hash, mtime]}`` in
``build/.cards/stamps/<deck id>.json``:

* unchanged content keeps its recorded time;
* new or changed content gets ``max(base, previous + 1)``.

``base`` is ``SOURCE_DATE_EPOCH`` when set (reproducible-builds convention),
else the newest modification time among the deck's input files, which is
stable across rebuilds of the same checkout and moves forward with edits.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

STAMPS_DIR = Path(".cards") / "stamps"


def content_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def source_date() -> int | None:
    """SOURCE_DATE_EPOCH as an int, or None when unset or not a number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return int(value) if value else None
    except ValueError:
        return None


def base_time(input_mtimes: list[float]) -> int:
    epoch = source_date()
    if epoch is not None and epoch >= 0:
        return epoch
    return int(max(input_mtimes, default=0))


@dataclass
class Stamps:
    """The recorded (hash, mtime) of every note and note type of one deck."""

    entries: dict[str, tuple[str, int]] = field(default_factory=dict)

    def stamp(self, key: str, digest: str, base: int) -> int:
        previous = self.entries.get(key)
        if previous and previous[0] == digest:
            return previous[1]
        mtime = base if previous is None else max(base, previous[1] + 1)
        self.entries[key] = (digest, mtime)
        return mtime

    def to_json(self) -> str:
        return json.dumps({k: list(v) for k, v in sorted(self.entries.items())}, indent=0, sort_keys=True)


#: Not a valid deck id (those start with a letter or digit), so it cannot clash with one.
NOTETYPES = "_notetypes"


def notetype_times(out_dir: Path, note_types, template_mtimes: list[float]) -> tuple[dict[int, int], Stamps]:
    """The modification time of every note type, shared by all decks of the build.

    A changed note type gets a time after any it had before, whichever deck
    brought it; the base is SOURCE_DATE_EPOCH, else the newest template file.
    Returns the times and the updated stamps (to be written with the outputs).
    """
    stamps = read_stamps(out_dir, NOTETYPES)
    base = base_time(template_mtimes)
    times = {
        nt.id: stamps.stamp(f"notetype:{nt.id}", content_hash(nt.name, nt.fields, nt.templates, nt.css), base)
        for nt in note_types
    }
    return times, stamps


def stamps_path(out_dir: Path, deck_id: str) -> Path:
    return out_dir / STAMPS_DIR / f"{deck_id}.json"


def read_stamps(out_dir: Path, deck_id: str) -> Stamps:
    """The stamps of the previous build; empty if there was none or the file is damaged."""
    try:
        raw = json.loads(stamps_path(out_dir, deck_id).read_text(encoding="utf-8"))
        return Stamps({str(k): (str(v[0]), int(v[1])) for k, v in raw.items()})
    except (OSError, ValueError, TypeError, IndexError, AttributeError):
        return Stamps()
