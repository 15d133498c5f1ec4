"""The rules, listed explicitly and in the order they run and are documented."""

from __future__ import annotations

from types import ModuleType

from cards.lint.rules import (
    c001_citation_broken,
    d101_date_mismatch,
    d102_date_missing,
    d103_calendar_undeclared,
    d110_event_unsupported,
    p201_person_name_missing,
    p202_role_unsupported,
    q401_quote_mismatch,
    q402_speaker_missing,
    t301_term_missing,
    t302_definition_unsupported,
    x501_duplicate_card,
    x502_contradictory_citation,
)

RULES: tuple[ModuleType, ...] = (
    c001_citation_broken,
    d101_date_mismatch,
    d102_date_missing,
    d103_calendar_undeclared,
    d110_event_unsupported,
    p201_person_name_missing,
    p202_role_unsupported,
    t301_term_missing,
    t302_definition_unsupported,
    q401_quote_mismatch,
    q402_speaker_missing,
    x501_duplicate_card,
    x502_contradictory_citation,
)

BY_ID: dict[str, ModuleType] = {rule.ID: rule for rule in RULES}


def is_deck_rule(rule: ModuleType) -> bool:
    return hasattr(rule, "check_deck")
