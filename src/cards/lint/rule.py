"""What a lint rule is: a code, a name, a severity, a scope, options, and a check.

A rule is an object, so one check can serve several fields and kinds: the
"are these words supported by the cited text?" check is D110 on a date's
event, P202 on a person's role and T302 on a term's definition, each an
instance of :class:`~cards.lint.rules.supported.Supported` that a kind module
(:mod:`cards.kinds`) makes. Rules about every card or the whole deck (C001,
X501, X502) are made in their own modules under :mod:`cards.lint.rules`.

``doc`` begins ``"CODE name: what it checks"`` and holds a ``Passes::`` and a
``Fails::`` example that the tests run (see :mod:`cards.lint.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from cards.errors import Severity

CARD, DECK = "card", "deck"


@dataclass(frozen=True)
class RuleOption:
    """An option a rule takes, settable per code in ``[tool.cards.lint.rules.CODE]``."""

    default: Any
    doc: str
    #: raises ValueError saying what is wrong with a configured value, or returns it
    check: Callable[[Any], Any] = lambda value: value


def share(value: Any) -> float:
    """A number from 0 to 1 (a share of words)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{value!r} is not a number from 0 to 1, such as 0.65")
    return float(value)


@dataclass(frozen=True)
class Rule:
    ID: str
    NAME: str
    doc: str = field(repr=False, default="")
    SEVERITY: Severity = Severity.ERROR
    #: CARD: :meth:`check` sees one card and its cited text; DECK: :meth:`check_deck`
    #: sees every card of a deck whose citation could be read
    SCOPE: str = CARD
    OPTIONS: Mapping[str, RuleOption] = field(default_factory=dict, repr=False)

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.OPTIONS.items()}

    def check(self, ctx, options: Mapping[str, Any]) -> Iterable:  # pragma: no cover - per rule
        raise NotImplementedError

    def check_deck(self, contexts: list, options: Mapping[str, Any]) -> Iterable:  # pragma: no cover - per rule
        raise NotImplementedError


@dataclass(frozen=True)
class FunctionRule(Rule):
    """A rule whose check is a plain function ``check(ctx, options)`` (or, for a deck
    rule, ``check(contexts, options)``), for rules that serve one kind or every kind."""

    function: Callable = field(default=None, repr=False)  # type: ignore[assignment]

    def check(self, ctx, options):
        return self.function(ctx, options)

    def check_deck(self, contexts, options):
        return self.function(contexts, options)
