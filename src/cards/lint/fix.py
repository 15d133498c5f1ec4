"""``cards lint --fix``: write the one fitting citation into the deck file.

A card whose error carries a suggestion that is the only place its fact fits
(:class:`cards.lint.suggest.Suggestion` with ``unique``) gets its ``source:``
rewritten there. The edit is made on the bytes of the citation itself, found
from its mark: comments, quoting, key order, blank lines, line ends and a
byte-order mark stay as they were. Ambiguous cards are left alone (their errors
keep their suggestions), so running it twice changes nothing the second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Change:
    path: str  # the deck as the user named it
    line: int
    column: int
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.old} -> {self.new}"


def _citation_at(line: str, column: int, name: str) -> re.Match | None:
    """The citation written at ``column`` (1-based) of ``line``: NAME, then :LINES if any."""
    pattern = re.compile(r"(['\"]?\s*)(" + re.escape(name) + r")(\s*:\s*\d+(?:\s*[-\u2013]\s*\d+)?)?(?=\s*['\"]?)")
    return pattern.match(line, column - 1)


def _edit(text: str, edits: list[tuple[int, int, str, str]]) -> tuple[str, list[tuple[int, int, str, str]]]:
    """``text`` with each (line, column, name, new citation) applied; and those applied."""
    lines = [m.group(0) for m in _LINE.finditer(text)]
    if lines and lines[-1] == "":
        lines.pop()
    done = []
    # right to left along a line, so that an edit does not move the columns of those still to come
    for line_no, column, name, new in sorted(edits, key=lambda edit: (edit[0], -edit[1])):
        if not 1 <= line_no <= len(lines):
            continue
        line = lines[line_no - 1]
        offset = 1 if line_no == 1 and line.startswith(_BOM) else 0
        match = _citation_at(line, column + offset, name)
        if match is None:
            continue
        old = match.group(2) + (match.group(3) or "")
        lines[line_no - 1] = line[: match.start(2)] + new + line[match.end(3) if match.group(3) else match.end(2):]
        done.append((line_no, column, old, new))
    return "".join(lines), done


def fix_decks(checked) -> list[Change]:
    """Rewrite the citations that have exactly one fitting place; return what changed.

    ``checked`` is :func:`cards.build.check`'s result (with lint)."""
    by_card: dict[tuple[str, str], object] = {}
    for problem in checked.problems:
        suggestion = problem.suggestion
        if problem.card and suggestion is not None and getattr(suggestion, "unique", False):
            by_card[(problem.path, problem.card)] = suggestion
    changes: list[Change] = []
    for loaded, deck in checked.decks:
        edits = []
        for card in deck.cards:
            suggestion = by_card.get((card.mark.path, card.id))
            if suggestion is None or str(suggestion) == str(card.citation):
                continue
            mark = card.citation.mark
            edits.append((mark.line, mark.column, card.citation.source, str(suggestion)))
        if not edits:
            continue
        path = Path(loaded.path)
        raw = path.read_bytes()
        if raw != loaded.inputs.get(loaded.display, raw):
            continue  # changed since it was read: leave it alone
        text = raw.decode("utf-8")
        new_text, done = _edit(text, edits)
        if not done:
            continue
        path.write_bytes(new_text.encode("utf-8"))
        changes += [Change(loaded.display, line, column, old, new) for line, column, old, new in done]
    return changes
