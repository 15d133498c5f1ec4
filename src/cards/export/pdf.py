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
a time and the PDFs joined (:mod:`cards.export.pdf_join`): Typst keeps everything it lays
out until the PDF is written, so one compile of 10,000 cards would need
gigabytes, while a part needs tens of megabytes. Joined PDFs are not tagged
(the structure trees of separate compiles cannot simply be joined).

Typst holds Python's lock while it compiles, so threads do not help; where
there are two processors or more, a helper process (:mod:`cards.export.pdf_helper`)
compiles parts at the same time as this one. :func:`start_pdf` starts the helper
before the deck is even loaded; :meth:`PdfJob.submit` hands it each part as soon
as it is rendered, and the helper compiles them from the first on while the build
lints and packs the Anki deck, after which this process compiles the rest from the
last one back (:mod:`cards.export.pdf_parts`).

This module is the way in: a job per document, which owns the working folder
(:mod:`cards.export.pdf_folders`) and the helper, and gives back the PDF.

The PDF carries no date unless ``SOURCE_DATE_EPOCH`` is set, in which case it
carries that one; either way two builds of the same input are byte-identical,
however the parts were shared out.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cards.errors import CardsError
from cards.export.pdf_folders import private_folder, remove_abandoned_folders
from cards.export.pdf_helper import start_helper
from cards.export.pdf_join import UnjoinablePdf, join_pdfs
from cards.export.pdf_parts import MAIN, READY, PartFailed, compile_part, compile_parts, whole_data, write_whole

if TYPE_CHECKING:
    from cards.render.print import PrintDocument


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
            self.folder = private_folder()
        except OSError as exc:
            raise temp_folder_error(exc) from None
        _jobs.add(self)
        try:
            if background:
                self.helper = start_helper(self.folder, timestamp)
            remove_abandoned_folders(self.folder)
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
            if document.images:
                (self.folder / "images").mkdir(exist_ok=True)
                for name, data in sorted(document.images.items()):
                    write_whole(self.folder / "images" / name, data)
            (self.folder / MAIN).write_text(document.source, encoding="utf-8")
            if self.helper is None and self.count > 1:
                self.helper = start_helper(self.folder, self.timestamp)
            write_whole(self.folder / READY, str(self.count).encode())
            for index in range(self.count):
                write_whole(self.folder / f"part-{index}.json", document.part(index).encode("utf-8"))
        except OSError as exc:
            raise temp_folder_error(exc, self.deck_id) from None

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
            results = compile_parts(self.folder, self.count, self.timestamp, self.helper)
            overflows = [item for _, found in results for item in found]
            if len(results) == 1:
                return PdfResult(results[0][0], overflows)
            try:
                return PdfResult(join_pdfs([pdf for pdf, _ in results]), overflows)
            except UnjoinablePdf:
                # Not the PDF this Typst was known to write: make it in one compile after all.
                data, overflows = compile_part(self.folder, whole_data(self.document.parts), self.timestamp, tagged=True)
                return PdfResult(data, overflows)
        except PartFailed as failure:
            # A broken template: Typst's diagnostic quotes the offending line of the
            # program rendered from templates/print/.
            raise PdfError(
                f"{self.deck_id}: cannot make the PDF (is a template in print/ broken?):\n{_first_lines(failure.detail)}"
            ) from None
        except OSError as exc:
            raise temp_folder_error(exc, self.deck_id) from None
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


def temp_folder_error(exc: OSError, deck_id: str | None = None) -> PdfError:
    """The error for a PDF that could not be made for want of a usable temporary folder
    (full, read-only, missing): the folder is named, and how to choose another."""
    where = f" in the temporary folder {tempfile.tempdir}" if tempfile.tempdir else ""
    return PdfError(f"{deck_id + ': ' if deck_id else ''}cannot make the PDF{where}: {exc.strerror or exc} "
                    "(set TMPDIR to use another folder)")


def _first_lines(message: str, count: int = 12) -> str:
    return "\n".join(message.rstrip().splitlines()[:count])
