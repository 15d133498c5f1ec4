"""Does a field say its fact the same way round as the cited text?

Word overlap cannot tell "the Duma accepted the terms" from "the Duma rejected the
terms", nor "supported the government" from "did not support the government". This
module lines the field's words up with the cited text's and compares, for each word
that the two share (or that one has and the other has the opposite of):

* **negation**: a word is negated when it stands in the scope of "not", "n't",
  "never", "no", "nobody", "nothing", "neither", "nor", "cannot", "without", or
  "refused to", "failed to", "declined to", "unable to". The scope runs from there to
  the next comma, "and" or end of clause ("without": to its first content word); a
  second negation in it turns it back ("not without difficulty"), and "not only",
  "not until", "no sooner" are no negation. Only a negation's *head* (the first
  content word it governs) is compared, on either side: so "no parliament limits
  it" and "it is not limited by a parliament" agree.
* **antonyms**: "accepted" against "rejected", "rose" against "fell", "won" against
  "lost", "many" against "few" (:func:`cards.lint.lexicon.opposites`, WordNet's
  antonyms and a supplement for history notes). A negated antonym agrees: "opposed the
  war" is "did not support the war".
* **uncertain**: a word governed by a verb that may or may not turn it round
  ("escaped execution", "stopped trusting", "halted the advance", "gave up the
  throne") is not compared, nor is a counterfactual ("could not have held").
* **stance**: "for" and "against" after a verb of taking sides ("voted against",
  "argued for", "was against") count as "support" and "oppose"; any other "against"
  ("the defence of the city against the rebels") is an ordinary word.

Where the text has a word several times (once negated, once not; or the word and its
opposite), the occurrence compared is the one with most of the field's other words
closest to it in the same clause, so "Wages rose while prices fell" does not support
"Prices rose" and "supported the Tsar, but not the government" does not support
"supported the government".

A field that says "not" (or "never", "n't"...) of a word the text lacks, where the
text has no negation at all, is reported too ("didn't expect" for "expected").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from cards.lint.lexicon import opposites as word_opposites, verb_like
from cards.lint.words import NEGATIONS, STOP_WORDS, field_words, stem, words
from cards.lint.tokens import Tokens, tokens

#: Verbs that negate the verb after "to": "refused to sign".
_NEGATING_VERBS = frozenset(("refus", "fail", "declin", "unabl"))
#: After "not" (or "no"), these undo the negation: "not only", "not until", "no sooner".
_UNDOING = frozenset("only just merely least until till sooner doubt less".split())
#: Words passed over when looking for the head of a negation.
_PASSED = frozenset("be is are was were been being am have has had do does did to the a an any yet even ever "
                    "at all always fully quite so too very much more one longer by of its their his her "
                    "really entirely completely wholly".split())
#: "-ly" words that are not adverbs.
_NOT_ADVERBS = frozenset("assembly family italy july ally rally supply reply apply only fly sicily "
                         "monopoly anomaly".split())
_STANCE = frozenset(("vote", "argu", "speak", "spoke", "campaign", "declar", "decid", "stand", "stood", "side",
                     "turn", "lobbi", "fight", "fought", "agit", "plead", "preach", "rule", "is", "are", "was",
                     "were", "be", "been", "came", "come"))
#: Words of a vote's tally, passed over between a verb and its "for" or "against".
_TALLY = frozenset("to by votes vote two three four five six seven eight nine ten eleven twelve twenty thirty "
                   "hundred thousand majority narrowly overwhelmingly".split())
_SUPPORT, _OPPOSE = frozenset({"support"}), frozenset({"oppos", "oppose"})
_CHECKED_STOP = frozenset(("before", "after"))
#: How far (in words) a word of the field may stand from the compared one to count.
_NEAR = 8
#: At most this many occurrences of a word are compared (keeps long passages linear).
_MAX_PLACES = 64


@dataclass(frozen=True)
class Reading:
    """Which way round each word of a text is."""

    signs: tuple[int, ...]  # -1: negated
    heads: frozenset[int]  # heads of negations
    negator: dict  # head index -> index of the word that negates it
    negations: int  # how many negations the text has (undone ones aside)
    stance: dict  # index of a "for"/"against" after a verb of taking sides -> its keys
    #: words governed by a verb that may or may not negate them ("escaped execution",
    #: "stopped trusting", "halted the advance"): never compared
    uncertain: frozenset = frozenset()


def _is_negator(tok: Tokens, i: int) -> int:
    """0 if word ``i`` negates nothing, else how many words its scope starts after (1 or 2)."""
    word = tok.norm[i]
    if word in NEGATIONS or word.endswith("n't") or word == "without":
        return 1
    if i + 1 < len(tok) and tok.norm[i + 1] == "to" and tok.clause[i + 1] == tok.clause[i]:
        if not _NEGATING_VERBS.isdisjoint(tok.keys[i]) or word == "unable":
            return 2
    return 0


def _passed(word: str) -> bool:
    return word in _PASSED or (len(word) > 4 and word.endswith("ly") and word not in _NOT_ADVERBS)


#: Verbs that turn what follows round in some uses and not in others: the word they govern
#: is not compared.
_HALF_NEGATING = frozenset(f"{stem}{ending}" for stem, endings in (
    ("escap", ("e", "ed", "es", "ing")), ("avoid", ("", "ed", "s", "ing")), ("stop", ("", "ped", "s", "ping")),
    ("ceas", ("e", "ed", "es", "ing")), ("prevent", ("", "ed", "s", "ing")), ("lack", ("", "ed", "s", "ing")),
    ("den", ("y", "ied", "ies", "ying")), ("halt", ("", "ed", "s", "ing")), ("block", ("", "ed", "s", "ing")),
    ("abandon", ("", "ed", "s", "ing")), ("evad", ("e", "ed", "es", "ing")), ("spar", ("e", "ed", "es", "ing")),
    ("quit", ("", "s", "ting")), ("gave", ("",)), ("give", ("", "s")), ("giving", ("",)), ("given", ("",)))
    for ending in endings)
_MODALS = frozenset(("could", "would", "might", "should", "must"))
#: Negations that go with a noun ("no party", "neither the liberals nor..."), whose head is
#: a thing the text names, not what it says was done.
_OF_A_NOUN = frozenset(("no", "neither", "nor", "none", "nobody", "nothing", "nowhere"))
#: After "not A but", these say that "but" gives A's alternative ("not by speeches but by
#: iron and blood"), so A's verb is not negated.
_CONTRASTED = frozenset(("rather", "instead", "only", "also"))
_OBJECTS = frozenset(("him", "her", "them", "it", "us", "me", "you"))
_PERSONS = frozenset(("he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its"))
_TRIGGERS = NEGATIONS | {"without", "for", "against", "to", "unable"} | _HALF_NEGATING


@lru_cache(maxsize=16384)
def reading(text: str) -> Reading:
    tok = tokens(text)
    n = len(tok)
    if _TRIGGERS.isdisjoint(tok.norm) and "'" not in text and "\u2019" not in text:
        return Reading((1,) * n, frozenset(), {}, 0, {})
    signs = [1] * n
    heads: set[int] = set()
    negator: dict[int, int] = {}
    stance: dict[int, frozenset] = {}
    negations = 0
    uncertain: set[int] = set()
    for i in range(n):
        word = tok.norm[i]
        if word in _HALF_NEGATING and (word[:4] != "give" and word[:4] != "gave" or
                                       (i + 1 < n and tok.norm[i + 1] == "up")):
            governed = next((j for j in range(i + 1, min(n, i + 5)) if tok.clause[j] == tok.clause[i]
                             and not _passed(tok.norm[j]) and tok.norm[j] not in STOP_WORDS), None)
            if governed is not None:
                uncertain.add(governed)
            continue
        if word in ("for", "against"):
            j = i - 1  # back over "ten to two", "unanimously", "by 300 votes to 200"
            while j >= 0 and i - j <= 6 and tok.clause[j] == tok.clause[i] \
                    and (_passed(tok.norm[j]) or tok.norm[j] in _TALLY or tok.norm[j].isdigit()) \
                    and tok.norm[j] not in ("is", "are", "was", "were", "be", "been"):
                j -= 1
            if j >= 0 and tok.clause[j] == tok.clause[i] and not _STANCE.isdisjoint(tok.keys[j]):
                stance[i] = _SUPPORT if word == "for" else _OPPOSE
            continue
        after = _is_negator(tok, i)
        if not after:
            continue
        start = i + after
        if start < n and tok.norm[start] in _UNDOING and word != "without":
            continue
        if start < n and tok.norm[start] == "have" and (word.endswith("n't") or i > 0 and tok.norm[i - 1] in _MODALS):
            continue  # "could not have held": a counterfactual, not a negation of what happened
        scope = []
        for j in range(start, n):
            if tok.clause[j] != tok.clause[i] or (scope and "," in tok.gaps[j]) or tok.norm[j] == "and":
                break
            scope.append(j)
            if word == "without" and not _passed(tok.norm[j]) and tok.norm[j] not in STOP_WORDS:
                break
        if any(tok.norm[j] in ("until", "till") for j in scope):
            continue  # "did not arrive until April": it arrived in April
        negations += 1
        for j in scope:
            signs[j] = -signs[j]
        head = next((j for j in scope if not _passed(tok.norm[j]) and tok.norm[j] not in STOP_WORDS
                     and not _is_negator(tok, j)), None)
        if head is None or _named(tok, head):  # "had not been in Russia": no head
            continue
        verb = i - 1
        while verb > 0 and tok.norm[verb] in _OBJECTS:
            verb -= 1  # "bore him no son"
        if word in _OF_A_NOUN and not (start < n and tok.norm[start] in ("longer", "more")) \
                and not (verb >= 0 and tok.clause[verb] == tok.clause[i] and verb_like(tok.norm[verb])):
            continue  # "neither the liberals nor...", "no party was ready": a thing, not what was done
            # (but "bore no surviving son", "had no support": what was done)
        but = next((j for j in range(scope[-1] + 1, min(n, scope[-1] + 7)) if tok.norm[j] == "but"), None)
        if but is not None and but + 1 < n and (tok.norm[but + 1] in _CONTRASTED or (
                tok.norm[but + 1] in STOP_WORDS and tok.norm[but + 1] not in _PERSONS)):
            continue  # "not settled by speeches but by iron and blood": settled all the same
        heads.add(head)
        negator[head] = i
    return Reading(tuple(signs), frozenset(heads), negator, negations, stance, frozenset(uncertain))


@dataclass(frozen=True)
class Conflict:
    said: str  # what the field says, as written ("accepted", "did not support")
    found: str  # what the text says there
    negation_missing: bool = False  # the field negates; the text has no negation at all


def _checked(tok: Tokens, read: Reading):
    """Indexes of the field's words to compare, with their keys."""
    for i, word in enumerate(tok.norm):
        if i in read.stance:
            yield i, read.stance[i]
        elif word in _CHECKED_STOP:
            yield i, tok.keys[i]
        elif word not in STOP_WORDS and not word.isdigit() and len(word) > 1 and not _is_negator(tok, i) \
                and not _named(tok, i):
            yield i, tok.keys[i]


def _named(tok: Tokens, i: int) -> bool:
    """A name or a number (compared by other rules, never turned round): a capitalised word
    that does not start the text or a sentence, or digits."""
    return tok.norm[i].isdigit() or (tok.raw[i][:1].isupper() and not tok.sentence_start(i))


def _phrase(tok: Tokens, read: Reading, i: int) -> str:
    """The word as written, with the negation before it: 'did not support'."""
    if read.signs[i] < 0 and i in read.negator:
        first = read.negator[i]
        while first > 0 and tok.norm[first - 1] in ("did", "does", "do", "was", "were", "is", "are", "had", "has",
                                                     "have", "could", "would", "will", "should"):
            first -= 1
        return tok.text[tok.spans[first][0]:tok.spans[i][1]]
    if read.signs[i] < 0:
        return f"not {tok.raw[i]}"
    if i in read.stance:
        j = i - 1
        return tok.text[tok.spans[max(j, 0)][0]:tok.spans[i][1]]
    return tok.raw[i]


def _context(field: Tokens, index: int, own: frozenset, text: Tokens, at: int) -> float:
    """How well word ``at`` of the text lines up with word ``index`` of the field: each of
    the field's other words found near it, in the same clause, counts the more the closer
    its place beside it is to its place in the field ("wages fell" lines "fell" up with
    "wages", not with the "taxes" before "rose")."""
    score = 0.0
    clause = text.clause[at]
    for j, ks in enumerate(field.keys):
        word = field.norm[j]
        if j == index or word in STOP_WORDS or not ks.isdisjoint(own):
            continue
        expected = j - index
        best = 0.0
        for k in ks:
            places = text.positions.get(k, ())
            for q in places[bisect_left(places, at - _NEAR):bisect_right(places, at + _NEAR)]:
                distance = q - at
                if distance and text.clause[q] == clause:
                    best = max(best, 1.0 / (1 + abs(distance - expected)) ** 2)
        score += best
    return score


@dataclass(frozen=True)
class _Plan:
    """What of a field is compared: each word's index, keys and opposites."""

    tokens: Tokens
    reading: Reading
    words: tuple[tuple[int, frozenset, frozenset], ...]
    opposites: frozenset  # every word's opposites together
    turns: bool  # the field negates or takes sides


@lru_cache(maxsize=16384)
def _plan(field: str) -> _Plan:
    tok, read = tokens(field), reading(field)
    words = []
    for i, own in _checked(tok, read):
        opposite = frozenset().union(*(_stance_opposites(k) for k in own)) if i in read.stance \
            else word_opposites(tok.norm[i])
        words.append((i, own, opposite))
    every = frozenset().union(*(w[2] for w in words)) if words else frozenset()
    return _Plan(tok, read, tuple(words), every, bool(read.negations or read.stance))


# --- a quick test first: most cards neither negate nor meet an opposite -----------------------


@lru_cache(maxsize=65536)
def _field_summary(field: str) -> tuple[bool, frozenset, frozenset]:
    """Whether ``field`` negates or takes sides, and its words' opposites (lemmas, stems)."""
    turns = False
    if _MAY_TURN.search(field):
        read = _plan(field).reading
        turns = bool(read.negations or read.stance)
    opposite: set[str] = set()
    for _, bare, _, _ in field_words(field):
        opposite.update(word_opposites(bare))
    if _BEFORE_AFTER.search(field):
        for w in _CHECKED_STOP & set(words(field)):
            opposite.update(word_opposites(w))
    return turns, frozenset(opposite), frozenset(map(stem, opposite))


#: A field that has none of these words neither negates nor takes sides.
_MAY_TURN = re.compile(r"\b(?:not|no|never|nor|neither|none|nothing|nobody|nowhere|cannot|without|for|against|"
                       r"to|unable)\b|n['\u2019]t\b", re.IGNORECASE)
_BEFORE_AFTER = re.compile(r"\b(?:before|after)\b", re.IGNORECASE)


def clearly_same_way(field: str, text) -> bool:
    """A quick test that needs no word-by-word reading: True when neither side negates or
    takes sides and the text has no opposite of any word of the field. ``text`` is the
    cited :class:`~cards.lint.text.Passage`."""
    turns, opposite, opposite_stems = _field_summary(field)
    if turns or text.may_turn:
        return False
    if not opposite:
        return True
    if not opposite.isdisjoint(_SIDES) and not _SIDE_WORDS.isdisjoint(text.word_set):
        return False
    return opposite_stems.isdisjoint(text.stem_set) and opposite.isdisjoint(text.irregular_lemmas)


def text_may_turn(text) -> bool:
    """Whether a :class:`~cards.lint.text.Passage` has a negation."""
    if not _NEGATION_WORDS.isdisjoint(text.word_set) or not _NEGATING_VERBS.isdisjoint(text.stem_set):
        return True
    return ("'" in text.text or "\u2019" in text.text) and any(w.endswith("n't") for w in text.words)


_NEGATION_WORDS = NEGATIONS | {"without"}
_SIDES = frozenset(("support", "oppose"))
_SIDE_WORDS = frozenset(("for", "against"))


def conflicts(field: str, cited: str) -> list[Conflict]:
    """Where ``field`` says the opposite of ``cited`` (see module doc); empty if nowhere."""
    plan = _plan(field)
    ttok, tread = tokens(cited), reading(cited)
    text_keys = ttok.positions
    if not plan.turns and not tread.negations and not tread.stance and plan.opposites.isdisjoint(text_keys):
        return []  # nothing is negated, and the text has no opposite of any word of the field
    ftok, fread = plan.tokens, plan.reading
    found: list[Conflict] = []
    stance_keys: dict[str, list[int]] = {}
    for i, ks in tread.stance.items():
        for k in ks:
            stance_keys.setdefault(k, []).append(i)
    for i, own, opposite in plan.words:
        if i in fread.uncertain:
            continue
        same = _places(own, text_keys, stance_keys)
        other = _places(opposite, text_keys, stance_keys)
        field_sign = fread.signs[i]
        compared = i in fread.heads or i in fread.stance
        if not same and not other:
            if field_sign < 0 and i in fread.heads and tread.negations == 0 \
                    and _is_negator(ftok, fread.negator[i]) == 1 and ftok.norm[fread.negator[i]] != "without":
                found.append(Conflict(_phrase(ftok, fread, i), "", negation_missing=True))
            continue
        if not other and not compared and tread.heads.isdisjoint(same):
            continue  # the same word, negated at neither side
        best_agree, best_clash, clash_at = -1.0, -1.0, None
        for places, flip in ((same, 1), (other, -1)):
            for p in places:
                if (flip == 1 and not (compared or p in tread.heads)) or p in tread.uncertain:
                    agrees = True
                else:
                    agrees = field_sign == flip * tread.signs[p]
                score = _context(ftok, i, own, ttok, p)
                if agrees:
                    best_agree = max(best_agree, score)
                elif score > best_clash:
                    best_clash, clash_at = score, p
        if clash_at is not None and best_clash > best_agree and (best_clash > 0 or best_agree < 0):
            found.append(Conflict(_phrase(ftok, fread, i), _phrase(ttok, tread, clash_at)))
    return found


def _stance_opposites(key: str) -> frozenset[str]:
    """Opposites of a "for" or "against" after a verb of taking sides (read as "support" and "oppose")."""
    return word_opposites("support" if key == "support" else "oppose")


def _places(keys: frozenset, text_keys: dict, stance_keys: dict) -> list[int]:
    places: list[int] = []
    for k in keys:
        places.extend(text_keys.get(k, ())[:_MAX_PLACES])
        places.extend(stance_keys.get(k, ()))
    return sorted(set(places))
