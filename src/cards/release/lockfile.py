"""The lock file: what students' collections already hold, committed beside the deck.

Anki updates a note it has only when the imported note is *newer*, and matches
notes by their GUID (from the deck and card ids) and note types by id and field
list. So every build must give an unchanged card the very time it had in the
last release, and a changed card a later one, on any machine, from a fresh
clone too. ``decks/<deck>.lock`` records, for each card, its note type (its
kind's, ``date``, or the kind's one-way note type, ``date/one-way``, for a card
with ``reverse: false``), a fingerprint of its content and its note's time; for
each note type the deck uses, the same; the deck's name; and the cards that were
removed (retired). A note's type can never change in a student's collection, so
a build compares each card's note type with the one recorded.
``cards build`` reads it, and writes it back when something changed.

It is plain text, one entry per line, sorted, with a blank line between
entries, so that it diffs like source and two branches that change different
cards merge without a conflict (git needs an unchanged line between two
changes). Should a merge keep two entries for one card (a union merge, or both
sides of a conflict), the later time wins: the card then gets a time after
both, and updates for every student.

::

    # cards lock file for russia.yaml: commit it with the deck (see README, "Releases")
    deck russia-1917 History::Russia::1917

    notetype date 1a2b3c... 1700000000

    card trotsky person 4d5e6f... 1700000000

    card october-25 date/one-way 8a9b0c... 1700000000

    retired old-id term 7a8b9c... 1700000100
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import Problem
from cards.stamps import MAX_TIME

HEADER = "# cards lock file for {deck_file}: commit it with the deck (see README, \"Releases\")"


@dataclass(frozen=True)
class Entry:
    #: the note type's key: the kind's name, or ``KIND/one-way`` (see :func:`cards.kinds.base.note_type_key`)
    kind: str
    digest: str
    time: int


@dataclass
class Lock:
    """A deck's release state. ``exists`` is False for a deck never built with one."""

    deck_id: str | None = None
    name: str | None = None
    notetypes: dict[str, Entry] = field(default_factory=dict)  # note type key -> entry
    cards: dict[str, Entry] = field(default_factory=dict)  # card id -> entry
    retired: dict[str, Entry] = field(default_factory=dict)  # card id -> entry
    exists: bool = False

    def format(self, deck_file: str) -> str:
        lines = [HEADER.format(deck_file=deck_file), f"deck {self.deck_id} {self.name}"]
        for kind, entry in sorted(self.notetypes.items()):
            lines.append(f"notetype {kind} {entry.digest} {entry.time}")
        for word, entries in (("card", self.cards), ("retired", self.retired)):
            for card_id, entry in sorted(entries.items()):
                lines.append(f"{word} {card_id} {entry.kind} {entry.digest} {entry.time}")
        return lines[0] + "\n" + "\n\n".join(lines[1:]) + "\n"


def lock_path(deck_path: Path) -> Path:
    """``decks/russia.yaml`` -> ``decks/russia.lock``."""
    return deck_path.with_suffix(".lock")


def parse_lock(text: str, path: str) -> tuple[Lock, list[Problem]]:
    """The lock in ``text``, and a problem for every line that cannot be read."""
    lock = Lock(exists=True)
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        parts = rest.split()
        try:
            if word == "deck" and parts:
                lock.deck_id, lock.name = parts[0], rest[len(parts[0]):].strip() or None
            elif word == "notetype" and len(parts) == 3:
                _keep_latest(lock.notetypes, parts[0], Entry(parts[0], parts[1], _time(parts[2])))
            elif word in ("card", "retired") and len(parts) == 4:
                entries = lock.cards if word == "card" else lock.retired
                _keep_latest(entries, parts[0], Entry(parts[1], parts[2], _time(parts[3])))
            else:
                raise ValueError
        except ValueError:
            problems.append(Problem(path, number, 1, f"cannot read this line of the lock file: {line[:60]!r}; "
                                    "restore the file from version control (git checkout -- FILE), or "
                                    "delete the line if it is yours"))
    both = set(lock.cards) & set(lock.retired)
    for card_id in both:  # a merge kept a card as retired on one side and live on the other
        if lock.retired[card_id].time <= lock.cards[card_id].time:
            del lock.retired[card_id]
        else:
            del lock.cards[card_id]
    return lock, problems


def _time(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_TIME:
        raise ValueError(text)
    return value


def _keep_latest(entries: dict[str, Entry], key: str, entry: Entry) -> None:
    """Two entries for one key (from a merge): keep the later, and forget its fingerprint if
    they differ, so the next build gives the card a time after both."""
    old = entries.get(key)
    if old is None:
        entries[key] = entry
        return
    later = old if old.time >= entry.time else entry
    digest = later.digest if old.digest == entry.digest else "merged"
    entries[key] = Entry(later.kind, digest, later.time)


def read_lock(path: Path, display: str) -> tuple[Lock, list[Problem]]:
    """The lock file at ``path`` (an empty Lock if there is none yet)."""
    from cards.load import NotRegularFile, TooLarge, read_regular_file

    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return Lock(), []
    except (NotRegularFile, TooLarge, OSError) as exc:
        return Lock(), [Problem(display, 0, 0, f"cannot read the lock file: {exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Lock(), [Problem(display, 0, 0, "the lock file is not UTF-8 text; restore it from version control")]
    return parse_lock(text, display)
