"""A print document's parts in its working folder, compiled by Typst in two processes.

The parts' data is in the folder as part-K.json. Each process takes parts by
creating part-K.taken (which only one can): the helper (:mod:`cards.export.pdf_helper`)
from the first part on, as soon as each is written, and the build's own process,
once it has linted and packed the Anki deck, from the last one back
(:func:`compile_parts`). Each writes part-K.pdf and part-K.found (the overflow
markers), or part-K.error (Typst's diagnostic) if the program fails. A document of
one part is tagged for accessibility, as one compile always was; parts to be joined
are not.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

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
#: Typst forgets what it cached for a compile once this many later compiles have not used it
#: (typst-py evicts with this age after every compile).
CACHE_AGE = 10


def whole_data(parts: tuple[str, ...]) -> str:
    """The data of all ``parts`` as one."""
    whole: dict[str, Any] = {"cards": [], "pages": []}
    for part in parts:
        data = json.loads(part)
        offset = len(whole["cards"])
        for page in data["pages"]:
            for slot in page["slots"]:
                slot[0] += offset
        whole.update((key, value) for key, value in data.items() if key not in ("cards", "pages"))
        whole["cards"] += data["cards"]
        whole["pages"] += data["pages"]
    return json.dumps(whole, ensure_ascii=False, separators=(",", ":"))


class PartFailed(Exception):
    """Typst could not compile a part: ``detail`` is its diagnostic."""

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
        raise PartFailed(getattr(exc, "diagnostic", None) or str(exc)) from None
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


def take(folder: Path, index: int) -> bool:
    """Claim part ``index`` for this process; False if the other process has it."""
    try:
        os.close(os.open(folder / f"part-{index}.taken", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def do_part(folder: Path, index: int, count: int, timestamp: int | None) -> None:
    """Compile part ``index`` of ``count`` and leave its PDF and overflow markers (or Typst's
    diagnostic) in the folder."""
    data = (folder / f"part-{index}.json").read_text(encoding="utf-8")
    try:
        pdf, found = compile_part(folder, data, timestamp, tagged=count == 1)
    except PartFailed as failure:
        write_whole(folder / f"part-{index}.error", failure.detail.encode("utf-8"))
        raise
    write_whole(folder / f"part-{index}.found", json.dumps(found).encode("utf-8"))
    write_whole(folder / f"part-{index}.pdf", pdf)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` so that a process waiting for it never sees it half written."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.rename(path)  # the other process sees the whole file or none


class TypstCache:
    """Typst's cache in this process, for a document of ``total`` parts."""

    def __init__(self, total: int):
        self.total = total
        self.compiled = 0

    def before_part(self, folder: Path) -> None:
        """Called before each part this process compiles: from the second on, in a document
        of more than KEEP_ALL_UP_TO parts, Typst first forgets the part before."""
        if self.compiled and self.total > KEEP_ALL_UP_TO:
            _forget(folder)
        self.compiled += 1


def compile_parts(folder: Path, count: int, timestamp: int | None,
                  helper: subprocess.Popen | None) -> list[tuple[bytes, list[dict[str, Any]]]]:
    """Compile, in this process, the parts the helper has not taken, from the last one
    back; then wait for it."""
    cache = TypstCache(count)
    for index in reversed(range(count)):
        if take(folder, index):
            cache.before_part(folder)
            do_part(folder, index, count, timestamp)
    if helper is not None:
        helper.wait()
    results = []
    for index in range(count):
        pdf, found, error = (folder / f"part-{index}.{ext}" for ext in ("pdf", "found", "error"))
        if error.exists():
            raise PartFailed(error.read_text(encoding="utf-8"))
        if not pdf.exists():
            # The helper took the part but did not finish it (it could not start Typst, say).
            do_part(folder, index, count, timestamp)
        results.append((pdf.read_bytes(), json.loads(found.read_text(encoding="utf-8"))))
    return results
