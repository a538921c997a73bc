"""What the collection-wide checks need of a record, read cheaply.

Duplicate ids, aliases and probable duplicates involve every record, but `check --changed`
validates only the records a branch touches. For the others a `Fingerprint` is enough: id,
aliases, the duplicate-detection keys, and where the record is. `scan` reads one from a record
written in the canonical form `fmt` produces (as every record on main is) with a few line
patterns instead of a YAML parse; a file it cannot read that way is parsed in full instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.document import read_regular_file
from sitegen.errors import DataError, Problem
from sitegen.identifiers import parse_arxiv
from sitegen.model import Paper


@dataclass(frozen=True)
class Fingerprint:
    """A record's identity and duplicate keys; shaped like the `Paper` fields it stands for."""

    id: str
    path: str
    line: int  # of the id
    title: str
    authors: tuple[str, ...]
    year: int
    arxiv: str | None = None
    doi: str | None = None
    aliases: tuple[str, ...] = ()
    distinct_from: tuple[str, ...] = ()
    alt_titles: tuple[str, ...] = ()

    @classmethod
    def of(cls, paper: Paper) -> "Fingerprint":
        line = paper.document.locate(("id",))[0] if paper.document else 1
        path = paper.document.path if paper.document else f"papers/{paper.id}.yaml"
        return cls(paper.id, path, line, paper.title, tuple(paper.authors), paper.year, paper.arxiv, paper.doi,
                   tuple(paper.aliases), tuple(paper.distinct_from), tuple(paper.alt_titles))

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def problem(self, loc: tuple, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, 1, message, severity)  # type: ignore[arg-type]


_TOP_KEY = re.compile(r"^(id|title|year|arxiv|doi|aliases|distinct_from|authors|alt_titles):[ ]?(.*)$", re.MULTILINE)
_COMMENT = re.compile(r"\s+#.*$")
_ITEM_VALUES = re.compile(r"\n[ ]*- ([^\n]*)")
_SIMPLE = re.compile(r"[^\s'\"\[\]{}&*!|>%@`#,](?:[^\s#]| (?=[^\s#]))*")
_ITEMS = re.compile(r"(?:\n[ ]*- [^\n]*)*")
_AUTHOR_IDS = re.compile(r"^author_ids:", re.MULTILINE)
_PLAIN = re.compile(r"^[^'\"\[\]{}&*!|>%@`#,][^#]*?(?:\s+#.*)?$")


def _scalar(text: str) -> str | None:
    """The value of a one-line YAML scalar as fmt writes it, or None if it is written otherwise."""
    text = text.strip()
    if text.startswith("'"):
        end = text.rfind("'")
        return text[1:end].replace("''", "'") if end > 0 and text[end + 1:].strip()[:1] in ("", "#") else None
    if text.startswith('"'):  # double-quoted without escapes reads as written; with one, the full reader decides
        end = text.rfind('"')
        inner = text[1:end]
        ok = end > 0 and "\\" not in inner and '"' not in inner and text[end + 1:].strip()[:1] in ("", "#")
        return inner if ok else None
    if not text or not _PLAIN.match(text):
        return None
    return _COMMENT.sub("", text) if "#" in text else text


def _ids(text: str) -> tuple[str, ...] | None:
    match = re.fullmatch(r"\[([a-z0-9, \-]*)\]\s*(#.*)?", text.strip())
    return tuple(i.strip() for i in match.group(1).split(",") if i.strip()) if match else None


def _block_list(text: str, start: int) -> tuple[str, ...] | None:
    """The items of a block list whose key line ends at `start`, as fmt writes them ('  - item')."""
    block = _ITEMS.match(text, start)
    items = _ITEM_VALUES.findall(block.group(0)) if block else []
    for i, item in enumerate(items):
        if not _SIMPLE.fullmatch(item):  # most names and titles: plain, one space between words
            value = _scalar(item)
            if value is None:
                return None
            items[i] = " ".join(value.split())
    return tuple(items)


def scan(text: str, path: str) -> Fingerprint | None:
    """A fingerprint read from canonical record text, or None where the text is not canonical."""
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    ends: dict[str, int] = {}
    for match in _TOP_KEY.finditer(text):
        key = match.group(1)
        if key in values:
            return None
        values[key] = match.group(2)
        lines[key] = text.count("\n", 0, match.start()) + 1
        ends[key] = match.end()
    if not {"id", "title", "year", "authors"} <= values.keys():
        return None
    if _AUTHOR_IDS.search(text):  # who the authors are takes the full record
        return None
    blocks = {}
    for key in ("authors", "alt_titles"):
        if key in values:
            if values[key].split("#")[0].strip():
                return None  # a flow list: left to the full reader
            blocks[key] = _block_list(text, ends[key])
            if blocks[key] is None:
                return None
    record_id, title, authors = _scalar(values["id"]), _scalar(values["title"]), blocks["authors"]
    year = values["year"].split("#")[0].strip()
    if not (record_id and title and authors and re.fullmatch(r"0|[1-9][0-9]*", year)):  # as the reader: plain decimal only
        return None
    arxiv = doi = None
    if "arxiv" in values:
        raw = _scalar(values["arxiv"])
        arxiv = parse_arxiv(raw) if raw else None
        if arxiv is None:
            return None
    if "doi" in values:
        doi = _scalar(values["doi"])
        if doi is None:
            return None
    lists = {}
    for key in ("aliases", "distinct_from"):
        found = _ids(values[key]) if key in values else ()
        if found is None:
            return None
        lists[key] = found
    return Fingerprint(record_id, path, lines["id"], " ".join(title.split()), authors, int(year), arxiv, doi,
                       lists["aliases"], lists["distinct_from"], blocks.get("alt_titles", ()))


def read(path: Path, shown: str) -> Fingerprint | None:
    try:
        return scan(read_regular_file(path, shown).decode("utf-8"), shown)
    except (DataError, UnicodeDecodeError):
        return None  # read in full instead, which reports what is wrong
