"""A text as a sequence of words with what lies between them, for the rules that read
structure: which way round a clause is (:mod:`cards.lint.polarity`), who said a
quotation and of whom a role is said (:mod:`cards.lint.attribution`).

:func:`tokens` keeps each word as written (its case tells a name), its normalised
form, its keys (:func:`cards.lint.lexicon.keys`), the punctuation before it, and
the clause it belongs to. A clause ends at ``. ; : ! ?``, a bracket or a dash
between words, and before "but", "while", "whereas", "although" and "though".
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from cards.lint.lexicon import keys
from cards.lint.words import ONE_TO_ONE, TOKEN, bare_word, normalise, unglue

_BREAK = re.compile(r"[.;:!?()\[\]]|\s-\s|--")
_SENTENCE_END = re.compile(r"[!?\n\u2022]")
_BREAK_WORDS = frozenset(("but", "while", "whereas", "although", "though"))
#: Abbreviations whose full stop ends no sentence.
_ABBREVIATIONS = frozenset("no st mr mrs dr gen col capt lt sgt rev vol pp p c ca oct nov dec jan feb "
                           "mar apr aug sep sept vs etc".split())


class Tokens:
    """A text's words; everything but the words and their places is worked out when first asked for."""

    __slots__ = ("text", "raw", "norm", "spans", "__dict__")

    def __init__(self, text: str, raw: tuple[str, ...], spans: tuple[tuple[int, int], ...]):
        self.text = text  # the text the offsets count in: glued words split, quotes and dashes plain
        self.raw = raw  # each word as written
        self.spans = spans
        # normalised (case folded, accents stripped), possessive 's dropped
        self.norm = tuple(bare_word(w.lower() if w.isascii() else normalise(w)) for w in raw)

    @cached_property
    def gaps(self) -> tuple[str, ...]:
        """What stands before each word (the first: from the start of the text)."""
        text, spans = self.text, self.spans
        return tuple(text[spans[i - 1][1] if i else 0:start] for i, (start, _) in enumerate(spans))

    @cached_property
    def clause(self) -> tuple[int, ...]:
        """The clause of each word, counted from 0."""
        found, current = [], 0
        norm, raw = self.norm, self.raw
        for i, gap in enumerate(self.gaps):
            if i and ((gap.strip() and _BREAK.search(gap) and not _abbreviation(raw[i - 1], gap))
                      or norm[i] in _BREAK_WORDS):
                current += 1
            found.append(current)
        return tuple(found)

    def __len__(self) -> int:
        return len(self.raw)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Each word normalised, a possessive 's kept (as quotes are compared)."""
        return tuple(w.lower() if w.isascii() else normalise(w) for w in self.raw)

    @cached_property
    def in_brackets(self) -> tuple[bool, ...]:
        """Whether each word stands inside round brackets."""
        depth, found = 0, []
        for gap in self.gaps:
            depth = max(0, depth + gap.count("(") - gap.count(")"))
            found.append(depth > 0)
        return tuple(found)

    def possessive(self, i: int) -> bool:
        """True for "Lenin's" and "the Bolsheviks'"."""
        return self.raw[i].endswith("'s") or (i + 1 < len(self.raw) and self.gaps[i + 1].startswith("' ")
                                              and self.raw[i].endswith("s"))

    @cached_property
    def keys(self) -> tuple[frozenset[str], ...]:
        return tuple(keys(w) for w in self.norm)

    @cached_property
    def positions(self) -> dict[str, tuple[int, ...]]:
        """Key -> the indexes of the words that have it."""
        found: dict[str, list[int]] = {}
        for i, ks in enumerate(self.keys):
            for k in ks:
                found.setdefault(k, []).append(i)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def _capitalised(self) -> tuple[bool, ...]:
        return tuple(w[:1].isupper() for w in self.raw)

    def capitalised(self, i: int) -> bool:
        return self._capitalised[i]

    @cached_property
    def _sentence_starts(self) -> tuple[bool, ...]:
        found = []
        for i, gap in enumerate(self.gaps):
            if i == 0 or _SENTENCE_END.search(gap):
                found.append(True)
            else:
                found.append("." in gap and not _abbreviation(self.raw[i - 1], gap.strip()[:1])
                             and not self.raw[i - 1][:1].isdigit())
        return tuple(found)

    def sentence_start(self, i: int) -> bool:
        """True for the first word of the text or of a sentence (or a list item)."""
        return self._sentence_starts[i]

    @cached_property
    def sentence(self) -> tuple[int, ...]:
        """The index of the first word of each word's sentence."""
        found, current = [], 0
        for i, start in enumerate(self._sentence_starts):
            if start:
                current = i
            found.append(current)
        return tuple(found)


@lru_cache(maxsize=16384)
def tokens(text: str) -> Tokens:
    plain = unglue(text).translate(ONE_TO_ONE).replace("\u2026", "...")
    matches = list(TOKEN.finditer(plain))
    return Tokens(plain, tuple(m.group() for m in matches), tuple(m.span() for m in matches))


def _abbreviation(previous: str, gap: str) -> bool:
    """True when the gap's only break is the full stop of an abbreviation ("No. 1") or of
    an initial ("Ulysses S. Grant")."""
    return gap.strip() == "." and (normalise(previous) in _ABBREVIATIONS
                                   or (len(previous) == 1 and previous.isupper()))
