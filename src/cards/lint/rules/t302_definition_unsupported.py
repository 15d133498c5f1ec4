"""T302 definition-unsupported: the cited text does not support the definition.

Passes::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, definition: The body of the Soviet that organized the rising}

Fails::

    text: The Military-Revolutionary Committee (MRC) was the Soviet body that organised the rising.
    card: {kind: term, term: Military Revolutionary Committee, definition: The cabinet of the Provisional Government}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.text import support, unsupported_message

ID = "T302"
NAME = "definition-unsupported"
SEVERITY = Severity.ERROR
KINDS = ("term",)


def check(ctx: CardContext):
    result = support(ctx.card.definition, ctx.passage, ctx.names)
    if not result.ok:
        yield Finding(unsupported_message("definition", result, ctx), "definition")
