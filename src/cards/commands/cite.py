"""``cards cite CARD``: the lines of the deck's sources that support a card, to cite them.

Every passage (a line, or 2-3 lines) of the card's source on which the card's own
lint rules find no error is printed, nearest the card's citation first, then those
of the deck's other sources if its own has none: the search ``cards lint`` makes for
its "did you mean" (:mod:`cards.lint.suggest`), shown in full.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("cite")
@click.argument("card_id", metavar="CARD")
@click.option("--deck", "decks", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The deck holding CARD (default: every decks/*.yaml).")
def command(card_id: str, decks: tuple[Path, ...]) -> None:
    """Print the places in the deck's sources that support CARD (a card's id), each with its
    text, to paste into the card's source: field.

    Exit status: 0 when some place supports the card, 1 when none does or there is no such card.
    """
    from cards.build import check, default_deck_paths
    from cards.lint.suggest import _label, _Searcher
    from cards.lint.settings import LintConfig

    checked = check(list(decks) or default_deck_paths(), lint=False)
    for _loaded, deck in checked.decks:
        card = next((c for c in deck.cards if c.id == card_id), None)
        if card is None:
            continue
        searcher = _Searcher(deck, LintConfig.coerce(None))
        rules = searcher.rules_for(card)
        own = deck.sources.get(card.citation.source)
        others = [s for name, s in sorted(deck.sources.items()) if name != card.citation.source]
        for source in ([own] if own else []) + others:
            places = searcher.widened(card, rules, source, searcher.places(card, rules, source))
            if not places:
                continue
            here = card.citation.first or 1
            places.sort(key=lambda p: (abs(p[0] - here), p))
            for first, last in places:
                text = " / ".join(line.strip() for line in source.text.lines[first - 1 : last])
                click.echo(f"{_label(source.name, first, last)}  {text}")
            return
        click.echo(f"cards: no passage of {deck.display_path}'s sources supports card {card_id!r}", err=True)
        sys.exit(1)
    click.echo(f"cards: no card {card_id!r} in {', '.join(map(str, decks)) or 'decks/*.yaml'}", err=True)
    sys.exit(1)
