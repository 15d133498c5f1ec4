"""Anki's card template syntax, the part our note types use, for showing cards outside Anki.

Anki fills a card template with a note's fields when it shows a card. The preview
(:mod:`cards.preview`) does the same with the note types and field HTML the Anki
export writes, so it shows what a student will see. Supported:

* ``{{Field}}``: the field's HTML as stored (card text is already escaped);
* ``{{#Field}}...{{/Field}}`` and ``{{^Field}}...{{/Field}}``: shown when the field
  is non-empty (or empty); a field holding only whitespace, ``<br>`` or ``<div>``
  tags is empty, as in Anki;
* the special fields ``{{FrontSide}}`` (the rendered front, on the back),
  ``{{Tags}}``, ``{{Deck}}``, ``{{Subdeck}}``, ``{{Card}}`` and ``{{Type}}``;
* the ``text:`` filter (the field without HTML tags). Other filters (``hint:``,
  ``type:``, ``tts``...) show the field as it is.

Field values are inserted as they are, never read as template syntax again: a
field holding ``{{Tags}}`` shows those characters (and ours hold ``&#123;`` for
``{`` in any case).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Mapping

_TAG = re.compile(r"\{\{(.*?)\}\}", re.S)
_EMPTY = re.compile(r"^(?:\s|</?(?:br|div) ?/?>)*$", re.I | re.S)
_HTML_TAG = re.compile(r"<[^>]*>")
SPECIAL_FIELDS = ("FrontSide", "Tags", "Deck", "Subdeck", "Card", "Type")


class AnkiTemplateError(ValueError):
    """The template is not one Anki could show (unknown field, unclosed section)."""


@dataclass(frozen=True)
class CardContext:
    """What Anki knows about a card besides its note's fields."""

    tags: tuple[str, ...] = ()
    deck: str = ""
    card: str = ""  # the card template's name
    note_type: str = ""
    front_side: str = ""
    #: a cloze card's number (1 for c1...), 0 for other cards
    ordinal: int = 0
    answer: bool = False


_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)


def cloze_ordinals(value: str) -> list[int]:
    """The cloze numbers a field's {{cN::...}} marks use: one card each."""
    return sorted({int(n) for n, _ in _CLOZE.findall(value)})


def _cloze(value: str, context: CardContext) -> str:
    """Anki's {{cloze:Field}}: the card's own blanks as [...] (shown on the answer), the others shown."""
    def one(match: re.Match) -> str:
        number, inner = int(match.group(1)), match.group(2)
        if number != context.ordinal:
            return f'<span class="cloze-inactive" data-ordinal="{number}">{inner}</span>'
        if context.answer:
            return f'<span class="cloze" data-ordinal="{number}">{inner}</span>'
        return f'<span class="cloze" data-cloze="{html.escape(inner)}" data-ordinal="{number}">[...]</span>'
    return _CLOZE.sub(one, value)


def field_is_empty(value: str) -> bool:
    """Anki's test for ``{{#Field}}``: only whitespace and <br>/<div> tags."""
    return bool(_EMPTY.match(value))


def _parse(template: str) -> list:
    """The template as a tree: strings, ("field", name, filters), ("section", name, negated, children)."""
    root: list = []
    stack: list[tuple[str, list]] = [("", root)]
    position = 0
    for match in _TAG.finditer(template):
        stack[-1][1].append(template[position:match.start()])
        position = match.end()
        inside = match.group(1).strip()
        if inside[:1] in ("#", "^"):
            name = inside[1:].strip()
            children: list = []
            stack[-1][1].append(("section", name, inside[0] == "^", children))
            stack.append((name, children))
        elif inside[:1] == "/":
            name = inside[1:].strip()
            if len(stack) == 1:
                raise AnkiTemplateError(f"{{{{/{name}}}}} closes a section that was never opened")
            if stack[-1][0] != name:
                raise AnkiTemplateError(f"{{{{/{name}}}}} found where {{{{/{stack[-1][0]}}}}} was expected")
            stack.pop()
        else:
            *filters, name = inside.split(":")
            stack[-1][1].append(("field", name.strip(), [f.strip() for f in filters]))
    stack[-1][1].append(template[position:])
    if len(stack) > 1:
        raise AnkiTemplateError(f"{{{{#{stack[-1][0]}}}}} is never closed with {{{{/{stack[-1][0]}}}}}")
    return root


def _special(name: str, context: CardContext) -> str | None:
    if name == "FrontSide":
        return context.front_side
    if name == "Tags":
        return html.escape(" ".join(context.tags))
    if name == "Deck":
        return html.escape(context.deck)
    if name == "Subdeck":
        return html.escape(context.deck.split("::")[-1])
    if name == "Card":
        return html.escape(context.card)
    if name == "Type":
        return html.escape(context.note_type)
    return None


def _value(name: str, fields: Mapping[str, str], context: CardContext) -> str:
    if name in fields:
        return fields[name]
    special = _special(name, context)
    if special is None:
        raise AnkiTemplateError(f"unknown field {name!r}; the note type has: {', '.join(fields)}")
    return special


def _render(nodes: list, fields: Mapping[str, str], context: CardContext, out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node[0] == "field":
            _, name, filters = node
            if "type" in filters:  # Anki leaves the box to type the answer in to the app that shows the card
                out.append(f"[[{':'.join([*filters, name])}]]")
                continue
            value = _value(name, fields, context)
            if "cloze" in filters:
                value = _cloze(value, context)
            if "text" in filters:
                value = html.unescape(_HTML_TAG.sub("", value))
                value = html.escape(value, quote=False)
            out.append(value)
        else:
            _, name, negated, children = node
            if field_is_empty(_value(name, fields, context)) == negated:
                _render(children, fields, context, out)


def render_side(template: str, fields: Mapping[str, str], context: CardContext = CardContext()) -> str:
    """``template`` filled with ``fields`` (name -> field HTML) as Anki fills it."""
    out: list[str] = []
    _render(_parse(template), fields, context, out)
    return "".join(out)


def render_card(front: str, back: str, fields: Mapping[str, str], context: CardContext = CardContext()) -> tuple[str, str]:
    """The question and answer HTML of one card: the back gets the rendered front as ``{{FrontSide}}``."""
    question = render_side(front, fields, context)
    answer = render_side(back, fields, CardContext(context.tags, context.deck, context.card, context.note_type,
                                                   front_side=question, ordinal=context.ordinal, answer=True))
    return question, answer


__all__ = ["AnkiTemplateError", "CardContext", "SPECIAL_FIELDS", "cloze_ordinals", "field_is_empty", "render_card", "render_side"]
