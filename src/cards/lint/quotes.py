"""Is a quote verbatim in the cited text? And if not, what is the closest text?

Both sides are compared as word sequences after normalising case, whitespace,
line breaks and typographic quotes, apostrophes and dashes; punctuation
between words is not compared. ``...``, ``…`` or ``[...]`` in the card's
quote stands for omitted words: each part between gaps must appear, word for
word, in order.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from cards.lint.text import ONE_TO_ONE, TOKEN, normalise, words

_GAP = re.compile(r"\[\s*(?:\.\s*){3}\]|\.\s*\.\s*\.|\u2026")


@lru_cache(maxsize=65536)
def quote_parts(quote: str) -> tuple[tuple[str, ...], ...]:
    """The quote's word sequences between gaps."""
    return tuple(p for p in (words(part) for part in _GAP.split(quote.replace("\u2026", "..."))) if p)


def find_parts(parts: tuple[tuple[str, ...], ...], hay: tuple[str, ...]) -> bool:
    """True when every part appears contiguously in ``hay``, in order."""
    at = 0
    for part in parts:
        n = len(part)
        for i in range(at, len(hay) - n + 1):
            if hay[i] == part[0] and hay[i:i + n] == part:
                at = i + n
                break
        else:
            return False
    return True


@dataclass(frozen=True)
class Closest:
    text: str  # the closest stretch of the cited text, as written
    changes: tuple[str, ...]  # "'a' instead of 'b'", "added 'c'", "missing 'd'"


def closest(quote: str, cited: str) -> Closest:
    """The stretch of ``cited`` most like ``quote`` (gaps taken as any words), with the differences."""
    spans = [m.span() for m in TOKEN.finditer(cited.translate(ONE_TO_ONE))]
    hay = words(cited)
    if len(spans) != len(hay):  # normalising changed the tokens; fall back to normalised words
        spans = None
    needle = [w for part in quote_parts(quote) for w in part]
    if not hay or not needle:
        return Closest(cited.strip(), ())
    best = (-1.0, 0, 0)
    n = len(needle)
    # windows start near a word of the quote, so a long citation stays cheap
    vocabulary = set(needle)
    starts = sorted({max(0, i - k) for i, w in enumerate(hay) if w in vocabulary for k in (0, 1, 2)}) or [0]
    for size in {max(1, n - 2), max(1, n - 1), n, n + 1, n + 2}:
        for start in starts:
            if start > max(0, len(hay) - size):
                break
            window = hay[start:start + size]
            matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, start, start + len(window))
    _, lo, hi = best
    window = hay[lo:hi]
    if spans:
        text = cited[spans[lo][0]:spans[hi - 1][1]]
    else:
        text = " ".join(window)
    return Closest(" ".join(text.split()), _changes(needle, list(window)))


def _changes(card: list[str], text: list[str]) -> tuple[str, ...]:
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, card, text, autojunk=False).get_opcodes():
        said, found = " ".join(card[a1:a2]), " ".join(text[b1:b2])
        if op == "replace":
            changes.append(f"{said!r} instead of {found!r}")
        elif op == "insert":
            changes.append(f"missing {found!r}")
        elif op == "delete":
            changes.append(f"added {said!r}")
    return tuple(changes)


def is_verbatim(quote: str, cited_words: tuple[str, ...]) -> bool:
    parts = quote_parts(quote)
    return bool(parts) and find_parts(parts, cited_words)


__all__ = ["Closest", "closest", "find_parts", "is_verbatim", "normalise", "quote_parts"]
