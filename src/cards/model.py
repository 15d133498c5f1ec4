"""The typed deck model every later stage works on.

Validation builds these from raw YAML; nothing after validation sees YAML.
Every object keeps the :class:`~cards.yamlmarks.Mark` of what it came from, so
the linter can point at the exact field it complains about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from cards.dates import Calendar
from cards.yamlmarks import Mark, YValue


@dataclass(frozen=True)
class SourceText:
    """The text of a source file as read by the loader, split into lines."""

    lines: tuple[str, ...]

    def cited(self, first: int, last: int) -> str:
        """Lines ``first``..``last`` (1-based) joined with spaces."""
        return " ".join(line.strip() for line in self.lines[first - 1 : last])


@dataclass
class LoadedDeck:
    """A deck file as the loader read it (:mod:`cards.load`): its text, its parsed YAML
    with marks, and the sources and images it names; validation turns it into a
    :class:`Deck`."""

    path: Path
    display: str  # the path as the user named it, for messages
    text: str
    data: YValue | None
    sources: dict[str, SourceText] = field(default_factory=dict)
    #: why a declared source could not be read, by source name
    source_problems: dict[str, str] = field(default_factory=dict)
    #: the images the cards name, by path as written (see cards.images), and why any
    #: could not be read
    images: dict[str, bytes] = field(default_factory=dict)
    image_problems: dict[str, str] = field(default_factory=dict)
    #: the files read, for the build cache: path -> bytes
    inputs: dict[str, bytes] = field(default_factory=dict)
    #: declared sources that were not read, for the build cache: path -> what to
    #: compare the file's hash with next time (None: the file did not exist;
    #: REFUSED: never the same, so a deck with such a source is always rebuilt)
    unread: dict[str, str | None] = field(default_factory=dict)



@dataclass(frozen=True)
class Source:
    name: str
    path: str  # as written in the deck, relative to the deck's folder
    title: str | None
    calendar: Calendar | None
    mark: Mark
    text: SourceText | None  # None when the file could not be read safely

    @property
    def display_name(self) -> str:
        return self.title or self.name


@dataclass(frozen=True)
class Citation:
    source: str
    first: int
    last: int
    mark: Mark

    def __str__(self) -> str:
        lines = str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        return f"{self.source}:{lines}"


@dataclass(frozen=True)
class Card:
    """Fields common to every kind. ``marks`` maps a field name to its place.

    Each kind's card class (in its module under :mod:`cards.kinds`) adds the
    kind's own fields.
    """

    kind: ClassVar[str] = ""
    id: str
    tags: tuple[str, ...]
    citation: Citation
    mark: Mark
    end_line: int
    marks: dict[str, Mark] = field(compare=False, repr=False)
    #: the card's picture (a cards.images.Image), shown on the back, and who made it
    image: object | None = field(default=None, kw_only=True)
    image_credit: str = field(default="", kw_only=True)

    def mark_of(self, name: str) -> Mark:
        return self.marks.get(name, self.mark)


@dataclass(frozen=True)
class Deck:
    id: str
    name: str
    description: str
    tags: tuple[str, ...]
    calendar: Calendar
    sources: dict[str, Source]
    cards: tuple[Card, ...]
    path: Path
    mark: Mark
    text: str  # the deck file's text, for comment directives and hashing
    print_options: dict[str, object] = field(default_factory=dict)
    language: str = "en"  # a BCP 47 tag such as en, ru or en-GB: the printed cards' language
    author: str = ""

    @property
    def display_path(self) -> str:
        return self.mark.path

    def citation_label(self, citation: Citation) -> str:
        """How a card shows where it comes from: 'Title, line 12' or 'lines 12-14'."""
        source = self.sources.get(citation.source)
        name = source.display_name if source else citation.source
        if citation.first == citation.last:
            return f"{name}, line {citation.first}"
        return f"{name}, lines {citation.first}\u2013{citation.last}"
