"""Where a failing card's fact really is: "did you mean notes:14-15?".

A card whose cited lines do not support it (an error from one of its kind's
rules, or a citation past the end of its source or on an empty line) is checked
again against other passages: every line of its source and every window of 2-3
lines (up to one line more than it cites), then, if nothing there fits, the
deck's other sources. A passage fits when the card's own kind rules report no
error on it. Windows that merely contain a smaller fitting one are not places
of their own. The place nearest the cited line is suggested; when it is the
only place, :func:`cards.lint.fix` may write it into the deck (``--fix``).

Only failing cards are searched, so a clean deck costs nothing more.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from time import perf_counter

from cards.errors import Problem
from cards.kinds import kind_of
from cards.lint.context import CardContext
from cards.lint.names import deck_names
from cards.lint.settings import LintConfig, matches
from cards.lint.suppress import suppressions
from cards.lint import synonyms as _synonyms
from cards.lint.text import MAX_PASSAGE_CHARS
from cards.model import Citation

#: Most lines a suggested passage may span.
MAX_WINDOW = 6
#: Sources up to this many lines are searched line by line; in longer ones only the
#: windows around the lines sharing the card's rarest words (at most MAX_ANCHORS).
SCAN_ALL_LINES = 60
MAX_ANCHORS = 40
_WORD = re.compile(r"\w+")


def _keys(text: str) -> set[str]:
    """A text's words cut to their first five letters (so word forms and most slips still meet)."""
    return {word.lower()[:5] for word in _WORD.findall(text) if len(word) >= 3}


#: Sources longer than this are not searched (the search is quadratic in nothing,
#: but every candidate runs the card's rules).
MAX_SOURCE_LINES = 20_000


class Suggestion(str):
    """A citation such as ``notes:14-15``; ``unique`` when no other place fits,
    ``others`` the other places that fit (at most a few)."""

    unique: bool
    others: tuple[str, ...]

    def __new__(cls, text: str, unique: bool = True, others: tuple[str, ...] = ()):
        self = super().__new__(cls, text)
        self.unique = unique
        self.others = others
        return self


def _label(name: str, first: int, last: int) -> str:
    return f"{name}:{first}" if first == last else f"{name}:{first}-{last}"


def _qualifies(problem: Problem, card, deck, codes: set[str]) -> bool:
    if not problem.is_error:
        return False
    if problem.code in codes:
        return True
    if problem.code == "C001":
        source = deck.sources.get(card.citation.source)
        if source is None or source.text is None:
            return False
        lines = source.text.lines
        citation = card.citation
        return citation.first == 0 or citation.last > len(lines) or \
            not any(line.strip() for line in lines[citation.first - 1 : citation.last])
    return False


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` carries on the sentence of ``line`` (a wrapped line)."""
    end, start = line.rstrip(), following.strip()
    if not end or not start or start[0] in "-*\u2022\u2013" or start[0].isdigit():
        return False
    return start[0].islower() or end[-1] not in ".!?:;\"\u201d)"


class _Searcher:
    def __init__(self, deck, config: LintConfig):
        self.deck = deck
        self.config = config
        self.silenced = suppressions(deck)
        self.names = deck_names(deck.cards)
        self.synonyms = _synonyms.deck_synonyms(deck.cards, config.aliases)
        self.indexes: dict[str, dict[str, list[int]]] = {}
        self.cost: dict[str, float] = {}  # time each rule has taken, to try the cheap ones first
        # what else the rules' context holds about the deck, as the runner gives it
        self.extra = {}
        have = {f.name for f in fields(CardContext)}
        if "known" in have and hasattr(_synonyms, "deck_known"):
            self.extra["known"] = _synonyms.deck_known(deck.cards, config.aliases)
        if "lower" in have and hasattr(_synonyms, "deck_lower"):
            self.extra["lower"] = _synonyms.deck_lower(deck.cards)

    def rules_for(self, card):
        config = self.config
        silenced = self.silenced.get(card.id)
        rules = []
        for rule in kind_of(card).rules:
            if not config.enabled(rule) or not config.severity_of(rule).value == "error":
                continue
            if silenced is not None and matches(rule.ID, silenced):
                continue
            rules.append((rule, config.options_of(rule)))
        return rules

    def fits(self, card, rules, source, first: int, last: int) -> bool:
        citation = Citation(source.name, first, last, card.citation.mark)
        moved = replace(card, citation=citation)
        ctx = CardContext(self.deck, moved, source, None, self.names, self.synonyms, **self.extra)
        # the cheapest rules first: a passage is refused at the first finding, and some rules
        # (the quote's closest text) are slow only when they fail
        rules.sort(key=lambda pair: self.cost.get(pair[0].ID, 0.0))
        for rule, options in rules:
            start = perf_counter()
            failed = any(True for _ in rule.check(ctx, options))
            self.cost[rule.ID] = self.cost.get(rule.ID, 0.0) + perf_counter() - start
            if failed:
                return False
        return True

    def places(self, card, rules, source) -> list[tuple[int, int]]:
        """The minimal windows of ``source`` that fit ``card``."""
        if source.text is None:
            return []
        lines = source.text.lines
        count = len(lines)
        if count > MAX_SOURCE_LINES:
            return []
        cited = card.citation.last - card.citation.first + 1 if card.citation.first else 1
        longest = min(max(3, cited + 1), MAX_WINDOW)
        anchors = self.anchors(card, source) if count > SCAN_ALL_LINES else None
        found: list[tuple[int, int]] = []
        for size in range(1, longest + 1):
            if anchors is None:
                firsts = range(1, count - size + 2)
            else:
                firsts = sorted({f for a in anchors for f in range(max(1, a - size + 1), min(a, count - size + 1) + 1)})
            for first in firsts:
                last = first + size - 1
                if not lines[first - 1].strip() or not lines[last - 1].strip():
                    continue
                if any(first <= f and l <= last for f, l in found):
                    continue
                if sum(len(line) for line in lines[first - 1 : last]) > MAX_PASSAGE_CHARS:
                    continue
                if self.fits(card, rules, source, first, last):
                    found.append((first, last))
        return found

    def card_keys(self, card) -> set[str]:
        texts = []
        for name, value in vars(card).items():
            if name in ("id", "tags", "citation", "mark", "marks", "end_line"):
                continue
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, tuple):
                texts += [v for v in value if isinstance(v, str)]
            elif value is not None and not isinstance(value, (bool, int, float)):
                texts.append(str(value))
        return _keys(" ".join(texts))

    def anchors(self, card, source) -> list[int]:
        """In a long source, the lines most likely to hold the card's fact: those sharing the most
        (and the rarest) words with the card's fields. Only windows holding one are tried."""
        index = self.indexes.get(source.name)
        if index is None:
            index = {}
            for number, line in enumerate(source.text.lines, 1):
                for key in _keys(line):
                    index.setdefault(key, []).append(number)
            self.indexes[source.name] = index
        count = len(source.text.lines)
        scores: dict[int, float] = {}
        for key in self.card_keys(card):
            lines = index.get(key, ())
            if not lines or len(lines) > count // 4 + 1:
                continue  # a word on every other line tells nothing
            weight = 1.0 / len(lines) ** 0.5
            for number in lines:
                scores[number] = scores.get(number, 0.0) + weight
        if not scores:
            return []
        best = max(scores.values())
        ranked = sorted((n for n, score in scores.items() if score >= best / 2), key=lambda n: -scores[n])
        return ranked[:MAX_ANCHORS]

    def widened(self, card, rules, source, places):
        """Each place shorter than the card's citation, taken on over the lines that merely
        continue its last sentence (a wrapped line), up to the length cited, if it still fits:
        text that moved keeps the shape it was cited with."""
        citation = card.citation
        cited = citation.last - citation.first + 1 if citation.first else 1
        lines = source.text.lines
        out = []
        for first, last in places:
            while last - first + 1 < cited and last < len(lines) and _continues(lines[last - 1], lines[last]) \
                    and self.fits(card, rules, source, first, last + 1):
                last += 1
            out.append((first, last))
        return list(dict.fromkeys(out))

    def suggest(self, card) -> Suggestion | None:
        rules = self.rules_for(card)
        if not rules:
            return None
        citation = card.citation
        own = self.deck.sources.get(citation.source)
        candidates = [own] if own is not None else []
        candidates += [s for name, s in sorted(self.deck.sources.items()) if name != citation.source]
        for source in candidates:
            places = self.places(card, rules, source)
            if not places:
                continue
            places = self.widened(card, rules, source, places)
            here = citation.first or 1
            places.sort(key=lambda p: (abs(p[0] - here), p))
            labels = [_label(source.name, f, l) for f, l in places]
            return Suggestion(labels[0], unique=len(labels) == 1, others=tuple(labels[1:4]))
        return None


def _with_hint(problem: Problem, suggestion: Suggestion) -> Problem:
    if suggestion.others:
        more = " or ".join(suggestion.others[:2])
        hint = f"did you mean {suggestion}? (or {more})"
    else:
        hint = f"did you mean {suggestion}?"
    return replace(problem, message=f"{problem.message}; {hint}", suggestion=suggestion)


def _uncounted(problem: Problem, card, suggestion: Suggestion | None) -> Problem:
    """The C001 of a card citing a source without a line, saying where the card fits."""
    name = card.citation.source
    if suggestion is None:
        message = f"source {name!r} is cited without a line, and no passage of it (nor of the deck's " \
                  f"other sources) supports the card; give the line as {name}:LINE"
        return replace(problem, message=message)
    if suggestion.unique:
        message = f"source {name!r} is cited without a line; the card fits {suggestion} " \
                  f"('cards lint --fix' writes it in)"
    else:
        message = f"source {name!r} is cited without a line; the card fits " \
                  f"{' or '.join([suggestion, *suggestion.others[:2]])}: choose one"
    return replace(problem, message=message, suggestion=suggestion)


def add_suggestions(problems: list[Problem], decks, config: LintConfig | dict | None = None) -> list[Problem]:
    """``problems`` with a "did you mean" added to the errors of cards whose fact is elsewhere.

    ``decks`` is the list of ``(LoadedDeck, Deck)`` the problems were found in.
    """
    config = LintConfig.coerce(config)
    failing: dict[tuple[str, str], list[int]] = {}
    for index, problem in enumerate(problems):
        if problem.card is not None and problem.is_error:
            failing.setdefault((problem.path, problem.card), []).append(index)
    if not failing:
        return problems
    problems = list(problems)
    for _loaded, deck in decks:
        searcher = None
        for card in deck.cards:
            indexes = failing.get((card.mark.path, card.id))
            if not indexes:
                continue
            codes = {rule.ID for rule in kind_of(card).rules}
            chosen = [i for i in indexes if _qualifies(problems[i], card, deck, codes)]
            if not chosen:
                continue
            searcher = searcher or _Searcher(deck, config)
            suggestion = searcher.suggest(card)
            if card.citation.first == 0:  # `source: notes`, no line: the search is the answer
                for i in chosen:
                    problems[i] = _uncounted(problems[i], card, suggestion)
                continue
            if suggestion is None:
                continue
            for i in chosen:
                problems[i] = _with_hint(problems[i], suggestion)
    return problems
