"""Support: how well a cited text backs a card's field, for the rules.

Everything here is pure and cached, so linting 10,000 cards stays fast. The
word-level pieces it stands on (normalising, tokens, stems, a field's content
words) are in :mod:`cards.lint.words`.

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
from dataclasses import dataclass
from functools import cached_property, lru_cache

from cards.lint.lexicon import irregular_lemmas, keys, proper_key
from cards.lint.polarity import text_may_turn
from cards.lint.words import bare_word, field_words, normalise, stem, stems, words

#: Share of a field's content words the cited text must contain (see module doc).
SUPPORT_THRESHOLD = 0.65
#: Words this long or longer may differ from the text by one edit.
FUZZY_MIN_LENGTH = 5
#: The longest passage (the cited lines, in characters) the linter checks. A card
#: citing more gets a C001 error telling it to cite fewer lines: a card's fact is
#: on a line or a few, and the rules take time in proportion to the passage.
MAX_PASSAGE_CHARS = 20_000

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
        return text_may_turn(self)

    @cached_property
    def irregular_lemmas(self) -> frozenset[str]:
        """The base forms of the text's irregular words ("rise" for "rose"; the others' are
        found by stem; :mod:`cards.lint.lexicon`)."""
        return frozenset(irregular_lemmas(self.word_set))

    @cached_property
    def other_forms(self) -> frozenset[str]:
        """Base forms of irregular words ("rise" for "rose") and keys of proper names'
        forms ("\0serb" for "Serbian"), for words of a field not found as they are."""
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
