"""Times: SOURCE_DATE_EPOCH, the time new content gets, content fingerprints, and the
note times earlier builds kept in ``build/.cards/stamps``.

Anki's importer (with its default "update if newer") only overwrites a note it
already has when the incoming note's modification time is *later*. Each deck's
lock file (:mod:`cards.release`) keeps its notes' times from build to build;
new or changed content gets ``max(base, previous + 1)``, where ``base`` is
``SOURCE_DATE_EPOCH`` when set (reproducible-builds convention), else the
newest modification time among the deck's input files.

Every time is whole seconds from 1970 to the end of the year 9999
(:data:`MAX_TIME`), which Anki's database, the package and the PDF can all
hold. A ``SOURCE_DATE_EPOCH`` outside that range, or not a whole number, is a
usage error.

Before lock files, builds kept ``{key: [content hash, mtime]}`` per deck in
``build/.cards/stamps/<deck id>.json``; :func:`read_stamps` reads them once, to
fill a deck's first lock file (:mod:`cards.release.migrate`), leaving out an
entry that is out of range or of the wrong shape.
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
    """The (hash, mtime) an earlier build recorded for every note and note type of one deck."""

    entries: dict[str, tuple[str, int]] = field(default_factory=dict)


#: Not a valid deck id (those start with a letter or digit), so it cannot clash with one.
NOTETYPES = "_notetypes"


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
