"""The card kinds, one module each; this registry lists them.

To add a kind, write ``cards/kinds/<name>.py`` (a :class:`~cards.kinds.base.Kind`
named ``KIND``; see ``place.py`` for a small one) and its Anki template
``templates/anki/<name>.html.j2``, then add its name below. Nothing else names a
kind: validation, lint, both renderers and the tests go through :data:`KINDS`.
"""

from __future__ import annotations

from importlib import import_module

from cards.kinds.base import Kind

#: The kinds, in the order the docs and the rule codes list them.
REGISTRY = (
    "date",
    "person",
    "term",
    "quote",
    "place",
    "cloze",
)

KINDS: dict[str, Kind] = {name: import_module(f"cards.kinds.{name}").KIND for name in REGISTRY}


class UnknownKind(KeyError):
    """A card's kind is none of :data:`KINDS`."""


def kind_of(card_or_name) -> Kind:
    """The :class:`Kind` of a card (or of a kind's name); UnknownKind if there is none."""
    name = card_or_name if isinstance(card_or_name, str) else card_or_name.kind
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"unknown card kind {name!r}; known kinds: {', '.join(KINDS)}") from None


__all__ = ["KINDS", "Kind", "UnknownKind", "kind_of"]
