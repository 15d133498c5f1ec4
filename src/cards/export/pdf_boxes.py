"""Give every page of a PDF as Typst writes it a TrimBox and a BleedBox.

A print shop's software reads the TrimBox as the finished size of a page and the
BleedBox as how far ink may run past it; Typst sets neither, and some imposition
software refuses a page without a TrimBox or guesses one. The printed cards
have no bleed (nothing is printed to the edge of a sheet, and every card has
blank padding inside its cut lines), so both boxes are the page itself: the
sheet for the grid and fold-over layouts and the stock presets (the shop trims
the sheet; the cards are cut from it along the printed lines), the card for the
index layout, whose page is one card.

The PDF is changed without a PDF library, as :mod:`cards.export.pdf_join` joins
PDFs: each page object gets the two entries, every object keeps its number, and
the cross-reference table is written afresh. The same PDF in gives the same
bytes out. A PDF not in the plain form Typst writes is returned as it is.
"""

from __future__ import annotations

import re

from cards.export.pdf_join import UnjoinablePdf, _dict_entries, _parse

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_STREAM = re.compile(rb"\bstream(?:\r\n|\n)")
_TRAILER = re.compile(rb"trailer\s*<<.*?>>\s*", re.S)


def with_print_boxes(pdf: bytes) -> bytes:
    """``pdf`` with a TrimBox and a BleedBox, each equal to the MediaBox, on every page that lacks them."""
    try:
        parsed = _parse(pdf)
    except UnjoinablePdf:
        return pdf
    bodies = dict(parsed.objects)
    changed = False
    for number, body in parsed.objects.items():
        if not _PAGE.search(body) or _STREAM.search(body):
            continue
        try:
            entries = _dict_entries(body)
        except UnjoinablePdf:
            continue
        media = entries.get(b"/MediaBox")
        if entries.get(b"/Type") != b"/Page" or media is None or b"/TrimBox" in entries:
            continue
        head = body.rstrip()
        bodies[number] = head[:-2] + b"/TrimBox" + media + b"/BleedBox" + media + b">>\n"
        changed = True
    if not changed:
        return pdf
    return _write(pdf, parsed.header, bodies)


def _write(original: bytes, header: bytes, bodies: dict[int, bytes]) -> bytes:
    """The objects in the order given, a new cross-reference table, and the original trailer."""
    start = original.rfind(b"startxref")
    xref_at = int(original[start + len(b"startxref"):].split()[0])
    trailer = _TRAILER.search(original, xref_at, start)
    if trailer is None:
        return original
    size = max(bodies) + 1
    offsets: dict[int, int] = {}
    out, position = [header], len(header)
    for number, body in bodies.items():
        chunk = b"%d 0 obj\n%sendobj\n" % (number, body if body.endswith(b"\n") else body + b"\n")
        offsets[number] = position
        out.append(chunk)
        position += len(chunk)
    table = [b"xref\n0 %d\n0000000000 65535 f\r\n" % size]
    table += [b"%010d 00000 n\r\n" % offsets[n] if n in offsets else b"0000000000 65535 f\r\n" for n in range(1, size)]
    return b"".join(out + table + [trailer.group(), b"startxref\n%d\n%%%%EOF" % position])
