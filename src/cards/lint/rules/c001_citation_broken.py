"""C001 citation-broken: the cited lines cannot be read.

The source file is missing, lies outside the deck's folder (refused without
being opened), is not UTF-8, or the card cites a line beyond its end, an
empty line, or a passage longer than the linter checks (20,000 characters,
:data:`cards.lint.text.MAX_PASSAGE_CHARS`). The other rules cannot check such
a card.

Passes::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chaired the Petrograd Soviet, source: src:1}

Fails::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chaired the Petrograd Soviet, source: src:7}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import Finding
from cards.lint.rule import FunctionRule


def check(ctx, options):
    if ctx.citation_problem:
        yield Finding(ctx.citation_problem, "source")


#: Runs on every card of every kind, and alone on a card whose citation is broken.
CITATION_BROKEN = FunctionRule("C001", "citation-broken", __doc__, Severity.ERROR, function=check)
