"""Finding a person's name in a cited text: full name, an alias or the surname.

Names are matched strictly: the same words in the same order after
normalising (case, accents, curly apostrophes, a possessive 's), with no
stemming and no spelling slack, so "Kamenev" does not pass for "Kamenov".
"""

from __future__ import annotations

from functools import lru_cache

from cards.lint.text import Passage
from cards.lint.words import STOP_WORDS, bare_word, words

_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii".split())
_CONNECTORS = frozenset(("the", "of"))
_SUFFIXES = frozenset(("jr", "sr", "junior", "senior"))


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    return tuple(bare_word(w) for w in words(name))


def surname(name: str) -> str | None:
    """The family name of 'Leon Trotsky' (Trotsky); None for 'Nicholas II' or 'Catherine the Great'."""
    parts = [w for w in name_words(name) if w not in _SUFFIXES]
    if len(parts) < 2 or _CONNECTORS & set(parts) or parts[-1] in _ROMAN or len(parts[-1]) < 3:
        return None
    return parts[-1]


def has_words(phrase: tuple[str, ...], text: Passage) -> bool:
    if not phrase:
        return False
    if len(phrase) == 1:
        return phrase[0] in text.word_set
    hay = text.bare_words
    n = len(phrase)
    return any(hay[i:i + n] == phrase for i in range(len(hay) - n + 1) if hay[i] == phrase[0])


ARTICLES = frozenset(("the", "a", "an"))


def without_article(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name without a leading article ("the Kaiser" is "Kaiser"), never none."""
    return phrase[1:] if len(phrase) > 1 and phrase[0] in ARTICLES else phrase


def name_found(name: str, aliases: tuple[str, ...], text: Passage) -> bool:
    """True when the name, one of the aliases, or the surname appears in ``text`` (a
    leading article aside)."""
    candidates = [name, *aliases]
    last = surname(name)
    if last:
        candidates.append(last)
    return any(has_words(without_article(name_words(c)), text) for c in candidates)


_TITLES = frozenset("king queen prince princess tsar tsarina emperor empress general lord lady sir saint st "
                    "pope president chairman comrade duke count".split())


def deck_names(cards) -> frozenset[str]:
    """The words of every name in a deck (titles left out): each field a kind compares as a
    person's name (a person's name, a quote's speaker) and that card's aliases."""
    from cards.kinds import kind_of

    found: set[str] = set()
    for card in cards:
        kind = kind_of(card)
        name_fields = [f.name for f in kind.fields if f.compare == "name"]
        if not name_fields:
            continue
        for name in (*(getattr(card, f) for f in name_fields), *getattr(card, "aliases", ())):
            if not name:
                continue
            for word in name_words(name):
                if len(word) >= 3 and word not in _ROMAN and word not in _TITLES and word not in STOP_WORDS:
                    found.add(word)
    return frozenset(found)


def names_tried(name: str, aliases: tuple[str, ...]) -> str:
    """The names looked for, as a message shows them: 'Leon Trotsky' / 'Trotsky'."""
    tried = [name, *aliases]
    if surname(name):
        tried.append(surname(name).capitalize())
    return " / ".join(repr(t) for t in tried)
