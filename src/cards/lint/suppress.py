"""Per-card suppression: a ``# cards: ignore CODE[, CODE...]`` comment in the card's YAML.

The comment may stand on any line of the card's block (from its first field
to its last line, comments included), e.g.::

    - id: storming  # cards: ignore D103
      kind: date
      ...

Codes may be prefixes (``D`` silences every date rule). A bare
``# cards: ignore`` silences every rule for that card.
"""

from __future__ import annotations

import re

from cards.lines import split_lines
from cards.model import Deck

_DIRECTIVE = re.compile(r"#\s*cards:\s*ignore\b(?P<codes>[^#\n]*)", re.IGNORECASE)
ALL = ("",)  # the empty prefix matches every code


def suppressions(deck: Deck) -> dict[str, tuple[str, ...]]:
    """Card id -> code prefixes silenced for it (only cards that have a directive)."""
    if not _DIRECTIVE.search(deck.text):
        return {}
    lines = split_lines(deck.text)
    found: dict[str, tuple[str, ...]] = {}
    for card in deck.cards:
        first, last = card.mark.line, min(card.end_line, len(lines))
        if last > first and lines[last - 1].lstrip().startswith("-"):
            last -= 1  # the block ends where the next list item starts
        codes: list[str] = []
        for line in lines[first - 1 : last]:
            if "#" not in line:
                continue
            for match in _DIRECTIVE.finditer(line):
                listed = [c.strip().upper() for c in match.group("codes").replace(",", " ").split()]
                codes.extend(listed or ALL)
        if codes:
            found[card.id] = tuple(codes)
    return found
