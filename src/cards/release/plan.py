"""What a build releases to students, decided against the deck's lock file.

Given the notes a build renders and the lock of the last release, this works out
each note's and note type's time (unchanged content keeps its time; changed or
new content gets ``max(base, previous + 1)``), which cards were added, updated,
retired or left alone, and what must be refused because Anki would mishandle it:

* a card whose kind changed under a kept id: Anki cannot change a note's type on
  import, and skips the note ("1 note could not be imported"), so students keep
  the stale card. The card needs a new id (the old one is then retired). The same
  holds for a card that turns its reverse card on or off (``reverse: false``):
  a card without a reverse has a note type of its own.
* an id that was retired: students have that note, withdrawn; reusing its id
  would bring it back with other content.

A renamed deck is a warning: Anki files imported cards by deck *name*, so
students' existing cards stay where they were and new ones go to the new name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cards.errors import Problem, Severity
from cards.kinds import kind_of
from cards.kinds.base import kind_of_key
from cards.release.lockfile import MAX_TIME, Entry, Lock

#: The tag every withdrawn note carries: Anki's Browse finds them all with ``tag:cards::retired``.
RETIRED_TAG = "cards::retired"


@dataclass
class Changes:
    """What students will see change when they import this build over the last release."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        # "the same", not "unchanged": a build's summary says "unchanged" of a deck it skipped
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.retired)} retired, "
                f"{len(self.unchanged)} the same")


@dataclass
class Release:
    note_times: dict[str, int]  # card id -> its note's time
    notetype_times: dict[str, int]  # note type key (kind, or kind/one-way) -> its note type's time
    withdrawn: dict[str, Entry]  # retired card id -> entry (note type, time): notes the package keeps
    lock: Lock
    changes: Changes
    problems: list[Problem]


def _next(previous: Entry | None, base: int) -> int:
    return base if previous is None else min(max(base, previous.time + 1), MAX_TIME)


def plan_release(deck, digests: dict[str, str], notetype_digests: dict[str, str], lock: Lock,
                 base: int, notetype_base: int) -> Release:
    """``digests``: card id -> fingerprint of its note's content; ``notetype_digests``: note type
    key (see :func:`cards.kinds.base.note_type_key`) -> fingerprint of its note type; ``base`` and ``notetype_base``: the times new content gets
    (SOURCE_DATE_EPOCH, else the newest input file or template)."""
    problems: list[Problem] = []
    changes = Changes()
    new = Lock(deck_id=deck.id, name=deck.name, exists=True)
    note_times: dict[str, int] = {}
    for card in deck.cards:
        previous = lock.cards.get(card.id)
        digest = digests[card.id]
        if card.id in lock.retired:
            mark = card.mark_of("id")
            problems.append(Problem(mark.path, mark.line, mark.column,
                                    f"card id {card.id!r} was retired in an earlier release (students have it, "
                                    f"withdrawn); give this card another id", card=card.id))
            continue
        key = kind_of(card).note_type_key(card)
        if previous is not None and previous.kind != key:
            problems.append(_changed_note_type(card, previous.kind))
            continue
        if previous is None:
            changes.added.append(card.id)
            time = base
        elif previous.digest == digest:
            changes.unchanged.append(card.id)
            time = previous.time
        else:
            changes.updated.append(card.id)
            time = _next(previous, base)
        note_times[card.id] = time
        new.cards[card.id] = Entry(key, digest, time)

    live = {card.id for card in deck.cards}
    withdrawn: dict[str, Entry] = {}
    for card_id, entry in lock.retired.items():
        if card_id not in live:
            withdrawn[card_id] = new.retired[card_id] = entry
    for card_id, entry in lock.cards.items():
        if card_id not in live:
            changes.retired.append(card_id)
            withdrawn[card_id] = new.retired[card_id] = Entry(entry.kind, entry.digest, _next(entry, base))

    kinds = {entry.kind for entry in new.cards.values()} | {entry.kind for entry in withdrawn.values()}
    notetype_times = {}
    for kind in sorted(kinds):
        previous = lock.notetypes.get(kind)
        digest = notetype_digests[kind]
        time = previous.time if previous and previous.digest == digest else _next(previous, notetype_base)
        notetype_times[kind] = time
        new.notetypes[kind] = Entry(kind, digest, time)

    if lock.name is not None and lock.name != deck.name:
        mark = deck.mark
        problems.append(Problem(
            mark.path, mark.line, mark.column,
            f"the deck was renamed from {lock.name!r} to {deck.name!r}: Anki files imported cards by deck name, "
            f"so students' existing cards stay in {lock.name!r} and only new cards go to {deck.name!r} (they can "
            f"move the old ones with Browse > Change Deck); keep the old name if that is not what you want",
            Severity.WARNING))
    for kind in changes.added, changes.updated, changes.retired, changes.unchanged:
        kind.sort()
    return Release(note_times, notetype_times, withdrawn, new, changes, problems)


def _changed_note_type(card, was: str) -> Problem:
    """The refusal of a card whose note would change its note type (``was``: the lock's key):
    its kind, or whether it has a reverse card (a note type of its own, see
    :meth:`cards.kinds.base.NoteType.one_way`)."""
    was_kind, was_one_way = kind_of_key(was)
    if was_kind != card.kind:
        mark = card.mark_of("kind")
        return Problem(mark.path, mark.line, mark.column,
                       f"card {card.id!r} was a {was_kind} card in the last release and is a {card.kind} card now; "
                       f"Anki cannot change a note's kind, so students would keep the old card: give this card a "
                       f"new id (the old one is then retired)", card=card.id)
    mark = card.mark_of("reverse")
    if was_one_way:
        message = (f"card {card.id!r} was released without a reverse card (reverse: false); Anki cannot add one "
                   f"to the note students have (a note with a reverse is of another note type, and Anki skips a "
                   f"note whose type changed, so students would keep the old card): write 'reverse: false' "
                   f"again, or give this card a new id to release it with a reverse (the old one is then retired)")
    else:
        message = (f"card {card.id!r} was released with a reverse card, which students have; Anki cannot take "
                   f"it away (a note without a reverse is of another note type, and Anki skips a note whose type "
                   f"changed, so students would keep the old cards): remove 'reverse: false' to keep the reverse, "
                   f"or give this card a new id (the old one, reverse and all, is then retired; the new one has "
                   f"no reverse)")
    return Problem(mark.path, mark.line, mark.column, message, card=card.id)


def withdrawn_text(deck_name: str) -> str:
    """What a retired note says, in every field of its own."""
    return (f"Withdrawn: this card is no longer part of the deck {deck_name}. To delete every withdrawn card: "
            f"Browse, search tag:{RETIRED_TAG}, select all, Delete.")
