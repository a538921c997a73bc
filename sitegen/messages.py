"""Turn pydantic's validation errors into `path:line:col:` problems a contributor can act on."""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from sitegen.document import Document, Loc
from sitegen.errors import MAX_PROBLEMS_PER_FILE, Problem, cap_per_file

if TYPE_CHECKING:
    from sitegen.taxonomy import Taxonomy


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if any is close enough to be a likely typo."""
    found = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=65)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = suggest(word, choices)
    return f"; did you mean '{best}'?" if best else ""


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "score_type": "a number",
}


def field_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def problems_from(
    exc: ValidationError, doc: Document, model: type[BaseModel], taxonomy: "Taxonomy | None" = None
) -> list[Problem]:
    problems = []
    errors = exc.errors(include_url=False)
    for error in errors[:MAX_PROBLEMS_PER_FILE]:  # the rest are only counted, by cap_per_file
        loc: Loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        at_key = kind == "extra_forbidden"
        where = loc[:-1] if kind == "missing" else loc
        message = _message(kind, loc, value, error, model, taxonomy)
        if kind == "format_character":  # point at the character itself, where it is written as one
            line, column = doc.find_in_value(where, error["ctx"]["char"])
            problems.append(Problem(doc.path, line, column, message))
            continue
        problems.append(doc.problem(where, message, key=at_key))
    return cap_per_file(problems, {doc.path: len(errors) - len(problems)})


def _message(kind: str, loc: Loc, value: Any, error: Any, model: type[BaseModel], taxonomy: "Taxonomy | None") -> str:
    name = str(loc[-1]) if loc else ""
    parent = field_path(loc[:-1])
    inside = f" in {parent}" if parent else ""
    if kind == "missing":
        return f"missing required field '{name}'{inside}"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        if loc[0] == "taxonomy" and len(loc) == 2:
            return f"unknown taxonomy axis '{name}'{did_you_mean(name, allowed)}"
        return f"unknown field '{name}'{inside}{did_you_mean(name, allowed)}"
    path = field_path(loc)
    if kind == "literal_error":
        return _literal_message(loc, value, error, taxonomy)
    if kind == "unknown_venue" and taxonomy is not None:
        return f"unknown venue '{value}'{_venue_hint(str(value), taxonomy)}"
    if kind in _EXPECTED:
        return f"{path}: expected {_EXPECTED[kind]}, got {describe(value)}"
    if kind == "too_short":
        return f"{path}: must not be empty"
    if kind == "too_long":
        return f"{path}: {error['ctx']['actual_length']:,} items; the limit is {error['ctx']['max_length']:,}"
    if kind == "string_too_long" and isinstance(value, str):
        return f"{path}: {len(value):,} characters; the limit is {error['ctx']['max_length']:,}"
    if kind == "string_pattern_mismatch" and loc[0] in ("id", "aliases", "distinct_from"):
        return f"{path}: '{value}' is not a record id (lowercase familyYEARword, e.g. hinton2015distilling)"
    if kind == "value_error":
        return f"{path}: {error['ctx']['error']}" if "ctx" in error else f"{path}: {error['msg']}"
    return f"{path}: {error['msg']}"


def _literal_message(loc: Loc, value: Any, error: Any, taxonomy: "Taxonomy | None") -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{field_path(loc)}: expected text, got the number {value}; write it in quotes: '{value}'"
    shown = value if isinstance(value, str) else describe(value)
    if taxonomy is not None and loc[0] == "taxonomy" and len(loc) == 3:
        axis = str(loc[1])
        if isinstance(value, str) and value in taxonomy.nodes:
            other = taxonomy.nodes[value].axis
            return f"'{value}' is a {other} id, not a {axis} id; list it under taxonomy.{other}"
        hint = did_you_mean(value, taxonomy.axis_node_ids(axis)) if isinstance(value, str) else ""
        return f"unknown {axis} id '{shown}'{hint}"
    if taxonomy is not None and loc[0] == "survey":
        hint = did_you_mean(value, taxonomy.sections) if isinstance(value, str) else ""
        return f"unknown survey section '{shown}'{hint}"
    expected = [e.strip(" '") for e in error.get("ctx", {}).get("expected", "").replace(" or ", ", ").split(",")]
    hint = did_you_mean(value, expected) if isinstance(value, str) else ""
    return f"{field_path(loc)}: '{shown}' is not one of {', '.join(expected)}{hint}"


def _venue_hint(value: str, taxonomy: "Taxonomy") -> str:
    from sitegen.taxonomy import alias_key

    best = suggest(alias_key(value), list(taxonomy.venue_keys))
    if best:
        return f"; did you mean '{taxonomy.venue_keys[best]}'?"
    return " (add it to venues.yaml if it is a new venue)"


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names allowed at `loc` inside `model` (for typo suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _model_in(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The BaseModel class inside Optional[...] / list[...] annotations, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
