"""Lint: check every card against the source line it cites.

The rules arrive with the linter; until then this reports only the citations
that cannot be resolved (unreadable source, line beyond the end of the file).
"""

from __future__ import annotations

from cards.errors import Problem


def lint_decks(decks, config=None) -> list[Problem]:
    problems = []
    for loaded, deck in decks:
        for card in deck.cards:
            citation = card.citation
            mark = card.mark_of("source")
            reason = loaded.source_problems.get(citation.source)
            source = deck.sources[citation.source]
            if reason is None and source.text is not None and citation.last > len(source.text.lines):
                reason = (f"{citation} is beyond the end of {source.path!r}, "
                          f"which has {len(source.text.lines)} lines")
            if reason:
                problems.append(Problem(mark.path, mark.line, mark.column, reason,
                                        code="C001", name="citation-broken", card=card.id))
    return problems
