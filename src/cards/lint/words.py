"""Words: the ground floor of the linter's text matching.

Normalising folds case, strips accents, turns curly quotes into straight ones,
every dash into ``-`` and ``…`` into ``...``, and drops the thousands separator
of "200,000". Tokens are runs of letters and digits (an inner apostrophe is
kept: ``don't``); a possessive ``'s`` is dropped from names and content words.
Words glued together by text pasted from the web ("JulyThe") are split first.

Everything above this module (:mod:`cards.lint.lexicon`, :mod:`cards.lint.tokens`,
:mod:`cards.lint.polarity`, :mod:`cards.lint.text`) builds on these functions
and none of them is imported here, so the linter's text modules form no circle.
Everything here is pure and cached.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: Quotes, dashes and spaces made plain, one character for one.
ONE_TO_ONE = _TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves who's it's he's she's they're there's s t
one ones upon whose within without toward towards via per across along among amongst around
""".split())

#: snowballstemmer hands out PyStemmer's C stemmer when that is installed (a
#: dependency), else its own Python one; both run the same Snowball algorithm
#: (tests/test_lint_text.py checks they agree).
_stemmer = snowballstemmer.stemmer("english")


_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}(?!\d))")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One non-ASCII character made plain: quotes, dashes, spaces, accents."""
    ch = ch.translate(_TRANSLATE).replace("\u2026", "...")
    if ch.isascii():
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)) or ch


def _fold(match: re.Match) -> str:
    return _fold_char(match.group())


def normalise(text: str) -> str:
    """Case-folded text with accents, quotes, dashes, ellipses and 200,000 made plain."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold, text)
    if "," in text:
        text = _THOUSANDS.sub("", text)
    return text.casefold()


#: Where text pasted from the web glued two words: a lower-case word of three letters or
#: more, or a number, run into a capitalised word ("JulyThe", "1914Archduke").
_GLUED = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z][a-z])")


_MAY_BE_GLUED = re.compile(r"[a-z0-9][A-Z][a-z]")


def unglue(text: str) -> str:
    """``text`` with a space where two words were glued together ("JulyThe" -> "July The")."""
    return _GLUED.sub(" ", text) if _MAY_BE_GLUED.search(text) else text


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The normalised word tokens of ``text``, possessives kept (for quotes)."""
    return tuple(TOKEN.findall(normalise(unglue(text))))


def bare_word(word: str) -> str:
    if "'" not in word:
        return word
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit():
        return word
    return _stemmer.stemWord(bare_word(word))


@lru_cache(maxsize=65536)
def stems(text: str) -> tuple[str, ...]:
    """Stems of every word of ``text``, in order (stop words kept)."""
    return tuple(stem(w) for w in words(text))


#: Words that turn a statement round. Support does not count them (most are stop words
#: anyway); :mod:`cards.lint.polarity` compares them.
NEGATIONS = frozenset("not no never nor neither none nothing nobody nowhere cannot".split())
TURNING = NEGATIONS | {"against", "without"}


def is_turning(word: str) -> bool:
    return word in TURNING or word.endswith("n't")


@lru_cache(maxsize=65536)
def field_words(field: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(as written, bare normalised word, stem, is key word) for each content word."""
    result = []
    raw_tokens = TOKEN.findall(_THOUSANDS.sub("", unglue(field).translate(_TRANSLATE)))
    for i, raw in enumerate(raw_tokens):
        word = normalise(raw)
        if word in STOP_WORDS or bare_word(word) in STOP_WORDS or is_turning(word):
            continue
        bare = bare_word(word)
        key = bare.isdigit() or bare in _MONTHS or (i > 0 and raw[:1].isupper())
        result.append((raw, bare, stem(word), key))
    return tuple(result)
