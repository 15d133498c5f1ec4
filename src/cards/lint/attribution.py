"""Who the cited text says did what: the speaker of a quotation, the owner of a role.

Both read the text's *mentions*: runs of capitalised words ("Pavel Milyukov",
"the Petrograd Soviet", "Kerensky's"), and the names the deck knows even when they
are not capitalised (a term such as "dual power"). Months, days and a sentence's
first word (unless the deck knows it as a name) are not mentions.

* :func:`speaker_of` finds the quotation in the text and the speech verb or noun
  ("said", "replied", "wrote", "told", "words", "reply"...) nearest before it, then
  that verb's subject: the nearest mention before it that is not the object of a
  preposition ("replied *to* Kornilov") or inside brackets ("(as Sukhanov
  recorded)"); a possessive names the speaker of what it owns ("Kerensky's reply"),
  a passive names it after "by", and mentions joined by "and" speak together.
  After the quotation, "..., said X" and "... - X" name the speaker too. Without a
  speech word, a colon after a person the deck knows ("Lenin, April 1917: ...")
  does. None when the text does not say clearly.
* :func:`owners` splits the text among the mentions that stand as the subject of a
  clause (at the start of a sentence or clause, after a comma, "and", "while"...,
  not after a verb or a preposition): each owns what follows it up to the next
  such mention; the words before a sentence's first subject are that subject's.
  Mentions joined by "and" own the same words, and so do "A, chairman of X, and B".

It runs a little over 450 lines for one job: the two readings share the same
mentions, clause boundaries and speech words, and splitting them apart would
only pass those between modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cards.lint.words import STOP_WORDS
from cards.lint.tokens import Tokens

_MONTHS_DAYS = frozenset("january february march april may june july august september october november december "
                         "monday tuesday wednesday thursday friday saturday sunday".split())
#: Lower-case words that may stand inside a name ("Congress of Soviets", "Charles de Gaulle").
_NAME_JOINS = frozenset(("of", "de", "von", "van", "der", "du", "la", "le", "di", "da", "y"))
PREPOSITIONS = frozenset("to from in at of by with on into for against toward towards near across through about "
                         "under over after before behind like unlike upon via including among amongst between "
                         "beside besides despite during within without around according".split())
#: Words after which a mention starts a clause as its subject.
_CLAUSE_WORDS = frozenset("and but while whereas although though when after before as since until because then "
                          "so yet once".split())
#: Adverbs that may stand between a subject and its verb ("Kamenev also opposed").
_BETWEEN = frozenset("also then later soon once still never not briefly only first finally even already "
                     "thus therefore however himself herself themselves".split())
TITLES = frozenset("king queen prince princess tsar tsarina emperor empress general lord lady sir saint st pope "
                   "president chairman comrade duke count kaiser marshal admiral colonel captain chancellor "
                   "archduke grand sultan shah premier minister mr mrs dr".split())
#: Speech verbs and nouns (and their Snowball stems): the subject of the one nearest before a
#: quotation is its speaker.
_SPEECH = frozenset("""say said says saying tell told tells telling repli replied reply replying answer answered
answering declar declared declaring wrote write writes writing written cri cried crying ask asked asking shout
shouted exclaim exclaimed proclaim proclaimed announc announced insist insisted warn warned urg urged ad added
remark remarked retort retorted respond responded promis promised argu argued claim claimed observ observed beg
begged demand demanded protest protested recal recalled record recorded call called laugh laughed thunder
thundered wire wired telegraph telegraphed cabl cabled quip quipped boast boasted complain complained admit
admitted confess confessed conclud concluded began begin begun vow vowed swore swear pledg pledged plead pleaded
snap snapped mutter muttered whisper whispered sneer sneered taunt taunted quot quoted spoke speak noted
words word slogan motto messag message telegram speech letter appeal proclam proclamation declar declaration
response respons retort remark comment verdict warn warning diari diary note toast dictum maxim""".split())
_NOT_NAMES = STOP_WORDS | _MONTHS_DAYS | TITLES
#: Words that open a description of a person before the name: "the sailor X", "his son X".
_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "its", "their"))


@dataclass(frozen=True)
class Mention:
    start: int  # first word
    end: int  # one past the last word
    words: tuple[str, ...]  # normalised, titles and articles left out
    possessive: bool


@lru_cache(maxsize=16384)
def mentions(text: str, known: frozenset = frozenset(), lower: frozenset = frozenset()) -> tuple[Mention, ...]:
    """The mentions of ``text`` in order. ``known`` holds tuples of words the deck uses as
    names (lower case); those of ``lower``, names the deck writes in lower case ("dual
    power"), are mentions wherever they stand."""
    from cards.lint.tokens import tokens

    tok = tokens(text)
    n = len(tok)
    found: list[Mention] = []
    known_words = _known_words(known)
    caps = [i for i, c in enumerate(tok._capitalised) if c]
    after = -1
    for i in caps:
        if i < after or not _name_word(tok, i, known_words):
            continue
        j = i + 1
        while j < n and not tok.possessive(j - 1) and tok.clause[j] == tok.clause[i] \
                and not _RUN_BREAK.search(tok.gaps[j]) and (_name_word(tok, j, known_words) or _initial(tok, j) or (
                    tok.norm[j] in _NAME_JOINS and j + 1 < n and _name_word(tok, j + 1, known_words))):
            j += 1
        words = tuple(w for w in tok.norm[i:j] if w not in TITLES and w not in _NAME_JOINS and w != "the")
        if words:
            found.append(Mention(i, j, words, tok.possessive(j - 1)))
        after = j
    if lower:
        taken = {k for m in found for k in range(m.start, m.end)}
        norm = tok.norm
        for phrase in lower:
            size = len(phrase)
            for i in range(n - size + 1):
                if norm[i] == phrase[0] and norm[i:i + size] == phrase and not taken & set(range(i, i + size)):
                    taken.update(range(i, i + size))
                    found.append(Mention(i, i + size, phrase, tok.possessive(i + size - 1)))
        found.sort(key=lambda m: m.start)
    return tuple(found)


_RUN_BREAK = re.compile(r"[,(]")


def written(tok: Tokens, mention: Mention) -> str:
    """A mention as the text writes it ("Ulysses S. Grant"), without a possessive 's."""
    text = tok.text[tok.spans[mention.start][0]:tok.spans[mention.end - 1][1]]
    return text[:-2] if text.endswith("'s") else text


def _initial(tok: Tokens, i: int) -> bool:
    """An initial inside a name: the "S." of "Ulysses S. Grant"."""
    return len(tok.raw[i]) == 1 and tok.raw[i].isupper() and i + 1 < len(tok) and tok.gaps[i + 1].startswith(".")


@lru_cache(maxsize=64)
def _known_words(known: frozenset) -> frozenset:
    return frozenset(w for phrase in known for w in phrase if len(w) > 2)


def _name_word(tok: Tokens, i: int, known_words: frozenset) -> bool:
    word = tok.norm[i]
    if not tok.capitalised(i) or word in _MONTHS_DAYS or word.isdigit() or word == "i":
        return False
    if tok.sentence_start(i) or (i > 0 and tok.gaps[i].strip()[-1:] in ('"', "'") and not tok.in_brackets[i]):
        # a sentence's (or quotation's) first word is a name only if the deck knows it
        # or a capitalised word follows ("Pavel Milyukov")
        nxt = i + 1 < len(tok) and tok.capitalised(i + 1) and tok.norm[i + 1] not in _MONTHS_DAYS
        head = i + 1 < len(tok) and re.match(r"\s*(?::|-\s|\(|\u2013)", tok.gaps[i + 1])  # "Kadets - ..."
        if word in known_words or ((nxt or head) and word not in STOP_WORDS):
            return True
        # "Grant wrote to Lee": a capitalised subject with its verb
        from cards.lint.lexicon import verb_like

        return word not in STOP_WORDS and i + 1 < len(tok) and verb_like(tok.norm[i + 1]) \
            and not re.search(r"[,;:]", tok.gaps[i + 1])
    return word not in STOP_WORDS or word in TITLES or word in known_words  # "Thomas More"


# --- quick tests, before reading the text word by word ---------------------------------------

_CAPITAL = re.compile(r"(?<![^\W_])[A-Z][^\W_]*(?:['\u2019][^\W_]+)*")
#: A name after these is an object, not a subject ("led the guards of Palace militia"); after
#: "by" it may be a speaker ("answered by Kornilov").
_OBJECT_AFTER = PREPOSITIONS - {"by"}


@lru_cache(maxsize=16384)
def capitalised_words(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` (lower case, a possessive 's dropped) that do not
    follow a preposition: the words that could name a subject or a speaker."""
    found: set[str] = set()
    last_end, last_object = -2, False
    for match in _CAPITAL.finditer(text):
        start = match.start()
        if start == last_end + 1 and text[last_end] == " ":
            is_object = last_object  # the rest of a name: "at the Finland Station"
        else:
            before, at = _word_before(text, start)
            if before == "the":
                before, at = _word_before(text, at)
            is_object = before in _OBJECT_AFTER
        last_end, last_object = match.end(), is_object
        word = match.group().lower().replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if not is_object and word not in _NOT_NAMES:
            found.add(word)
    return frozenset(found)


def _word_before(text: str, at: int) -> tuple[str, int]:
    """The word before offset ``at`` of ``text`` (lower case) and where it starts."""
    end = at - 1
    while end >= 0 and not text[end].isalnum():
        end -= 1
    start = end
    while start >= 0 and text[start].isalnum():
        start -= 1
    return text[start + 1:end + 1].lower(), start + 1


def may_have_rival(text: str, own: set[str], lower: frozenset = frozenset(), passage=None) -> bool:
    """False when no name but the card's own (``own``: its words) could be the subject of a
    clause in ``text``: every other capitalised word follows a preposition, and none of the
    deck's lower-case names (``lower``) is there."""
    if capitalised_words(text) - own:
        return True
    if lower and passage is not None:
        return any(all(w in passage.word_set for w in phrase) and not set(phrase) <= own for phrase in lower)
    return False


# --- who said it ---------------------------------------------------------------------------------


def find_quote(tok: Tokens, parts: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    """Word indexes (first, one past the last) of the quotation in the text, if it is there."""
    hay = tok.words
    at, first = 0, None
    for part in parts:
        size = len(part)
        for i in range(at, len(hay) - size + 1):
            if hay[i] == part[0] and hay[i:i + size] == part:
                first = i if first is None else first
                at = i + size
                break
        else:
            return None
    return (first, at) if first is not None else None


_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u2018\u2019]|(?:^|\s)'|'(?:\s|$)")


def speaker_of(text: str, quote_parts, known: frozenset) -> tuple[Mention, ...] | None:
    """The mentions the text gives the quotation to (see module doc), or None."""
    from cards.lint.tokens import tokens

    tok = tokens(text)
    span = find_quote(tok, quote_parts)
    if span is None:
        return None
    first, last = span
    marks = mentions(text, known)
    # the lead: back to the sentence start or the end of the previous quotation
    lead = first
    while lead > 0 and not tok.sentence_start(lead) and not (lead < first and _QUOTE_MARK.search(tok.gaps[lead])):
        lead -= 1
    introduced = ":" in tok.gaps[first] or "," in tok.gaps[first]
    after = _after(tok, last, marks)
    verb = next((v for v in range(first - 1, lead - 1, -1) if not tok.in_brackets[v]
                 and (tok.norm[v] in _SPEECH or not tok.keys[v].isdisjoint(_SPEECH))), None)
    if after is not None and (not introduced or verb is None):
        return after
    if verb is not None:
        return _subject(tok, marks, verb, lead)
    if ":" in tok.gaps[first]:
        lead_marks = [m for m in marks if lead <= m.start and m.end <= first and not tok.in_brackets[m.start]
                      and m.words in known]
        if lead_marks:
            return _group(tok, marks, marks.index(lead_marks[0]))
    return None


def _after(tok: Tokens, last: int, marks) -> tuple[Mention, ...] | None:
    """'"...", said X', '"...", X replied', '"..." - X'."""
    if last >= len(tok):
        return None
    gap = tok.gaps[last]
    if tok.sentence_start(last) and not re.search(r"[,\-\"\u201d']", gap):
        return None
    window = range(last, min(last + 4, len(tok)))
    following = [m for m in marks if m.start in window]
    if not following:
        return None
    mark = following[0]
    speech_between = any(tok.norm[j] in _SPEECH for j in range(last, mark.start))
    speech_after = mark.end < len(tok) and tok.norm[mark.end] in _SPEECH
    dash = re.search(r"-\s*$", gap) and mark.start == last
    if speech_between or speech_after or dash:
        return (mark,)
    return None


def _subject(tok: Tokens, marks, verb: int, lead: int) -> tuple[Mention, ...] | None:
    # a passive: "was answered by Kornilov"
    if verb + 1 < len(tok) and tok.norm[verb + 1] == "by":
        following = [m for m in marks if m.start == verb + 2 or (m.start == verb + 3 and tok.norm[verb + 2] == "the")]
        if following:
            return _group(tok, marks, marks.index(following[0]))
    in_brackets = tok.in_brackets[verb]
    for index in range(len(marks) - 1, -1, -1):
        mark = marks[index]
        if mark.end > verb or mark.start < lead:
            continue
        if tok.in_brackets[mark.start] != in_brackets:
            continue
        if object_of_preposition(tok, mark) and not mark.possessive:
            continue
        if index > 0 and marks[index - 1].possessive and marks[index - 1].end == mark.start:
            return (marks[index - 1],)  # "Lenin's Decree on Peace opened:"
        while index > 0 and _in_apposition(tok, marks[index - 1], mark):
            index -= 1  # "Bethmann Hollweg, the German Chancellor, told ...": Bethmann Hollweg
            mark = marks[index]
        return _group(tok, marks, index)
    return None


def _in_apposition(tok: Tokens, before: Mention, mark: Mention) -> bool:
    """True for "Bethmann Hollweg, the German Chancellor": ``mark`` describes ``before``."""
    first, steps = mark.start, 0
    while first > before.end and steps < 4:
        word = tok.norm[first - 1]
        if word in _DETERMINERS or word in TITLES or (
                not tok.capitalised(first - 1) and word not in STOP_WORDS and word not in PREPOSITIONS):
            first -= 1
            steps += 1
        else:
            break
    return (first == before.end and first < mark.start and tok.norm[first] in _DETERMINERS | TITLES
            and "," in tok.gaps[first] and not before.possessive)


def object_of_preposition(tok: Tokens, mark: Mention) -> bool:
    """True for "at the Finland Station", "according to the chief secretary Vladimir Nabokov"."""
    j = mark.start - 1
    steps = 0
    while j >= 0 and steps < 6 and not _boundary_before(tok, j + 1):
        word = tok.norm[j]
        if word in PREPOSITIONS:
            return True
        if word in ("the", "a", "an") or word in TITLES or tok.possessive(j) or (
                word not in STOP_WORDS and not tok.capitalised(j)):
            j -= 1
            steps += 1
            continue
        return False
    return False


def _group(tok: Tokens, marks, index: int) -> tuple[Mention, ...]:
    """The mention at ``index`` with those joined to it by "and" or commas alone."""
    group = [marks[index]]
    j = index
    while j > 0 and _joined(tok, marks[j - 1], marks[j]):
        group.insert(0, marks[j - 1])
        j -= 1
    j = index
    while j + 1 < len(marks) and _joined(tok, marks[j], marks[j + 1]):
        group.append(marks[j + 1])
        j += 1
    return tuple(group)


def _joined(tok: Tokens, a: Mention, b: Mention) -> bool:
    between = tok.norm[a.end:b.start]
    if any(tok.clause[k] != tok.clause[a.start] for k in range(a.end, b.start + 1)):
        return False
    if re.search(r"[;:.()]", "".join(tok.gaps[a.end:b.start + 1])) or a.possessive:
        return False
    if between:
        return all(w in ("and", "the", "or", "&") for w in between) and between[0] in ("and", "or", "&")
    # "Lenin, Trotsky and Zinoviev": commas alone join names that are no preposition's objects
    return "," in tok.gaps[b.start] and not object_of_preposition(tok, a) and not object_of_preposition(tok, b)


# --- of whom is it said ------------------------------------------------------------------------


@dataclass(frozen=True)
class Owner:
    mentions: tuple[Mention, ...]
    words: tuple[int, ...]  # indexes of the words it owns


@lru_cache(maxsize=16384)
def owners(text: str, known: frozenset = frozenset(), lower: frozenset = frozenset()) -> tuple[Owner, ...]:
    """The subjects of the text's clauses, each with the words said of it (module doc)."""
    from cards.lint.tokens import tokens

    tok = tokens(text)
    marks = mentions(text, known, lower)
    starts: list[tuple[Mention, ...]] = []
    index = 0
    while index < len(marks):
        group = _group(tok, marks, index)
        last = marks.index(group[-1])
        has_subject = bool(starts) and _sentence_of(tok, starts[-1][0].start) == _sentence_of(tok, marks[index].start)
        if group[0] is marks[index] and _starts_clause(tok, marks, index, has_subject) and not group[-1].possessive \
                and _then_verb(tok, group[-1]):
            starts.append(group)
        else:  # "led the Provisional Government and Kerensky was...": a later one may start a clause
            for k in range(index + 1, last + 1):
                if tok.norm[marks[k].start - 1] == "and" and _starts_clause(tok, marks, k, True) \
                        and not marks[k].possessive and _then_verb(tok, group[-1]):
                    starts.append(tuple(marks[k:last + 1]))
                    break
        index = last + 1
    n = len(tok)
    found: list[Owner] = []
    for k, group in enumerate(starts):
        begin = _sentence_of(tok, group[0].start)
        if k > 0 and starts[k - 1][-1].end > begin:
            begin = group[0].start  # not the sentence's first subject
        end = n
        if k + 1 < len(starts):
            end = starts[k + 1][0].start
            following = _sentence_of(tok, end)
            if following >= group[-1].end:
                end = max(following, group[-1].end)  # the next sentence's opening words are its subject's
        found.append(Owner(group, tuple(range(begin, end))))
    # "A, chairman of X, and B ...": A owns what B's clause says too
    shared: list[Owner] = []
    for k, owner in enumerate(found):
        words = owner.words
        tail = [i for i in words if i >= owner.mentions[-1].end]
        if k + 1 < len(found) and tail and "," in tok.gaps[tail[0]] and tok.norm[tail[-1]] == "and":
            words = words + found[k + 1].words
        shared.append(Owner(owner.mentions, words))
    return tuple(shared)


def _then_verb(tok: Tokens, mark: Mention) -> bool:
    """True when a verb follows the mention ("Kerensky dismissed", "the Duma met", "Lenin
    also wrote"), or it heads an entry or an apposition ("Kadets:", "Kerensky, a lawyer,");
    not when it describes the next word ("the Bolshevik party", "a Petrograd group")."""
    from cards.lint.lexicon import verb_like

    j = mark.end
    if j >= len(tok):
        return False
    if re.match(r"\s*(?:[,:(]|-\s|\u2013)", tok.gaps[j]):
        return True
    while j < len(tok) and tok.norm[j] in _BETWEEN and j - mark.end < 3:
        j += 1
    return j < len(tok) and verb_like(tok.norm[j])


def _sentence_of(tok: Tokens, i: int) -> int:
    return tok.sentence[i] if i < len(tok) else len(tok)


def _boundary_before(tok: Tokens, i: int) -> bool:
    """True when word ``i`` opens a sentence, or punctuation that ends a clause stands before it."""
    return tok.sentence_start(i) or bool(re.search(r"[;:,(]|\s-\s|--", tok.gaps[i]))


def _starts_clause(tok: Tokens, marks, index: int, has_subject: bool = False) -> bool:
    """True when the mention at ``index`` stands as the subject of a clause: at its start,
    maybe after an article and a few lower-case words ("the sailor Zheleznyakov"), but
    not in apposition ("Pavel Milyukov, the Kadet leader, ...")."""
    mark = marks[index]
    i = mark.start
    if tok.in_brackets[i]:
        return False
    if i > 0 and (tok.norm[i - 1].isdigit() or tok.norm[i - 1] in _MONTHS_DAYS) \
            and not re.search(r"[,;:(]", tok.gaps[i]):
        return True  # after a date that opens the sentence: "In March 1849 Charles Albert abdicated"
    first = i
    k = i - 1
    while k >= 0 and i - k <= 4 and not _boundary_before(tok, k + 1) and tok.norm[k] not in _DETERMINERS \
            and not tok.capitalised(k) and tok.norm[k] not in STOP_WORDS and tok.norm[k] not in PREPOSITIONS:
        k -= 1
    if k >= 0 and tok.norm[k] in _DETERMINERS and not _boundary_before(tok, k + 1):
        first = k
    elif k < i - 1:
        return False  # lower-case words without an article: "attacked Lvov"
    if _boundary_before(tok, first):
        if first > 0 and re.search(r"[,:]|-\s", tok.gaps[first]) and not tok.sentence_start(first) and index > 0:
            previous = marks[index - 1]
            if previous.end == first and (has_subject or ":" in tok.gaps[first]
                                          or not object_of_preposition(tok, previous)):
                return False  # in apposition to the name before ("In Petrograd, Lenin..." is not)
        return True
    return first > 0 and tok.norm[first - 1] in _CLAUSE_WORDS
