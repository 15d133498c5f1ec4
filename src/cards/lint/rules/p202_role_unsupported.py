"""P202 role-unsupported: the cited text does not support the person's role.

Passes::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Chairman of the Petrograd Soviet from September 1917}

Fails::

    text: Leon Trotsky chaired the Petrograd Soviet from September 1917.
    card: {kind: person, name: Leon Trotsky, role: Commanded the Red Army in the Civil War}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.context import CardContext, Finding
from cards.lint.text import support, unsupported_message

ID = "P202"
NAME = "role-unsupported"
SEVERITY = Severity.ERROR
KINDS = ("person",)


def check(ctx: CardContext):
    result = support(ctx.card.role, ctx.passage, ctx.names)
    if not result.ok:
        yield Finding(unsupported_message("role", result, ctx), "role")
