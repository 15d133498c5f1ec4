"""The JSON Schema of a deck file, for editors: completion of field names and each
kind's fields, and mistakes flagged as you type.

It is made, when asked for, from the description the validator checks decks with:
the deck's options and its sources' (:mod:`cards.validate`), the ``print:`` section's
(:mod:`cards.print_options`), the fields every card has and each kind's own
(:mod:`cards.kinds`), each option's checker carrying the JSON Schema of what it
accepts (:mod:`cards.checks`). A new kind, field or option is in it at once.

Cards are described kind by kind (``if kind is date, then ...``), so that an editor
offers each kind's own fields once ``kind:`` is written. Draft 7, the newest that
the YAML extension of VS Code (yaml-language-server) reads.

What the schema cannot know, `cards lint` still checks: whether a date exists,
a cited source is declared and has the line, ids are unique, and the text of a
card is in the line it cites.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from cards.checks import Option, anything, words_schema

DRAFT = "http://json-schema.org/draft-07/schema#"
#: Where ``cards init`` puts a copy of the schema in a project, and how its decks
#: (in decks/) refer to it: a path relative to the deck file works offline.
PROJECT_COPY = ".cards/deck.schema.json"
MODELINE = "# yaml-language-server: $schema=../" + PROJECT_COPY


class UndescribedChecker(TypeError):
    """An option's checker has no ``json_schema``: give it one in cards.checks."""


def deck_schema() -> dict[str, Any]:
    """The JSON Schema of a deck file."""
    from cards.kinds import KINDS
    from cards.print_options import PRINT_OPTIONS
    from cards.validate import CARD_OPTIONS, COMMON_CARD_OPTIONS, DECK_OPTIONS, SOURCE_OPTIONS

    source = _object(SOURCE_OPTIONS)
    sources = {
        "type": ["object", "null"],
        "propertyNames": {"pattern": "^[^:\\s]+$"},
        "additionalProperties": {"anyOf": [
            {**_checker(SOURCE_OPTIONS["path"]), "description": "the source's path (short form)"},
            source,
        ]},
    }
    kind_names = list(KINDS)
    common = _properties(COMMON_CARD_OPTIONS)
    common["kind"] = {**_kind_schema(kind_names), "description": COMMON_CARD_OPTIONS["kind"].doc}
    card = {
        "type": "object",
        "description": "a card: its id, its kind, the source line it cites and the kind's own fields",
        "required": _required(COMMON_CARD_OPTIONS),
        "properties": common,
        "allOf": [
            {
                "if": {"properties": {"kind": _kind_schema([name], listed=False)}, "required": ["kind"]},
                "then": {
                    "description": f"{name} card: {KINDS[name].doc}",
                    "properties": {**common, **_properties(CARD_OPTIONS[name])},
                    "required": _required({**COMMON_CARD_OPTIONS, **CARD_OPTIONS[name]}),
                    "additionalProperties": False,
                },
            }
            for name in kind_names
        ],
    }
    structure = {
        "sources": sources,
        "cards": {"type": "array", "items": card},
        "print": {**_object(PRINT_OPTIONS), "type": ["object", "null"]},
    }
    return {
        "$schema": DRAFT,
        "title": "cards deck",
        "description": "A deck of flashcards for cards: each card cites the source line that supports it.",
        **_object(DECK_OPTIONS, structure),
    }


def schema_text() -> str:
    """The schema as a JSON document, as ``cards schema`` prints it and ``cards init`` writes it."""
    return json.dumps(deck_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(options: Mapping[str, Option], structure: Mapping[str, dict] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": _required(options),
        "properties": _properties(options, structure),
        "additionalProperties": False,
    }


def _required(options: Mapping[str, Option]) -> list[str]:
    return [name for name, option in options.items() if option.required]


def _properties(options: Mapping[str, Option], structure: Mapping[str, dict] | None = None) -> dict[str, Any]:
    properties = {}
    for name, option in options.items():
        if option.check is anything:
            # a key whose value is checked in full elsewhere: its structure is given here
            if structure is None or name not in structure:
                raise UndescribedChecker(f"option {name!r} takes anything; describe its structure in cards.schema")
            described = dict(structure[name])
        else:
            described = _checker(option)
        if option.doc:
            described["description"] = option.doc
        properties[name] = described
    return properties


def _checker(option: Option) -> dict[str, Any]:
    schema = getattr(option.check, "json_schema", None)
    if schema is None:
        name = getattr(option.check, "__qualname__", repr(option.check))
        raise UndescribedChecker(f"the checker {name} has no json_schema; give it one in cards.checks")
    return json.loads(json.dumps(schema))  # a copy: a description is never shared, nor changed


def _kind_schema(names: list[str], listed: bool = True) -> dict[str, Any]:
    """A card's kind, as validation reads it: one of ``names``, in any case, spaces around."""
    schema = words_schema(names)
    return schema if listed else schema["anyOf"][1]
