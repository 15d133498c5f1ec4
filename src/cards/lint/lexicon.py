"""Word knowledge the rules share: base forms, antonyms and the forms of proper names.

The tables come from Princeton WordNet 3.0 (:mod:`cards.lint.lexicon_data`, made by
``lexicon_make.py``); nothing is downloaded and no model is loaded. Words are compared by
their Snowball stem, as everywhere in the linter, so "rejected", "rejects" and "reject"
are one word; WordNet's exception lists add the irregular forms a stemmer cannot see
("rose" is a form of "rise", "won" of "win", "better" of "good").

* :func:`keys`: the stems a word stands for: its own, and its base forms' ("fell" is
  "fell" and "fall").
* :func:`opposites`: the keys of words of opposite meaning: WordNet's antonyms of
  nouns, verbs, adjectives and adverbs ("accept"/"reject", "rise"/"fall",
  "many"/"few", "victory"/"defeat"), with a supplement for history notes
  ("support"/"oppose", "join"/"leave", "before"/"after").
* :func:`proper_key`: one key for the forms of a proper name ("Serbia", "Serbian" and
  "Serbs"; "Germany" and "German"), from WordNet's pertainyms and derivations and a
  short table of the nouns for a people.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


def _stem(word: str) -> str:
    from cards.lint.text import stem

    return stem(word)


class _Tables(NamedTuple):
    forms: dict  # irregular form -> its base forms
    opposite: dict  # key -> keys of its antonyms
    proper: dict  # stem of a proper name's form -> the key of the name
    verbs: frozenset  # irregular forms of verbs
    form_words: frozenset  # every irregular form


_LOADED: list = []


def _tables():
    """The tables, read once per process (not a cache: clear_caches keeps them)."""
    if not _LOADED:
        _LOADED.append(_read())
    return _LOADED[0]


def _read():
    from cards.lint import lexicon_data as data

    forms: dict[str, tuple[str, ...]] = {}
    for line in data.FORMS.split("\n"):
        if line:
            form, *bases = line.split()
            forms[form] = tuple(bases)
    opposite: dict[str, set[str]] = {}
    for line in data.ANTONYMS.split("\n"):
        if line:
            a, b = line.split()
            sa, sb = _stem(a), _stem(b)
            if sa != sb:
                opposite.setdefault(sa, set()).add(sb)
                opposite.setdefault(sb, set()).add(sa)
    proper: dict[str, str] = {}
    for line in data.PROPER.split("\n"):
        if line:
            group = line.split()
            for word in group:
                proper[_stem(word.lower())] = group[0].lower()
    return _Tables(forms, {k: frozenset(v) for k, v in opposite.items()}, proper,
                   frozenset(data.VERB_FORMS.split()), frozenset(forms))


@lru_cache(maxsize=65536)
def keys(word: str) -> frozenset[str]:
    """The stems ``word`` (normalised, lower case) stands for: its own and its base forms'
    (irregular ones from WordNet's lists; "-er" and "-est" of an adjective the antonym
    table knows, as WordNet's own lemmatiser finds them: "lighter" is "light")."""
    tables = _tables()
    found = {_stem(word), *map(_stem, tables.forms.get(word, ()))}
    for ending in ("er", "est"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            root = word[:-len(ending)]
            for base in (root, root + "e", root[:-1] + "y" if root.endswith("i") else root,
                         root[:-1] if len(root) > 2 and root[-1] == root[-2] else root):
                stem = _stem(base)
                if stem in tables.opposite:
                    found.add(stem)
    return frozenset(found)


@lru_cache(maxsize=65536)
def opposites(word: str) -> frozenset[str]:
    """Keys of the words of opposite meaning to ``word`` (none of ``word``'s own keys)."""
    own = keys(word)
    table = _tables().opposite
    found: set[str] = set()
    for key in own:
        found.update(table.get(key, ()))
    return frozenset(found - own)


@lru_cache(maxsize=65536)
def proper_key(word: str) -> str | None:
    """One key for every form of a proper name ("serbian" and "serbs" -> "serb"), else None."""
    return _tables().proper.get(_stem(word))


__all__ = ["keys", "opposites", "proper_key"]


#: Verbs that often follow a subject in history notes, in forms no rule below catches.
_VERBS = frozenset("is are was were has had have be became becomes become led leads took takes made makes won "
                   "wins lost loses held holds ran runs met meets sent sends left leaves fled flees wrote writes "
                   "gave gives went goes came comes saw sees set sets put puts cut cuts let lets hid hides "
                   "fell falls rose rises sat sits stood stands said says told tells began begins "
                   "remained remains wanted wants believed believes argued argues chaired chairs headed heads "
                   "commanded commands joined joins opposed opposes supported supports "
                   "can could would should will may might must did does do".split())


def verb_like(word: str) -> bool:
    """True for a word that reads as a verb after a name: "led", "resigned", "became", "was"."""
    return (word in _VERBS or word in _tables().verbs or (len(word) > 4 and word.endswith("ed")))


def irregular_keys(words: frozenset[str]) -> set[str]:
    """The keys of the base forms of the irregular words among ``words`` ("rise" for "rose")."""
    found: set[str] = set()
    for word in words & _tables().form_words:
        found.update(keys(word))
    return found
