"""Is a quote verbatim in the cited text? And if not, what is the closest text?

Both sides are compared as word sequences after normalising case, whitespace,
line breaks and typographic quotes, apostrophes and dashes; punctuation
between words is not compared. ``...``, ``…`` or ``[...]`` in the card's
quote stands for omitted words: each part between gaps must appear, word for
word, in order.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from cards.lint.words import ONE_TO_ONE, TOKEN, normalise, words

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


#: At most this many stretches of the cited text are compared word by word (with
#: difflib) in the search for the closest text: those with the most words of the quote.
#: A cited line or two never needs as many, so the result is the one an exhaustive
#: search finds; on a very long passage it keeps the search linear in its length.
MAX_COMPARED = 1000


def closest(quote: str, cited: str) -> Closest:
    """The stretch of ``cited`` most like ``quote`` (gaps taken as any words), with the differences."""
    spans = [m.span() for m in TOKEN.finditer(cited.translate(ONE_TO_ONE))]
    hay = words(cited)
    if len(spans) != len(hay):  # normalising changed the tokens; fall back to normalised words
        spans = None
    needle = [w for part in quote_parts(quote) for w in part]
    if not hay or not needle:
        return Closest(cited.strip(), ())
    lo, hi = _closest_window(needle, hay)
    window = hay[lo:hi]
    if spans:
        text = cited[spans[lo][0]:spans[hi - 1][1]]
    else:
        text = " ".join(window)
    return Closest(" ".join(text.split()), _changes(needle, list(window)))


def _closest_window(needle: list[str], hay: tuple[str, ...]) -> tuple[int, int]:
    """``(start, end)`` of the window of ``hay`` with the highest difflib ratio to ``needle``.

    The windows are those of the quote's length, give or take two words, that start at
    most two words before a word of the quote; of equal ratios the first wins (by
    length tried, then position). A window's ratio is at most its *bound*, the share
    of words the two have in common in any order (difflib's ``quick_ratio``), which a
    sliding count gives for every window at once. Windows are compared in order of
    bound, and the search stops when no bound left can beat the best ratio found, or
    after :data:`MAX_COMPARED` comparisons.
    """
    ranked = heapq.nsmallest(MAX_COMPARED, _bounded_windows(needle, hay))
    best, best_order, best_span = -1.0, -1, (0, 0)
    for neg_bound, order, start, end in ranked:
        if -neg_bound < best or (-neg_bound == best and order > best_order):
            break
        ratio = difflib.SequenceMatcher(None, needle, hay[start:end], autojunk=False).ratio()
        if ratio > best or (ratio == best and order < best_order):
            best, best_order, best_span = ratio, order, (start, end)
    return best_span


def _bounded_windows(needle: list[str], hay: tuple[str, ...]):
    """``(-bound, order, start, end)`` for every window :func:`_closest_window` considers."""
    n = len(needle)
    need = Counter(needle)
    hits = [i for i, w in enumerate(hay) if w in need]
    starts = sorted({max(0, i - k) for i in hits for k in (0, 1, 2)}) or [0]
    order = 0
    for size in {max(1, n - 2), max(1, n - 1), n, n + 1, n + 2}:  # a set: its order decides ties
        last_start = max(0, len(hay) - size)
        have = dict.fromkeys(need, 0)
        shared = added = removed = 0
        for start in starts:
            if start > last_start:
                break
            end = min(start + size, len(hay))
            while added < len(hits) and hits[added] < end:
                word = hay[hits[added]]
                have[word] += 1
                if have[word] <= need[word]:
                    shared += 1
                added += 1
            while removed < added and hits[removed] < start:
                word = hay[hits[removed]]
                if have[word] <= need[word]:
                    shared -= 1
                have[word] -= 1
                removed += 1
            yield -(2.0 * shared / (n + end - start)), order, start, end
            order += 1


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
