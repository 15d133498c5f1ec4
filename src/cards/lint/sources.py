"""A source that cannot be read is one error at its entry under ``sources:``.

The loader records why a declared source could not be read (missing, refused,
not UTF-8, too large...). Rather than one C001 on every card citing it, the
linter reports it once, where the source is declared, naming the cards that
cite it. (The problem keeps the first citing card as its ``card``, so that
tools that group problems by card still see those cards flagged.)
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from pathlib import Path

from cards.errors import Problem


def once_per_source(problems: list[Problem], decks) -> list[Problem]:
    """``problems`` with the C001s of cards citing an unreadable source merged into one a source."""
    if not any(loaded.source_problems for loaded, _deck in decks):
        return problems
    kept: list[Problem] = []
    merged: dict[tuple[str, str], list[Problem]] = {}
    broken = {}
    for loaded, deck in decks:
        for card in deck.cards:
            if card.citation.source in loaded.source_problems:
                broken[(card.mark.path, card.id)] = (loaded, deck, card.citation.source)
    for problem in problems:
        place = broken.get((problem.path, problem.card)) if problem.code == "C001" else None
        if place is None:
            kept.append(problem)
            continue
        loaded, deck, name = place
        merged.setdefault((deck.mark.path, name), []).append(problem)
    for (_path, name), group in merged.items():
        loaded, deck, _ = broken[(group[0].path, group[0].card)]
        source = deck.sources.get(name)
        mark = source.mark if source is not None else deck.mark
        cards = [p.card for p in group]
        shown = ", ".join(cards[:5]) + (f" and {len(cards) - 5} more" if len(cards) > 5 else "")
        reason = loaded.source_problems[name] + (_advice(loaded, source) if source is not None else "")
        message = f"{reason} (cited by {len(cards)} card{'s' * (len(cards) != 1)}: {shown})"
        kept.append(replace(group[0], path=mark.path, line=mark.line, column=mark.column, message=message))
    return kept


def _advice(loaded, source) -> str:
    """What to do about a missing file (the nearest path beside the deck) or one not in UTF-8."""
    reason = loaded.source_problems.get(source.name, "")
    deck_dir = Path(loaded.path).parent
    if reason.endswith("does not exist"):
        return near_path(deck_dir, source.path)
    if reason.endswith("is not UTF-8 text"):
        from cards.load import read_regular_file, safe_source_path

        try:
            raw = read_regular_file(safe_source_path(deck_dir, source.path))
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return resave_advice(raw, exc, source.path)
        except (OSError, ValueError):
            return ""
    return ""


def near_path(deck_dir: Path, rel: str) -> str:
    """"; did you mean 'sources/notes.txt'?" for the file beside the deck nearest ``rel``, or ""."""
    base = deck_dir.resolve()
    found: list[str] = []
    try:
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))[:50]
            found += [os.path.relpath(os.path.join(folder, f), base).replace(os.sep, "/")
                      for f in sorted(files) if not f.startswith(".") and not f.endswith((".yaml", ".yml", ".lock"))]
            if len(found) > 2000:
                break
    except OSError:
        return ""
    wanted = rel.replace("\\", "/")
    while wanted.startswith("./"):
        wanted = wanted[2:]
    lowered = {f.lower(): f for f in found}
    if wanted.lower() in lowered:
        return f"; did you mean {lowered[wanted.lower()]!r}?"
    hint = difflib.get_close_matches(wanted, found, n=1, cutoff=0.6)
    if not hint:  # the same file name in another folder
        hint = [f for f in found if f.rsplit("/", 1)[-1] == wanted.rsplit("/", 1)[-1]][:1]
    return f"; did you mean {hint[0]!r}?" if hint else ""


def resave_advice(raw: bytes, exc: UnicodeDecodeError, rel: str) -> str:
    """Where the first byte that is not UTF-8 is, and how to re-save the file as UTF-8."""
    start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
    line = raw[:start].count(b"\n") + 1
    guess = "UTF-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "WINDOWS-1252"
    return (f" (byte 0x{raw[start]:02X} on line {line}); re-save it as UTF-8 (in your editor: Save As, "
            f"encoding UTF-8), or convert it with iconv -f {guess} -t UTF-8 {rel} > converted.txt")
