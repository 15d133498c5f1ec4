"""Load: the only stage that reads input files.

``load_deck`` reads a deck file, parses it with marks, and reads the source
texts the deck declares. A source path is checked before anything is opened:
it must be relative and resolve (symlinks followed) inside the deck's folder.
A refused or unreadable source is not an error here; it is recorded so the
linter can report it on every card that cites it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import InputError, Problem
from cards.model import SourceText
from cards.yamlmarks import YamlError, YMap, YScalar, YValue, parse

#: Largest deck or source file read, in bytes. Far above any real deck.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class LoadedDeck:
    path: Path
    display: str  # the path as the user named it, for messages
    text: str
    data: YValue | None
    sources: dict[str, SourceText] = field(default_factory=dict)
    #: why a declared source could not be read, by source name
    source_problems: dict[str, str] = field(default_factory=dict)
    #: the files read, for the build cache: path -> bytes
    inputs: dict[str, bytes] = field(default_factory=dict)
    #: declared sources that were not read, for the build cache: path -> what to
    #: compare the file's hash with next time (None: the file did not exist;
    #: REFUSED: never the same, so a deck with such a source is always rebuilt)
    unread: dict[str, str | None] = field(default_factory=dict)


def load_deck(path: str | os.PathLike) -> LoadedDeck:
    """Read and parse one deck file and its sources; raise InputError if unreadable."""
    path = Path(path)
    display = str(path)
    raw = _read_bytes(path, display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [Problem(display, line, column, "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    try:
        data = parse(text, display)
    except YamlError as exc:
        raise InputError([Problem(display, exc.mark.line, exc.mark.column, exc.message)]) from None
    loaded = LoadedDeck(path, display, text, data, inputs={display: raw})
    for name, rel in _declared_source_paths(data).items():
        _load_source(loaded, name, rel)
    return loaded


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        if path.is_dir():
            raise InputError([Problem(display, 0, 0, "is a folder, not a deck file")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError([Problem(display, 0, 0, f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}")])
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(display, 0, 0, "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read the file: {exc.strerror}")]) from None


def _declared_source_paths(data: YValue | None) -> dict[str, str]:
    """Source name -> path as written, for every well-formed entry under ``sources``.

    Malformed entries are skipped here; validation reports them.
    """
    if not isinstance(data, YMap) or not isinstance(data.get("sources"), YMap):
        return {}
    paths = {}
    for name, entry in data["sources"].items():
        if isinstance(entry, YMap):
            entry = entry.get("path")
        if isinstance(entry, YScalar) and isinstance(entry.value, str) and entry.value:
            paths[str(name)] = entry.value
    return paths


def safe_source_path(deck_dir: Path, rel: str) -> Path:
    """Resolve ``rel`` inside ``deck_dir`` or raise ValueError saying why not.

    Nothing is opened: a path that leaves the folder is refused before its
    target is read, so a hostile deck cannot make `cards` print other files.
    """
    if "\x00" in rel:
        raise ValueError("the path contains a NUL character")
    if os.path.isabs(rel) or Path(rel).is_absolute() or rel.startswith(("/", "\\")) or Path(rel).drive:
        raise ValueError(f"{rel!r} is an absolute path; give a path relative to the deck file")
    base = deck_dir.resolve()
    target = (base / rel).resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"{rel!r} leads outside the deck's folder; sources must live beside the deck")
    return target


REFUSED = "refused"


def _load_source(loaded: LoadedDeck, name: str, rel: str) -> None:
    shown = str(Path(loaded.display).parent / rel)
    loaded.unread[shown] = REFUSED  # until it is read
    try:
        target = safe_source_path(loaded.path.parent, rel)
    except (ValueError, OSError) as exc:
        loaded.source_problems[name] = f"source {name!r} is refused: {exc}"
        return
    if not target.exists():
        loaded.source_problems[name] = f"source {name!r}: file {rel!r} does not exist"
        loaded.unread[shown] = None
        return
    if not target.is_file():
        loaded.source_problems[name] = f"source {name!r}: {rel!r} is not a regular file"
        return
    try:
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            loaded.source_problems[name] = f"source {name!r}: {rel!r} is {size} bytes; the limit is {MAX_FILE_BYTES}"
            return
        raw = target.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        loaded.source_problems[name] = f"source {name!r}: {rel!r} is not UTF-8 text"
        return
    except OSError as exc:
        loaded.source_problems[name] = f"source {name!r}: cannot read {rel!r}: {exc.strerror}"
        return
    loaded.sources[name] = SourceText(tuple(text.splitlines()))
    loaded.inputs[shown] = raw
    del loaded.unread[shown]
