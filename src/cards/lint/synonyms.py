"""Other names a deck gives the same person, body, term or place, declared once.

A card's ``aliases`` name its person, term or place other ways ("Kadets" are the
"Constitutional Democrats"; "Lenin" was born "Ulyanov"). The linter reads them as
synonyms for the whole deck: a role that says "leader of the Kadets" is supported
by a line that says "led the Constitutional Democrats", and a quote card's speaker
is found under any name the person's own card gives. A project may add groups of
its own in ``[tool.cards.lint] aliases`` (see :mod:`cards.lint.settings`).

A leading "the", "a" or "an" is not part of a name ("the Kaiser" is found in
"Kaiser Wilhelm").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from cards.lint.names import name_words, surname, without_article
from cards.lint.text import Passage
from cards.lint.words import stems


def _has(hay: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    first = phrase[0]
    return any(hay[i] == first and hay[i:i + n] == phrase for i in range(len(hay) - n + 1))


@dataclass(frozen=True)
class Synonyms:
    """Groups of names of one thing; each name as it is written."""

    groups: tuple[tuple[str, ...], ...] = ()
    _by_stem: dict = field(default_factory=dict, repr=False, compare=False)
    _by_name: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, groups: Iterable[Iterable[str]]) -> Synonyms:
        kept = []
        for group in groups:
            names = tuple(dict.fromkeys(n for n in group if n and n.strip()))
            if len(names) > 1:
                kept.append(names)
        made = cls(tuple(kept))
        for index, group in enumerate(made.groups):
            for name in group:
                for st in without_article(stems(name)):
                    made._by_stem.setdefault(st, set()).add(index)
                words = without_article(name_words(name))
                if words:
                    made._by_name.setdefault(words, set()).add(index)
        return made

    def __bool__(self) -> bool:
        return bool(self.groups)

    def found_elsewhere(self, field: str, missing_stems: set[str], text: Passage) -> set[str]:
        """The stems in ``missing_stems`` that belong to a name in ``field`` whose group has
        another name in ``text``."""
        covered: set[str] = set()
        field_stems = stems(field)
        for st in missing_stems:
            for index in self._by_stem.get(st, ()):
                group = self.groups[index]
                phrases = [without_article(stems(name)) for name in group]
                in_field = [p for p in phrases if p and st in p and _has(field_stems, p)]
                if in_field and any(p and p not in in_field and _has(text.stems, p) for p in phrases):
                    for p in in_field:
                        covered.update(p)
        return covered & missing_stems

    def aliases_of(self, name: str) -> tuple[str, ...]:
        """Other names of the person (or thing) called ``name``: by the whole name or its surname."""
        keys = {without_article(name_words(name))}
        last = surname(name)
        if last:
            keys.add((last,))
        found: list[str] = []
        for key in keys:
            for index in self._by_name.get(key, ()):
                found.extend(self.groups[index])
        return tuple(dict.fromkeys(n for n in found if n != name))


def deck_synonyms(cards, extra: Iterable[Iterable[str]] = ()) -> Synonyms:
    """The groups the deck's cards declare (each card's main name with its ``aliases``; a
    person's surname too), with ``extra`` groups from the project's configuration."""
    from cards.kinds import kind_of

    groups: list[list[str]] = [list(g) for g in extra]
    for card in cards:
        aliases = getattr(card, "aliases", ())
        if not aliases:
            continue
        kind = kind_of(card)
        main = [f.name for f in kind.fields if f.compare in ("name", "phrase")]
        for name_field in main[:1]:
            name = getattr(card, name_field)
            group = [name, *aliases]
            if kind.by_name[name_field].compare == "name" and surname(name):
                group.append(surname(name))
            groups.append(group)
    return Synonyms.of(groups)


def deck_known(cards, extra: Iterable[Iterable[str]] = ()) -> frozenset[tuple[str, ...]]:
    """The names the deck's cards use (people, speakers, terms, places and their aliases,
    people's surnames), each as a tuple of normalised words, a leading article left out."""
    from cards.kinds import kind_of

    found: set[tuple[str, ...]] = set()
    for group in extra:
        found.update(without_article(name_words(n)) for n in group)
    for card in cards:
        kind = kind_of(card)
        for f in kind.fields:
            if f.compare not in ("name", "phrase"):
                continue
            value = getattr(card, f.name)
            names = [value, *getattr(card, "aliases", ())]
            if f.compare == "name" and surname(value):
                names.append(surname(value))
            found.update(without_article(name_words(n)) for n in names if n)
    return frozenset(p for p in found if p and not (len(p) == 1 and len(p[0]) < 3))


def deck_lower(cards) -> frozenset[tuple[str, ...]]:
    """The names a deck's terms and places are written with in lower case ("dual power"),
    as tuples of words: the linter finds these wherever they stand, not only capitalised."""
    from cards.kinds import kind_of

    found: set[tuple[str, ...]] = set()
    for card in cards:
        kind = kind_of(card)
        for f in kind.fields:
            if f.compare != "phrase":
                continue
            for n in (getattr(card, f.name), *getattr(card, "aliases", ())):
                if n and n.strip()[:1].islower():
                    found.add(without_article(name_words(n)))
    return frozenset(p for p in found if p)



class Later:
    """A set of names worked out when a rule first asks for it (most cards never need
    it): iterable, with ``in``, hashable by identity."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute):
        self._compute, self._value = compute, None

    @property
    def value(self) -> frozenset:
        if self._value is None:
            self._value = frozenset(self._compute())
        return self._value

    def __iter__(self):
        return iter(self.value)

    def __contains__(self, item) -> bool:
        return item in self.value

    def __len__(self) -> int:
        return len(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)
