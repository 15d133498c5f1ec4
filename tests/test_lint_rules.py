"""Every registered rule: metadata, and its docstring examples really pass and fail."""

from __future__ import annotations

import re

import pytest

from cards.errors import Severity
from cards.lint.registry import RULES
from lint_helpers import examples, lint_paths, make_deck

#: Codes and names that must never change (projects configure and silence rules by them).
KEPT = {
    "C001": "citation-broken", "D101": "date-mismatch", "D102": "date-missing", "D103": "calendar-undeclared",
    "D110": "event-unsupported", "P201": "person-name-missing", "P202": "role-unsupported",
    "T301": "term-missing", "T302": "definition-unsupported", "Q401": "quote-mismatch",
    "Q402": "speaker-missing", "X501": "duplicate-card", "X502": "contradictory-citation",
    "D111": "event-reversed", "P203": "role-reversed", "P204": "role-of-another", "T303": "definition-reversed",
    "T304": "definition-of-another", "Q403": "speaker-misattributed", "L603": "significance-reversed",
    "L604": "significance-of-another",
}
WARNINGS = {"D103", "X501", "X502"}


def test_rules_keep_their_codes_and_names():
    found = {rule.ID: rule.NAME for rule in RULES}
    assert {code: found.get(code) for code in KEPT} == KEPT
    assert len(found) == len(RULES), "two rules share a code"
    assert len(set(found.values())) == len(RULES), "two rules share a name"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_metadata(rule):
    assert re.fullmatch(r"[A-Z]\d{3}", rule.ID)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.NAME)
    if rule.ID in KEPT:
        assert rule.SEVERITY is (Severity.WARNING if rule.ID in WARNINGS else Severity.ERROR)
    assert rule.doc.startswith(f"{rule.ID} {rule.NAME}: ")
    assert rule.SCOPE in ("card", "deck")
    for name, option in rule.OPTIONS.items():
        assert option.doc and option.check(option.default) == option.default, name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_docstring_examples(rule, tmp_path):
    found = examples(rule.doc)
    assert set(found) == {"passes", "fails"}, f"{rule.ID} needs a Passes:: and a Fails:: example"
    for label, example in found.items():
        deck = make_deck(tmp_path / label, example["text"], example["cards"], example["calendar"])
        problems = lint_paths([deck])
        assert not [p for p in problems if not p.code], problems  # the example deck itself is valid
        codes = [p.code for p in problems]
        if label == "passes":
            assert rule.ID not in codes, "\n".join(map(str, problems))
            assert not [p for p in problems if p.is_error], "\n".join(map(str, problems))
        else:
            assert rule.ID in codes, "\n".join(map(str, problems))


def test_the_same_question_with_another_answer_is_told_apart_from_the_same_fact(tmp_path):
    text = ["Lenin led the Bolsheviks and later chaired Sovnarkom, the Soviet government."]
    cards = [
        {"kind": "person", "name": "Vladimir Lenin", "role": "Led the Bolsheviks"},
        {"kind": "person", "name": "Vladimir Lenin", "role": "Chaired Sovnarkom, the Soviet government"},
        {"kind": "person", "name": "Vladimir Lenin", "role": "Led the Bolsheviks"},
    ]
    problems = [p for p in lint_paths([make_deck(tmp_path, text, cards)]) if p.code == "X501"]
    assert [(p.card, p.severity) for p in problems] == [("card-2", Severity.WARNING), ("card-3", Severity.WARNING)]
    different, same = problems
    assert "different role" in different.message and "card-1" in different.message
    assert "same fact as card 'card-1'" in same.message
