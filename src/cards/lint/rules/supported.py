"""Are a field's words supported by the cited text? (D110, P202, T302, ...)

A kind makes one :class:`Supported` rule for each field that states a fact in
words: a date's event, a person's role, a term's definition. The field's
content words must be supported by the cited text: stop words are dropped,
words are stemmed, a word of five letters or more may be one edit away, names
and numbers must be present, and at least ``min_support`` of the content words
must be found (see :mod:`cards.lint.text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field

from cards.lint.rule import Rule, RuleOption, share


def _options():
    from cards.lint.text import SUPPORT_THRESHOLD

    return {"min_support": RuleOption(SUPPORT_THRESHOLD, "share of the field's content words the cited text "
                                      "must have (names and numbers are needed anyway)", share)}


@dataclass(frozen=True)
class Supported(Rule):
    field: str = ""
    OPTIONS: dict = dataclass_field(default_factory=_options, repr=False)

    def check(self, ctx, options):
        from cards.lint.context import Finding
        from cards.lint.text import support, unsupported_message

        result = support(getattr(ctx.card, self.field), ctx.passage, ctx.names, ctx.synonyms)
        if result.missing_keys or result.share < options["min_support"]:
            yield Finding(unsupported_message(self.field, result, ctx), self.field)
