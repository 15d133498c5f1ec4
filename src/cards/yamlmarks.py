"""Safe YAML parsing that remembers where every value came from.

PyYAML's ``safe_load`` forgets positions, and error messages for people need
``path:line:col``. We build :class:`YMap`, :class:`YSeq` and :class:`YScalar`,
which carry a :class:`Mark` (1-based line and column), straight from the
parser's events, in one pass and without recursion.

The pass also bounds the work: YAML aliases can make a tiny file stand for
billions of values ("billion laughs"), and deep nesting can exhaust a stack.
An alias is shared, not copied, and the size of what it stands for is counted
against a fixed budget; nesting is counted against a fixed depth. Only the
plain YAML types are built (no Python objects, whatever the tags say).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml

#: Most values that aliases may add to a document when they are expanded. A deck
#: of any size without aliases never comes near it; a "billion laughs" file does.
MAX_ALIAS_EXPANSION = 100_000
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64


class Mark(NamedTuple):
    path: str
    line: int  # 1-based
    column: int  # 1-based


class ParserStop(NamedTuple):
    """Where and why PyYAML's parser gave up, kept on a :class:`YamlError` so that
    :mod:`cards.yaml_slips` can look for the typing slip behind it: ``problem`` is where
    the parser stopped and ``context`` where the construct it was reading began
    (each a ``(line, column)`` from 1, or None), ``says`` its own message and
    ``loader`` the loader class that read the text."""

    problem: tuple[int, int] | None
    context: tuple[int, int] | None
    says: str
    loader: type


class YamlError(Exception):
    def __init__(self, message: str, mark: Mark, stop: ParserStop | None = None):
        super().__init__(message)
        self.message = message
        self.mark = mark
        #: set for a syntax error, for explaining it in plain words (cards.yaml_slips)
        self.stop = stop


class YScalar:
    """A scalar with its parsed value, its text as written, and its mark."""

    __slots__ = ("value", "text", "mark", "end_line")

    def __init__(self, value: Any, text: str, mark: Mark, end_line: int):
        self.value = value
        self.text = text
        self.mark = mark
        self.end_line = end_line

    def __repr__(self) -> str:
        return f"YScalar({self.value!r})"


class YSeq(list):
    mark: Mark
    end_line: int


class YMap(dict):
    """A mapping of plain keys to Y-values; ``key_marks`` remembers each key's place."""

    mark: Mark
    end_line: int
    key_marks: dict[Any, Mark]
    #: keys that came in through a ``<<`` merge: their key mark is that ``<<``
    #: line, while their value's mark is where the merged mapping wrote it
    merged_keys: frozenset = frozenset()

    def mark_of(self, key: Any) -> Mark:
        return self.key_marks.get(key, self.mark)

    def place_of(self, key: Any) -> Mark:
        """Where this mapping's value for ``key`` is written, as seen from this mapping: the
        value itself, or the ``<<`` line that brought it in from elsewhere."""
        value = self.get(key)
        if key in self.merged_keys or not isinstance(value, YScalar):
            return self.mark_of(key)
        return value.mark


YValue = YScalar | YSeq | YMap


def _mark(path: str, event: yaml.Event) -> Mark:
    return Mark(path, event.start_mark.line + 1, event.start_mark.column + 1)


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _MergeKey:
    def __repr__(self) -> str:
        return "'<<'"


#: The value of a '<<' key: its mapping (or list of mappings) is merged into the parent.
MERGE_KEY = _MergeKey()

#: libyaml's parser when PyYAML was built with it (several times faster); its
#: event parser keeps an explicit stack, so deep documents cannot crash it.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, path: str) -> YValue | None:
    """Parse one YAML document. Returns None for an empty document."""
    loader = None
    try:
        loader = _Loader(text)
        return _Builder(loader, path).document()
    except RecursionError:
        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", Mark(path, 1, 1)) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(path, mark.line + 1, mark.column + 1) if mark else Mark(path, 1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if _is_depth_limit(what):
            # libyaml (PyYAML >= 6.0.4) stops at its own depth while scanning ahead of
            # the events we count; say it in our words, whichever side stopped first.
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", where) from None
        raise YamlError(f"YAML syntax error: {what}", where, _stop(exc, what)) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", Mark(path, 1, 1)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _stop(exc: yaml.MarkedYAMLError, says: str) -> ParserStop:
    def place(mark):
        return (mark.line + 1, mark.column + 1) if mark is not None else None

    return ParserStop(place(exc.problem_mark), place(exc.context_mark), says, _Loader)


def duplicate_key(key, first_line: int, first_column: int, column: int) -> str:
    """The message for a key written twice in one mapping; for a card's ``id`` written a
    second time at the same indentation, the usual cause is a ``-`` missing before a
    new card."""
    message = f"duplicate key {key!r}; it is first on line {first_line}"
    if key == "id" and first_column > 1 and column == first_column:
        message += "; if a new card starts here, it needs a '-': write '- id: ...', in line with the '-' of the card above"
    return message


def _is_depth_limit(problem: str) -> bool:
    """Whether a parser's message is its nesting limit (worded by libyaml, not by us)."""
    problem = problem.lower()
    return "nesting" in problem and ("depth" in problem or "deep" in problem)


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str) -> YamlError:
    before = text[: exc.position]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    column = exc.position - max(before.rfind("\n"), before.rfind("\r"))
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return YamlError(f"the character U+{code:04X} is not allowed in YAML; remove it", Mark(path, line, column))


class _Open:
    """A mapping or sequence being filled, with the key waiting for its value."""

    __slots__ = ("value", "size", "key", "key_mark", "merges")

    def __init__(self, value):
        self.value = value
        self.size = 1
        self.key = _NO_KEY
        self.key_mark = None
        self.merges: list = []


_NO_KEY = object()


class _Builder:
    def __init__(self, loader, path: str):
        self.loader = loader
        self.path = path
        self.anchors: dict[str, tuple[YValue, int]] = {}  # anchor -> (value, its size in values)
        self.expanded = 0

    def document(self) -> YValue | None:
        get = self.loader.get_event
        get()  # StreamStart
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        root = self.build()
        event = get()  # DocumentEnd
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlError("the file holds more than one YAML document; a deck is one document",
                            _mark(self.path, event))
        return root

    def build(self) -> YValue:
        """Read one value (after DocumentStart) and return it."""
        get = self.loader.get_event
        stack: list[_Open] = []
        path = self.path
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value, size = self.scalar(event), 1
            elif kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise YamlError(f"unknown alias *{event.anchor}", _mark(path, event))
                value, size = self.anchors[event.anchor]
                self.expanded += size
                if self.expanded > MAX_ALIAS_EXPANSION:
                    raise YamlError(
                        f"aliases expand this document by more than {MAX_ALIAS_EXPANSION} values; "
                        "refusing to load it (a YAML alias bomb?)",
                        _mark(path, event),
                    )
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", _mark(path, event))
                if kind is yaml.SequenceStartEvent:
                    if event.tag not in _SEQ_TAGS:
                        raise YamlError(f"unsupported YAML tag {event.tag!r}", _mark(path, event))
                    container = YSeq()
                else:
                    if event.tag not in _MAP_TAGS:
                        raise YamlError(f"unsupported YAML tag {event.tag!r}", _mark(path, event))
                    container = YMap()
                    container.key_marks = {}
                container.mark = _mark(path, event)
                container.anchor = event.anchor
                stack.append(_Open(container))
                continue
            else:  # SequenceEnd or MappingEnd
                done = stack.pop()
                value, size = done.value, done.size
                value.end_line = event.end_mark.line + 1
                if done.merges:
                    merged_keys = set()
                    for merged, merge_mark in done.merges:
                        for key, item in merged.items():
                            if key not in value:
                                value[key] = item
                                value.key_marks[key] = merge_mark
                                merged_keys.add(key)
                    value.merged_keys = frozenset(merged_keys)
                anchor = value.__dict__.pop("anchor", None)
                if anchor is not None:
                    self.anchors[anchor] = (value, size)
            if kind is yaml.ScalarEvent and event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
            if not stack:
                return value
            self.add(stack[-1], value, size, event)

    def add(self, parent: _Open, value: YValue, size: int, event: yaml.Event) -> None:
        parent.size += size
        container = parent.value
        if isinstance(container, YSeq):
            container.append(value)
            return
        if parent.key is _NO_KEY:
            if not isinstance(value, YScalar):
                raise YamlError("a mapping key must be a plain value", value.mark)
            key = value.value
            try:
                hash(key)
            except TypeError:
                raise YamlError("a mapping key must be a plain value", value.mark) from None
            parent.key, parent.key_mark = key, value.mark
            return
        key, parent.key = parent.key, _NO_KEY
        if key is MERGE_KEY:
            if not isinstance(value, (YMap, YSeq)):
                raise YamlError("'<<' merges mappings only", parent.key_mark)
            merged = [value] if isinstance(value, YMap) else list(value)
            if not all(isinstance(m, YMap) for m in merged):
                raise YamlError("'<<' merges mappings only", parent.key_mark)
            parent.merges.extend((m, parent.key_mark) for m in merged)
            return
        if key in container:
            first = container.key_marks[key]
            raise YamlError(duplicate_key(key, first.line, first.column, parent.key_mark.column), parent.key_mark)
        container[key] = value
        container.key_marks[key] = parent.key_mark

    def scalar(self, event: yaml.ScalarEvent) -> YScalar:
        mark = _mark(self.path, event)
        end_line = event.end_mark.line + 1
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:  # most values: no constructor needed
            return YScalar(event.value, event.value, mark, end_line)
        if tag == _MERGE_TAG:
            return YScalar(MERGE_KEY, event.value, mark, end_line)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise YamlError(f"YAML error: {exc.problem}", mark) from None
        except ValueError:  # e.g. an impossible timestamp such as 1917-02-30
            value = event.value
        return YScalar(value, event.value, mark, end_line)
