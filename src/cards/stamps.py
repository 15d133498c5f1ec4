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

Every time is whole seconds from 1970 to the end of the year 9999
(:data:`MAX_TIME`), which Anki's database, the package and the PDF can all
hold. A ``SOURCE_DATE_EPOCH`` outside that range, or not a whole number, is a
usage error; an entry of a stamps file that is out of range or of the wrong
shape is left out, as if the note were new.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import ConfigError

STAMPS_DIR = Path(".cards") / "stamps"
#: The latest time cards uses: 9999-12-31 23:59:59 UTC, in seconds since 1970.
MAX_TIME = 253_402_300_799


def content_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]


def source_date() -> int | None:
    """SOURCE_DATE_EPOCH as an int, or None when unset or empty.

    Raises :class:`~cards.errors.ConfigError` (a usage error) when it is anything
    but whole seconds since 1970 (ASCII digits) from 0 to :data:`MAX_TIME`.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    value = raw.strip()
    if not value:
        return None
    digits = value.lstrip("0") or "0"
    if value.isascii() and value.isdigit() and len(digits) <= len(str(MAX_TIME)) and int(digits) <= MAX_TIME:
        return int(digits)
    shown = raw if raw.isprintable() and len(raw) <= 40 else repr(raw[:40]) + ("..." if len(raw) > 40 else "")
    raise ConfigError(f"SOURCE_DATE_EPOCH={shown}: not a time cards can use; give seconds since 1970, "
                      "e.g. $(git log -1 --format=%ct)")


def base_time(input_mtimes: list[float]) -> int:
    epoch = source_date()
    if epoch is not None:
        return epoch
    return min(max(int(max(input_mtimes, default=0)), 0), MAX_TIME)


@dataclass
class Stamps:
    """The recorded (hash, mtime) of every note and note type of one deck."""

    entries: dict[str, tuple[str, int]] = field(default_factory=dict)

    def stamp(self, key: str, digest: str, base: int) -> int:
        previous = self.entries.get(key)
        if previous and previous[0] == digest:
            return previous[1]
        mtime = base if previous is None else min(max(base, previous[1] + 1), MAX_TIME)
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
    """The stamps of the previous build; empty if there was none or the file is damaged.

    An entry that is not ``[content hash, time]`` with a time from 0 to :data:`MAX_TIME`
    is left out: its note or note type gets a time as if it were new.
    """
    try:
        raw = json.loads(stamps_path(out_dir, deck_id).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Stamps()
    if not isinstance(raw, dict):
        return Stamps()
    return Stamps({key: (value[0], value[1]) for key, value in raw.items() if _is_entry(value)})


def _is_entry(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and type(value[1]) is int and 0 <= value[1] <= MAX_TIME)
