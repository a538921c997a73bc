"""Find unbalanced braces in a .bib file, and say which brace is wrong.

bibtex (and bibtexparser) end a field value, or a whole entry, at the first brace that balances
the one that opened it. An extra `}` in a title therefore ends the entry early, and the fields
after it are silently dropped ("has no author"); a missing `}` swallows the entries that follow.
This scan follows the braces of every `@type{...}` entry as bibtex counts them (every brace
counts, even after a backslash) and reports, per entry, the brace where the structure breaks:

- a `}` that closes a field's value while more of the value follows it,
- a `}` that closes the entry while more fields follow it,
- a `{` that opens a value and is never closed, so that the fields after it are read as part
  of that value (a line `name = ...` inside a value), or the next entry starts (or the file ends)
  inside it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ENTRY = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*\{")
_SPECIAL = re.compile(r'[{}"=@]')
_MORE_FIELDS = re.compile(r"^[ \t]*,?[ \t]*[A-Za-z][\w\-:.]*[ \t]*=", re.MULTILINE)
_NEXT_ENTRY = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


@dataclass(frozen=True)
class BraceProblem:
    entry_line: int  # where the entry starts (1-based), as the parser reports the entry
    line: int  # the brace
    column: int
    message: str


class _Lines:
    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def brace_problems(text: str) -> list[BraceProblem]:
    """The first brace problem of each entry of `text` that has one."""
    lines = _Lines(text)
    problems: list[BraceProblem] = []
    position = 0
    while True:
        entry = _ENTRY.search(text, position)
        if entry is None:
            return problems
        problem, position = _scan_entry(text, entry, lines)
        if problem is not None:
            problems.append(problem)


def _scan_entry(text: str, entry: re.Match[str], lines: _Lines) -> tuple[BraceProblem | None, int]:
    """Follow one entry's braces; the problem found, and where the next entry may start."""
    entry_line = lines.at(entry.start())[0]
    kind = entry.group(1).lower()
    opened = [entry.end() - 1]  # positions of the braces still open
    quote_depth = 0  # the depth a quoted value started at, or 0
    field = ""
    segment = entry.end()  # where the text since the last '=' or ',' began, to find field names
    index = entry.end()

    def problem(at: int, message: str) -> BraceProblem:
        line, column = lines.at(at)
        return BraceProblem(entry_line, line, column, "unbalanced braces: " + message.replace("@col", f"at column {column}"))

    for special in _SPECIAL.finditer(text, entry.end()):
        index, char = special.start(), special.group()
        depth = len(opened)
        if char == "@":
            if _NEXT_ENTRY.match(text, text.rfind("\n", 0, index) + 1) and not text[text.rfind("\n", 0, index) + 1:index].strip():
                return problem(opened[-1], _unclosed(opened, field, kind, entry, text)), index
            continue
        if char == "=" and depth == 1 and not quote_depth:
            name = re.search(r"([^\s,={}\"]+)\s*$", text[segment:index])
            field = name.group(1).lower() if name else ""
            segment = index + 1
        elif char == "=" and depth >= 2 and field:
            swallowed = re.fullmatch(r"[ \t]*,?[ \t]*([A-Za-z][\w\-]*)[ \t]*", text[text.rfind("\n", 0, index) + 1:index])
            if swallowed and re.match(r"[ \t]*[{\"0-9]", text[index + 1:]):  # name = {..., name = "..., name = 2020
                line = lines.at(index)[0]
                return problem(opened[1], f"the '{{' @col opens the value of field '{field}' and is never closed, so field "
                                          f"'{swallowed.group(1).lower()}' on line {line} is read as part of that value; "
                                          "add the '}' it needs"), index
        elif char == '"' and depth == 1 and not quote_depth:
            quote_depth = 1
        elif char == '"' and quote_depth == depth:
            quote_depth = 0
        elif char == "{":
            opened.append(index)
        elif char == "}":
            opened.pop()
            if len(opened) == 1 and not quote_depth:
                after = text[index + 1:index + 200].lstrip()
                if after and after[0] not in ",}#@":  # '@': the next entry, so this entry is not closed
                    return problem(index, f"the '}}' @col closes the value of field '{field}' before the value ends; "
                                          "remove it, or add the '{' it should close"), index + 1
                segment = index + 1
            elif not opened:
                following = _NEXT_ENTRY.search(text, index + 1)
                gap = text[index + 1:following.start() if following else len(text)]
                if _MORE_FIELDS.search(gap):
                    return problem(index, f"the '}}' @col closes entry '{_key(entry, text)}', but more of its fields follow; "
                                          "remove it, or add the '{' it should close"), index + 1
                return None, index + 1
    return problem(opened[-1], _unclosed(opened, field, kind, entry, text)), len(text)


def _unclosed(opened: list[int], field: str, kind: str, entry: re.Match[str], text: str) -> str:
    if len(opened) >= 2 and field:
        return f"the '{{' @col in the value of field '{field}' is never closed; add the '}}' it needs"
    return f"entry '{_key(entry, text)}' (@{kind}) is never closed: its '{{' @col has no '}}'; add it"


def _key(entry: re.Match[str], text: str) -> str:
    key = re.match(r"\s*([^,\s}]*)", text[entry.end():])
    return key.group(1) if key else ""
