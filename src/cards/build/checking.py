"""Load, validate and lint many decks, collecting every problem (``cards lint``, and each
deck id checked against the others, as builds do too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cards.build.collector import no_cycle_collection
from cards.errors import InputError, Problem

if TYPE_CHECKING:
    from cards.load import LoadedDeck
    from cards.model import Deck


@dataclass
class Checked:
    """Decks that loaded and validated, and every problem found on the way."""

    decks: list[tuple[LoadedDeck, Deck]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class DeckIds:
    """Deck ids seen so far, compared without case: on macOS and Windows 'Foo' and
    'foo' would write the same files."""

    def __init__(self):
        self.seen: dict[str, str] = {}

    def claim(self, deck_id: str, path: str, mark) -> Problem | None:
        """Record ``deck_id`` for ``path``; a Problem if another deck has it already."""
        first = self.seen.get(deck_id.casefold())
        if first is None:
            self.seen[deck_id.casefold()] = path
            return None
        line, column = (mark.line, mark.column) if mark else (1, 1)
        return Problem(path, line, column, f"deck id {deck_id!r} is also used by {first}; each deck needs its own id")


def check(paths: list[Path], *, lint: bool = True, lint_config=None) -> Checked:
    """Load, validate and (optionally) lint every deck, collecting all problems."""
    with no_cycle_collection():
        return _check(paths, lint, lint_config)


def _check(paths: list[Path], lint: bool, lint_config) -> Checked:
    from cards.load import load_deck
    from cards.validate import validate

    result = Checked()
    ids = DeckIds()
    for path in paths:
        try:
            loaded = load_deck(path)
        except InputError as exc:
            result.problems.extend(exc.problems)
            continue
        deck, problems = validate(loaded)
        result.problems.extend(problems)
        if deck is None:
            continue
        clash = ids.claim(deck.id, loaded.display, deck.mark)
        if clash:
            result.problems.append(clash)
            continue
        result.decks.append((loaded, deck))
    if lint:
        from cards.lint import lint_decks

        result.problems.extend(lint_decks([(loaded, deck) for loaded, deck in result.decks], lint_config))
    result.problems.sort()
    return result
