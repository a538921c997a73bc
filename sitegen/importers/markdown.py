"""Read an awesome-list style Markdown file of papers into drafts.

Three entry forms are understood, as such lists write them:
  linked      ``12. [Title](link). Authors (Year). Venue.``  (also ``- [Title](link) ...``)
  title only  ``69. [Title](link)``  (the same work is described elsewhere in the list)
  plain       ``Authors (Year). Title. In: Venue.``  (a reference without a link)
An entry may run over several lines. The file is read line by line rather than through a
Markdown parser because such lists break Markdown's own structure: a run of plain references
after a list item is, to CommonMark, one long paragraph of that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sitegen.importers.draft import Draft, sort_link
from sitegen.importers.references import find_year, parse_authors, parse_venue

Form = Literal["linked", "title-only", "plain"]

_LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-*+])\s*(?=\S)")
_LINKED = re.compile(r"^\s*(?:\d+\.|[-*+])\s*\[(?P<title>.+?)\]\((?P<link>[^)\s]+)\)\s*\.?\s*(?P<rest>.*)$")
_AUTHOR_START = re.compile(r"^(?:\d+\.\s+)?[A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)*,\s?[A-Z]")


@dataclass
class Entry:
    line: int  # first line, counting from 1
    end: int  # last line
    text: str

    @property
    def lines(self) -> int:
        return self.end - self.line + 1


@dataclass
class Skipped:
    line: int
    reason: str


def split_entries(text: str) -> tuple[list[Entry], list[Skipped]]:
    """The entries of a list, each with its lines joined, and lines that belong to none."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    current: list[str] = []
    start = 0
    end = 0
    in_list = False

    def flush() -> None:
        nonlocal current
        if current:
            entries.append(Entry(start, end, _join(current)))
        current = []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("!["):
            flush()
            continue
        opens_item = bool(_LIST_ITEM.match(line))
        opens_plain = bool(_AUTHOR_START.match(stripped)) and (not current or _is_complete(_join(current)))
        if opens_item or opens_plain:
            flush()
            current, start, end, in_list = [line], number, number, True
        elif current:
            current.append(line)
            end = number
        elif in_list:
            skipped.append(Skipped(number, "text outside any entry"))
    flush()
    return entries, skipped


def _join(lines: list[str]) -> str:
    out = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        # 'Fei-' + 'Fei, L.' is one word broken over two lines.
        out = out + line if re.search(r"[A-Za-z]-$", out) else out + " " + line
    return out


def _is_complete(text: str) -> bool:
    """Whether a plain reference has its year and something after it."""
    year = find_year(text)
    return year is not None and bool(text[year.end():].strip(" ."))


def form_of(entry: Entry) -> Form:
    match = _LINKED.match(entry.text)
    if match:
        return "linked" if find_year(match.group("rest")) else "title-only"
    return "plain"


def parse_entry(entry: Entry, origin: str, record_lines: bool = False) -> Draft | str:
    """A draft for the entry, or the reason it cannot be read.

    With `record_lines` the entry's line goes to the record's `sources.seed` (for the seed list).
    """
    draft = Draft(origin=f"{origin}:{entry.line}", line=entry.line, seed_lines=[entry.line] if record_lines else [])
    linked = _LINKED.match(entry.text)
    if linked:
        draft.title = _clean_title(linked.group("title"))
        sort_link(draft, linked.group("link"))
        rest = linked.group("rest").strip()
        if not find_year(rest):
            return draft if draft.title else "no title"
        authors_text, year, after = _split_at_year(rest)
        venue_text = after
    else:
        body = re.sub(r"^\d+\.\s*", "", entry.text)
        year_match = find_year(body)
        if year_match is None:
            return "no year in parentheses, e.g. (2019)"
        authors_text, year, after = _split_at_year(body)
        title, venue_text = _split_title_venue(after)
        if not title:
            return "no title after the year"
        draft.title = _clean_title(title)
    draft.year = year
    authors = parse_authors(authors_text)
    if not authors.names:
        return "no authors before the year"
    draft.authors, draft.et_al = authors.names, authors.et_al
    if authors.repairs:
        draft.corrections.append({
            "field": "authors", "was": " ".join(authors_text.split()), "now": authors.names,
            "source": f"{origin} line {entry.line}; importer: " + "; ".join(authors.repairs),
        })
    for name in authors.names:
        if "," not in name:
            draft.doubts.append(f"author '{name}' has no given name in the source")
    _apply_venue(draft, venue_text)
    return draft


def _split_at_year(text: str) -> tuple[str, int, str]:
    match = find_year(text)
    assert match is not None
    after = text[match.end():].strip()
    after = re.sub(r"^[.\s]+", "", after)
    return text[: match.start()].strip(), int(match.group("year")), after


def _split_title_venue(text: str) -> tuple[str, str]:
    """'Title. In: Venue.' or 'Title. arXiv preprint arXiv:x' or 'Title. Journal 7: 1-2.'"""
    text = text.strip()
    inside = re.search(r"\.?\s+In:?\s+(?=[A-Z])", text)
    if inside:
        return text[: inside.start()].strip(" ."), text[inside.end():]
    preprint = re.search(r"\.?\s+arXiv preprint", text, re.IGNORECASE)
    if preprint:
        return text[: preprint.start()].strip(" ."), text[preprint.start():].strip(" .")
    cut = text.rstrip(" .").rfind(". ")
    if cut == -1:
        return text.strip(" ."), ""
    return text[:cut].strip(), text[cut + 2:]


def _apply_venue(draft: Draft, venue_text: str) -> None:
    venue_text = venue_text.strip()
    if draft.title and venue_text.lower().startswith(draft.title.lower()):
        venue_text = venue_text[len(draft.title):].lstrip(" .")  # the title repeated before the venue
    if ". " in venue_text.strip(" ."):
        dropped, venue_text = venue_text.strip(" .").rsplit(". ", 1)
        draft.doubts.append(f"text '{dropped}' before the venue was dropped")
    details = parse_venue(venue_text)
    draft.venue_text = details.name
    draft.volume, draft.number, draft.pages = details.volume, details.number, details.pages
    if details.arxiv:
        draft.arxiv = draft.arxiv or details.arxiv
    if details.doi:
        draft.doi = draft.doi or details.doi


def _clean_title(title: str) -> str:
    return " ".join(title.split()).strip(" .")


@dataclass
class Parsed:
    drafts: list[Draft]
    entries: list[Entry]
    forms: dict[int, Form]
    unreadable: list[Skipped]


def read_markdown(path: Path, record_lines: bool = False) -> Parsed:
    text = path.read_text(encoding="utf-8")
    entries, skipped = split_entries(text)
    drafts, forms = [], {}
    for entry in entries:
        forms[entry.line] = form_of(entry)
        result = parse_entry(entry, path.name, record_lines)
        if isinstance(result, str):
            skipped.append(Skipped(entry.line, result))
        else:
            drafts.append(result)
    return Parsed(drafts, entries, forms, sorted(skipped, key=lambda s: s.line))
