"""Write records as canonical YAML: fixed key order, one quoting style, comments kept.

The canonical text is made from the record's values alone, then the comments of the file it
replaces are written back beside the values they annotate (sitegen.comments), wherever
normalization moved those values. What is written is read back by `check` as the same values:
the reader follows YAML 1.1, where a plain `ON` is true and `1:20` is 80, so every string that
the reader would take for something else is quoted, and text that YAML would fold or break
(line and paragraph separators, next-line) is written in double quotes with escapes.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from sitegen import comments
from sitegen.document import parse_yaml, plain_tag
from sitegen.model import Paper

SCHEMA_LINE = "yaml-language-server: $schema=../schema/paper.schema.json"
FLOW_LISTS = {("survey",), ("aliases",), ("distinct_from",), ("sources", "seed")}  # plus every taxonomy axis

_STR = "tag:yaml.org,2002:str"
_BREAKS_YAML_FOLDS = frozenset("\r\x85\u2028\u2029\ufeff")


class _Representer(RoundTripRepresenter):
    """Floats as YAML 1.1 reads them back: always with a point ('1.0e+300', not '1e+300', which
    a YAML 1.1 reader takes for text). Only corrections can hold a float."""

    def represent_float(self, data: float) -> Any:
        text = repr(data).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return self.represent_scalar("tag:yaml.org,2002:float", text)


_Representer.add_representer(float, _Representer.represent_float)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def render(paper: Paper) -> str:
    """A new record file for `paper`."""
    return reformat(None, paper)


def reformat(text: str | None, paper: Paper) -> str:
    """`text` (a record that validated as `paper`) in canonical form; comments are kept."""
    old = parse_yaml(text.encode("utf-8"), "<fmt>").data if text else {}
    old = old if isinstance(old, dict) else {}
    values = paper.model_dump(mode="json")
    # The keys the file has, and any the record sets that the file lacks (a new record, an edit).
    present = set(old) | set(paper.model_dump(exclude_defaults=True))
    new = {key: value for key, value in values.items() if key in present}
    notes = comments.remap(comments.attach(text), old, new) if text else comments.Attached()
    tree = _canonical(old, new, (), comments.has_item_notes(notes), top=True)
    out = io.StringIO()
    _yaml().dump(tree, out)
    result = comments.insert(out.getvalue(), notes)
    if SCHEMA_LINE not in result.split("\n", 1)[0]:
        result = f"# {SCHEMA_LINE}\n{result}"
    return result


def _canonical(old: Any, new: Any, path: tuple, one_per_line: set, top: bool = False) -> Any:
    """`new` as the tree ruamel writes: keys in the model's order, a nested key kept where the
    file had it or the record sets it, lists in their canonical style, strings quoted as needed."""
    if isinstance(new, dict):
        node = CommentedMap()
        had = old if isinstance(old, dict) else {}
        # What a correction says a source had, or has now, can be any value, an empty one too.
        free = len(path) >= 3 and path[0] == "corrections" and path[2] in ("was", "now")
        said = len(path) == 2 and path[0] == "corrections"
        for key, value in new.items():
            if top or free or key in had or _is_set(value) or (said and key in ("was", "now") and value is not None):
                node[_scalar(key) if isinstance(key, str) else key] = _canonical(had.get(key), value, path + (key,), one_per_line)
        return node
    if isinstance(new, list):
        had = old if isinstance(old, list) else []
        node = CommentedSeq(_canonical(had[i] if i < len(had) else None, v, path + (i,), one_per_line) for i, v in enumerate(new))
        # Labels are flow lists wherever they are: the record's own, and those a result's source gives.
        # So are the fields a checked page was compared on.
        flow = (path in FLOW_LISTS or (path and path[0] == "taxonomy") or path[-2:-1] == ("taxonomy",)
                or (len(path) == 3 and path[0] == "checked" and path[2] == "compared")) and path not in one_per_line
        if flow or not new:  # block style cannot write an empty list
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        return node
    if isinstance(new, str):
        return _scalar(new)
    return new


def _scalar(text: str) -> str:
    """A string in the style that makes the reader give back exactly `text`."""
    if _BREAKS_YAML_FOLDS & set(text) or (text and not text.isprintable() and _unprintable(text)):
        return DoubleQuotedScalarString(text)
    if "\n" in text:
        return LiteralScalarString(text)
    if plain_tag(text) != _STR:
        return SingleQuotedScalarString(text)
    return text


def _unprintable(text: str) -> bool:
    """Characters that a plain or single-quoted scalar cannot hold (YAML escapes them)."""
    return any(not (c.isprintable() or c in "\t\n ") and c not in "\u00a0" for c in text)


def _is_set(value: Any) -> bool:
    if isinstance(value, dict):  # a mapping of empty values (a result's source labels) is not written
        return any(_is_set(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    # Compared by identity: a score of 0 or 0.0 equals False, and must still be written.
    return value is not None and value is not False
