"""Load: read a deck file and the sources it declares.

``load_deck`` reads a deck file, parses it with marks, and reads the source
texts the deck declares. (It is the only stage that reads a deck's inputs;
the project's configuration, templates and the build's own records are read
by :mod:`cards.config`, :mod:`cards.templating`, :mod:`cards.cache` and
:mod:`cards.stamps`.)

Every input file is confined the same way: a source path is checked before
anything is opened (relative, and resolving, symlinks followed, inside the
deck's folder); a deck file that is a symlink must lead to a file inside its
own folder; and either must be a regular file (not a FIFO or a device, which
could block or never end), read no further than :data:`MAX_FILE_BYTES`.
A refused or unreadable source is not an error here; it is recorded so the
linter can report it on every card that cites it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cards.errors import InputError, Problem
from cards.lines import editor_breaks_only, split_lines
from cards.model import LoadedDeck, SourceText
from cards.yaml_slips import parse
from cards.yamlmarks import YamlError, YMap, YScalar, YSeq, YValue

__all__ = ["LoadedDeck", "load_deck", "read_images", "read_regular_file", "safe_source_path"]

#: Largest deck or source file read, in bytes. Far above any real deck.
MAX_FILE_BYTES = 20 * 1024 * 1024


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
    text = editor_breaks_only(text)
    try:
        data = parse(text, display)
    except YamlError as exc:
        raise InputError([Problem(display, exc.mark.line, exc.mark.column, exc.message)]) from None
    loaded = LoadedDeck(path, display, text, data, inputs={display: raw})
    for name, rel in _declared_source_paths(data).items():
        _load_source(loaded, name, rel)
    read_images(loaded)
    return loaded


def read_images(loaded: LoadedDeck) -> None:
    """Read the images the deck's cards name (see :func:`_load_image`) into ``loaded``."""
    for rel in _image_paths(loaded.data):
        _load_image(loaded, rel)


def _read_bytes(path: Path, display: str) -> bytes:
    def refuse(message: str) -> InputError:
        return InputError([Problem(display, 0, 0, message)])

    try:
        if path.is_symlink():
            folder = path.absolute().parent.resolve()
            if folder not in path.resolve().parents:
                raise refuse("the deck file is a link to a file outside its folder; "
                             "copy the deck into the folder instead")
        return read_regular_file(path)
    except NotRegularFile as exc:
        raise refuse(f"{exc}; a deck must be a plain text file") from None
    except TooLarge as exc:
        raise refuse(str(exc)) from None
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot read the file: {exc.strerror or exc}") from None
    except RuntimeError:  # a symlink loop, on Pythons that raise it
        raise refuse("cannot read the file: too many levels of symbolic links") from None


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket."""


class TooLarge(OSError):
    """The file is larger than :data:`MAX_FILE_BYTES`."""


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, or NotRegularFile / TooLarge / OSError.

    Opened without blocking (a FIFO would wait forever for a writer) and checked
    on the open descriptor, so what is checked is what is read; the size is
    counted while reading, since a device reports none.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotRegularFile("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise NotRegularFile("is not a regular file (a pipe, device or socket)")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"the file is larger than the limit of {limit} bytes")
            chunks.append(chunk)
    finally:
        os.close(fd)


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


def _read_named_file(loaded: LoadedDeck, rel: str, limit: int) -> tuple[bytes | None, tuple[str, object]]:
    """Read a file the deck names (a source or an image) the one way every such file is
    read: confined to the deck's folder, a regular file, no more than ``limit`` bytes;
    and keep the build cache's record of it (``loaded.unread`` until the caller, content
    with what it holds, calls :func:`_mark_read`).

    Returns the bytes, or None and why not: ``("refused", reason)``, ``("missing", None)``,
    ``("not-regular", None)``, ``("too-large", None)`` or ``("unreadable", OSError)``;
    each caller words it for its own kind of file."""
    shown = str(Path(loaded.display).parent / rel)
    loaded.unread[shown] = REFUSED  # until it is read
    try:
        target = safe_source_path(loaded.path.parent, rel)
    except (ValueError, OSError) as exc:
        return None, ("refused", exc)
    try:
        raw = read_regular_file(target, limit)
    except FileNotFoundError:
        loaded.unread[shown] = None
        return None, ("missing", None)
    except NotRegularFile:
        return None, ("not-regular", None)
    except TooLarge:
        return None, ("too-large", None)
    except OSError as exc:
        return None, ("unreadable", exc)
    return raw, ("read", None)


def _mark_read(loaded: LoadedDeck, rel: str, raw: bytes) -> None:
    """``rel`` was read and used: an input of the build, hashed for its cache."""
    shown = str(Path(loaded.display).parent / rel)
    loaded.inputs[shown] = raw
    del loaded.unread[shown]


def _load_source(loaded: LoadedDeck, name: str, rel: str) -> None:
    raw, (why, detail) = _read_named_file(loaded, rel, MAX_FILE_BYTES)
    if raw is not None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            why = "not-utf8"
    if why != "read":
        loaded.source_problems[name] = {
            "refused": lambda: f"source {name!r} is refused: {detail}",
            "missing": lambda: f"source {name!r}: file {rel!r} does not exist",
            "not-regular": lambda: f"source {name!r}: {rel!r} is not a regular file",
            "too-large": lambda: f"source {name!r}: {rel!r} is larger than the limit of {MAX_FILE_BYTES} bytes",
            "unreadable": lambda: f"source {name!r}: cannot read {rel!r}: {detail.strerror or detail}",
            "not-utf8": lambda: f"source {name!r}: {rel!r} is not UTF-8 text",
        }[why]()
        return
    loaded.sources[name] = SourceText(tuple(split_lines(text)))
    _mark_read(loaded, rel, raw)


def _image_paths(data: YValue | None) -> list[str]:
    """The ``image:`` paths of the deck's cards, each once; malformed ones are left to validation."""
    if not isinstance(data, YMap):
        return []
    cards = data.get("cards")
    found: dict[str, None] = {}
    for card in cards if isinstance(cards, YSeq) else ():
        entry = card.get("image") if isinstance(card, YMap) else None
        if isinstance(entry, YScalar) and isinstance(entry.value, str) and entry.value.strip():
            found[entry.value.strip()] = None
    return list(found)


def _load_image(loaded: LoadedDeck, rel: str) -> None:
    """Read a card's image as a source is read: confined to the deck's folder, a regular file,
    no further than the image size limit (what it holds is checked by cards.images)."""
    from cards.images import MAX_IMAGE_BYTES

    raw, (why, detail) = _read_named_file(loaded, rel, MAX_IMAGE_BYTES)
    if raw is None:
        shown = repr(rel[:40])
        loaded.image_problems[rel] = {
            "refused": lambda: f"image is refused: {str(detail).replace('sources must', 'images must')}",
            "missing": lambda: f"image {shown} does not exist",
            "not-regular": lambda: f"image {shown} is not a regular file",
            "too-large": lambda: f"image {shown} is larger than the limit of {MAX_IMAGE_BYTES} bytes",
            "unreadable": lambda: f"cannot read image {shown}: {detail.strerror or detail}",
        }[why]()
        return
    loaded.images[rel] = raw
    _mark_read(loaded, rel, raw)
