"""Images on cards: what an image file must be, checked by its bytes.

A card's ``image:`` is a path inside the deck's folder, read by :mod:`cards.load`
like a source (confined to the folder, a regular file, no further than
:data:`MAX_IMAGE_BYTES`). Here its bytes decide what it is, whatever its name
says: PNG, JPEG and WebP are recognised by their signature and their width and
height read from their headers (no decoder runs on them), and each side must be
at most :data:`MAX_SIDE` pixels and the whole at most :data:`MAX_PIXELS`. An SVG
is XML whose every element and attribute must be on a list of drawing ones: no
script, no ``on...`` handlers, no ``foreignObject``, no ``<style>``, no DTD or
entities, and no reference to anything outside the file (an ``href`` must point
inside it, ``#id``), so nothing in it can run in Anki or reach another file
when Typst draws it.

The file keeps its bytes, under a name made from them (``cards-<sha256[:16]>.png``):
two decks' ``map.png`` never collide in a student's media folder, and a changed
image is a changed note field, so the note updates.
"""

from __future__ import annotations

import hashlib
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cards.checks import Invalid

#: Largest image file, in bytes.
MAX_IMAGE_BYTES = 2 * 1024 * 1024
#: Largest width or height, in pixels (an SVG's width, height and viewBox alike).
MAX_SIDE = 8000
#: Largest width x height of a PNG, JPEG or WebP, in pixels (a decoded 4000 x 4000 image
#: takes 64 MB).
MAX_PIXELS = 16_000_000

FORMATS = ("png", "jpeg", "webp", "svg")


@dataclass(frozen=True)
class Image:
    path: str  # as written in the deck
    data: bytes = b""
    format: str = ""  # one of FORMATS
    width: int = 0
    height: int = 0

    @property
    def media_name(self) -> str:
        """The file's name in the package's media: from its content, never from its path."""
        extension = "jpg" if self.format == "jpeg" else self.format
        return f"cards-{hashlib.sha256(self.data).hexdigest()[:16]}.{extension}"


def check_image(path: str, data: bytes) -> Image:
    """The image ``data`` (the file at ``path``) is, or Invalid saying why it is refused."""
    try:
        return _check(path, data)
    except Invalid as exc:
        if exc.message.startswith("image "):
            raise
        raise Invalid(f"image {_shown(path)} {exc.message}") from None


def _check(path: str, data: bytes) -> Image:
    if len(data) > MAX_IMAGE_BYTES:
        raise Invalid(f"image {_shown(path)} is larger than the limit of {MAX_IMAGE_BYTES} bytes")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        fmt, (width, height) = "png", _png_size(data)
    elif data.startswith(b"\xff\xd8\xff"):
        fmt, (width, height) = "jpeg", _jpeg_size(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        fmt, (width, height) = "webp", _webp_size(data)
    elif _looks_like_svg(data):
        fmt, (width, height) = "svg", _svg_size(data)
    else:
        raise Invalid(f"image {_shown(path)} is not a PNG, JPEG, WebP or SVG image (judged by its content, "
                      "not its name)")
    if width < 1 or height < 1:
        raise Invalid(f"image {_shown(path)}: its {fmt.upper()} header gives no size")
    if width > MAX_SIDE or height > MAX_SIDE or (fmt != "svg" and width * height > MAX_PIXELS):
        raise Invalid(f"image {_shown(path)} is {width} x {height} pixels; the limit is {MAX_SIDE} pixels a side "
                      f"and {MAX_PIXELS:,} pixels in all")
    return Image(path, data, fmt, width, height)


def _shown(path: str) -> str:
    return repr(path if len(path) <= 40 else path[:37] + "...")


def _damaged(fmt: str) -> Invalid:
    return Invalid(f"is a damaged {fmt} file (its header is cut short or wrong)")


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _damaged("PNG")
    return struct.unpack(">II", data[16:24])


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _damaged("JPEG")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        if marker in _SOF:
            if position + 9 > len(data):
                raise _damaged("JPEG")
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return width, height
        if marker == 0xD9 or length < 2:
            break
        position += 2 + length
    raise _damaged("JPEG")


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise _damaged("WebP")


# --- SVG ---------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

#: The SVG elements an image may use: shapes, text, grouping and paint servers.
SVG_ELEMENTS = frozenset("""
    svg g defs title desc metadata path rect circle ellipse line polyline polygon text tspan textPath
    linearGradient radialGradient stop clipPath mask pattern marker symbol use
""".split())
#: The attributes an image may use (presentation attributes and geometry); a
#: ``style`` attribute is checked for ``url(...)`` leading out of the file.
SVG_ATTRIBUTES = frozenset("""
    id class style transform x y x1 y1 x2 y2 cx cy r rx ry width height d points viewBox
    preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke stroke-width
    stroke-opacity stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset stroke-miterlimit
    opacity font-family font-size font-weight font-style text-anchor dominant-baseline
    alignment-baseline letter-spacing word-spacing dx dy rotate textLength lengthAdjust
    offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod fx fy
    clipPathUnits clip-path clip-rule mask maskUnits maskContentUnits patternUnits
    patternContentUnits patternTransform markerWidth markerHeight markerUnits refX refY orient
    marker-start marker-mid marker-end href startOffset visibility display color paint-order
    vector-effect shape-rendering text-rendering xml:space
""".split())

_URL = re.compile(r"url\(\s*['\"]?([^)'\"]*)", re.I)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head


def _svg_size(data: bytes) -> tuple[int, int]:
    def refuse(why: str) -> Invalid:
        return Invalid(f"is an SVG image that {why}; an SVG may only draw (no script, event handlers, "
                       "foreignObject, styles or links outside the file)")

    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise refuse("declares a DTD or entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise Invalid(f"is not a well-formed SVG file ({exc})") from None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        namespace, _, name = element.tag.rpartition("}")
        if namespace.lstrip("{") != SVG_NS or name not in SVG_ELEMENTS:
            raise refuse(f"holds a <{name}> element")
        for key, value in element.attrib.items():
            space, _, attribute = key.rpartition("}")
            space = space.lstrip("{")
            if space == XLINK_NS and attribute == "href":
                attribute = "href"
            elif space == "http://www.w3.org/XML/1998/namespace":
                attribute = "xml:" + attribute
            elif space:
                raise refuse(f"has an attribute {key!r} in another namespace")
            if attribute not in SVG_ATTRIBUTES:
                raise refuse(f"has an attribute {attribute!r} on <{name}>")
            if attribute == "href" and not value.strip().startswith("#"):
                raise refuse(f"links to {value[:40]!r}, outside the file")
            if any(not url.strip().startswith("#") for url in _URL.findall(value)) or "@import" in value \
                    or "javascript:" in value.lower():
                raise refuse(f"refers to something outside the file in its {attribute!r}")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise Invalid("is XML, but not an SVG image (its root must be <svg> in the SVG namespace)")
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            raise Invalid("is an SVG image whose viewBox is not four numbers") from None
        width, height = width or box_w, height or box_h
    if not width or not height:
        raise Invalid("is an SVG image with no size; give its <svg> a viewBox or a width and height")
    return max(1, round(width)), max(1, round(height))


def _length(value: str | None) -> float:
    if not value:
        return 0.0
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value)
    if not match:
        return 0.0  # a percentage or a unit: the viewBox gives the size
    try:
        return float(match.group(1))
    except ValueError:
        return 0.0
