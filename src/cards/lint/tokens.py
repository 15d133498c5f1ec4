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
from dataclasses import dataclass
from functools import cached_property, lru_cache

from cards.lint.text import ONE_TO_ONE, TOKEN, bare_word, normalise, unglue

_BREAK = re.compile(r"[.;:!?()\[\]]|\s-\s|--")
_BREAK_WORDS = frozenset(("but", "while", "whereas", "although", "though"))
#: Abbreviations whose full stop ends no sentence.
_ABBREVIATIONS = frozenset("no st mr mrs dr gen col capt lt sgt rev vol pp p c ca oct nov dec jan feb "
                           "mar apr aug sep sept vs etc".split())


@dataclass(frozen=True)
class Tokens:
    text: str  # the text the offsets count in: glued words split, quotes and dashes plain
    raw: tuple[str, ...]  # each word as written
    norm: tuple[str, ...]  # normalised (case folded, accents stripped), possessive 's dropped
    spans: tuple[tuple[int, int], ...]
    gaps: tuple[str, ...]  # what stands before each word (the first: from the start of the text)
    clause: tuple[int, ...]  # the clause of each word, counted from 0

    def __len__(self) -> int:
        return len(self.raw)

    @cached_property
    def keys(self) -> tuple[frozenset[str], ...]:
        from cards.lint.lexicon import keys

        return tuple(keys(w) for w in self.norm)

    @cached_property
    def positions(self) -> dict[str, tuple[int, ...]]:
        """Key -> the indexes of the words that have it."""
        found: dict[str, list[int]] = {}
        for i, ks in enumerate(self.keys):
            for k in ks:
                found.setdefault(k, []).append(i)
        return {k: tuple(v) for k, v in found.items()}

    def capitalised(self, i: int) -> bool:
        word = self.raw[i]
        return word[:1].isupper() and not word.isupper() or (word.isupper() and len(word) > 1)

    def sentence_start(self, i: int) -> bool:
        """True for the first word of the text or of a sentence (or a list item)."""
        if i == 0:
            return True
        gap = self.gaps[i]
        if re.search(r"[!?]|^\s*[-\u2022*]|\n|[\u2022]", gap):
            return True
        return "." in gap and self.norm[i - 1] not in _ABBREVIATIONS and not self.raw[i - 1][:1].isdigit()


@lru_cache(maxsize=16384)
def tokens(text: str) -> Tokens:
    plain = unglue(text).translate(ONE_TO_ONE).replace("\u2026", "...")
    raw, norm, spans, gaps, clause = [], [], [], [], []
    at, current = 0, 0
    for match in TOKEN.finditer(plain):
        start, end = match.span()
        gap = plain[at:start]
        word = match.group()
        low = bare_word(normalise(word))
        if raw and (_BREAK.search(gap) and not _abbreviation(raw[-1], gap) or low in _BREAK_WORDS):
            current += 1
        raw.append(word)
        norm.append(low)
        spans.append((start, end))
        gaps.append(gap)
        clause.append(current)
        at = end
    return Tokens(plain, tuple(raw), tuple(norm), tuple(spans), tuple(gaps), tuple(clause))


def _abbreviation(previous: str, gap: str) -> bool:
    """True when the gap's only break is the full stop of an abbreviation ("No. 1")."""
    return gap.strip() == "." and normalise(previous) in _ABBREVIATIONS
