"""Read one YAML file safely into plain Python values that remember their line and column.

Records come from strangers' pull requests, so the reader trusts nothing: it uses PyYAML's
composer (libyaml when available) to get a node tree with positions, then builds values
itself. Only the YAML core types are accepted; tags, anchors and aliases, merge keys and
repeated keys are errors, never constructed, expanded or silently dropped.

Numbers are read as they were written, never reinterpreted: a whole number must be written in
plain decimal digits. YAML 1.1 (PyYAML's reading) turns `010` into 8, `0x7E4` and `33:40` into
2020 and `1_000` into 1000; those forms are errors quoting the value as written. In the fields
whose text matters as written (`volume`, `number`, `pages`), any such value is kept as its text.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from sitegen.errors import MAX_PROBLEMS_PER_FILE, DataError, Problem, cap_per_file

try:  # libyaml is many times faster; the pure-Python composer gives the same tree.
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - exercised only where PyYAML lacks libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_DIGITS = 30  # a whole number longer than this is no page, volume or year

Loc = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ, _MAP, _MERGE, _STR = _T + "seq", _T + "map", _T + "merge", _T + "str"
_INT, _FLOAT, _BOOL = _T + "int", _T + "float", _T + "bool"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
TEXT_FIELDS = frozenset({"volume", "number", "pages"})  # a record's fields whose written text is their value
_INT_FORMS = (  # how YAML 1.1 reads a whole number that is not plain decimal
    (re.compile(r"[-+]?0b[01_]+"), "binary"),
    (re.compile(r"[-+]?0x[0-9a-fA-F_]+"), "hexadecimal"),
    (re.compile(r"[-+]?0[0-7_]+"), "octal"),
    (re.compile(r"[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"), "base-60 (sexagesimal)"),
)
_constructor = yaml.constructor.SafeConstructor()


class Lines:
    """Line and column of a character of a text, counting lines as editors and git do.

    YAML also ends a line at U+0085, U+2028 and U+2029, so PyYAML's own line numbers drift
    from what an editor, `git diff` or a pull request shows after one of them. Only \\n counts here.
    """

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    def position(self, mark: yaml.Mark) -> tuple[int, int]:
        """1-based (line, column) of a PyYAML mark (its index counts characters)."""
        if self._starts is None:
            self._starts = [0] + [i + 1 for i, char in enumerate(self.text) if char == "\n"] if "\n" in self.text else [0]
        line = bisect.bisect_right(self._starts, mark.index) - 1
        return (line + 1, mark.index - self._starts[line] + 1)


@dataclass
class Document:
    """The values of one YAML file, and the text they were read from.

    Positions are found only when a message needs one, by composing the text again: reading a
    valid record costs no more than building its values. The node tree is then kept, so that
    the many problems of one file cost one parse, not one each.
    """

    path: str
    data: Any
    text: str | None = None
    _tree: Any = field(default=None, repr=False, compare=False)

    def _root(self) -> tuple[yaml.Node | None, Lines]:
        if self._tree is None:
            self._tree = (yaml.compose(self.text, Loader=Loader), Lines(self.text or ""), {})
        return self._tree[0], self._tree[1]

    def _children(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's entries by key, built once per mapping (a file may have thousands of keys)."""
        index = self._tree[2]
        if id(node) not in index:
            found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    found.setdefault(k.value, (k, v))
            index[id(node)] = found
        return index[id(node)]

    def locate(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (of its key, with `key`), or of its nearest written ancestor."""
        if not self.text:
            return (1, 1)
        node, lines = self._root()
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for index, part in enumerate(loc):
            child: yaml.Node | None = None
            key_node: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                key_node, child = self._children(node).get(part, (None, None))
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
            last = index == len(loc) - 1
            mark = key_node.start_mark if key and last and key_node is not None else child.start_mark
        return lines.position(mark)

    def find_in_value(self, loc: Loc, char: str) -> tuple[int, int]:
        """Where `char` is first written inside the value at `loc`; the value's own position if
        it is not written there as itself (an escape such as \\u202e in double quotes)."""
        start = self.locate(loc)
        if not self.text:
            return start
        node, lines = self._root()
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = self._children(node).get(part, (None, None))[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return start
        if node is None:
            return start
        found = self.text.find(char, node.start_mark.index, node.end_mark.index)
        if found < 0:
            return start
        return lines.position(yaml.Mark("", found, 0, 0, None, None))

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


def read_regular_file(path: Path, shown: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, which must be a regular file: never a symbolic link, which could
    point anywhere on the machine, nor a folder, device or pipe. What a link points to is never
    read, nor named in the message.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):  # elsewhere open() refuses a link (ELOOP)
        raise DataError([Problem(shown, 1, 1, LINK_MESSAGE)])
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        message = LINK_MESSAGE if exc.errno == errno.ELOOP else f"cannot read file: {exc.strerror}"
        raise DataError([Problem(shown, 1, 1, message)]) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise DataError([Problem(shown, 1, 1, NOT_REGULAR_MESSAGE)])
        if info.st_size > limit:
            raise DataError([Problem(shown, 1, 1, f"file is {info.st_size:,} bytes; the limit is {limit:,}")])
        try:
            return handle.read(info.st_size + 1)  # the size it has (at most the limit), and no more
        except OSError as exc:
            raise DataError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None


LINK_MESSAGE = "is a symbolic link, which is never followed; put the file itself here"
NOT_REGULAR_MESSAGE = "is not a regular file (a folder, device or pipe); put the file itself here"


def read_yaml(path: Path, shown_as: str | None = None) -> Document:
    """Read one file. Raises DataError with every problem found in it."""
    shown = shown_as or display_path(path)
    return parse_yaml(read_regular_file(path, shown), shown)


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
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = Lines(text).position(mark) if mark else (1, 1)
        what = "; ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        if "tab character" in what:
            what = "a tab is used for indentation; YAML allows only spaces there"
        raise DataError([Problem(shown, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown, 1, 1, f"YAML error: {exc}")]) from None
    if root is None:
        raise DataError([Problem(shown, 1, 1, "file is empty; expected a mapping of fields")])
    builder = _Builder(shown, text)
    if "!" in text or "&" in text:  # only then can the text hold a tag or an anchor
        builder.refuse_tags_and_anchors(yaml.scan(text, Loader=Loader))
    data = builder.build(root, 0)
    if builder.problems:
        raise DataError(cap_per_file(builder.problems, {shown: builder.more}))
    return Document(shown, data, text)


class _Builder:
    """Turns a composed node tree into Python values, refusing tricks."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = Lines(text)
        self.problems: list[Problem] = []
        self.more = 0  # problems past the cap: counted, not located
        self.tagged: set[int] = set()  # where a refused tag is written
        self._seen: set[int] = set()

    def _fail(self, node: yaml.Node | yaml.Token, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            self.more += 1
            return
        line, column = self.lines.position(node.start_mark)
        self.problems.append(Problem(self.path, line, column, message))

    def refuse_tags_and_anchors(self, tokens: Iterable[yaml.Token]) -> None:
        """Every tag but !!str is an error, even one that agrees with the value (`!!bool yes`):
        the writer never writes tags, so what a tag says would not survive `fmt`."""
        for token in tokens:
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                tag = (_T if handle == "!!" else handle or "") + suffix
                if tag != _STR:
                    self._fail(token, f"YAML tag {_short_tag(tag)} is not allowed")
                    self.tagged.add(token.start_mark.index)
            elif isinstance(token, yaml.AnchorToken):
                self._fail(token, "anchors and aliases (&name, *name) are not allowed in records")

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self._seen:
            # The composer hands back the same node for every alias of an anchor.
            self._fail(node, "anchors and aliases (&name, *name) are not allowed in records")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._fail(node, f"values are nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if node.tag != _SEQ:
            self._fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None
        return [self.build(item, depth + 1) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self._fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return {}
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        top = depth == 0  # the record's own fields
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be a plain name, not a list or mapping")
                continue
            if key_node.tag == _MERGE:
                self._fail(key_node, "merge keys (<<) are not allowed in records")
                continue
            if _tag_disagrees(key_node) and key_node.start_mark.index not in self.tagged:
                self._fail(key_node, f"YAML tag {_short_tag(key_node.tag)} is not allowed")
            key = key_node.value
            if key in first_line:
                self._fail(key_node, f"key '{key}' appears twice in one mapping (first on line {first_line[key]})")
                continue
            first_line[key] = self.lines.position(key_node.start_mark)[0]
            if top and key in TEXT_FIELDS and _keeps_text(value_node):
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if _tag_disagrees(node):
            # `!!null text`, `!!bool maybe`, `!!timestamp hello`: refused (by the token scan,
            # or here if a %TAG directive disguised it), and never constructed.
            if node.start_mark.index not in self.tagged:
                self._fail(node, f"YAML tag {_short_tag(tag)} is not allowed")
            return None
        if tag not in _SCALAR_TAGS:  # `=` and `<<` written as values are text
            return node.value
        if tag == _STR or tag == _T + "timestamp":
            return node.value  # a date stays the text that was written
        if tag == _T + "null":
            return None
        if tag == _T + "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == _INT:
            digits = sum(char.isdigit() for char in node.value)
            if digits > MAX_DIGITS:
                self._fail(node, f"a number of {digits:,} digits; the limit is {MAX_DIGITS} (write it in quotes if it is text)")
                return None
            if not _DECIMAL.fullmatch(node.value):
                self._fail(node, _not_decimal(node.value))
                return None
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)


def _keeps_text(node: yaml.Node) -> bool:
    """Whether `node` is a plain scalar that YAML would turn into another value than its text
    (a number in any form but plain decimal, a float, a boolean)."""
    if not isinstance(node, yaml.ScalarNode) or node.style:  # plain: None, or "" from libyaml
        return False
    return node.tag in (_FLOAT, _BOOL) or (node.tag == _INT and not _DECIMAL.fullmatch(node.value))


def _not_decimal(value: str) -> str:
    form = next((name for pattern, name in _INT_FORMS if pattern.fullmatch(value)), "")
    if "_" in value and form in ("", "octal"):
        form = "digits separated by underscores"
    read_as = _constructor.construct_yaml_int(yaml.ScalarNode(_INT, value))
    return (
        f"'{value}' is not a plain decimal number: YAML would read this {form} form as {read_as}; "
        "write whole numbers in decimal digits only"
    )


_resolver = yaml.resolver.Resolver()


def plain_tag(text: str) -> str:
    """The type the reader gives `text` written as a plain (unquoted) scalar, e.g. !!bool for 'ON'.

    The writer quotes every string for which this is not !!str, so that what it writes is read
    back as the same text: the reader follows YAML 1.1, where 'on', '1:20' and '0x1F' are not text.
    """
    return _resolver.resolve(yaml.ScalarNode, text, (True, False))


def _tag_disagrees(node: yaml.ScalarNode) -> bool:
    """Whether the scalar's tag is one its text would not be read as (so it was written)."""
    if node.tag == _STR:
        return False
    plain = node.style in (None, "")
    return node.tag != (plain_tag(node.value) if plain else _STR)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag
