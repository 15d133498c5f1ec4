"""YAML typing slips, recognised and explained in plain words at the line to fix.

The YAML parser reports where it could no longer make sense of a file, which is
often a line after the slip, in words about tokens and block ends ("could not
find expected ':'", "mapping values are not allowed here"). :func:`explain`
looks at the lines around that place, and at the parser's tokens, to recognise
the usual slips of someone typing a deck by hand:

* a key without its ``:`` (or without the space after it);
* text holding ``: ``, which YAML takes for another key, and needs quotes;
* a quote inside text quoted with the same mark (``'Lenin's return'``), or text
  that starts with a quote but goes on after it closes;
* a quote or bracket that is never closed;
* a tab (YAML indents with spaces only);
* a line indented a space or two off from the lines it belongs with;
* a ``-`` missing before a card (or any list item).

It says what happened and how to fix it, at the line and column to fix, and keeps
the parser's own words, with the place it gave, on a second line. It decides from
the text and the parser's positions only, never from the parser's wording, which
changes between PyYAML releases and between its C and Python parsers. A slip it
does not recognise is left to the caller's general message.

:func:`parse` is the deck loader's way in: :func:`cards.yamlmarks.parse`, with a
syntax error it raises explained here when it is a slip. The explaining sits
above the parser, not inside it, because telling a misplaced key from text needs
the keys a deck may hold, which the validator's options describe.

The modules: :mod:`~cards.yaml_slips.deck_lines` reads one line into its dashes,
key, ':' and value; :mod:`~cards.yaml_slips.reading` holds what the rules read
(the lines around the problem, the blocks open above a line, the parser's last
quoted text, the keys a deck may hold); the rules are in
:mod:`~cards.yaml_slips.layout` (tabs, indentation, a missing '-'),
:mod:`~cards.yaml_slips.quotes` (quotes and brackets) and
:mod:`~cards.yaml_slips.colons` (a missing ':', text holding ': ');
:mod:`~cards.yaml_slips.wording` holds the pieces of their messages.
"""

from __future__ import annotations

from typing import NamedTuple

from cards.yaml_slips.colons import colon, missing_colon
from cards.yaml_slips.deck_lines import Place
from cards.yaml_slips.layout import indentation, tab
from cards.yaml_slips.quotes import bracket, quote
from cards.yaml_slips.reading import Reading
from cards.yaml_slips.wording import LONGEST_SHOWN
from cards.yamlmarks import Mark, YamlError, YValue, parse as parse_yaml

__all__ = ["LONGEST_SHOWN", "PREFIX", "Place", "Slip", "explain", "parse"]

#: The start of every message about a slip, as for every other YAML problem.
PREFIX = "YAML syntax error: "

#: The rules, each taking a :class:`Reading` and giving (place, message) or None; the
#: first that recognises a slip explains it.
_RULES = (tab, quote, bracket, missing_colon, colon, indentation)


class Slip(NamedTuple):
    """A recognised slip: where to fix it, and what to say (both lines)."""

    place: Place
    message: str


def parse(text: str, path: str) -> YValue | None:
    """Parse one YAML document like :func:`cards.yamlmarks.parse`; a syntax error that
    is a recognised slip is raised in plain words at the line to fix."""
    try:
        return parse_yaml(text, path)
    except YamlError as exc:
        stop = exc.stop
        if stop is None or stop.problem is None:
            raise
        try:
            slip = explain(text, Place(*stop.problem), Place(*stop.context) if stop.context else None,
                           stop.says, stop.loader)
        except Exception:  # pragma: no cover - a flaw in recognising a slip must not hide the error itself
            slip = None
        if slip is None:
            raise
        raise YamlError(slip.message, Mark(path, slip.place.line, slip.place.column)) from None


def explain(text: str, problem: Place | None, context: Place | None, parser_says: str,
            loader=None) -> Slip | None:
    """The slip that explains a YAML parser error, or None if none is recognised.

    ``problem`` is where the parser gave up, ``context`` where the construct it was
    reading began (either may be None), ``parser_says`` its own message (only
    repeated, never read) and ``loader`` the PyYAML loader class, used to find
    the last quoted text the parser read.
    """
    if problem is None:
        return None
    found = _find(Reading(text, problem, context, loader))
    if found is None:
        return None
    place, message = found
    second = f"  (the YAML parser says: {parser_says}, at line {problem.line}, column {problem.column})"
    return Slip(place, f"{PREFIX}{message}\n{second}")


def _find(reading: Reading) -> tuple[Place, str] | None:
    for rule in _RULES:
        found = rule(reading)
        if found is not None:
            return found
    return None
