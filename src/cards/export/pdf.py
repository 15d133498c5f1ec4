"""Export: a rendered print document -> PDF bytes, with Typst.

One ``typst`` compile per deck. The program is compiled from a private
temporary folder that holds nothing else and is its root, so even a template
cannot read files outside it; the card data goes in through ``sys.inputs``.
Only the fonts built into Typst are used (Libertinus Serif, which covers
Latin, Greek and Cyrillic, and DejaVu Sans Mono), never the machine's, so the
same input gives the same bytes on every machine.

The PDF carries no date unless ``SOURCE_DATE_EPOCH`` is set, in which case it
carries that one; either way two builds of the same input are byte-identical.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cards.errors import CardsError
from cards.render.print import PrintDocument

OVERFLOW_LABEL = "<cards-overflow>"


class PdfError(CardsError):
    """Typst could not make the PDF (a broken template, usually)."""


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    #: one {"card", "face", "part"} per text that did not fit its card
    overflows: list[dict[str, Any]]


def source_date() -> int | None:
    """SOURCE_DATE_EPOCH as an int, or None when unset or not a number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return int(value) if value else None
    except ValueError:
        return None


def pdf_bytes(document: PrintDocument, *, timestamp: int | None = None) -> PdfResult:
    """Compile ``document``. ``timestamp`` (Unix seconds) is the date the PDF carries
    if the document was rendered with ``dated=True``."""
    import typst

    with tempfile.TemporaryDirectory(prefix="cards-print-") as folder:
        main = Path(folder) / "cards.typ"
        main.write_text(document.source, encoding="utf-8")
        try:
            compiler = typst.Compiler(
                input=str(main),
                root=folder,
                font_paths=[],
                ignore_system_fonts=True,
                sys_inputs={"data": document.data},
            )
            kwargs: dict[str, Any] = {}
            if timestamp is not None:
                kwargs["timestamp"] = timestamp
            data = compiler.compile(format="pdf", **kwargs)
            # The compiler keeps the layout it just made, so this costs next to nothing.
            found = compiler.query(OVERFLOW_LABEL, field="value")
        except (RuntimeError, typst.TypstError) as exc:
            # A broken template: Typst's diagnostic quotes the offending line of the
            # program rendered from templates/print/.
            detail = getattr(exc, "diagnostic", None) or str(exc)
            raise PdfError(
                f"{document.deck_id}: cannot make the PDF (is a template in print/ broken?):\n{_first_lines(detail)}"
            ) from None
    return PdfResult(data, json.loads(found) if found else [])


def _first_lines(message: str, count: int = 12) -> str:
    return "\n".join(message.rstrip().splitlines()[:count])
