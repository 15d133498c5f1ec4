"""C001 citation-broken: the cited lines cannot be read.

The source file is missing, lies outside the deck's folder (refused without
being opened), is not UTF-8, or the card cites a line beyond its end or an
empty line. The other rules cannot check such a card.

Passes::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chaired the Petrograd Soviet, source: src:1}

Fails::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chaired the Petrograd Soviet, source: src:7}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding

ID = "C001"
NAME = "citation-broken"
SEVERITY = Severity.ERROR
KINDS: tuple[str, ...] = ()


def check(ctx: CardContext):
    if ctx.citation_problem:
        yield Finding(ctx.citation_problem, "source")
