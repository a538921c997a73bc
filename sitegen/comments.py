"""The comments of a record file, attached to what they annotate, so that `fmt` can write them
beside the same values after it has reordered keys, sorted lists or changed their style.

A comment after a value on its line annotates that value (in `[a,  # why` it is `a`; after a
flow list's `]`, the whole list). A comment on a line of its own annotates what follows it,
unless it is indented deeper than that: then it closes what came before it (a note under the
last item of a list). Comments above the first key stay at the top, those after the last value
at the end. Slots are found with the reader's own composer and scanner, so a `#` inside quotes
or a block of text is never taken for a comment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import yaml

from sitegen.document import Lines, Loader

Path = tuple[str | int, ...]

_BREAKS = "\n\r\x85\u2028\u2029"
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*[ \t]+(#[^\n\r\x85\u2028\u2029]*)")


@dataclass(frozen=True)
class Comment:
    index: int  # of the '#'
    text: str  # from the '#', without trailing spaces
    own_line: bool  # nothing but spaces before it on its line


@dataclass(frozen=True)
class Slot:
    """A key of a mapping or an item of a list, and where it and its value are written."""

    path: Path
    start: int  # index of the key, or of the item's value
    end: int  # index just after the value
    block: bool  # the value is a block list, block mapping or block of text: its own line is the key's


@dataclass
class Notes:
    """The comments of one slot."""

    above: list[str] = field(default_factory=list)
    eol: list[tuple[str, int]] = field(default_factory=list)  # text, column it was written at
    below: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.above or self.eol or self.below)


@dataclass
class Attached:
    head: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    slots: dict[Path, Notes] = field(default_factory=lambda: defaultdict(Notes))


def comments(text: str) -> list[Comment]:
    """Every comment in `text` (which the reader accepted), in order."""
    if "#" not in text:
        return []
    found: list[Comment] = []
    previous_end = 0
    for token in yaml.scan(text, Loader=Loader):
        start, end = token.start_mark.index, token.end_mark.index
        if start > previous_end:
            found += _in_gap(text, previous_end, start)
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = _BLOCK_HEADER.match(text, start)
            if header:
                found.append(Comment(header.start(1), header.group(1).rstrip(), False))
        previous_end = max(previous_end, end)
    if previous_end < len(text):
        found += _in_gap(text, previous_end, len(text))
    return found


def _in_gap(text: str, start: int, end: int) -> list[Comment]:
    """Comments between two tokens: there, every '#' begins one, which runs to the line's end."""
    found = []
    at = text.find("#", start, end)
    while at >= 0:
        stop = at
        while stop < end and text[stop] not in _BREAKS:
            stop += 1
        line_start = max(text.rfind(b, 0, at) for b in _BREAKS) + 1
        found.append(Comment(at, text[at:stop].rstrip(), not text[line_start:at].strip()))
        at = text.find("#", stop, end)
    return found


def slots(root: yaml.Node | None) -> list[Slot]:
    """Every key and list item under `root`, in the order they are written."""
    out: list[Slot] = []

    def walk(node: yaml.Node, path: Path) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = path + (key.value,)
                out.append(Slot(here, key.start_mark.index, value.end_mark.index, _is_block(value)))
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                here = path + (i,)
                out.append(Slot(here, item.start_mark.index, item.end_mark.index, _is_block(item)))
                walk(item, here)

    if root is not None:
        walk(root, ())
    return sorted(out, key=lambda s: (s.start, len(s.path)))


def _is_block(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.style in ("|", ">")
    return not node.flow_style


def attach(text: str) -> Attached:
    """The comments of `text`, each attached to the slot it annotates."""
    found = comments(text)
    attached = Attached()
    if not found:
        return attached
    lines = Lines(text)
    written = slots(yaml.compose(text, Loader=Loader))
    if not written:
        attached.head = [c.text for c in found]
        return attached
    for comment in found:
        line, column = lines.position(_mark(comment.index))
        if not comment.own_line:
            slot = _annotated(written, lines, line, comment.index)
            if slot is not None:
                attached.slots[slot.path].eol.append((comment.text, column - 1))
                continue
        following = next((s for s in written if s.start > comment.index), None)
        before = [s for s in written if s.end <= comment.index]
        if following is None:
            attached.tail.append(comment.text)
        elif not before:
            attached.head.append(comment.text)
        elif column > lines.position(_mark(following.start))[1] and not _on_line_of(following, lines, line):
            closing = max(before, key=lambda s: (s.end, len(s.path)))
            attached.slots[closing.path].below.append(comment.text)
        else:
            attached.slots[following.path].above.append(comment.text)
    return attached


def _annotated(written: list[Slot], lines: Lines, line: int, index: int) -> Slot | None:
    """The slot an end-of-line comment on `line` annotates: the value that ends last before it,
    the outermost on a tie; else the outermost slot that starts on that line."""
    # A block value's end is where the next line starts: only values written on a line end on it.
    ending = [s for s in written if not s.block and s.end <= index and lines.position(_mark(s.end))[0] == line]
    if ending:
        return max(ending, key=lambda s: (s.end, -len(s.path)))
    starting = [s for s in written if lines.position(_mark(s.start))[0] == line]
    return min(starting, key=lambda s: (len(s.path), s.start)) if starting else None


def _on_line_of(slot: Slot, lines: Lines, line: int) -> bool:
    return lines.position(_mark(slot.start))[0] == line


def _mark(index: int) -> yaml.Mark:
    return yaml.Mark("", index, 0, 0, None, None)


# --- moving the notes to where the values are in the new text --------------------------------


def remap(attached: Attached, old: Any, new: Any) -> Attached:
    """The same notes, their list positions moved to where each item now is in `new`.

    Items of lists of plain values are followed by value (a sorted list keeps each comment with
    its label; a repeated label that normalization dropped gives its notes to the one kept);
    items whose value changed keep their position. Notes of an item that is gone go to the last
    item of its list, or to the list itself.
    """
    moved = Attached(list(attached.head), list(attached.tail))
    for path, notes in attached.slots.items():
        target = _new_path(path, old, new)
        into = moved.slots[target]
        into.above += notes.above
        into.eol += notes.eol
        into.below += notes.below
    return moved


def _new_path(path: Path, old: Any, new: Any) -> Path:
    out: Path = ()
    for part in path:
        if isinstance(part, int):
            if not isinstance(old, list) or not isinstance(new, list):
                return out
            index = item_map(old, new).get(part)
            if index is None:
                return out + (len(new) - 1,) if new else out
            old, new = old[part], new[index]
            out += (index,)
        else:
            if not isinstance(new, dict) or part not in new:
                return out
            old = old.get(part) if isinstance(old, dict) else None
            new = new[part]
            out += (part,)
    return out


def item_map(old: list[Any], new: list[Any]) -> dict[int, int]:
    """Old index -> new index of each list item that is still there."""
    plain = all(not isinstance(v, (dict, list)) for v in [*old, *new])
    if not plain:
        return {i: i for i in range(min(len(old), len(new)))}
    mapping: dict[int, int] = {}
    free = list(range(len(new)))
    for i, value in enumerate(old):
        match = next((j for j in free if new[j] == value), None)
        if match is not None:
            mapping[i] = match
            free.remove(match)
    for i in range(len(old)):
        if i not in mapping and i in free:
            mapping[i] = i
            free.remove(i)
    for i, value in enumerate(old):  # a repeated label dropped: its notes go to the one kept
        if i not in mapping:
            kept = next((j for j, v in enumerate(new) if v == value), None)
            if kept is not None:
                mapping[i] = kept
    return mapping


# --- writing them into the new text -----------------------------------------------------------


def insert(text: str, attached: Attached) -> str:
    """`text` (written without comments) with the notes written beside their slots."""
    if not (attached.head or attached.tail or any(attached.slots.values())):
        return text
    lines = Lines(text)
    rows = text.split("\n")
    trailing_newline = rows and rows[-1] == ""
    if trailing_newline:
        rows.pop()
    before: dict[int, list[str]] = defaultdict(list)
    after: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[tuple[str, int]]] = defaultdict(list)
    by_path = {slot.path: slot for slot in slots(yaml.compose(text, Loader=Loader))}
    for path, notes in attached.slots.items():
        slot = by_path.get(path)
        if slot is None:  # only the root: a record with nothing in it
            before[0] += notes.above + [t for t, _ in notes.eol] + notes.below
            continue
        first, column = lines.position(_mark(slot.start))
        first -= 1
        indent = column - 1
        if isinstance(path[-1], int) and rows[first][:indent].rstrip(" ").endswith("-"):
            indent = len(rows[first][:indent].rstrip(" ")) - 1  # at the dash of a block list item
        last = lines.position(_mark(slot.end))[0] - 1
        if slot.end > 0 and lines.position(_mark(slot.end))[1] == 1:
            last -= 1  # the value ends where the next line starts
        before[first] += [" " * indent + t for t in notes.above]
        ends[first if slot.block else last] += notes.eol
        after[last] += [" " * indent + t for t in notes.below]
    out: list[str] = list(attached.head)
    for n, row in enumerate(rows):
        out += before.get(n, [])
        for comment, column in ends.get(n, []):
            row += " " * max(column - len(row), 2) + comment
        out.append(row)
        out += after.get(n, [])
    out += attached.tail
    return "\n".join(out) + ("\n" if trailing_newline else "")


def has_item_notes(attached: Attached) -> set[Path]:
    """Paths of the lists some of whose items carry notes: they are written one item per line."""
    return {path[:-1] for path, notes in attached.slots.items() if path and isinstance(path[-1], int) and notes}
