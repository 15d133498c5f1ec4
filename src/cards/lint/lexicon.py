"""Word knowledge the rules share: base forms, antonyms and the forms of proper names.

The tables come from Princeton WordNet 3.0 (:mod:`cards.lint.lexicon_data`, made by
``lexicon_make.py``); nothing is downloaded and no model is loaded. A word's base forms
(its *lemmas*) are found as WordNet's own lemmatiser ("morphy") finds them: its
exception lists for irregular forms ("rose" is a form of "rise", "won" of "win",
"better" of "good", "stopped" of "stop"), and otherwise by taking off an ending
("-ed", "-ing", "-s", "-er", "-est"...) when what is left is a word the antonym table
knows ("rejected" is "reject", "lighter" is "light").

* :func:`keys`: what a word stands for when two words are compared: its Snowball stem
  (as everywhere in the linter) and its lemmas.
* :func:`opposites`: the lemmas of words of opposite meaning: WordNet's antonyms of
  nouns, verbs, adjectives and adverbs ("accept"/"reject", "rise"/"fall",
  "many"/"few", "victory"/"defeat"), with a supplement for history notes
  ("support"/"oppose", "join"/"leave", "before"/"after").
* :func:`proper_key`: one key for the forms of a proper name ("Serbia", "Serbian" and
  "Serbs"; "Germany" and "German"), from WordNet's pertainyms and derivations and a
  short table of the nouns for a people.

Reading the tables takes a few milliseconds: they are kept as WordNet has them, and
nothing is stemmed until a word is looked up.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from cards.lint.words import stem

#: WordNet's detachment rules (ending, replacement), for nouns, verbs and adjectives together.
_ENDINGS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
            ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
            ("er", ""), ("est", ""), ("er", "e"), ("est", "e"), ("ier", "y"), ("iest", "y"))


class _Tables(NamedTuple):
    forms: dict  # inflected form -> its base forms (WordNet's exception lists)
    opposite: dict  # lemma -> lemmas of its antonyms
    proper: dict  # a proper name's form, lower case -> the key of the name
    verbs: frozenset  # irregular forms of verbs ("led", "took", "met")


_LOADED: list = []


def _tables() -> _Tables:
    """The tables, read once per process (not a cache: clear_caches keeps them)."""
    if not _LOADED:
        _LOADED.append(_read())
    return _LOADED[0]


def _read() -> _Tables:
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
            opposite.setdefault(a, set()).add(b)
            opposite.setdefault(b, set()).add(a)
    proper: dict[str, str] = {}
    for line in data.PROPER.split("\n"):
        if line:
            group = line.lower().split()
            for word in group:
                proper[word] = group[0]
    return _Tables(forms, {k: frozenset(v) for k, v in opposite.items()}, proper,
                   frozenset(data.VERB_FORMS.split()))


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """The base forms of ``word`` (normalised, lower case): those WordNet's exception lists
    give, and the word itself or the word less an ending when the antonym table knows it."""
    tables = _tables()
    found = set(tables.forms.get(word, ()))
    vocabulary = tables.opposite
    if word in vocabulary:
        found.add(word)
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            root = word[:-len(ending)]
            base = root + replacement
            if base in vocabulary:
                found.add(base)
            elif not replacement and len(root) > 2 and root[-1] == root[-2] and root[:-1] in vocabulary:
                found.add(root[:-1])  # "stopped", "bigger"
    return frozenset(found)


@lru_cache(maxsize=65536)
def keys(word: str) -> frozenset[str]:
    """What ``word`` (normalised, lower case) stands for: its stem and its lemmas."""
    return frozenset((stem(word), *lemmas(word)))


@lru_cache(maxsize=65536)
def opposites(word: str) -> frozenset[str]:
    """The lemmas of the words of opposite meaning to ``word`` (none of its own keys)."""
    table = _tables().opposite
    found: set[str] = set()
    for lemma in lemmas(word):
        found.update(table.get(lemma, ()))
    return frozenset(found - keys(word))


@lru_cache(maxsize=65536)
def proper_key(word: str) -> str | None:
    """One key for every form of a proper name ("serbian" and "serbs" -> "serb"), else None."""
    table = _tables().proper
    for form in (word, word[:-2] if word.endswith("'s") else None, word[:-1] if word.endswith("s") else None,
                 word[:-2] if word.endswith("es") else None):
        if form and form in table:
            return table[form]
    return None


def irregular_lemmas(words: frozenset[str]) -> set[str]:
    """The base forms WordNet's exception lists give for the irregular words among ``words``."""
    forms = _tables().forms
    found: set[str] = set()
    for word in words & forms.keys():
        found.update(forms[word])
    return found


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
    return word in _VERBS or word in _tables().verbs or (len(word) > 4 and word.endswith("ed"))


__all__ = ["irregular_lemmas", "keys", "lemmas", "opposites", "proper_key", "verb_like"]
