"""Q403 speaker-misattributed: the cited text gives the quotation to someone else.

The quoted words are on the line and so is the card's speaker, but the line gives
the words to another person: "Kornilov replied to Kerensky: '...'" cited for
Kerensky. The speaker the text means is the subject of the speech verb or noun
before the quotation ("said", "replied", "told", "wrote", "Kerensky's reply"; not a
person after "to", "at" or "according to", nor one in brackets), the name after it
('"...", said Lenin'), or a person the deck knows before a colon ("Lenin, April
1917: '...'"); see :mod:`cards.lint.attribution`. Where the text does not say
clearly, nothing is reported.

Passes::

    text: Asked by Kerensky to halt the advance, Kornilov replied: "I will not withdraw my troops."
    card: {kind: quote, quote: I will not withdraw my troops., speaker: Lavr Kornilov}

Fails::

    text: Asked by Kerensky to halt the advance, Kornilov replied: "I will not withdraw my troops."
    card: {kind: quote, quote: I will not withdraw my troops., speaker: Alexander Kerensky}
"""

from __future__ import annotations

from cards.errors import Severity
from cards.lint.rule import FunctionRule


def check(ctx, options):
    from cards.lint.attribution import TITLES, may_have_rival, speaker_of, written
    from cards.lint.context import Finding
    from cards.lint.names import name_found, name_words, surname
    from cards.lint.quotes import is_verbatim, quote_parts
    from cards.lint.text import shorten
    from cards.lint.words import words

    card = ctx.card
    if not ctx.memo(("verbatim", card.quote), lambda c: is_verbatim(card.quote, c.passage.words)):
        return  # Q401 says so
    aliases = tuple(card.aliases) + (ctx.synonyms.aliases_of(card.speaker) if ctx.synonyms else ())
    if not name_found(card.speaker, aliases, ctx.passage):
        return  # Q402 says so
    own = {w for n in (card.speaker, *aliases) for w in name_words(n) if len(w) > 2 and w not in TITLES}
    last = surname(card.speaker)
    if last:
        own.add(last)
    if not may_have_rival(ctx.text, own | set(words(card.quote))):
        return  # nobody else is named where a speaker could stand
    group = speaker_of(ctx.text, quote_parts(card.quote), ctx.known)
    if not group:
        return
    if any(own & set(m.words) for m in group):
        return
    from cards.lint.tokens import tokens

    tok = tokens(ctx.text)
    named = " and ".join(repr(written(tok, m)) for m in group)
    yield Finding(f"{ctx.label} gives these words to {named}, not to {card.speaker!r}: "
                  f"{shorten(ctx.text, around=tok.raw[group[0].start])!r}", "speaker")


SPEAKER_MISATTRIBUTED = FunctionRule("Q403", "speaker-misattributed", __doc__, Severity.ERROR, function=check)
