"""Text matching for the rules: normalise, tokenise, stem, and measure support.

Everything here is pure and cached, so linting 10,000 cards stays fast.

*Normalising* folds case, strips accents, turns curly quotes into straight
ones, every dash into ``-`` and ``…`` into ``...``. *Tokens* are runs of
letters and digits (an inner apostrophe is kept: ``don't``); a possessive
``'s`` is dropped from names and content words.

*Support*: a card's field is supported by the cited text when

- every **key word** of the field is found: numbers exactly, month names
  exactly, capitalised words after the first (names such as "Winter
  Palace" or "Petrograd") and words of the people's names the deck knows
  (from person cards and quote speakers, wherever they stand) by their stem,
  without spelling slack;
- and at least :data:`SUPPORT_THRESHOLD` of its **content words** (stop
  words dropped) are found: same stem, or, for words of five letters or more,
  one edit (insert, delete, substitute or swap two neighbours) away from a
  word or stem of the cited text, so "organised" meets "organized" and a typo
  on either side is tolerated.

Words that turn a statement round ("not", "never", "without", "against"...) are
not counted here: whether a field says its fact the same way round as the cited
text is a rule of its own (:mod:`cards.lint.polarity`).

A key word is also found in another form of the same proper name ("Serbia" in
"Serbian", "Germany" in "German"; :func:`cards.lint.lexicon.proper_key`), or by
another name the deck gives the same thing (a card's ``aliases``; see
:class:`Synonyms`). Words glued together by text pasted from the web ("5 JulyThe
Austrian...", "1914Archduke") are split before anything is compared.

The threshold was chosen on the labelled corpus (``tests/lint_corpus``): every
correct card's event, role or definition scores 0.83 or more there, and every
unsupported one that misses no key word scores 0.33 or less (the others miss a
name or a number, which fails them whatever their share). Any value between
separates the corpus; 0.65 is the lowest that still fails two words changed
out of five (0.6) and lets a single synonym in a three-word field pass
("The Winter Palace is taken" for "was stormed": 2 of 3, 0.67).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer

#: Share of a field's content words the cited text must contain (see module doc).
SUPPORT_THRESHOLD = 0.65
#: Words this long or longer may differ from the text by one edit.
FUZZY_MIN_LENGTH = 5
#: The longest passage (the cited lines, in characters) the linter checks. A card
#: citing more gets a C001 error telling it to cite fewer lines: a card's fact is
#: on a line or a few, and the rules take time in proportion to the passage.
MAX_PASSAGE_CHARS = 20_000

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


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Join cited lines with spaces, mending words hyphenated across a line break."""
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if parts and re.search(r"[^\W\d_]-$", parts[-1]) and line[:1].islower():
            parts[-1] = parts[-1][:-1] + line
        else:
            parts.append(line)
    return " ".join(parts)


@dataclass(frozen=True)
class Passage:
    """A cited text, prepared once for every rule that reads it."""

    text: str
    words: tuple[str, ...]
    bare_words: tuple[str, ...]  # possessive 's dropped
    stems: tuple[str, ...]
    word_set: frozenset[str]
    stem_set: frozenset[str]

    @cached_property
    def may_turn(self) -> bool:
        """Whether the text may negate something or take sides (see :mod:`cards.lint.polarity`)."""
        from cards.lint.polarity import text_may_turn

        return text_may_turn(self)

    @cached_property
    def irregular_lemmas(self) -> frozenset[str]:
        """The base forms of the text's irregular words ("rise" for "rose"; the others' are
        found by stem; :mod:`cards.lint.lexicon`)."""
        from cards.lint.lexicon import irregular_lemmas

        return frozenset(irregular_lemmas(self.word_set))

    @cached_property
    def other_forms(self) -> frozenset[str]:
        """Base forms of irregular words ("rise" for "rose") and keys of proper names'
        forms ("\0serb" for "Serbian"), for words of a field not found as they are."""
        from cards.lint.lexicon import keys, proper_key

        found = set()
        for w in self.word_set:
            found.update(keys(w))
            key = proper_key(w)
            if key:
                found.add("\0" + key)
        return frozenset(found)

    @cached_property
    def by_length(self) -> dict[int, tuple[str, ...]]:
        """Word and stem vocabulary by length, for the one-edit search (made only for the
        few passages that lack a word of a card)."""
        found: dict[int, list[str]] = {}
        for w in self.word_set | self.stem_set:
            found.setdefault(len(w), []).append(w)
        return {k: tuple(v) for k, v in found.items()}


#: Words that turn a statement round. Support does not count them (most are stop words
#: anyway); :mod:`cards.lint.polarity` compares them.
NEGATIONS = frozenset("not no never nor neither none nothing nobody nowhere cannot".split())
TURNING = NEGATIONS | {"against", "without"}


def is_turning(word: str) -> bool:
    return word in TURNING or word.endswith("n't")


@lru_cache(maxsize=16384)
def passage(text: str) -> Passage:
    ws = words(text)
    bare = tuple(map(bare_word, ws))
    ss = tuple(map(stem, ws))
    return Passage(text, ws, bare, ss, frozenset(bare), frozenset(ss))


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one edit (swap of neighbours included)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _near(word: str, text: Passage) -> bool:
    n = len(word)
    for length in (n, n - 1, n + 1):
        for candidate in text.by_length.get(length, ()):
            if candidate[:1] == word[:1] or candidate[-1:] == word[-1:]:
                if one_edit(word, candidate):
                    return True
    return False


@dataclass(frozen=True)
class Support:
    share: float
    missing: tuple[str, ...]  # content words of the field not found, as written
    missing_keys: tuple[str, ...]  # key words not found, as written

    @property
    def ok(self) -> bool:
        return not self.missing_keys and self.share >= SUPPORT_THRESHOLD


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


def support(field: str, text: Passage, names: frozenset[str] = frozenset(), synonyms=None) -> Support:
    """How well ``text`` supports the content words of ``field`` (see module doc).

    ``names`` are words the deck uses in people's names; they are key words
    wherever they stand, so "Lenin presents the April Theses" needs "Lenin".
    ``synonyms`` (a :class:`cards.lint.synonyms.Synonyms`) are other names the deck
    gives the same things.
    """
    content = field_words(field)
    if not content:
        return Support(1.0, (), ())
    found = 0
    missed = []
    for raw, bare, st, key in content:
        key = key or bare in names
        hit = bare in text.word_set or st in text.stem_set
        if not hit and not key and len(bare) >= FUZZY_MIN_LENGTH and not bare.isdigit():
            hit = _near(bare, text) or _near(st, text)
        if hit:
            found += 1
        else:
            missed.append((raw, bare, st, key))
    if missed:
        missed = _other_forms(field, missed, text, synonyms)
        found = len(content) - len(missed)
    return Support(found / len(content), tuple(m[0] for m in missed), tuple(m[0] for m in missed if m[3]))


def _other_forms(field: str, missed: list, text: Passage, synonyms) -> list:
    """The words of ``missed`` that the text does not have in another form either: an
    irregular form ("rose" for "rise"), a proper name's ("Serbian" for "Serbia"), or
    another name of the same thing (``synonyms``)."""
    from cards.lint.lexicon import keys, proper_key

    forms = text.other_forms
    left = []
    for item in missed:
        raw, bare, st, key = item
        proper = proper_key(bare)
        if (proper and "\0" + proper in forms) or (not bare.isdigit() and not keys(bare).isdisjoint(forms)):
            continue
        left.append(item)
    if left and synonyms:
        covered = synonyms.found_elsewhere(field, {st for _, _, st, _ in left}, text)
        left = [item for item in left if item[2] not in covered]
    return left


def contains_phrase(phrase: str, text: Passage) -> bool:
    """True when the words of ``phrase`` appear together, in order, in ``text`` (by stem;
    a leading "the", "a" or "an" aside). A one-word proper name may appear in another
    form ("Serbian" for "Serbia")."""
    target = stems(phrase)
    if len(target) > 1 and target[0] in ("the", "a", "an"):
        target = target[1:]
    if not target:
        return False
    n = len(target)
    hay = text.stems
    first = target[0]
    for i in range(len(hay) - n + 1):
        if hay[i] == first and hay[i:i + n] == target:
            return True
    if n == 1 and phrase.strip()[:1].isupper():
        from cards.lint.lexicon import proper_key

        key = proper_key(words(phrase)[-1])
        return key is not None and "\0" + key in text.other_forms
    return False


def shorten(text: str, width: int = 90, around: str | None = None) -> str:
    """``text`` on one line, cut to ``width`` characters (near ``around`` if given)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    start = 0
    if around:
        at = normalise(text).find(normalise(around))
        if at > width // 3:
            start = at - width // 3
    cut = text[start:start + width - 2 * (start > 0)]
    return ("\u2026" if start > 0 else "") + cut.rstrip() + "\u2026"


def unsupported_message(what: str, result: Support, ctx) -> str:
    """'event not supported by notes:5: ...' for the D110, P202 and T302 rules."""
    missing = ", ".join(repr(w) for w in dict.fromkeys(result.missing))
    if result.missing_keys:
        why = f"{', '.join(repr(w) for w in dict.fromkeys(result.missing_keys))} not found"
        rest = [w for w in dict.fromkeys(result.missing) if w not in result.missing_keys]
        if rest:
            why += f", nor {', '.join(repr(w) for w in rest)}"
    else:
        why = f"only {result.share:.0%} of its words found (missing {missing})"
    return f"{what} not supported by {ctx.label}: {why}; cited text: {shorten(ctx.text)!r}"
