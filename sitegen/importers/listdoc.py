"""The structure of a paper list, as a Markdown parser reads it: entries with their section path.

markdown-it-py (the CommonMark parser for Python) gives the blocks: headings, list items,
paragraphs, table rows under their header, code fences, HTML blocks, and the reference-style
link definitions (`[1.10]: https://...`) used anywhere in the file. This module turns them into
`Entry`s, each one candidate for a paper, with its first and last line, the headings above it
(`Different forms of knowledge > Self-KD`) and its Markdown text. What an entry says (title,
authors, year, ...) is the business of `recognise`.

Two habits of real lists are handled here rather than by the parser:
- references written one after another without a blank line are, to CommonMark, one paragraph;
  a line that starts a new numbered item or a new reference (`Hinton, G., ... (2015). ...`)
  after a complete one starts a new entry (the seed list is written that way);
- an entry may spread over nested list items (the title on one, authors, venue and links on the
  items below it): items that carry only such details are joined to the entry above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from sitegen.importers.references import find_year

Kind = Literal["item", "paragraph", "row", "fence", "html", "heading-row"]

# Limits against hostile input: a list is a few thousand entries of a few lines each.
MAX_ENTRY_CHARS = 5_000
MAX_DEPTH = 12

_NUMBERED_LINE = re.compile(r"^\s*(?:\d+\.\s*|[-*+]\s+)(?=\S)")
_AUTHOR_START = re.compile(r"^(?:\d+\.\s+)?[A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)*,\s?[A-Z]")


@dataclass
class Entry:
    """One candidate for a paper: lines `line`..`end` (from 1) of the list."""

    line: int
    end: int
    text: str  # the source lines joined (list markers kept), as the seed forms are matched
    section: tuple[str, ...] = ()
    kind: Kind = "item"
    markdown: str = ""  # the Markdown of the entry without list markers, for the inline parser
    cells: dict[str, str] | None = None  # a table row: header name -> cell Markdown
    info: str = ""  # a code fence's info string

    def __post_init__(self) -> None:
        if not self.markdown:
            self.markdown = re.sub(r"^\s*(?:\d+\.|[-*+])\s*", "", self.text)

    @property
    def lines(self) -> int:
        return self.end - self.line + 1

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)


@dataclass
class ListDocument:
    entries: list[Entry]
    env: dict[str, Any] = field(default_factory=dict)  # markdown-it's environment: reference definitions
    parser: MarkdownIt | None = None

    def inline(self, markdown: str) -> list[Token]:
        """The inline tokens of `markdown`, with the file's reference-style links resolved."""
        assert self.parser is not None
        tokens = self.parser.parseInline(markdown[:MAX_ENTRY_CHARS], self.env)
        return tokens[0].children or [] if tokens else []


def markdown_parser() -> MarkdownIt:
    # CommonMark plus GitHub's tables; raw HTML stays inert text in tokens we never render.
    return MarkdownIt("commonmark", {"maxNesting": MAX_DEPTH * 2 + 8}).enable("table")


def read_structure(text: str) -> ListDocument:
    """The entries of a Markdown list, in file order."""
    parser = markdown_parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    lines = text.splitlines()
    walker = _Walker(lines)
    walker.walk(tokens)
    return ListDocument(walker.entries, env, parser)


class _Walker:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.entries: list[Entry] = []
        self.headings: list[tuple[int, str]] = []  # (level, text)
        self.items: list[Entry | None] = []  # the entry of each open list item, innermost last
        self.item_starts: list[int] = []
        self.header: list[str] = []
        self.row: list[str] = []
        self.in_head = False

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.headings)

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1:])
                title = _plain_heading(tokens[i + 1].content)
                while self.headings and self.headings[-1][0] >= level:
                    self.headings.pop()
                self.headings.append((level, title))
                i += 3
                continue
            if kind == "list_item_open" and tokens[i + 1].type == "list_item_close" and token.map:
                self._empty_item(token.map[0])
                i += 2
                continue
            if kind == "list_item_open":
                self.items.append(None)
                self.item_starts.append(token.map[0] if token.map else 0)
            elif kind == "list_item_close":
                self.items.pop()
                self.item_starts.pop()
            elif kind == "paragraph_open" and token.map:
                self._paragraph(token.map, tokens[i + 1])
                i += 3
                continue
            elif kind == "thead_open":
                self.in_head, self.header = True, []
            elif kind == "thead_close":
                self.in_head = False
            elif kind == "tr_open":
                self.row = []
                self.row_map = token.map
            elif kind in ("th_open", "td_open"):
                self.row.append(tokens[i + 1].content)
            elif kind == "tr_close":
                self._row()
            elif kind in ("fence", "code_block", "html_block") and token.map:
                start, end = token.map
                self.entries.append(Entry(
                    start + 1, max(start + 1, end), token.content.strip(), self.section,
                    "fence" if kind != "html_block" else "html", markdown=token.content, info=token.info.strip(),
                ))
            i += 1

    def _row(self) -> None:
        if self.in_head:
            self.header = [" ".join(cell.replace("*", "").split()) for cell in self.row]
            return
        start = self.row_map[0] if self.row_map else 0
        names = self.header or [f"column {n + 1}" for n in range(len(self.row))]
        cells = {names[n] if n < len(names) else f"column {n + 1}": cell for n, cell in enumerate(self.row)}
        raw = self.lines[start] if start < len(self.lines) else " | ".join(self.row)
        self.entries.append(Entry(start + 1, start + 1, raw.strip(), self.section, "row", markdown=" ".join(self.row), cells=cells))

    def _paragraph(self, where: list[int], inline: Token) -> None:
        start, end = where
        content = inline.content.split("\n")
        raw = self.lines[start:end]
        if len(raw) != len(content):  # a paragraph that the parser sees otherwise: keep it whole
            raw = content
        in_item = bool(self.items)
        first_of_item = in_item and self.items[-1] is None and start == self.item_starts[-1]
        groups = _split_paragraph(raw, content)
        for k, (offset, count) in enumerate(groups):
            text = _join([line for line in raw[offset:offset + count]])
            markdown = _join(content[offset:offset + count])
            if k > 0 or not first_of_item:
                markdown = re.sub(r"^\s*(?:\d+\.\s*|[-*+]\s+)", "", markdown) if _NUMBERED_LINE.match(markdown) else markdown
            entry = Entry(start + offset + 1, start + offset + count, text, self.section,
                          "item" if in_item else "paragraph", markdown=markdown)
            parent = self._parent_entry()
            if k == 0 and in_item and self.items[-1] is not None:
                # a further paragraph of the same list item (a loose list) continues its entry
                self._extend(self.items[-1], entry)
                continue
            if k == 0 and first_of_item and parent is not None and is_detail(markdown):
                self._extend(parent, entry)
                self.items[-1] = parent
                continue
            self.entries.append(entry)
            if k == 0 and in_item:
                self.items[-1] = entry

    def _empty_item(self, start: int) -> None:
        """A bare '5362.' line: to CommonMark an empty list item, to the list the end of a page range."""
        line = self.lines[start] if start < len(self.lines) else ""
        last = self.entries[-1] if self.entries else None
        if last is not None and last.end == start and last.kind in ("item", "paragraph"):
            last.end = start + 1
            last.text = _join([last.text, line])
            last.markdown = _join([last.markdown, line])
        else:
            self.entries.append(Entry(start + 1, start + 1, line.strip(), self.section, "item"))

    def _parent_entry(self) -> Entry | None:
        return self.items[-2] if len(self.items) >= 2 else None

    @staticmethod
    def _extend(entry: Entry, more: Entry) -> None:
        entry.end = max(entry.end, more.end)
        entry.text = f"{entry.text} {more.text.strip()}"
        detail = re.sub(r"^\s*(?:\d+\.|[-*+])\s*", "", more.markdown)
        entry.markdown = entry.markdown.rstrip(" .") + ". " + detail


def _split_paragraph(raw: list[str], content: list[str]) -> list[tuple[int, int]]:
    """(first line, line count) of each entry in one paragraph."""
    groups: list[tuple[int, int]] = []
    start = 0
    for n in range(1, len(raw)):
        line = raw[n].strip()
        current = _join(raw[start:n])
        opens_item = bool(_NUMBERED_LINE.match(line))
        opens_plain = bool(_AUTHOR_START.match(line)) and _is_complete(current)
        if opens_item or opens_plain:
            groups.append((start, n - start))
            start = n
    groups.append((start, len(raw) - start))
    return groups


def _join(lines: list[str]) -> str:
    out = lines[0].strip() if lines else ""
    for line in lines[1:]:
        line = line.strip()
        # 'Fei-' + 'Fei, L.' is one word broken over two lines.
        out = out + line if re.search(r"[A-Za-z]-$", out) else out + " " + line
    return out


def _is_complete(text: str) -> bool:
    """Whether a plain reference has its year and something after it."""
    year = find_year(text)
    return year is not None and bool(text[year.end():].strip(" ."))


def _plain_heading(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]*>|[*_`]", "", text)
    return " ".join(text.split())[:200]


_LABEL_LINK = re.compile(r"\[\[?[^\]]{0,30}\]?\](?:\([^)\s]*\)|\[[^\]]*\])")
_DETAIL_WORDS = re.compile(r"\b(?:of|for|the|via|with|to|in|on|from|by|using|towards?|and|is|are|a|an)\b")


def is_detail(markdown: str) -> bool:
    """Whether a nested list item only adds details (authors, venue and year, links) to the one above.

    Such items have no title of their own: once their links are set aside, what is left is
    short and holds no lower-case word of the kind titles are made of.
    """
    rest = _LABEL_LINK.sub(" ", markdown)
    rest = re.sub(r"[*_`]", "", rest)
    rest = " ".join(rest.split()).strip(" .,;:-|")
    if not rest:
        return True
    if len(rest) > 300:
        return False
    if re.fullmatch(r"(?:In:?\s*)?[A-Za-z][\w&+\- ]{0,40}?\s*'?(?:19|20)\d\d[a-z]?\.?", rest):
        return True  # 'CVPR 2019'
    words = re.sub(r"\bet\.?\s*al\.?", "", rest)
    lowered = _DETAIL_WORDS.sub("", words.replace(" and ", " , "))
    return bool(re.fullmatch(r"[A-Z][\w.'\- ]*(?:[,&][\s]*[A-Z][\w.'\- ]*)*\s*,?", lowered.strip())) and lowered == words.replace(" and ", " , ")
