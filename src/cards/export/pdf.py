"""Export: a rendered print document -> PDF bytes, with Typst.

The program is compiled from a private temporary folder that holds nothing
else and is its root, so even a template cannot read files outside it; the
card data goes in through ``sys.inputs``. Only the fonts built into Typst are
used (Libertinus Serif, which covers Latin, Greek and Cyrillic, and DejaVu Sans
Mono), never the machine's, so the same input gives the same bytes on every
machine.

A document of one part (up to about 1,000 cards; see
:class:`cards.render.print.PrintDocument`) is one compile, and its PDF is
tagged for accessibility, as Typst makes it. A bigger one is compiled a part at
a time and the PDFs joined (:func:`join_pdfs`): Typst keeps everything it lays
out until the PDF is written, so one compile of 10,000 cards would need
gigabytes, while a part needs tens of megabytes. Joined PDFs are not tagged
(the structure trees of separate compiles cannot simply be joined).

Typst holds Python's lock while it compiles, so threads do not help; where
there are two processors or more, a helper process compiles parts at the same
time as this one. :func:`start_pdf` starts the helper before the deck is even
loaded; :meth:`PdfJob.submit` hands it each part as soon as it is rendered, and
the helper compiles them from the first on while the build lints and packs the
Anki deck, after which this process compiles the rest from the last one back.

The PDF carries no date unless ``SOURCE_DATE_EPOCH`` is set, in which case it
carries that one; either way two builds of the same input are byte-identical,
however the parts were shared out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cards.errors import CardsError
from cards.export.files import process_alive

if TYPE_CHECKING:
    from cards.render.print import PrintDocument

OVERFLOW_LABEL = "<cards-overflow>"
MAIN = "cards.typ"
#: What Typst cached for one part is no use to the next, but clearing it costs some
#: 50 ms (freeing the memory). A document of up to this many parts (some 2,000 cards:
#: 180 MB a process) is compiled without clearing; in a bigger one, each process clears
#: the cache before every part but its first, which keeps a 10,000-card build under
#: 330 MB for both processes together.
KEEP_ALL_UP_TO = 4
#: Written by submit() before the parts: the number of parts. The helper waits for it,
#: then for each part-K.json in turn, which submit() writes as it renders them.
READY = "ready"
#: How long the helper waits for the document or a part before it gives up (seconds).
READY_TIMEOUT = 600
#: Typst forgets what it cached for a compile once this many later compiles have not used it
#: (typst-py evicts with this age after every compile).
CACHE_AGE = 10


#: Each folder is named cards-print-<id of the process that made it>-<random>.
FOLDER_PREFIX = "cards-print-"
#: A folder left by a build that was killed is removed by a later build once it has not
#: changed for this long (seconds) and its owner is gone.
ABANDONED_AFTER = 3600


class PdfError(CardsError):
    """Typst could not make the PDF (a broken template, usually)."""


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    #: one {"card", "face", "part"} per text that did not fit its card
    overflows: list[dict[str, Any]]


def pdf_bytes(document: PrintDocument, *, timestamp: int | None = None) -> PdfResult:
    """Compile ``document``. ``timestamp`` (Unix seconds) is the date the PDF carries
    if the document was rendered with ``dated=True``."""
    return PdfJob(document, timestamp, background=False).result()


def start_pdf(document: PrintDocument | None = None, *, timestamp: int | None = None) -> PdfJob:
    """Start compiling ``document`` in a helper process and return at once, so that the
    caller can do other work (lint, write the Anki package) while Typst compiles; the
    job's ``result()`` finishes it (compiling here what the helper has not begun) and
    returns what :func:`pdf_bytes` does. Use it as a context manager, or call ``close()``
    if the result is not wanted after all.

    Without ``document``, the helper starts (a fresh interpreter importing Typst) while
    the caller is still rendering the document, which it then hands over with
    :meth:`PdfJob.submit`."""
    return PdfJob(document, timestamp, background=True)


class PdfJob:
    """A document's PDF in the making: its program and parts in a private folder, and
    perhaps a helper process already compiling them (see :func:`start_pdf`)."""

    def __init__(self, document: PrintDocument | None, timestamp: int | None, *, background: bool):
        self.timestamp = timestamp
        self.helper: subprocess.Popen | None = None
        self.document: PrintDocument | None = None
        self.folder = None
        try:
            self.folder = _private_folder()
        except OSError as exc:
            raise _cannot(exc) from None
        _jobs.add(self)
        try:
            if background:
                self.helper = _start_helper(self.folder, timestamp)
            _remove_abandoned_folders(self.folder)
            if document is not None:
                self.submit(document)
        except BaseException:
            self.close()
            raise

    def submit(self, document: PrintDocument) -> None:
        """Hand over the document to compile: its program goes into the folder, the helper
        (started now if it is not running and there are parts to share) is told how many
        parts there are, and then each part's data follows as it is rendered, so that the
        helper compiles the first while this process fits the text of the others."""
        self.document = document
        self.deck_id, self.count = document.deck_id, document.part_count
        try:
            (self.folder / MAIN).write_text(document.source, encoding="utf-8")
            if self.helper is None and self.count > 1:
                self.helper = _start_helper(self.folder, self.timestamp)
            _write(self.folder / READY, str(self.count).encode())
            for index in range(self.count):
                _write(self.folder / f"part-{index}.json", document.part(index).encode("utf-8"))
        except OSError as exc:
            raise _cannot(exc, self.deck_id) from None

    def __enter__(self) -> PdfJob:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Stop the helper, if it still runs, and remove the folder."""
        helper, self.helper = getattr(self, "helper", None), None
        if helper is not None and helper.poll() is None:
            helper.kill()
            helper.wait()
        if getattr(self, "folder", None) is not None and self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        _jobs.discard(self)

    def result(self) -> PdfResult:
        """The PDF and the overflow markers of every part, once all are compiled."""
        try:
            results = _compile_parts(self.folder, self.count, self.timestamp, self.helper)
            overflows = [item for _, found in results for item in found]
            if len(results) == 1:
                return PdfResult(results[0][0], overflows)
            try:
                return PdfResult(join_pdfs([pdf for pdf, _ in results]), overflows)
            except UnjoinablePdf:
                # Not the PDF this Typst was known to write: make it in one compile after all.
                data, overflows = compile_part(self.folder, _whole(self.document.parts), self.timestamp, tagged=True)
                return PdfResult(data, overflows)
        except _Failed as failure:
            # A broken template: Typst's diagnostic quotes the offending line of the
            # program rendered from templates/print/.
            raise PdfError(
                f"{self.deck_id}: cannot make the PDF (is a template in print/ broken?):\n{_first_lines(failure.detail)}"
            ) from None
        except OSError as exc:
            raise _cannot(exc, self.deck_id) from None
        finally:
            self.close()


#: The jobs of this process not closed yet, for stop_all_jobs().
_jobs: weakref.WeakSet[PdfJob] = weakref.WeakSet()


def stop_all_jobs() -> None:
    """Kill the helper processes of this process's PDF jobs and remove their folders, at
    once: for a process that is about to end without unwinding (a worker process of a
    parallel build being stopped), where closing each job properly is not possible."""
    for job in list(_jobs):
        helper = job.helper
        if helper is not None and helper.returncode is None:
            try:
                os.kill(helper.pid, signal.SIGKILL)
            except OSError:
                pass
        if job.folder is not None:
            shutil.rmtree(job.folder, ignore_errors=True)


def _cannot(exc: OSError, deck_id: str | None = None) -> PdfError:
    """The error for a PDF that could not be made for want of a usable temporary folder
    (full, read-only, missing): the folder is named, and how to choose another."""
    where = f" in the temporary folder {tempfile.tempdir}" if tempfile.tempdir else ""
    return PdfError(f"{deck_id + ': ' if deck_id else ''}cannot make the PDF{where}: {exc.strerror or exc} "
                    "(set TMPDIR to use another folder)")


def _private_folder() -> Path:
    """A new folder of this process's own in the temporary folder, named after it."""
    return Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))


def _remove_abandoned_folders(own: Path) -> None:
    """Remove the folders of builds that were killed (SIGKILL, a power cut) before they
    or their helper could remove them: a cards-print-* folder of this user whose owner
    process is gone and that has not changed for an hour. The hour keeps the folder of
    a build in another PID namespace (a container sharing /tmp) safe, whose owner this
    process cannot see; a folder whose name gives no owner (older versions) must be a day old."""
    now = time.time()
    try:
        entries = list(os.scandir(own.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(FOLDER_PREFIX) or entry.path == str(own):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or info.st_uid != os.getuid():
                continue
            age = now - info.st_mtime
        except OSError:
            continue
        owner_id = entry.name[len(FOLDER_PREFIX):].partition("-")[0]
        owner = int(owner_id) if owner_id.isdigit() else None
        if age < ABANDONED_AFTER or (owner is None and age < 24 * ABANDONED_AFTER) or process_alive(owner):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)


#: Measures, in the card font, each character with and without falling back to the other
#: fonts built into Typst, and the font's own "missing glyph" box (a character of a private
#: use plane no font has).
_GLYPH_PROBE = """
#set text(font: "Libertinus Serif")
#let chars = json(bytes(sys.inputs.chars))
#let width(c, fallback) = measure(text(fallback: fallback, c)).width / 1pt
#context [#metadata((box: width("\\u{10FFFD}", false), rows: chars.map(c => (width(c, true), width(c, false))))) <out>]
"""


def missing_glyphs(characters: set[str]) -> set[str]:
    """The ``characters`` that no font built into Typst has: they print as empty boxes.

    Told apart by width: such a character is as wide as the card font's missing-glyph
    box, with or without fallback to the other fonts. (A character the card font has at
    exactly that width would pass for missing; outside the alphabets the card font
    covers, which never get here, that is rare.)"""
    import typst

    if not characters:
        return set()
    ordered = sorted(characters)
    try:
        folder = _private_folder()
    except OSError as exc:
        raise _cannot(exc) from None
    try:
        (folder / "probe.typ").write_text(_GLYPH_PROBE, encoding="utf-8")
        found = json.loads(typst.query(str(folder / "probe.typ"), "<out>", field="value", root=str(folder),
                                       font_paths=[], ignore_system_fonts=True,
                                       sys_inputs={"chars": json.dumps(ordered)}))[0]
    except OSError as exc:
        raise _cannot(exc) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    empty = found["box"]
    return {c for c, (with_fallback, alone) in zip(ordered, found["rows"])
            if abs(with_fallback - empty) < 1e-6 and abs(alone - empty) < 1e-6}


def _whole(parts: tuple[str, ...]) -> str:
    """The data of all ``parts`` as one."""
    whole: dict[str, Any] = {"cards": [], "pages": []}
    for part in parts:
        data = json.loads(part)
        offset = len(whole["cards"])
        for page in data["pages"]:
            for slot in page["slots"]:
                slot[0] += offset
        whole["title"] = data["title"]
        whole["cards"] += data["cards"]
        whole["pages"] += data["pages"]
    return json.dumps(whole, ensure_ascii=False, separators=(",", ":"))


class _Failed(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def compile_part(folder: Path, data: str, timestamp: int | None, *, tagged: bool) -> tuple[bytes, list[dict[str, Any]]]:
    """One compile of the program in ``folder`` with one part's data: (PDF, overflow markers)."""
    import typst

    try:
        compiler = typst.Compiler(
            input=str(folder / MAIN),
            root=str(folder),
            font_paths=[],
            ignore_system_fonts=True,
            sys_inputs={"data": data},
        )
        kwargs: dict[str, Any] = {"pdf_tags": tagged}
        if timestamp is not None:
            kwargs["timestamp"] = timestamp
        pdf = compiler.compile(format="pdf", **kwargs)
        # The compiler keeps the layout it just made, so this costs next to nothing.
        found = compiler.query(OVERFLOW_LABEL, field="value")
    except (RuntimeError, typst.TypstError) as exc:
        raise _Failed(getattr(exc, "diagnostic", None) or str(exc)) from None
    return pdf, json.loads(found) if found else []


def _forget(folder: Path) -> None:
    """Let Typst drop what it cached for the last part, which the next part cannot use:
    typst-py ages its cache by one every compile, so a few empty compiles age it out."""
    import typst

    empty = folder / "empty.typ"
    empty.write_text("", encoding="utf-8")
    compiler = typst.Compiler(input=str(empty), root=str(folder), font_paths=[], ignore_system_fonts=True)
    for _ in range(CACHE_AGE + 1):
        compiler.compile(format="svg")


# --- parts, in two processes -----------------------------------------------------------------------
#
# The parts' data is in the folder as part-K.json. Each process takes parts by
# creating part-K.taken (which only one can): the helper from the first part on, as
# soon as each is written, and this one, once it has linted and packed the Anki deck,
# from the last one back. Each writes part-K.pdf and part-K.found (the overflow
# markers), or part-K.error (Typst's diagnostic) if the program fails. A document of
# one part is tagged for accessibility, as one compile always was; parts to be joined
# are not.


def _take(folder: Path, index: int) -> bool:
    try:
        os.close(os.open(folder / f"part-{index}.taken", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _do_part(folder: Path, index: int, count: int, timestamp: int | None) -> None:
    data = (folder / f"part-{index}.json").read_text(encoding="utf-8")
    try:
        pdf, found = compile_part(folder, data, timestamp, tagged=count == 1)
    except _Failed as failure:
        _write(folder / f"part-{index}.error", failure.detail.encode("utf-8"))
        raise
    _write(folder / f"part-{index}.found", json.dumps(found).encode("utf-8"))
    _write(folder / f"part-{index}.pdf", pdf)


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.rename(path)  # the other process sees the whole file or none


class _Cache:
    """Typst's cache in this process, for a document of ``total`` parts."""

    def __init__(self, total: int):
        self.total = total
        self.compiled = 0

    def before_part(self, folder: Path) -> None:
        if self.compiled and self.total > KEEP_ALL_UP_TO:
            _forget(folder)
        self.compiled += 1


def _helper_main(folder: str, timestamp: str, parent: str) -> None:
    """The helper process: wait for the document, then take parts from the first on, each
    as soon as it is written, until they meet this process's.

    ``parent`` is the build's process id, passed in rather than read here: if the
    build were killed before this process got going, getppid() would already
    name someone else and the helper would never notice.
    """
    where, parent = Path(folder), int(parent)
    try:
        if not _wait_for(where / READY, parent):
            return
        total = int((where / READY).read_text(encoding="utf-8"))
        cache = _Cache(total)
        for index in range(total):
            if not _wait_for(where / f"part-{index}.json", parent) or not _take(where, index):
                return
            cache.before_part(where)
            _do_part(where, index, total, int(timestamp) if timestamp else None)
    except (_Failed, OSError, ValueError):
        return
    finally:
        if os.getppid() != parent:
            # The build was killed: nobody wants the parts, nor the folder it left.
            shutil.rmtree(where, ignore_errors=True)


def _wait_for(path: Path, parent: int) -> bool:
    """Wait until ``path`` exists; False if the build is gone or has not written it in time."""
    deadline = time.monotonic() + READY_TIMEOUT
    while not path.exists():
        if os.getppid() != parent or time.monotonic() > deadline or not path.parent.exists():
            return False
        time.sleep(0.002)
    return os.getppid() == parent


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _start_helper(folder: Path, timestamp: int | None) -> subprocess.Popen | None:
    if _processors() < 2:
        return None
    package = Path(__file__).resolve().parent.parent.parent  # the folder holding cards/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(package), *filter(None, [env.get("PYTHONPATH")])])
    try:
        return subprocess.Popen(
            # -P: never put the current folder on sys.path, so a deck repository holding a
            # file named typst.py or json.py cannot have it run in place of the real one.
            [sys.executable, "-P", "-c",
             "import sys; from cards.export.pdf import _helper_main; _helper_main(*sys.argv[1:])",
             str(folder), "" if timestamp is None else str(timestamp), str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
    except (OSError, ValueError):
        return None


def _compile_parts(folder: Path, count: int, timestamp: int | None,
                   helper: subprocess.Popen | None) -> list[tuple[bytes, list[dict[str, Any]]]]:
    """Compile, in this process, the parts the helper has not taken, from the last one
    back; then wait for it."""
    cache = _Cache(count)
    for index in reversed(range(count)):
        if _take(folder, index):
            cache.before_part(folder)
            _do_part(folder, index, count, timestamp)
    if helper is not None:
        helper.wait()
    results = []
    for index in range(count):
        pdf, found, error = (folder / f"part-{index}.{ext}" for ext in ("pdf", "found", "error"))
        if error.exists():
            raise _Failed(error.read_text(encoding="utf-8"))
        if not pdf.exists():
            # The helper took the part but did not finish it (it could not start Typst, say).
            _do_part(folder, index, count, timestamp)
        results.append((pdf.read_bytes(), json.loads(found.read_text(encoding="utf-8"))))
    return results


def _first_lines(message: str, count: int = 12) -> str:
    return "\n".join(message.rstrip().splitlines()[:count])


# --- joining PDFs ----------------------------------------------------------------------------------
#
# Typst writes plain PDFs: a classic cross-reference table, every object in the
# body as "N 0 obj ... endobj" in order, a catalog pointing at one flat page
# tree. Joining such files needs no PDF library: renumber each file's objects
# into one sequence, replace the files' catalogs and page trees by one of each
# listing every page, and keep only what the new catalog and the first file's
# document information reach (each file has its own fonts, with the glyphs its
# pages use). Anything not written that way is refused with UnjoinablePdf.


class UnjoinablePdf(ValueError):
    """A PDF is not in the plain form join_pdfs handles."""


_TOKEN = re.compile(
    rb"(?P<string>\()|(?P<hex>(?<!<)<(?!<)[0-9A-Fa-f\s]*>)|(?P<name>/[^\s()<>\[\]{}/%]*)|(?P<comment>%[^\r\n]*)"
    rb"|(?P<ref>(?<![\w.+-])(?P<num>\d+)\s+(?P<gen>\d+)\s+R(?![^\s()<>\[\]{}/%]))|(?P<stream>\bstream(?:\r\n|\n))"
)
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


def _string_end(data: bytes, start: int) -> int:
    """Where the literal string opening at ``start`` ends (just past its closing parenthesis)."""
    depth, i = 0, start
    while i < len(data):
        byte = data[i]
        if byte == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise UnjoinablePdf("unterminated string")


_REF = re.compile(rb"(?<![\w.+-])(\d+)\s+(\d+)\s+R(?![^\s()<>\[\]{}/%])")
_STREAM = re.compile(rb"\bstream(?:\r\n|\n)")
_TRICKY = re.compile(rb"[(%]|(?<!<)<(?!<)")


def _scan(body: bytes) -> list[tuple[int, int, int]]:
    """The references in an object's body outside strings and stream data, as
    (start, end, object number)."""
    stream = _STREAM.search(body)
    head = body[:stream.start()] if stream else body
    if not _TRICKY.search(head):
        # No strings, hex strings or comments (most objects): every "N 0 R" is a reference.
        refs = [(m.start(), m.end(), int(m.group(1)), m.group(2)) for m in _REF.finditer(head)]
    else:
        refs, pos = [], 0
        while True:
            match = _TOKEN.search(body, pos)
            if match is None or match.group("stream"):
                break
            if match.group("string"):
                pos = _string_end(body, match.start())
                continue
            if match.group("ref"):
                refs.append((match.start(), match.end(), int(match.group("num")), match.group("gen")))
            pos = match.end()
    if any(gen != b"0" for *_, gen in refs):
        raise UnjoinablePdf("object generation other than 0")
    return [(start, end, number) for start, end, number, _ in refs]


@dataclass
class _Pdf:
    header: bytes
    objects: dict[int, bytes]  # number -> body (between "N 0 obj" and "endobj")
    root: int
    info: int | None
    trailer_id: bytes | None


def _parse(pdf: bytes) -> _Pdf:
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    if not found:
        raise UnjoinablePdf("no startxref")
    xref = int(found.group(1))
    table = re.compile(rb"xref\s+0\s+(\d+)\s+").match(pdf, xref)
    if not table:
        raise UnjoinablePdf("no classic cross-reference table")
    size = int(table.group(1))
    entries = _XREF_ENTRY.findall(pdf, table.end(), table.end() + 20 * size)
    if len(entries) != size:
        raise UnjoinablePdf("cross-reference table is not one section")
    trailer = re.compile(rb"\s*trailer\s*(<<.*?>>)\s*startxref", re.S).match(pdf, table.end() + 20 * size)
    if not trailer or b"/Prev" in trailer.group(1) or b"/Encrypt" in trailer.group(1):
        raise UnjoinablePdf("unexpected trailer")
    root = re.search(rb"/Root (\d+) 0 R", trailer.group(1))
    info = re.search(rb"/Info (\d+) 0 R", trailer.group(1))
    trailer_id = re.search(rb"/ID\s*(\[[^\]]*\])", trailer.group(1))
    if not root:
        raise UnjoinablePdf("no catalog")
    offsets = sorted((int(offset), number) for number, (offset, _, kind) in enumerate(entries) if kind == b"n")
    objects = {}
    for (offset, number), (end, _) in zip(offsets, [*offsets[1:], (xref, 0)]):
        chunk = pdf[offset:end]
        head = re.compile(rb"(\d+) 0 obj\s").match(chunk)
        tail = chunk.rstrip().endswith(b"endobj")
        if not head or int(head.group(1)) != number or not tail:
            raise UnjoinablePdf(f"object {number} is not where the table says")
        objects[number] = chunk[head.end():chunk.rstrip().rfind(b"endobj")]
    return _Pdf(pdf[:offsets[0][0]] if offsets else b"", objects, int(root.group(1)),
                int(info.group(1)) if info else None, trailer_id.group(1) if trailer_id else None)


_DELIMITERS = b"()<>[]{}/%"
_WHITESPACE = b" \t\r\n\f\0"


_BRACKETS = re.compile(rb"\(|<<|>>|\[|\]|<")


def _value_end(data: bytes, i: int) -> int:
    """Where the object starting at ``i`` (no whitespace before it) ends."""
    if data.startswith(b"<<", i) or data[i:i + 1] == b"[":
        depth, j = 0, i
        while True:
            match = _BRACKETS.search(data, j)
            if match is None:
                raise UnjoinablePdf("unterminated dictionary or array")
            token = match.group()
            if token == b"(":
                j = _string_end(data, match.start())
                continue
            if token == b"<":  # a hex string
                j = data.find(b">", match.end()) + 1
                if j == 0:
                    raise UnjoinablePdf("unterminated hex string")
                continue
            depth += 1 if token in (b"<<", b"[") else -1
            j = match.end()
            if depth == 0:
                return j
    if data[i:i + 1] == b"(":
        return _string_end(data, i)
    if data[i:i + 1] == b"<":
        end = data.find(b">", i)
        if end < 0:
            raise UnjoinablePdf("unterminated hex string")
        return end + 1
    j = i + 1 if data[i:i + 1] == b"/" else i
    while j < len(data) and data[j] not in _DELIMITERS and data[j] not in _WHITESPACE:
        j += 1
    ref = re.compile(rb"\s+\d+\s+R(?![^\s()<>\[\]{}/%])").match(data, j)
    return ref.end() if ref and data[i:j].isdigit() else j


def _dict_entries(body: bytes) -> dict[bytes, bytes]:
    """The entries of the dictionary ``body`` is: {key: its value as written}."""
    data = body.strip()
    if not (data.startswith(b"<<") and _value_end(data, 0) == len(data)):
        raise UnjoinablePdf("not a dictionary")
    entries, i = {}, 2
    while True:
        while data[i] in _WHITESPACE:
            i += 1
        if data.startswith(b">>", i):
            return entries
        if data[i:i + 1] != b"/":
            raise UnjoinablePdf("dictionary key is not a name")
        key_end = _value_end(data, i)
        j = key_end
        while data[j] in _WHITESPACE:
            j += 1
        end = _value_end(data, j)
        entries[data[i:key_end]] = data[j:end]
        i = end


def join_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF of the pages of ``pdfs`` in order; the first one's document information and
    metadata (the page count in it made right). For PDFs as Typst writes them, untagged."""
    if len(pdfs) == 1:
        return pdfs[0]
    files = [_parse(pdf) for pdf in pdfs]
    # Object numbers in the joined file before compaction: file k's N becomes base[k] + N.
    base, bodies = [], {}
    next_number = 1
    for pdf in files:
        base.append(next_number - 1)
        next_number += max(pdf.objects, default=0)
    new_root, new_pages = next_number, next_number + 1
    kids, count = [], 0
    catalog_entries: dict[bytes, bytes] = {}
    for k, pdf in enumerate(files):
        catalog = _dict_entries(pdf.objects[pdf.root])
        pages_ref = re.fullmatch(rb"(\d+) 0 R", catalog.get(b"/Pages", b""))
        if catalog.get(b"/Type") != b"/Catalog" or not pages_ref:
            raise UnjoinablePdf("unexpected catalog")
        unknown = set(catalog) - {b"/Type", b"/Pages", b"/Metadata", b"/Lang", b"/ViewerPreferences"}
        if unknown:
            raise UnjoinablePdf(f"catalog has {sorted(unknown)}")
        if k == 0:
            catalog_entries = catalog
        tree = int(pages_ref.group(1))
        entries = _dict_entries(pdf.objects[tree])
        if set(entries) != {b"/Type", b"/Count", b"/Kids"} or entries[b"/Type"] != b"/Pages":
            raise UnjoinablePdf("unexpected page tree")
        count += int(entries[b"/Count"])
        kids += [base[k] + int(n) for n in re.findall(rb"(\d+) 0 R", entries[b"/Kids"])]
        for number, body in pdf.objects.items():
            if number in (pdf.root, tree):
                continue
            refs = []
            for start, end, target in _scan(body):
                if target not in pdf.objects or target == pdf.root:
                    raise UnjoinablePdf(f"unexpected reference to object {target}")
                # Every page tree points at the one new page tree instead.
                refs.append((start, end, new_pages if target == tree else base[k] + target))
            bodies[base[k] + number] = (body, refs)
    first = files[0]
    metadata = re.fullmatch(rb"(\d+) 0 R", catalog_entries.get(b"/Metadata", b""))
    if metadata:
        number = base[0] + int(metadata.group(1))
        bodies[number] = (_set_page_count(bodies[number][0], count), [])
    catalog = b"<<" + b"".join(
        key + (b" %d 0 R" % new_pages if key == b"/Pages" else
               b" %d 0 R" % (base[0] + int(metadata.group(1))) if key == b"/Metadata" and metadata else
               (b"" if value[:1] in b"/(<[" else b" ") + value)
        for key, value in catalog_entries.items()
    ) + b">>\n"
    pages = b"<</Type/Pages/Count %d/Kids[%s]>>\n" % (count, b" ".join(b"%d 0 R" % n for n in kids))
    bodies[new_root] = (catalog, _scan(catalog))
    bodies[new_pages] = (pages, _scan(pages))
    info = base[0] + first.info if first.info is not None else None
    # Keep what the catalog and the document information reach, numbered in the order found.
    order, seen, stack = [], set(), [n for n in (new_root, info) if n is not None]
    while stack:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        order.append(number)
        stack.extend(target for _, _, target in reversed(bodies[number][1]))
    order.sort()
    final = {number: i + 1 for i, number in enumerate(order)}
    out = [first.header]
    position = len(first.header)
    offsets = []
    for number in order:
        body, refs = bodies[number]
        if refs:
            pieces, last = [], 0
            for start, end, target in refs:
                pieces += [body[last:start], b"%d 0 R" % final[target]]
                last = end
            pieces.append(body[last:])
            body = b"".join(pieces)
        chunk = b"%d 0 obj\n%sendobj\n" % (final[number], body if body.endswith(b"\n") else body + b"\n")
        offsets.append(position)
        out.append(chunk)
        position += len(chunk)
    xref = [b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(order) + 1)]
    xref += [b"%010d 00000 n\r\n" % offset for offset in offsets]
    trailer = b"trailer\n<</Size %d/Root %d 0 R" % (len(order) + 1, final[new_root])
    if info is not None:
        trailer += b"/Info %d 0 R" % final[info]
    if first.trailer_id:
        trailer += b"/ID" + first.trailer_id
    trailer += b">>\nstartxref\n%d\n%%%%EOF" % position
    return b"".join(out + xref + [trailer])


def _set_page_count(body: bytes, count: int) -> bytes:
    """The XMP metadata stream with its page count set to ``count`` (and its /Length to match)."""
    split = re.compile(rb"(<<.*?>>)\s*stream(\r\n|\n)", re.S).match(body.lstrip())
    if not split or b"/Filter" in split.group(1):
        raise UnjoinablePdf("unexpected metadata")
    rest = body.lstrip()[split.end():]
    length = re.search(rb"/Length (\d+)", split.group(1))
    if not length:
        raise UnjoinablePdf("unexpected metadata")
    xml, after = rest[:int(length.group(1))], rest[int(length.group(1)):]
    xml = re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>", b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % count, xml)
    head = split.group(1).replace(length.group(0), b"/Length %d" % len(xml))
    return head + b"\nstream" + split.group(2) + xml + after
