"""``cards show SOURCE``: a source with its line numbers, as the linter counts them.

SOURCE is a source's name as a deck declares it (``notes``, or ``notes:12-14`` for
some lines only) or a path to a text file. Lines end at LF, CRLF or a lone CR only
(:mod:`cards.lines`), so the numbers shown are the numbers citations use, whatever
form feeds or Unicode separators a text pasted from the web holds. Lines cited by a
card are marked with the cards' ids (``--no-cards`` leaves them out).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

_RANGE = re.compile(r"^(.*?):(\d+)(?:[-\u2013](\d+))?$")


def _deck_sources(decks: tuple[Path, ...]):
    """(deck path, source name, source path, loaded source text or problem, cards by line) for every deck."""
    from cards.build import default_deck_paths
    from cards.load import load_deck
    from cards.errors import InputError
    from cards.validate import validate

    for path in decks or default_deck_paths():
        try:
            loaded = load_deck(path)
        except InputError:
            continue
        deck, _problems = validate(loaded)
        cited: dict[tuple[str, int], list[str]] = {}
        for card in deck.cards if deck else ():
            for line in range(card.citation.first, card.citation.last + 1):
                cited.setdefault((card.citation.source, line), []).append(card.id)
        yield loaded, cited


def _visible(ch: str) -> str:
    """A character as shown: a control character or separator is written as its escape."""
    if ch.isprintable() or ch == " ":
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"


@click.command("show")
@click.argument("source")
@click.option("--deck", "decks", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The deck declaring SOURCE (default: every decks/*.yaml).")
@click.option("--no-cards", is_flag=True, help="Do not mark the lines cards cite.")
def command(source: str, decks: tuple[Path, ...], no_cards: bool) -> None:
    """Print SOURCE (a source's name in a deck, NAME:FIRST-LAST, or a text file) with line numbers
    counted as the linter counts them: the numbers to cite.

    Exit status: 0, or 1 when SOURCE is neither a declared source nor a readable file.
    """
    from cards.lines import split_lines
    from cards.load import read_regular_file

    name, first, last = source, None, None
    match = _RANGE.match(source)
    if match and not Path(source).exists():
        name, first = match.group(1), int(match.group(2))
        last = int(match.group(3) or first)
    lines, cited, shown = None, {}, name
    for loaded, deck_cited in _deck_sources(decks):
        if name in loaded.sources:
            lines = loaded.sources[name].lines
            cited = {line: ids for (src, line), ids in deck_cited.items() if src == name}
            shown = f"{loaded.display}: {name}"
            break
        if name in loaded.source_problems:
            click.echo(f"cards: {loaded.display}: {loaded.source_problems[name]}", err=True)
            sys.exit(1)
    if lines is None:
        path = Path(name)
        try:
            raw = read_regular_file(path)
            lines = split_lines(raw.decode("utf-8-sig"))
        except FileNotFoundError:
            click.echo(f"cards: {name!r} is neither a source declared in a deck nor a file", err=True)
            sys.exit(1)
        except UnicodeDecodeError:
            click.echo(f"cards: {name!r} is not UTF-8 text; re-save it as UTF-8", err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(f"cards: cannot read {name!r}: {exc.strerror or exc}", err=True)
            sys.exit(1)
    first = max(first or 1, 1)
    last = min(last or len(lines), len(lines))
    width = len(str(max(last, 1)))
    click.echo(f"# {shown} ({len(lines)} lines)")
    for number in range(first, last + 1):
        text = lines[number - 1].replace("\t", "    ")
        text = "".join(map(_visible, text))
        ids = "" if no_cards or number not in cited else "   <- " + ", ".join(cited[number])
        click.echo(f"{number:>{width}}  {text}{ids}")
