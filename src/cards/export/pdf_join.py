"""Join PDFs as Typst writes them into one, without a PDF library.

Typst writes plain PDFs: a classic cross-reference table, every object in the
body as "N 0 obj ... endobj" in order, a catalog pointing at one flat page
tree. Joining such files needs no PDF library: renumber each file's objects
into one sequence, replace the files' catalogs and page trees by one of each
listing every page, and keep only what the new catalog and the first file's
document information reach (each file has its own fonts, with the glyphs its
pages use). Anything not written that way is refused with UnjoinablePdf.

A big deck's PDF is compiled a part at a time and joined here (see
:mod:`cards.export.pdf`); the joined PDF is not tagged for accessibility (the
structure trees of separate compiles cannot simply be joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
