"""Write records as canonical YAML: fixed key order, one quoting style, comments kept.

A record is rewritten in place through ruamel.yaml's round-trip tree, so comments stay with
the keys and items they were written beside. Values are replaced by their normalized form only
where they differ, keys are put in the order of the Paper model, and the editor-schema line is
added at the top when it is missing.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from sitegen.model import FIELD_NAMES, Paper

SCHEMA_LINE = "yaml-language-server: $schema=../schema/paper.schema.json"
FLOW_LISTS = {("survey",), ("aliases",), ("distinct_from",), ("sources", "seed")}  # plus every taxonomy axis


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode; only ever fed text that the safe reader accepted
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def render(paper: Paper) -> str:
    """A new record file for `paper`."""
    return reformat(None, paper)


def reformat(text: str | None, paper: Paper) -> str:
    """`text` (a record that validated as `paper`) in canonical form; comments are kept."""
    yaml = _yaml()
    tree = yaml.load(text) if text else None
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    # The keys the file has, and any the record sets that the file lacks (a new record, an edit).
    keys = list(tree) + [k for k in paper.model_dump(exclude_defaults=True) if k not in tree]
    values = paper.model_dump(mode="json")
    for key in keys:
        tree[key] = _merge(tree.get(key), values[key], (key,))
    for key in sorted(tree, key=FIELD_NAMES.index):
        tree.move_to_end(key)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    if SCHEMA_LINE not in result.split("\n", 1)[0]:
        result = f"# {SCHEMA_LINE}\n{result}"
    return result


def _merge(old: Any, new: Any, path: tuple[str, ...]) -> Any:
    """`new`, reusing `old`'s containers (and so their comments) where the shape matches."""
    if isinstance(new, dict):
        node = old if isinstance(old, CommentedMap) else CommentedMap()
        for key in list(node):
            if key not in new:
                del node[key]
        for key, value in new.items():
            if key in node or _is_set(value):
                node[key] = _merge(node.get(key), value, path + (key,))
        order = list(new)
        for key in sorted(node, key=order.index):
            node.move_to_end(key)
        return node
    if isinstance(new, list):
        node = _cut(old, len(new)) if isinstance(old, CommentedSeq) else CommentedSeq()
        for i, value in enumerate(new):
            merged = _merge(node[i] if i < len(node) else None, value, path + (str(i),))
            if i < len(node):
                node[i] = merged
            else:
                node.append(merged)
        # Labels are flow lists wherever they are: the record's own, and those a result's source gives.
        if path in FLOW_LISTS or path[0] == "taxonomy" or path[-2:-1] == ("taxonomy",) or not new:  # block style cannot write an empty list
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        return node
    if isinstance(new, str) and "\n" in new:
        return LiteralScalarString(new)
    return new


def _cut(seq: CommentedSeq, length: int) -> CommentedSeq:
    """`seq` cut to `length` items (normalization drops repeated labels); the comments written
    after the items cut off go to the last item kept, so that none is lost."""
    moved = [seq.ca.items.pop(i)[0] for i in sorted(seq.ca.items) if i >= length]
    del seq[length:]
    moved = [token for token in moved if token is not None]
    if moved and length:
        slot = seq.ca.items.setdefault(length - 1, [None, None, None, None])
        if slot[0] is None:
            slot[0] = moved.pop(0)
        for token in moved:
            slot[0].value = slot[0].value.rstrip("\n") + "\n" + token.value.lstrip("\n")
    return seq


def _is_set(value: Any) -> bool:
    if isinstance(value, dict):  # a mapping of empty values (a result's source labels) is not written
        return any(_is_set(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    # Compared by identity: a score of 0 or 0.0 equals False, and must still be written.
    return value is not None and value is not False
