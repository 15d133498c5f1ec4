"""Each kind's print design, from the one description in its kind module.

A kind lists the pieces stacked on the front and the back of its printed card
(:class:`~cards.kinds.base.Piece`). From that list this module makes both

* the Typst functions ``<kind>-front(card)``, ``<kind>-back(card)`` and
  ``<kind>-label`` that ``templates/print/document.typ.j2`` draws with, and
* the paragraphs Python's text fitting models (:func:`paragraphs`), each with
  the size and font variant of its piece,

so the two cannot disagree, and a new kind's design is written once. A project
may still replace a kind's design with its own ``templates/print/<kind>.typ.j2``
(defining the same three names); Python cannot model such a design, so Typst
measures its text instead (:func:`designed_kinds`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cards.kinds import KINDS
from cards.kinds.base import Piece
from cards.templating import default_templates_dir

#: The pieces every design uses, as document.typ.j2 defines them: (size in em of the
#: fitted size, font variant).
PROMPT, MAIN, STRONG, DETAIL, QUOTED = (0.7, "italic"), (1.0, "regular"), (1.15, "bold"), (0.72, "regular"), (1.0, "italic")
STYLES = {"prompt": PROMPT, "main": MAIN, "strong": STRONG, "detail": DETAIL, "quoted": QUOTED, "also": DETAIL}

Paragraph = tuple[str, float, str]  # text, size in em of the fitted size, variant

_NAMES = re.compile(r"\{(\w+)\}")


def _text(piece: Piece, data: dict[str, Any]) -> str:
    """What ``piece`` prints for a card's ``data``; empty when it is left out."""
    if piece.style == "prompt":
        return piece.text
    if piece.style == "also":
        names = data[piece.field]
        return f"{piece.text} {', '.join(names)}" if names else ""
    if piece.field:
        value = data[piece.field]
        if piece.style == "quoted" and value != "":
            return f"\u201c{value}\u201d"
        return value
    names = _NAMES.findall(piece.text)
    if names and data[names[0]] == "":
        return ""
    return _NAMES.sub(lambda m: str(data[m.group(1)]), piece.text)


def paragraphs(kind: str, side: str, data: dict[str, Any]) -> list[Paragraph]:
    """The paragraphs the design of ``kind`` stacks on one face, from a card's print data."""
    pieces = KINDS[kind].front if side == "front" else KINDS[kind].back
    found = []
    for piece in pieces:
        text = _text(piece, data)
        if text != "":
            found.append((text, *STYLES[piece.style]))
    return found


# --- Typst ---------------------------------------------------------------------------------------


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " else f"\\u{{{ord(ch):x}}}" for ch in escaped)
    return f'"{escaped}"'


def _typst(piece: Piece) -> str:
    """One piece as a Typst expression over ``card`` (none when the piece is left out)."""
    if piece.style == "prompt":
        return f"prompt({typst_string(piece.text)})"
    if piece.style == "also":
        return f"also({typst_string(piece.text)}, card.{piece.field})"
    if piece.field:
        value = f"card.{piece.field}"
        body = {
            "main": f"main({value})",
            "strong": f"strong-main({value})",
            "detail": f"detail({value})",
            "quoted": f"main(text(style: \"italic\")[\u201c#{value}\u201d])",
        }[piece.style]
        return f'if {value} != "" {{ {body} }}'
    parts = [p for p in re.split(r"(\{\w+\})", piece.text) if p]
    joined = " + ".join(f"card.{p[1:-1]}" if _NAMES.fullmatch(p) else typst_string(p) for p in parts)
    first = _NAMES.search(piece.text)
    body = f"detail({joined})"
    return f'if card.{first.group(1)} != "" {{ {body} }}' if first else body


def typst_designs() -> list[dict[str, Any]]:
    """For document.typ.j2: each kind's name, label and the Typst expressions of its faces."""
    return [
        {"kind": name, "label": typst_string(kind.label),
         "front": [_typst(p) for p in kind.front], "back": [_typst(p) for p in kind.back]}
        for name, kind in KINDS.items()
    ]


def replaced_designs(template_dirs: tuple[Path, ...]) -> frozenset[str]:
    """The kinds whose design a project replaced with its own ``print/<kind>.typ.j2``."""
    return frozenset(kind for kind in KINDS for folder in template_dirs
                     if (folder / "print" / f"{kind}.typ.j2").is_file())


def designed_kinds(template_dirs: tuple[Path, ...]) -> frozenset[str]:
    """The kinds whose design is the one their kind module describes, which Python can
    fit: not replaced by a project, and drawn by the shipped document.typ.j2."""
    shipped = default_templates_dir() / "print" / "document.typ.j2"
    for folder in template_dirs:  # the first folder that has it wins, as in the Jinja loader
        path = folder / "print" / "document.typ.j2"
        if path.is_file():
            if path.resolve() != shipped.resolve() and path.read_bytes() != shipped.read_bytes():
                return frozenset()
            break
    return frozenset(KINDS) - replaced_designs(template_dirs)
