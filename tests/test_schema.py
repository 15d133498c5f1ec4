"""The editor schema of deck files (cards.schema): made from the validator's own
description, it accepts every example deck and rejects malformed ones, and it
never refuses a value the validator accepts."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from cards import checks
from cards.kinds import KINDS
from cards.print_options import PRINT_OPTIONS
from cards.schema import PROJECT_COPY, UndescribedChecker, deck_schema, schema_text
from cards.validate import CARD_OPTIONS, COMMON_CARD_OPTIONS, DECK_OPTIONS, SOURCE_OPTIONS
from cards.yamlmarks import YMap, YScalar, YSeq, parse

REPO = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "schema_invalid"


def as_json(value):
    """A parsed deck (cards.yamlmarks) as the JSON data an editor validates: YAML's
    values as they are, except those JSON has not (a date), which stay as written."""
    if isinstance(value, YMap):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, YSeq):
        return [as_json(item) for item in value]
    if isinstance(value, YScalar):
        if value.value is None or isinstance(value.value, (bool, int, float, str)):
            return value.value
        return value.text
    return value


def load(path: Path):
    return as_json(parse(path.read_text(encoding="utf-8"), str(path)))


@pytest.fixture(scope="module")
def validator():
    schema = deck_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _errors(validator, data) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data))


# --- one description --------------------------------------------------------------------------


def _same_as_options(described: dict, options) -> None:
    """Each option is described by its checker's own schema and its doc."""
    assert set(described["properties"]) == set(options)
    assert described["required"] == [k for k, o in options.items() if o.required]
    for key, option in options.items():
        if option.check is checks.anything:
            continue  # its structure is described by cards.schema itself
        got = dict(described["properties"][key])
        assert got.pop("description", "") == option.doc and got == option.check.json_schema, key


def test_the_schema_is_the_validators_description():
    schema = deck_schema()
    _same_as_options(schema, DECK_OPTIONS)
    assert schema["additionalProperties"] is False
    _same_as_options(schema["properties"]["sources"]["additionalProperties"]["anyOf"][1], SOURCE_OPTIONS)
    _same_as_options(schema["properties"]["print"], PRINT_OPTIONS)
    card = schema["properties"]["cards"]["items"]
    assert card["required"] == [k for k, o in COMMON_CARD_OPTIONS.items() if o.required]
    assert [b["if"]["properties"]["kind"]["pattern"] for b in card["allOf"]] and len(card["allOf"]) == len(KINDS)
    for branch, (name, options) in zip(card["allOf"], CARD_OPTIONS.items()):
        then = branch["then"]
        assert set(then["properties"]) == {*COMMON_CARD_OPTIONS, *options}, name
        assert set(then["required"]) == {k for k, o in {**COMMON_CARD_OPTIONS, **options}.items() if o.required}
        for key, option in options.items():
            described = dict(then["properties"][key])
            assert described.pop("description", "") == option.doc
            assert described == option.check.json_schema, (name, key)


def test_every_checker_an_option_uses_says_what_it_accepts():
    everything = [*DECK_OPTIONS.values(), *SOURCE_OPTIONS.values(), *COMMON_CARD_OPTIONS.values(),
                  *PRINT_OPTIONS.values(), *(o for options in CARD_OPTIONS.values() for o in options.values())]
    for option in everything:
        assert isinstance(getattr(option.check, "json_schema", None), dict), option


def test_a_checker_without_a_schema_is_an_error_not_a_hole(monkeypatch):
    def unknown(value):
        return value

    monkeypatch.setitem(SOURCE_OPTIONS, "notes", checks.Option(unknown, doc="x"))
    with pytest.raises(UndescribedChecker, match="unknown"):
        deck_schema()


def test_cards_schema_prints_it_and_writes_it(tmp_path, cards):
    printed = cards("schema", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == deck_schema() and printed.stdout == schema_text()
    written = cards("schema", "-o", PROJECT_COPY, cwd=tmp_path)
    assert written.returncode == 0 and (tmp_path / PROJECT_COPY).read_text(encoding="utf-8") == schema_text()


# --- decks ------------------------------------------------------------------------------------


EXAMPLE_DECKS = sorted((REPO / "decks").glob("*.yaml"))


@pytest.mark.parametrize("deck", EXAMPLE_DECKS, ids=lambda p: p.name)
def test_every_example_deck_validates(deck, validator):
    assert _errors(validator, load(deck)) == []


def test_the_fixture_decks_of_the_tests_validate(validator, tmp_path):
    from conftest import DECK

    (tmp_path / "d.yaml").write_text(DECK)
    assert _errors(validator, load(tmp_path / "d.yaml")) == []


#: fixture -> the JSON path of the error and words of the schema's message
INVALID_DECKS = {
    "missing-deck": ("", "'deck' is a required property"),
    "unknown-kind": ("cards/0/kind", "is not valid under any of the given schemas"),
    "missing-field": ("cards/1", "'role' is a required property"),
    "mistyped-field": ("cards/1/aliases", "is not of type 'array', 'null'"),
    "unknown-field": ("cards/0", "Additional properties are not allowed ('evnt' was unexpected)"),
    "bad-print-option": ("print/layout", "is not valid under any of the given schemas"),
    "unknown-print-option": ("print", "Additional properties are not allowed ('colour' was unexpected)"),
    "bad-id": ("cards/0/id", "does not match"),
    "deck-id-with-double-underscore": ("id", "does not match"),
    "tag-with-markup": ("tags/0", "does not match"),
    "cards-not-a-list": ("cards", "is not of type 'array'"),
    "source-without-path": ("sources/notes", "is not valid under any of the given schemas"),
    "bad-calendar": ("calendar", "is not valid under any of the given schemas"),
    "zero-rows": ("print/rows", "less than the minimum of 1"),
}


def test_every_invalid_fixture_has_its_expectation():
    assert {p.stem for p in INVALID.glob("*.yaml")} == set(INVALID_DECKS)


@pytest.mark.parametrize("name", sorted(INVALID_DECKS))
def test_malformed_decks_fail_the_schema_where_they_are_wrong(name, validator, cards):
    where, words = INVALID_DECKS[name]
    errors = _errors(validator, load(INVALID / f"{name}.yaml"))
    assert errors and all(e.startswith(f"{where}: ") for e in errors), errors
    assert any(words in e for e in errors), errors
    # and the validator refuses each of them too
    from cards.load import load_deck
    from cards.validate import validate

    _, problems = validate(load_deck(INVALID / f"{name}.yaml"))
    assert any(p.is_error for p in problems), name


# --- the schema never refuses what the validator accepts ---------------------------------------

SCALARS = st.one_of(
    st.sampled_from(["julian", " Julian ", "GREGORIAN", "a4", "A4", "Letter", "long_edge", "LONG-EDGE", "none",
                     "no", "yes", "true", "false", "~", "null", "''", "' '", "0", "1", "7", "6.5", "-3", "1e3",
                     "16", "4", "3.9", "1917", "1917-10-25", "duma", " duma ", "a__b", "a_b", "Ленин", "a-level",
                     "ww1", "#tag", "a b", "x<y", "[a, b]", "[]", "[1917, yes]", "['a b']", "[Ленин, 'it''s']",
                     "{a: 1}", "grid", "foldover", "index", "short-edge", ".5", "1_000", "0x10"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8).map(lambda s: repr(s)),
)


def _checkers():
    seen = {}
    for options in (DECK_OPTIONS, SOURCE_OPTIONS, COMMON_CARD_OPTIONS, PRINT_OPTIONS, *CARD_OPTIONS.values()):
        for option in options.values():
            if option.check is not checks.anything:
                seen.setdefault(id(option.check), option.check)
    return list(seen.values())


CHECKERS = _checkers()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(CHECKERS), SCALARS)
def test_what_a_checker_accepts_its_schema_accepts(check, written):
    try:
        raw = parse(f"v: {written}\n", "v.yaml")
    except Exception:
        return
    value = raw["v"]
    try:
        check(value)
    except checks.Invalid:
        return
    data = as_json(value)
    assert not list(jsonschema.Draft7Validator(check.json_schema).iter_errors(data)), (written, data)


@pytest.mark.parametrize("check, written", [
    (checks.text, "1917-10-25"), (checks.text, "yes"), (checks.text, "1.5"), (checks.text, "Ленин"),
    (checks.text_list, "[]"), (checks.text_list, "~"), (checks.text_list, "[1917, yes, Ленин]"),
    (checks.tag_list, "[a-level, Ленин, 1917, yes, 'x+y', \"it's\", ' a ']"), (checks.tag_list, ""),
    (checks.identifier, "1917"), (checks.identifier, "' duma '"), (checks.identifier, "a.b_c-d"),
    (checks.deck_identifier, "russia_1917"), (checks.calendar, "' Julian '"), (checks.calendar, "GREGORIAN"),
    (checks.count, "3"), (checks.flag, "yes"), (checks.flag, "false"),
    (PRINT_OPTIONS["paper"].check, "A4"), (PRINT_OPTIONS["layout"].check, "FoldOver"),
    (PRINT_OPTIONS["duplex"].check, "long_edge"), (PRINT_OPTIONS["duplex"].check, "no"),
    (PRINT_OPTIONS["min_font_size"].check, "6.5"), (PRINT_OPTIONS["min_font_size"].check, "16"),
])
def test_what_a_checker_accepts_its_schema_accepts_for_example(check, written):
    value = parse(f"v: {written}\n", "v.yaml")["v"]
    check(value)
    assert not list(jsonschema.Draft7Validator(check.json_schema).iter_errors(as_json(value))), written


@pytest.mark.parametrize("check, written", [
    (checks.text, "~"), (checks.text, "' '"), (checks.text, "[a]"),
    (checks.text_list, "a"), (checks.tag_list, "[a b]"), (checks.tag_list, "['<img>']"),
    (checks.identifier, "'a b'"), (checks.identifier, "-x"), (checks.deck_identifier, "a__b"),
    (checks.calendar, "orthodox"), (checks.calendar, "~"), (checks.count, "0"), (checks.count, "yes"),
    (checks.flag, "maybe"), (PRINT_OPTIONS["layout"].check, "zigzag"), (PRINT_OPTIONS["duplex"].check, "true"),
    (PRINT_OPTIONS["min_font_size"].check, "2"), (PRINT_OPTIONS["min_font_size"].check, "big"),
])
def test_what_a_checker_refuses_its_schema_refuses(check, written):
    value = parse(f"v: {written}\n", "v.yaml")["v"]
    with pytest.raises(checks.Invalid):
        check(value)
    assert list(jsonschema.Draft7Validator(check.json_schema).iter_errors(as_json(value)))


def test_dates_that_yaml_reads_as_dates_are_text_to_the_schema(validator):
    value = parse("v: 1917-10-25\n", "v.yaml")["v"]
    assert isinstance(value.value, datetime.date) and as_json(value) == "1917-10-25"


def _patterns(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                found.add(value)
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def test_the_patterns_are_javascript_regular_expressions_too():
    """Editors run the schema in JavaScript, with its regular expressions (and the 'u'
    flag, as VS Code's YAML extension tries first): each pattern compiles there and
    reads a few values as Python does."""
    import shutil
    import subprocess

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("no JavaScript engine (node) on this machine to compile the patterns with")
    patterns = sorted(_patterns(deck_schema(), set()))
    samples = ["julian", " Julian ", "a4", "long_edge", "date", "Ленин", "a-level", "<img>", "a b", "x__y",
               "russia-1917", "notes", "no:te", ""]
    script = ("const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p, 'u').test(s)))));")
    result = subprocess.run([node, "-e", script], input=json.dumps([patterns, samples]), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    import re

    assert json.loads(result.stdout) == [[bool(re.search(p, s)) for s in samples] for p in patterns]


EDITOR_SCRIPT = r"""
const fs = require('fs'), path = require('path');
const { URI } = require('vscode-uri');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { getLanguageService } = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
const ls = getLanguageService({
  schemaRequestService: async (uri) => fs.readFileSync(URI.parse(uri).fsPath, 'utf8'),
  workspaceContext: { resolveRelativePath: (rel, resource) =>
    URI.file(path.resolve(path.dirname(URI.parse(resource).fsPath), rel)).toString() },
});
ls.configure({ validate: true, completion: true, hover: true, schemas: [] });
const [deckPath, cases] = JSON.parse(fs.readFileSync(0, 'utf8'));
(async () => {
  const out = [];
  for (const [i, [text, line, character]] of cases.entries()) {
    const doc = TextDocument.create(URI.file(deckPath).toString() + '?' + i, 'yaml', 1, text);
    if (line < 0) out.push((await ls.doValidation(doc, false)).map(d => [d.range.start.line + 1, d.message]));
    else out.push((await ls.doComplete(doc, { line, character }, false)).items.map(item => item.label));
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


def test_the_yaml_extension_of_vs_code_completes_and_checks_decks(tmp_path, cards):
    """With Red Hat's YAML language server (what VS Code's YAML extension runs), a deck
    made by `cards init` finds its schema, validates, and gets each kind's fields offered.
    Needs node and the npm packages yaml-language-server, vscode-uri and
    vscode-languageserver-textdocument: set CARDS_YAML_LANGUAGE_SERVER to the folder
    holding their node_modules."""
    import os
    import shutil
    import subprocess

    modules = os.environ.get("CARDS_YAML_LANGUAGE_SERVER")
    node = shutil.which("node") or shutil.which("nodejs")
    if not modules or node is None:
        pytest.skip("set CARDS_YAML_LANGUAGE_SERVER to a folder where `npm install yaml-language-server "
                    "vscode-uri vscode-languageserver-textdocument` ran, to check the schema in the editor's server")
    assert cards("init", cwd=tmp_path).returncode == 0
    deck = tmp_path / "decks" / "example.yaml"
    text = deck.read_text(encoding="utf-8")
    head = text.splitlines()[0] + "\n"
    cases = [
        (text, -1, 0),
        (head + "deck: X\ncards:\n  - id: a\n    kind: person\n    name: N\n    source: n:1\n", -1, 0),
        (head + "deck: X\ncards:\n  - id: a\n    kind: quote\n    \n", 5, 4),
        (head + "deck: X\ncards: []\nprint:\n  layout: \n", 4, 10),
    ]
    result = subprocess.run([node, "-e", EDITOR_SCRIPT], input=json.dumps([str(deck), cases]), text=True,
                            capture_output=True, timeout=120,
                            env={**os.environ, "NODE_PATH": str(Path(modules) / "node_modules")})
    assert result.returncode == 0, result.stderr
    valid, missing, completion, layouts = json.loads(result.stdout)
    assert valid == []
    assert missing == [[4, 'Missing property "role".']]  # on the card's first line
    assert {"quote", "speaker", "aliases", "context", "source", "tags"} <= set(completion)
    assert not {"event", "role", "significance"} & set(completion)
    assert layouts == ["grid", "foldover", "index"]
