"""Which cards go into the PDFs: ``cards build --tags T1,T2 --ids ID1,ID2``.

Only the printed cards are chosen; the Anki package always holds the whole deck
(students' collections would otherwise lose the cards left out). A card is
printed if its id is one of ``--ids`` or one of its tags (the deck's and its own)
is one of ``--tags``, as Anki searches tags: case does not matter, and a tag
names the tags below it too (``russia`` chooses ``russia::1917``). With both
options a card is printed if either chooses it.

Every id and tag asked for must choose a card of some deck in the build, or the
build stops before writing anything: a misspelt id would otherwise print a PDF
without the card, and nobody would notice until the lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cards.errors import Problem

if TYPE_CHECKING:
    from cards import model as m


@dataclass(frozen=True)
class Selection:
    """The ids and tags asked for, as typed (deduplicated, in order)."""

    ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ids or self.tags)

    def chooses(self, card: m.Card) -> bool:
        return card.id in self.ids or any(_tag_matches(wanted, tag) for wanted in self.tags for tag in card.tags)

    def choose(self, deck: m.Deck) -> tuple[tuple[m.Card, ...], Found]:
        """The deck's cards to print, in deck order, and which of the asked ids and tags they are."""
        chosen = tuple(card for card in deck.cards if self.chooses(card))
        ids = {card.id for card in deck.cards} & set(self.ids)
        tags = {wanted for wanted in self.tags for card in deck.cards for tag in card.tags if _tag_matches(wanted, tag)}
        return chosen, Found(frozenset(ids), frozenset(tags), frozenset(card.id for card in deck.cards),
                             frozenset(tag for card in deck.cards for tag in card.tags))


@dataclass(frozen=True)
class Found:
    """What one deck held of a selection: the ids and tags asked for that it has, and all its ids."""

    ids: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    every_id: frozenset[str] = frozenset()
    every_tag: frozenset[str] = frozenset()


def _tag_matches(wanted: str, tag: str) -> bool:
    wanted, tag = wanted.casefold(), tag.casefold()
    return tag == wanted or tag.startswith(wanted + "::")


def unmatched(selection: Selection, found: list[Found], deck_count: int) -> list[Problem]:
    """An error for each id and tag of ``selection`` that no deck of the build has."""
    import difflib

    where = "the deck" if deck_count == 1 else f"any of the {deck_count} decks"
    every_id = sorted(set().union(*(f.every_id for f in found)))
    every_tag = sorted(set().union(*(f.every_tag for f in found)))
    problems = []
    for card_id in selection.ids:
        if any(card_id in f.ids for f in found):
            continue
        hint = difflib.get_close_matches(card_id, every_id, n=1)
        problems.append(Problem("--ids", 0, 0, f"no card has the id {card_id!r} in {where} being built"
                                + (f"; did you mean {hint[0]!r}?" if hint else "; card ids are the 'id:' of each card")))
    for tag in selection.tags:
        if not any(tag in f.tags for f in found):
            hint = difflib.get_close_matches(tag, every_tag, n=1)
            problems.append(Problem("--tags", 0, 0, f"no card has the tag {tag!r} (or a tag below it, {tag}::...) "
                                    f"in {where} being built"
                                    + (f"; did you mean {hint[0]!r}?" if hint else
                                       "; tags are the deck's 'tags:' and each card's")))
    return problems


def parse_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--tags a,b --tags c`` as ('a', 'b', 'c'): split at commas, stripped, each once."""
    items = (item.strip() for value in values for item in value.split(","))
    return tuple(dict.fromkeys(item for item in items if item))
