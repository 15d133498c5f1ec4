"""Validate: raw YAML (with marks) -> typed :class:`~cards.model.Deck`.

The deck's fields, its sources' and each kind's are described once, as
:class:`~cards.checks.Option` objects (each kind's in its module under
:mod:`cards.kinds`), and checked by :func:`cards.checks.check_mapping`; the
``print:`` section by :mod:`cards.print_options`, with the same framework.
Problems are collected, never raised one at a time: a card with a bad field is
left out of the deck and every problem is reported in one go.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from cards.checks import (  # noqa: F401 - the checkers, re-exported for callers of this module
    GUID_SEPARATOR, ID_PATTERN, MAX_TEXT, Invalid, Option, _check_deck_id, anything, calendar, check_mapping, choice,
    deck_identifier, describe, field_wording, identifier, tag_list, text, text_list,
)
from cards.dates import CONVERSIONS, Calendar
from cards.errors import Problem
from cards.kinds import KINDS
from cards.model import Citation, Deck, LoadedDeck, Source
from cards.print_options import check_section as check_print_section
from cards.yamlmarks import Mark, YMap, YScalar, YSeq, YValue

#: A language tag such as en, ru, en-GB, pt-BR or zh-Hant (BCP 47's language, script and region).
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?")


def language(value: YValue) -> str:
    """A language tag (BCP 47's common forms): a 2- or 3-letter language, then an optional script and region."""
    result = text(value)
    if not LANGUAGE_PATTERN.fullmatch(result):
        raise Invalid(f"{result!r} is not a language tag; write the language's two-letter code, such as en, ru or de, "
                      "and a region after a hyphen if you need one, such as en-GB or pt-BR")
    return result


# "no" (Norwegian) reads as a YAML boolean, taken as written.
language.json_schema = {"type": ["string", "boolean"], "pattern": f"^\\s*{LANGUAGE_PATTERN.pattern}\\s*$"}  # type: ignore[attr-defined]


CITATION_PATTERN = re.compile(r"^\s*([^:\s]+)\s*:\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*$")


# --- the deck ---------------------------------------------------------------------------------


DECK_OPTIONS = {
    "deck": Option(text, required=True, doc="the Anki deck's name; '::' makes subdecks"),
    "id": Option(deck_identifier, doc="never change it once students have the deck (default: the file's name)"),
    "description": Option(text, doc="shown in Anki's deck overview"),
    "tags": Option(tag_list, doc="added to every card"),
    "calendar": Option(calendar, doc="the calendar of dates that do not say: gregorian (default) or julian"),
    "conversion": Option(choice(CONVERSIONS, "conversion"),
                         doc="where both calendars were in use, for showing a date in the other one: russia "
                             "(until 31 January 1918 O.S.) or none (default: russia if the deck, a source or "
                             "a card says julian, else none)"),
    "sources": Option(anything, doc="the texts the cards cite: NAME: PATH or NAME: {path, title, calendar}"),
    "cards": Option(anything, required=True, doc="the cards, each with an id, a kind and a source"),
    "print": Option(anything, doc="how the PDF is laid out (see the print options)"),
    "language": Option(language, doc="the language of the cards' text, such as en (default), ru or en-GB: "
                                     "the PDF says so, for screen readers and hyphenation"),
    "author": Option(text, doc="who wrote the deck: the PDF's author"),
}
SOURCE_OPTIONS = {
    "path": Option(text, required=True, doc="the text file, relative to the deck file, inside its folder"),
    "title": Option(text, doc="shown on the back of each card citing it"),
    "calendar": Option(calendar, doc="the calendar the source's dates are in"),
}
COMMON_CARD_OPTIONS = {
    "id": Option(identifier, required=True, doc="unique in the deck; never change it"),
    "kind": Option(text, required=True, doc="the card's kind"),
    "source": Option(text, required=True, doc="NAME:LINE or NAME:FIRST-LAST, counting lines from 1"),
    "tags": Option(tag_list, doc="added to this card"),
    "image": Option(text, doc="a PNG, JPEG, WebP or SVG file inside the deck's folder, shown on the back"),
    "image_credit": Option(text, doc="who made the image, shown with it"),
}
#: Each kind's own fields (see cards.kinds), as options.
CARD_OPTIONS = {name: {f.name: Option(f.check, f.required, f.doc) for f in kind.fields}
                for name, kind in KINDS.items()}


class _Collector:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, mark: Mark, message: str, card: str | None = None) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, message, card=card))

    def options(
        self, raw: YMap, options: dict[str, Option], what: str, card: str | None = None
    ) -> tuple[dict[str, Any], bool]:
        """Check every key of ``raw`` against ``options``; the valid values, and whether all
        were. ``what`` names the thing for messages ("card 'x'"), or is empty at the top level."""
        values, _, ok = check_mapping(raw, options, lambda mark, message: self.add(mark, message, card),
                                      field_wording(what))
        return values, ok


def validate(loaded: LoadedDeck) -> tuple[Deck | None, list[Problem]]:
    """Build the typed deck; return it (None if the deck itself is unusable) and all problems.

    Cards with problems are left out of the returned deck, so the linter can
    still check the rest.
    """
    out = _Collector(loaded.display)
    out.loaded = loaded  # the images the cards name, read by the loader
    data = loaded.data
    if data is None:
        out.add(Mark(loaded.display, 1, 1), "the file is empty; a deck needs at least 'deck:' and 'cards:'")
        return None, out.problems
    if not isinstance(data, YMap):
        out.add(data.mark, f"a deck file must be a mapping with 'deck:' and 'cards:', not {describe(data)}")
        return None, out.problems

    top, _ = out.options(data, DECK_OPTIONS, "")
    print_options, print_problems = check_print_section(data.get("print"), loaded.display)
    out.problems.extend(print_problems)
    deck_id = top.get("id") or loaded.path.stem
    if "id" not in data:
        try:
            if not ID_PATTERN.fullmatch(deck_id):
                raise Invalid("")
            _check_deck_id(deck_id)
        except Invalid:
            out.add(data.mark, f"the file name {loaded.path.name!r} is not a valid deck id; add an 'id:' field "
                    "(letters, digits, '-', '_' or '.', starting with a letter or digit)")
    default_calendar = top.get("calendar", Calendar.GREGORIAN)
    sources = _sources(out, data.get("sources"), loaded)
    conversion = top.get("conversion") or _default_conversion(default_calendar, sources, data.get("cards"))
    cards = _cards(out, data.get("cards"), sources, {"calendar": default_calendar, "conversion": conversion},
                   top.get("tags", ()))

    if "deck" not in top or "cards" not in data:
        return None, out.problems
    deck = Deck(
        id=deck_id,
        name=top["deck"],
        description=top.get("description", ""),
        tags=top.get("tags", ()),
        calendar=default_calendar,
        sources=sources,
        cards=tuple(cards),
        path=loaded.path,
        mark=data.mark,
        text=loaded.text,
        print_options=print_options,
        language=top.get("language", "en"),
        author=top.get("author", ""),
    )
    return deck, out.problems


def _sources(out: _Collector, raw: YValue | None, loaded: LoadedDeck) -> dict[str, Source]:
    if raw is None:
        return {}
    if not isinstance(raw, YMap):
        out.add(raw.mark, f"'sources' must be a mapping of names to paths, not {describe(raw)}")
        return {}
    sources = {}
    for name, entry in raw.items():
        key_mark = raw.mark_of(name)
        if name is None or isinstance(name, bool):  # '~:' or 'yes:' would read as 'None' or 'True'
            out.add(key_mark, f"source name {_key_text(loaded, key_mark)!r} is not a name; "
                    "give the source a word as its name, e.g. notes")
            continue
        name = str(name)
        if ":" in name or not name.strip() or any(ch.isspace() for ch in name):
            out.add(key_mark, f"source name {name!r} must be one word without ':'")
            continue
        if name in sources:
            out.add(key_mark, f"source {name!r} is declared twice; it is first declared on line {sources[name].mark.line}")
            continue
        if isinstance(entry, YScalar):
            try:
                values = {"path": text(entry)}
            except Invalid as exc:
                out.add(entry.mark, f"source {name!r}: the path {exc.message}")
                continue
        elif isinstance(entry, YMap):
            values, ok = out.options(entry, SOURCE_OPTIONS, f"source {name!r}")
            if not ok:
                continue
        else:
            out.add(entry.mark, f"source {name!r} must be a path or a mapping with 'path:', not {describe(entry)}")
            continue
        sources[name] = Source(
            name=name,
            path=values["path"],
            title=values.get("title"),
            calendar=values.get("calendar"),
            mark=key_mark,
            text=loaded.sources.get(name),
        )
    return sources


def _key_text(loaded: LoadedDeck, mark: Mark) -> str:
    """The key written at ``mark``, as typed."""
    lines = loaded.text.split("\n")
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    return line[mark.column - 1:].split(":", 1)[0].strip()


def _default_conversion(default_calendar, sources: dict[str, Source], raw_cards) -> str:
    """'russia' if the deck, a source or a card says julian; else 'none'."""
    julian = default_calendar is Calendar.JULIAN or any(s.calendar is Calendar.JULIAN for s in sources.values())
    if not julian and isinstance(raw_cards, YSeq):
        julian = any(isinstance(c, YMap) and isinstance(c.get("calendar"), YScalar)
                     and str(c["calendar"].value).strip().lower() == Calendar.JULIAN.value for c in raw_cards)
    return "russia" if julian else "none"


def _cards(out, raw, sources, defaults, deck_tags) -> list:
    if raw is None or (isinstance(raw, YScalar) and raw.value is None):
        return []  # missing or empty: reported as a missing required field
    if not isinstance(raw, YSeq):
        out.add(raw.mark, f"'cards' must be a list of cards (each starting with '- '), not {describe(raw)}")
        return []
    cards = []
    seen: dict[str, Mark] = {}
    for raw_card in raw:
        card = _card(out, raw_card, sources, defaults, deck_tags, seen)
        if card is not None:
            cards.append(card)
    return cards


def _card(out, raw, sources, defaults, deck_tags, seen):
    if not isinstance(raw, YMap):
        out.add(raw.mark, f"each card must be a mapping with 'id:' and 'kind:', not {describe(raw)}")
        return None
    card_id = raw["id"].text if isinstance(raw.get("id"), YScalar) and raw["id"].value is not None else None
    what = f"card {card_id!r}" if card_id else "a card"
    try:  # compared as it reaches Anki: "duma", "duma " and a folded "duma" are one id
        normalised = identifier(raw["id"]) if card_id is not None else None
    except Invalid:
        normalised = None  # reported with the card's other fields
    duplicate = normalised is not None and normalised in seen
    if duplicate:
        out.add(raw.place_of("id"), f"duplicate card id {normalised!r}; it is first used on line {seen[normalised].line}",
                card_id)
    elif normalised is not None:
        seen[normalised] = raw.place_of("id")
    kind_value = raw.get("kind")
    kind = kind_value.text.strip().lower() if isinstance(kind_value, YScalar) and kind_value.value is not None else None
    if kind_value is None:
        out.add(raw.mark, f"{what} has no 'kind:'; use one of: {', '.join(CARD_OPTIONS)}", card_id)
        return None
    if kind not in CARD_OPTIONS:
        hint = difflib.get_close_matches(kind or "", list(CARD_OPTIONS), n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        out.add(
            kind_value.mark,
            f"{what}: unknown kind {describe(kind_value)}; use one of: {', '.join(CARD_OPTIONS)}{suggestion}",
            card_id,
        )
        return None
    values, ok = out.options(raw, {**COMMON_CARD_OPTIONS, **CARD_OPTIONS[kind]}, f"{kind} card {card_id!r}" if card_id else f"a {kind} card", card_id)
    if "source" in values:
        try:
            citation = _citation(values["source"], raw["source"].mark, sources)
        except Invalid as exc:
            out.add(raw["source"].mark, f"{what}: {exc.message}", card_id)
            ok = False
    image = None
    if "image" in values:
        try:
            image = _image(values["image"], getattr(out, "loaded", None))
        except Invalid as exc:
            out.add(raw.place_of("image"), f"{what}: {exc.message}", card_id)
            ok = False
    attributes: dict[str, Any] = {}
    try:  # even when another field is wrong, so that every problem shows at once
        attributes = KINDS[kind].attributes(values, defaults)
    except KeyError:
        ok = False  # a field it needs is missing or wrong: reported above
    except Invalid as exc:
        place = exc.mark or (raw.place_of(exc.field) if exc.field in raw else raw.mark)
        out.add(place, f"{what}: {exc.message}", card_id)
        ok = False
    if not ok or duplicate:
        return None
    tags = tuple(dict.fromkeys((*deck_tags, *values.get("tags", ()))))
    return KINDS[kind].card(
        id=values["id"],
        tags=tags,
        citation=citation,
        mark=raw.mark,
        end_line=raw.end_line,
        marks={str(k): raw.place_of(k) for k in raw},
        image=image,
        image_credit=values.get("image_credit", ""),
        **attributes,
    )


def _image(path: str, loaded):
    """The card's image, read by the loader, checked by its bytes (see cards.images)."""
    from cards.images import check_image

    path = path.strip()
    if loaded is None:
        raise Invalid("images are read only from a deck file")
    if path in loaded.image_problems:
        raise Invalid(loaded.image_problems[path])
    if path not in loaded.images:
        raise Invalid(f"image {path[:40]!r} was not read")
    return check_image(path, loaded.images[path])


def _citation(value: str, mark: Mark, sources: dict[str, Source]) -> Citation:
    match = CITATION_PATTERN.match(value)
    if not match and value.strip() in sources:
        # a source without a line: the linter finds the lines, and `cards lint --fix` writes them in
        return Citation(value.strip(), 0, 0, mark)
    if not match:
        raise Invalid(f"source {value!r} is not a citation; write NAME:LINE or NAME:FIRST-LAST, e.g. notes:12 or notes:12-14")
    name, first, last = match.group(1), int(match.group(2)), int(match.group(3) or match.group(2))
    if name not in sources:
        known = ", ".join(sorted(sources)) or "none declared"
        hint = difflib.get_close_matches(name, list(sources), n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise Invalid(f"unknown source {name!r} (declared: {known}){suggestion}")
    if first < 1 or last < first:
        raise Invalid(f"line range {first}-{last} is not valid; lines count from 1 and FIRST must not exceed LAST")
    return Citation(name, first, last, mark)
