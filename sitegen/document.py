"""Read one YAML file safely into plain Python values that remember their line and column.

Records come from strangers' pull requests, so the reader trusts nothing: it uses PyYAML's
composer (libyaml when available) to get a node tree with positions, then builds values
itself. Only the YAML core types are accepted; tags, anchors and aliases, merge keys and
repeated keys are errors, never constructed, expanded or silently dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import DataError, Problem

try:  # libyaml is many times faster; the pure-Python composer gives the same tree.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only where PyYAML lacks libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 20

Loc = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """The values of one YAML file and where each one was written."""

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest written ancestor."""
        table = self.key_positions if key else self.positions
        for end in range(len(loc), -1, -1):
            prefix = tuple(loc[:end])
            if prefix in table:
                return table[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def problem(self, loc: Loc, message: str, key: bool = False, severity: str = "error") -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.path, line, column, message, severity)  # type: ignore[arg-type]


def display_path(path: Path) -> str:
    """The path as a user should see it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_yaml(path: Path, shown_as: str | None = None) -> Document:
    """Read one file. Raises DataError with every problem found in it."""
    shown = shown_as or display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError([Problem(shown, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    return parse_yaml(raw, shown)


def parse_yaml(raw: bytes, shown: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(shown, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError([Problem(shown, 1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(shown, line, column, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = "; ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        if "tab character" in what:
            what = "a tab is used for indentation; YAML allows only spaces there"
        raise DataError([Problem(shown, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown, 1, 1, f"YAML error: {exc}")]) from None
    if root is None:
        raise DataError([Problem(shown, 1, 1, "file is empty; expected a mapping of fields")])
    builder = _Builder(shown)
    data = builder.build(root, (), 0)
    if builder.problems:
        raise DataError(builder.problems)
    return Document(shown, data, builder.positions, builder.key_positions)


class _Builder:
    """Turns a composed node tree into Python values, recording positions, refusing tricks."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}
        self._seen: set[int] = set()

    def _fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if id(node) in self._seen:
            # The composer hands back the same node for every alias of an anchor.
            self._fail(node, "anchors and aliases (&name, *name) are not allowed in records")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._fail(node, f"values are nested more than {MAX_DEPTH} levels deep")
            return None
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _T + "seq":
                self._fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
                return None
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        if node.tag != _T + "map":
            self._fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be a plain name, not a list or mapping")
                continue
            if key_node.tag == _T + "merge":
                self._fail(key_node, "merge keys (<<) are not allowed in records")
                continue
            key = key_node.value
            child = loc + (key,)
            if key in result:
                first = self.key_positions[child]
                self._fail(key_node, f"key '{key}' appears twice in one mapping (first on line {first[0]})")
                continue
            self.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._fail(node, f"YAML tag {_short_tag(tag)} is not allowed")
            return None
        if tag == _T + "str" or tag == _T + "timestamp":
            return node.value  # a date stays the text that was written
        if tag == _T + "null":
            return None
        if tag == _T + "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == _T + "int":
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag
