"""How a deck's values are checked: one framework for the deck, its sources, its
``print:`` section and every card kind.

A value is described by an :class:`Option`: a *checker* (a raw YAML value, with
its mark, in; a Python value out, or :class:`Invalid` saying in words a deck
author can act on what is wrong), whether it is required, and one line of doc.
:func:`check_mapping` checks every key of a mapping against such a description
and reports each problem at its ``path:line:col``, with a "did you mean" for a
misspelt key, the way mkdocs' config options validate themselves. The deck's
fields (:mod:`cards.validate`), its ``print:`` section
(:mod:`cards.print_options`) and each kind's fields (:mod:`cards.kinds`) are
all described this way.
"""

from __future__ import annotations

import difflib
import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from cards.dates import Calendar
from cards.yamlmarks import Mark, YMap, YScalar, YSeq, YValue

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
MAX_TEXT = 2000


class Invalid(Exception):
    """A value is wrong: ``message`` says why; ``mark`` or ``field`` say where, if not at the value."""

    def __init__(self, message: str, mark: Mark | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.field = field


def describe(value: YValue | None) -> str:
    """What a value is, for messages; a long text is cut short (a message may end up in a
    public CI log, and the file may not be the one its author meant to give)."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if value is None or value.value is None:
        return "empty"
    shown = value.text if len(value.text) <= 40 else value.text[:37] + "..."
    return f"{shown!r}"


# --- field checkers: raw value -> python value, or Invalid ---------------------------------


def text(value: YValue) -> str:
    """Plain text. Numbers and other scalars are taken as written (``name: 1917`` is '1917')."""
    if not isinstance(value, YScalar):
        raise Invalid(f"must be text, not {describe(value)}")
    if value.value is None or not value.text.strip():
        raise Invalid("must not be empty")
    result = " ".join(value.text.split()) if "\n" not in value.text.strip() else value.text.strip()
    if len(result) > MAX_TEXT:
        raise Invalid(f"is {len(result)} characters long; the limit is {MAX_TEXT}")
    return result


def text_list(value: YValue) -> tuple[str, ...]:
    if isinstance(value, YScalar) and value.value is None:
        return ()
    if not isinstance(value, YSeq):
        raise Invalid(f"must be a list such as [a, b], not {describe(value)}")
    items = []
    for item in value:
        try:
            items.append(text(item))
        except Invalid as exc:
            raise Invalid(f"item {exc.message}", item.mark) from None
    return tuple(items)


#: Punctuation a tag may hold besides letters, digits and combining marks. Anki shows
#: tags on a card as they are, not escaped, so anything it could read as HTML
#: ('<', '&'), a sound or image reference ('[') or MathJax ('\\', '$') is refused.
TAG_PUNCTUATION = frozenset("-_:./+#()!?,'")


def tag_list(value: YValue) -> tuple[str, ...]:
    tags = text_list(value)
    for tag, item in zip(tags, value if isinstance(value, YSeq) else ()):
        if any(ch.isspace() for ch in tag):
            raise Invalid(f"tag {tag!r} contains a space; Anki tags are single words (use - or _)", item.mark)
        bad = sorted({ch for ch in tag if not _tag_character(ch)})
        if bad:
            shown = " ".join(repr(ch) for ch in bad)
            raise Invalid(
                f"tag {tag!r} contains {shown}; a tag may hold letters, digits and "
                f"{' '.join(sorted(TAG_PUNCTUATION))} only",
                item.mark,
            )
    return tags


def _tag_character(ch: str) -> bool:
    return ch.isalnum() or ch in TAG_PUNCTUATION or unicodedata.category(ch).startswith("M")


def identifier(value: YValue) -> str:
    result = text(value)
    if not ID_PATTERN.fullmatch(result):
        raise Invalid(
            f"{result!r} is not a valid id; use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    return result


#: What joins the deck id and the card id into a note's identity (see
#: cards.render.anki.note_guid). A deck id must not contain it, or deck 'a' with
#: card 'b__c' and deck 'a__b' with card 'c' would be one note to Anki.
GUID_SEPARATOR = "__"


def deck_identifier(value: YValue) -> str:
    result = identifier(value)
    _check_deck_id(result)
    return result


def _check_deck_id(deck_id: str) -> None:
    if GUID_SEPARATOR in deck_id:
        raise Invalid(
            f"{deck_id!r} contains '{GUID_SEPARATOR}'; a deck id may not hold two underscores in a row "
            "(they separate the deck id from the card id in each note's identity); use '_' or '-'"
        )


def calendar(value: YValue) -> Calendar:
    word = text(value).lower()
    try:
        return Calendar(word)
    except ValueError:
        raise Invalid(f"{word!r} is not a calendar; use 'gregorian' or 'julian'") from None


def choice(choices: tuple[str, ...], what: str) -> Callable[[YValue], str]:
    """One of ``choices`` (case, and '_' for '-', aside), e.g. a paper size."""

    def check(value: YValue) -> str:
        if isinstance(value, YScalar) and value.value is False and "none" in choices:
            return "none"  # YAML reads a bare 'no' or 'false' as a boolean
        if not isinstance(value, YScalar) or value.value is None or isinstance(value.value, bool):
            raise Invalid(f"must be one of {', '.join(choices)}, not {describe(value)}")
        word = value.text.strip().lower().replace("_", "-")
        if word in choices:
            return word
        hint = difflib.get_close_matches(word, choices, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise Invalid(f"{value.text.strip()!r} is not a {what}; use one of: {', '.join(choices)}{suggestion}")

    check.choices = choices  # type: ignore[attr-defined] - for the command line and the docs
    check.json_schema = words_schema(choices, dashes=True, none_is_false="none" in choices)  # type: ignore[attr-defined]
    return check


def count(value: YValue) -> int:
    """A whole number, at least 1."""
    if not isinstance(value, YScalar) or isinstance(value.value, bool) or not isinstance(value.value, int):
        raise Invalid(f"must be a whole number, not {describe(value)}")
    if value.value < 1:
        raise Invalid(f"must be at least 1, not {value.value}")
    return value.value


def flag(value: YValue) -> bool:
    """true or false."""
    if not isinstance(value, YScalar) or not isinstance(value.value, bool):
        raise Invalid(f"must be true or false, not {describe(value)}")
    return value.value


def _number(what: str, unit: str, examples: str, smallest: float, largest: float) -> Callable[[YValue], float]:
    """A number of ``unit`` from ``smallest`` to ``largest``; ``what`` and ``examples`` word
    the message ("a size in points such as 7 or 6.5")."""

    def check(value: YValue) -> float:
        if not isinstance(value, YScalar) or isinstance(value.value, bool) or not isinstance(value.value, (int, float)):
            raise Invalid(f"must be {what} in {unit} such as {examples}, not {describe(value)}")
        number = float(value.value)
        if not smallest <= number <= largest:
            raise Invalid(f"must be between {smallest:g} and {largest:g} {unit}, not {number:g}")
        return number

    check.json_schema = {"type": "number", "minimum": smallest, "maximum": largest}  # type: ignore[attr-defined]
    return check


def points(smallest: float, largest: float) -> Callable[[YValue], float]:
    """A type size in points, from ``smallest`` to ``largest``."""
    return _number("a size", "points", "7 or 6.5", smallest, largest)


def millimetres(smallest: float, largest: float) -> Callable[[YValue], float]:
    """A length in mm, from ``smallest`` to ``largest``."""
    return _number("a length", "mm", "6 or 4.5", smallest, largest)


def offset(largest: float) -> Callable[[YValue], tuple[float, float]]:
    """A shift [x, y] in mm, each from ``-largest`` to ``largest``."""

    def check(value: YValue) -> tuple[float, float]:
        if not isinstance(value, YSeq) or len(value) != 2 or not all(
                isinstance(v, YScalar) and not isinstance(v.value, bool) and isinstance(v.value, (int, float))
                for v in value):
            raise Invalid(f"must be [x, y] in mm such as [0.5, -1], not {describe(value)}")
        x, y = (float(v.value) for v in value)
        if not (abs(x) <= largest and abs(y) <= largest):
            raise Invalid(f"must be between -{largest:g} and {largest:g} mm each, not [{x:g}, {y:g}]")
        return x, y

    check.json_schema = {"type": "array", "minItems": 2, "maxItems": 2,  # type: ignore[attr-defined]
                         "items": {"type": "number", "minimum": -largest, "maximum": largest}}
    return check


def anything(value: YValue) -> YValue:
    """The raw value, for a key whose value another check looks at in full (a deck's cards)."""
    return value


# --- what each checker accepts, as JSON Schema --------------------------------------------------
#
# Each checker carries ``json_schema``: the values it accepts, in JSON Schema (draft 7),
# as YAML reads them into JSON (strings, numbers, true/false, null, lists, mappings).
# :mod:`cards.schema` builds the editor schema of a deck from them and from the options
# below, so the schema and the validator are one description. A schema accepts every
# value its checker does (tests/test_schema.py checks it on generated values); it may
# accept a few the checker refuses (text over the length limit, a tag with a symbol
# outside ASCII), which `cards lint` then reports.

#: What a text field accepts: any scalar, taken as written (``name: 1917`` is '1917').
_SCALAR_TYPES = ["string", "number", "boolean"]


def _any_case(word: str, dashes: bool) -> str:
    """A regular expression (for JSON Schema: ECMA and Python alike) matching ``word`` in
    any case, and with '_' for '-' if ``dashes``."""
    out = []
    for ch in word:
        if ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        elif ch == "-" and dashes:
            out.append("[-_]")
        elif ch in "^$\\.*+?()[]{}|/":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


#: The words PyYAML (YAML 1.1) reads as true or false but an editor reading YAML 1.2,
#: as VS Code's YAML extension does, reads as text.
_YAML11_TRUE = ("yes", "Yes", "YES", "on", "On", "ON")
_YAML11_FALSE = ("no", "No", "NO", "off", "Off", "OFF")


def words_schema(words, dashes: bool = False, none_is_false: bool = False) -> dict:
    """One of ``words``, in any case and with spaces around it (as :func:`choice` and
    :func:`calendar` read it); listed in an ``enum`` too, for editors to offer. With
    ``none_is_false``, false (and the YAML 1.1 words for it) stands for 'none'."""
    listed = [*words, False] if none_is_false else [*words]
    spellings = [_any_case(w, dashes) for w in words] + (list(_YAML11_FALSE) if none_is_false else [])
    pattern = "^\\s*(?:" + "|".join(spellings) + ")\\s*$"
    return {"anyOf": [{"enum": listed}, {"type": "string", "pattern": pattern}]}


def _tag_pattern() -> str:
    """A tag: no spaces, and none of the ASCII punctuation :data:`TAG_PUNCTUATION` leaves out."""
    refused = sorted(set(string.punctuation) - TAG_PUNCTUATION)
    escaped = "".join("\\" + ch if ch in "\\]^-[" else ch for ch in refused)
    return f"^\\s*[^\\s{escaped}]+\\s*$"


_TEXT_SCHEMA = {"type": _SCALAR_TYPES, "pattern": "\\S"}
text.json_schema = _TEXT_SCHEMA  # type: ignore[attr-defined]
text_list.json_schema = {"type": ["array", "null"], "items": _TEXT_SCHEMA}  # type: ignore[attr-defined]
tag_list.json_schema = {"type": ["array", "null"],  # type: ignore[attr-defined]
                        "items": {"type": _SCALAR_TYPES, "pattern": _tag_pattern()}}
identifier.json_schema = {"type": _SCALAR_TYPES,  # type: ignore[attr-defined]
                          "pattern": f"^\\s*{ID_PATTERN.pattern}\\s*$"}
deck_identifier.json_schema = {"type": _SCALAR_TYPES,  # type: ignore[attr-defined]
                               "pattern": f"^(?!.*{GUID_SEPARATOR})\\s*{ID_PATTERN.pattern}\\s*$"}
calendar.json_schema = words_schema([c.value for c in Calendar])  # type: ignore[attr-defined]
count.json_schema = {"type": "integer", "minimum": 1}  # type: ignore[attr-defined]
flag.json_schema = {"anyOf": [  # type: ignore[attr-defined]
    {"type": "boolean"},
    {"type": "string", "pattern": f"^(?:{'|'.join(_YAML11_TRUE + _YAML11_FALSE)})$"},
]}
anything.json_schema = {}  # type: ignore[attr-defined] - what the key holds is described where it is checked


# --- describing and checking a mapping ----------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One key a mapping may have: how its value is checked, whether it must be there."""

    check: Callable[[YValue], Any]
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Wording:
    """How a mapping's problems are worded: by default as a deck's fields
    (``card 'x': field 'date' must be text``); the ``print:`` section words its own."""

    #: "unknown field 'x' in card 'y'", before "; did you mean ...?"
    unknown: Callable[[str], str]
    #: "card 'y': field 'x' must be text, not a list"
    bad: Callable[[str, str], str]
    #: "card 'y' is missing the required field 'x'"
    missing: Callable[[str], str]


def field_wording(what: str) -> Wording:
    """The wording of a deck's, a source's or a card's fields; ``what`` names it ("card 'x'"),
    or is empty for the deck itself."""
    prefix = f"{what}: " if what else ""
    where = f" in {what}" if what else ""
    return Wording(
        unknown=lambda key: f"unknown field {key!r}{where}",
        bad=lambda key, message: f"{prefix}field {key!r} {message}",
        missing=lambda key: f"{what or 'the deck'} is missing the required field {key!r}",
    )


def check_mapping(
    raw: YMap,
    options: Mapping[str, Option],
    report: Callable[[Mark, str], None],
    wording: Wording,
    spelling: Callable[[str], str] = lambda key: key,
) -> tuple[dict[str, Any], dict[str, Mark], bool]:
    """Check every key of ``raw`` against ``options``, reporting each problem.

    Returns the values that are valid, where each was written, and whether all
    were. ``spelling`` turns an unknown key into the form a known key would have
    ("crop-marks" -> "crop_marks") before looking for the one it was meant to be.
    """
    values: dict[str, Any] = {}
    marks: dict[str, Mark] = {}
    ok = True
    for key, value in raw.items():
        option = options.get(key) if isinstance(key, str) else None
        if option is None:
            respelt = spelling(str(key))
            hint = [respelt] if respelt in options else difflib.get_close_matches(respelt, list(options), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(options)}"
            report(raw.mark_of(key), wording.unknown(str(key)) + suggestion)
            ok = False
            continue
        if isinstance(value, YScalar) and value.value is None and option.required:
            report(value.mark, wording.bad(key, "must not be empty"))
            ok = False
            continue
        try:
            values[key] = option.check(value)
        except Invalid as exc:
            report(exc.mark or value.mark, wording.bad(key, exc.message))
            ok = False
            continue
        marks[key] = value.mark
    for key, option in options.items():
        if option.required and key not in raw:
            report(raw.mark, wording.missing(key))
            ok = False
    return values, marks, ok
