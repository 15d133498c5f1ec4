"""Is a field said of the card's own person, term or place? (P204, T304, L604)

Every word of a role can be on the cited line while the line says it of someone
else: "Lvov led the first Provisional Government and Kerensky was its minister of
war" does not make Kerensky the leader of the government. The line is split among
the names that stand as the subjects of its clauses, each owning what follows it
(see :mod:`cards.lint.attribution`); the field must be found in what the card's own
name owns, not only in what another's does. Nothing is reported when the card's
name is not the subject of a clause there (the text says too little to tell), nor
when the field is not supported at all (the "words supported" rule says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from cards.lint.attribution import may_have_rival, owners, written
from cards.lint.context import Finding
from cards.lint.rule import Rule
from cards.lint.text import shorten, support
from cards.lint.words import words
from cards.lint.tokens import tokens

#: The share of the field's words found in the card's own part of the text below which,
#: and in another name's part at or above which, the field is said of that other name.
OWN_AT_MOST = 0.5
OTHER_AT_LEAST = 0.65


@dataclass(frozen=True)
class SaidOf(Rule):
    field: str = ""
    #: the field naming the card's person, term or place
    name: str = "name"
    aliases: str = "aliases"
    #: what the name field holds, for the message ("person", "term", "place")
    what: str = ""

    def check(self, ctx, options):
        value = getattr(ctx.card, self.field)
        name = getattr(ctx.card, self.name)
        aliases = tuple(getattr(ctx.card, self.aliases, ())) + (
            ctx.synonyms.aliases_of(name) if ctx.synonyms else ())
        if not _may_be_subject(name, aliases, ctx.passage, self.what == "person"):
            return  # the card's name follows a preposition wherever it stands
        own_words = {w for n in (name, *aliases) for w in words(n)} | set(words(value))
        if not may_have_rival(ctx.text, own_words, ctx.lower, ctx.passage):
            return  # no other name stands where a subject could
        if not support(value, ctx.passage, ctx.names, ctx.synonyms).ok:
            return  # the "words supported" rule says so
        parts = owners(ctx.text, ctx.known, ctx.lower)
        if len(parts) < 2:
            return
        is_own = _matcher(name, aliases, person=self.what == "person")
        own = [p for p in parts if any(is_own(m.words) for m in p.mentions)]
        if not own:
            return
        tok = tokens(ctx.text)
        named = {i for p in parts for m in p.mentions for i in range(m.start, m.end)}
        wanted = _field_words(value, tok, named)
        if not wanted:
            return
        own_share = _share(wanted, tok, {i for p in own for i in p.words})
        best, owner = 0.0, None
        in_field = set(field_words_of(value))
        for part in parts:
            if part in own or any(set(m.words) & in_field for m in part.mentions):
                continue  # a name the field itself gives ("dismissed by Kerensky") is no rival
            share = _share(wanted, tok, set(part.words))
            if share > best:
                best, owner = share, part
        if owner is None or own_share > OWN_AT_MOST or best < OTHER_AT_LEAST or best - own_share < 0.3:
            return
        other = " and ".join(repr(written(tok, m)) for m in owner.mentions)
        yield Finding(f"{ctx.label} says this of {other}, not of {name!r} ({best:.0%} of the {self.field}'s words "
                      f"are in what it says of {other}, {own_share:.0%} in what it says of {name!r}): "
                      f"{shorten(ctx.text, around=tok.raw[owner.mentions[0].start])!r}", self.field)


def _may_be_subject(name: str, aliases: tuple[str, ...], passage, person: bool) -> bool:
    """False when every place the text names the card's person, term or place follows a
    preposition ("the guards of Palace militia"), where it cannot be a clause's subject."""
    from cards.lint.attribution import PREPOSITIONS
    from cards.lint.names import name_words, surname, without_article

    names = [without_article(name_words(n)) for n in (name, *aliases) if n]
    last = surname(name) if person else None
    if last:
        names.append((last,))
    hay = passage.bare_words
    for phrase in names:
        if not phrase:
            continue
        n = len(phrase)
        for i in range(len(hay) - n + 1):
            if hay[i] == phrase[0] and hay[i:i + n] == phrase:
                before = hay[i - 1] if i else ""
                if before in ("the", "a", "an"):
                    before = hay[i - 2] if i > 1 else ""
                if before not in PREPOSITIONS:
                    return True
    return False


def field_words_of(value: str) -> tuple[str, ...]:
    from cards.lint.words import words

    return tuple(w for w in words(value) if len(w) > 2)


def _matcher(name: str, aliases: tuple[str, ...], person: bool):
    from cards.lint.names import name_words, surname, without_article
    from cards.lint.words import stem

    full = [tuple(map(stem, without_article(name_words(n)))) for n in (name, *aliases) if n]
    last = surname(name) if person else None
    singles = {p[-1] for p in full if p} if person else set()
    if last:
        singles.add(stem(last))

    def is_own(words: tuple[str, ...]) -> bool:
        stems = tuple(map(stem, words))
        if any(stems == p or (len(p) > 1 and _inside(p, stems)) for p in full):
            return True
        return person and bool(stems) and stems[-1] in singles

    return is_own


def _inside(small: tuple, big: tuple) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _field_words(value: str, tok, named: set[int]):
    """The field's content words (stem and keys), less those that name a subject."""
    from cards.lint.lexicon import keys
    from cards.lint.words import field_words

    names = {tok.norm[i] for i in named}
    return [(st, keys(bare)) for _, bare, st, _ in field_words(value) if bare not in names]


def _share(words, tok, indexes: set[int]) -> float:
    from cards.lint.words import stem

    have: set[str] = set()
    for i in indexes:
        have.add(stem(tok.norm[i]))
        have.update(tok.keys[i])
    found = sum(1 for st, ks in words if st in have or not ks.isdisjoint(have))
    return found / len(words)
