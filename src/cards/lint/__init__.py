"""Lint: check every card against the source line it cites.

``lint_decks`` runs the rules of :mod:`cards.lint.registry` (one module each
under :mod:`cards.lint.rules`) over validated decks and returns
:class:`~cards.errors.Problem` objects with a code, a name and a severity.
Rules are pure: they see the typed deck and the source texts the load stage
read, never a file. Which rules run, and how severe each is, comes from a
:class:`~cards.lint.settings.LintConfig`; a ``# cards: ignore CODE`` comment in
a card's YAML silences a rule for that card.
"""

from __future__ import annotations

#: What ``from cards.lint import ...`` offers, and the module each comes from. Imported
#: when first used: the kinds (:mod:`cards.kinds`) import their rules from
#: :mod:`cards.lint.rules`, and the runner imports the kinds.
_EXPORTS = {
    "lint_decks": "cards.lint.runner",
    "clear_caches": "cards.lint.runner",
    "coded": "cards.lint.runner",
    "INVALID_CODE": "cards.lint.runner",
    "INVALID_NAME": "cards.lint.runner",
    "LintConfig": "cards.lint.settings",
    "LintConfigError": "cards.lint.settings",
    "RULES": "cards.lint.registry",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cards.lint' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
