"""Safe YAML parsing that remembers where every value came from.

PyYAML's ``safe_load`` forgets positions, and error messages for people need
``path:line:col``. We compose the YAML node graph with the safe loader and turn
it into :class:`YMap`, :class:`YSeq` and :class:`YScalar`, which carry a
:class:`Mark` (1-based line and column).

The walk also bounds the work: YAML aliases can make a tiny file expand into
billions of nodes ("billion laughs"), and deep nesting can exhaust the stack.
Both stop with a :class:`YamlError` after a fixed budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import yaml

#: Most values that aliases may add to a document when they are expanded. A deck
#: of any size without aliases never comes near it; a "billion laughs" file does.
MAX_ALIAS_EXPANSION = 100_000
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64


@dataclass(frozen=True)
class Mark:
    path: str
    line: int  # 1-based
    column: int  # 1-based


class YamlError(Exception):
    def __init__(self, message: str, mark: Mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


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

    def mark_of(self, key: Any) -> Mark:
        return self.key_marks.get(key, self.mark)


YValue = YScalar | YSeq | YMap


def _mark(path: str, node: yaml.Node | yaml.Event) -> Mark:
    return Mark(path, node.start_mark.line + 1, node.start_mark.column + 1)


#: libyaml's parser when PyYAML was built with it: about eight times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_depth(text: str, path: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses on the C
    stack and crashes the interpreter on a deep enough document, while its event
    parser keeps an explicit stack and is safe to run on anything."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", _mark(path, event))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def parse(text: str, path: str) -> YValue | None:
    """Parse one YAML document. Returns None for an empty document."""
    loader = None
    try:
        _check_depth(text, path)
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            return None
        return _Converter(loader, path).convert(root)
    except RecursionError:
        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", Mark(path, 1, 1)) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(path, mark.line + 1, mark.column + 1) if mark else Mark(path, 1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"YAML syntax error: {what}", where) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", Mark(path, 1, 1)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str) -> YamlError:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return YamlError(f"the character U+{code:04X} is not allowed in YAML; remove it", Mark(path, line, column))


class _Converter:
    def __init__(self, loader: yaml.SafeLoader, path: str):
        self.loader = loader
        self.path = path
        self.seen: set[int] = set()
        self.repeats = 0

    def convert(self, node: yaml.Node, depth: int = 0) -> YValue:
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_EXPANSION:
                raise YamlError(
                    f"aliases expand this document by more than {MAX_ALIAS_EXPANSION} values; "
                    "refusing to load it (a YAML alias bomb?)",
                    _mark(self.path, node),
                )
        else:
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", _mark(self.path, node))
        mark = _mark(self.path, node)
        end_line = node.end_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.loader.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as exc:
                raise YamlError(f"YAML error: {exc.problem}", mark) from None
            except ValueError:  # e.g. an impossible timestamp such as 1917-02-30
                value = node.value
            return YScalar(value, node.value, mark, end_line)
        if isinstance(node, yaml.SequenceNode):
            seq = YSeq(self.convert(item, depth + 1) for item in node.value)
            seq.mark, seq.end_line = mark, end_line
            return seq
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)  # applies '<<' merge keys
            result = YMap()
            result.mark, result.end_line, result.key_marks = mark, end_line, {}
            for key_node, value_node in node.value:
                key_mark = _mark(self.path, key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError("a mapping key must be a plain value", key_mark)
                key = self.loader.construct_object(key_node)
                if key in result:
                    raise YamlError(f"duplicate key {key!r}", key_mark)
                result[key] = self.convert(value_node, depth + 1)
                result.key_marks[key] = key_mark
            return result
        raise YamlError("unsupported YAML node", mark)  # pragma: no cover


def walk(value: YValue) -> Iterator[YValue]:
    """Every value inside ``value``, itself included."""
    yield value
    if isinstance(value, YMap):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, YSeq):
        for item in value:
            yield from walk(item)
